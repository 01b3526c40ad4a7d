"""Splitting HCL text into top-level blocks without a full parse (the text is read by ``parse.source.read_text``).

python-hcl2 is slow (~0.3 MB/s), so a cheap scanner finds each top-level block's type, labels and extent;
only the blocks gluelint needs (Glue resources, variables, locals, modules, providers) are parsed later.
The scanner understands strings, template interpolations, heredocs and comments, so braces inside them do
not confuse it. Whatever it cannot make sense of is a parse error with a line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gluelint.parse.source import SourceError
from gluelint.parse.tree import LineIndex


@dataclass
class RawBlock:
    """One top-level HCL block as located by the scanner (offsets into the file text)."""

    type: str
    labels: list[str]
    start: int
    end: int
    line: int
    column: int


_SPACE = re.compile(r"(?:[ \t\r\n\f]+|#[^\n]*|//[^\n]*|/\*.*?\*/)+", re.S)
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_LABEL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_CODE = re.compile(r'[{}\[\]()"#]|//|/\*|<<-?[ \t]*"?([A-Za-z_][A-Za-z0-9._-]*)"?[ \t]*\r?\n')
_STRING = re.compile(r'["\\\n]|\$\$|%%|\$\{|%\{')
_CLOSE = {"}": "{", "]": "[", ")": "("}


def split_blocks(text: str, max_depth: int = 200) -> list[RawBlock]:
    """Every top-level block of an HCL file, in order. Raises SourceError on malformed structure."""
    where = LineIndex(text)
    blocks: list[RawBlock] = []
    pos, size = 0, len(text)
    while True:
        m = _SPACE.match(text, pos)
        if m:
            pos = m.end()
        if pos >= size:
            return blocks
        if text.startswith("/*", pos):
            raise SourceError("unterminated comment", *where.position(pos))
        start = pos
        m = _IDENT.match(text, pos)
        if m is None:
            raise SourceError(f"unexpected character {text[pos]!r}, expected a block", *where.position(pos))
        block_type, pos = m.group(0), m.end()
        labels: list[str] = []
        while True:
            m = _SPACE.match(text, pos)
            if m:
                pos = m.end()
            label = _LABEL.match(text, pos) or _IDENT.match(text, pos)
            if label is None:
                break
            labels.append(label.group(1) if label.re is _LABEL else label.group(0))
            pos = label.end()
        if pos >= size or text[pos] != "{":
            found = "end of file" if pos >= size else repr(text[pos])
            raise SourceError(f"unexpected {found} in the header of block {block_type!r}, expected '{{'",
                              *where.position(min(pos, max(size - 1, 0))))
        end = _block_end(text, pos, where, max_depth)
        line, column = where.position(start)
        blocks.append(RawBlock(block_type, labels, start, end, line, column))
        pos = end


def _block_end(text: str, pos: int, where: LineIndex, max_depth: int) -> int:
    """Offset just past the ``}`` closing the ``{`` at ``pos``."""
    stack: list[tuple[str, int]] = [("{", pos)]
    pos += 1
    size = len(text)
    while stack:
        top, opened = stack[-1]
        if top == '"':
            m = _STRING.search(text, pos)
            if m is None or m.group(0) == "\n":
                raise SourceError("unterminated string", *where.position(opened))
            token, pos = m.group(0), m.end()
            if token == '"':
                stack.pop()
            elif token == "\\":
                pos += 1
            elif token in ("${", "%{"):
                stack.append(("$", m.start()))
            continue
        m = _CODE.search(text, pos)
        if m is None:
            break
        token, pos = m.group(0), m.end()
        if token in "{[(":
            stack.append((token, m.start()))
            if len(stack) > max_depth:
                raise SourceError(f"nesting deeper than {max_depth} levels", *where.position(m.start()))
        elif token in "}])":
            want = "{" if top == "$" else top
            if _CLOSE[token] != want:
                raise SourceError(f"unexpected {token!r}", *where.position(m.start()))
            stack.pop()
        elif token == '"':
            stack.append(('"', m.start()))
        elif token in ("#", "//"):
            nl = text.find("\n", pos)
            pos = size if nl < 0 else nl
        elif token == "/*":
            close = text.find("*/", pos)
            if close < 0:
                raise SourceError("unterminated comment", *where.position(m.start()))
            pos = close + 2
        elif token.startswith("<<"):
            pos = _heredoc_end(text, pos, m.group(1), where, m.start())
    if stack:
        raise SourceError(f"unexpected end of file: {stack[0][0]!r} opened here is never closed",
                          *where.position(stack[0][1]))
    return pos


def _heredoc_end(text: str, pos: int, marker: str, where: LineIndex, opened: int) -> int:
    closing = re.compile(r"^[ \t]*" + re.escape(marker) + r"[ \t]*\r?$", re.M)
    m = closing.search(text, pos)
    if m is None:
        raise SourceError(f"unterminated heredoc <<{marker}", *where.position(opened))
    return m.end()
