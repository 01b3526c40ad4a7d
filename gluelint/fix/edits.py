"""Fix edits as replacements of exact character ranges of a file's text.

Written by hand: the edits must keep every other byte (comments, quoting, spacing, line endings), which no
HCL, JSON or YAML library that re-serialises a document does. A position is the parser's 1-based line and
column (in characters); the text there must be exactly what the fix expects, or the fix is refused.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass

from gluelint.findings import Edit, EntryDeletion, Fix

_QUOTES = "\"'"


@dataclass(frozen=True)
class Replacement:
    """Characters ``start``..``end`` (0-based offsets) of the text become ``text``."""

    start: int
    end: int
    text: str


class EditRefused(Exception):
    """The file does not hold what a fix expects where it expects it."""


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [m.end() for m in re.finditer("\n", text)]
    return starts


def offset(starts: list[int], text: str, line: int, column: int) -> int:
    if not 1 <= line <= len(starts) or column < 1:
        raise EditRefused(f"line {line} column {column} is outside the file")
    position = starts[line - 1] + column - 1
    if position > len(text):
        raise EditRefused(f"line {line} column {column} is outside the file")
    return position


def position(starts: list[int], offset_: int) -> tuple[int, int]:
    """(1-based line, 1-based column) of a 0-based offset."""
    low, high = 0, len(starts) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if starts[mid] <= offset_:
            low = mid
        else:
            high = mid - 1
    return low + 1, offset_ - starts[low] + 1


def _spellings(old: str, new: str) -> list[tuple[str, str]]:
    """How ``old`` may be written inside a double-quoted string, with ``new`` written the same way: as is, or
    with ``\\uXXXX`` escapes (JSON, HCL and YAML all read them), lower- or upper-case hex."""
    out = [(old, new)]
    escaped = json.dumps(old)[1:-1]
    if escaped != old:
        written_new = json.dumps(new)[1:-1]
        out.append((escaped, written_new))
        upper = re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m.group(1).upper(), escaped)
        if upper != escaped:
            out.append((upper, re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m.group(1).upper(), written_new)))
    return out


def _edit(text: str, starts: list[int], edit: Edit) -> Replacement:
    at = offset(starts, text, edit.at.line, edit.at.column)
    if text.startswith(edit.old, at):
        return Replacement(at, at + len(edit.old), edit.new)
    if at < len(text) and text[at] in _QUOTES:
        spellings = _spellings(edit.old, edit.new) if text[at] == '"' else [(edit.old, edit.new)]
        for old, new in spellings:
            if text.startswith(old, at + 1):
                return Replacement(at + 1, at + 1 + len(old), new)
    raise EditRefused(f"`{edit.old}` is not written at line {edit.at.line} column {edit.at.column}")


def _deletion(text: str, starts: list[int], deletion: EntryDeletion) -> Replacement:
    line = deletion.at.line
    if not 1 <= line <= len(starts):
        raise EditRefused(f"line {line} is outside the file")
    start = starts[line - 1]
    end = starts[line] if line < len(starts) else len(text)
    entry = re.compile(r"[ \t]*(?P<q>[\"']?)" + re.escape(deletion.key) + r"(?P=q)[ \t]*[:=][ \t]*(?P<v>[\"']?)"
                       + re.escape(deletion.value) + r"(?P=v)[ \t]*,?[ \t]*\r?\n?")
    if entry.fullmatch(text, start, end) is None:
        raise EditRefused(f"line {line} holds more than the entry `{deletion.key}`")
    return Replacement(start, end, "")


def replacements(text: str, fix: Fix) -> list[Replacement]:
    """The fix's edits as replacements of ``text``, in file order; EditRefused when any does not fit."""
    starts = line_starts(text)
    found = [_edit(text, starts, e) for e in fix.edits] + [_deletion(text, starts, d) for d in fix.deletions]
    found.sort(key=lambda r: (r.start, r.end))
    for before, after in itertools.pairwise(found):
        if after.start < before.end:
            raise EditRefused("two edits of the fix overlap")
    return found


def apply(text: str, found: list[Replacement]) -> str:
    out: list[str] = []
    last = 0
    for r in found:
        out.append(text[last:r.start])
        out.append(r.text)
        last = r.end
    out.append(text[last:])
    return "".join(out)
