"""A small JSON reader that keeps every value's position and duplicate object keys.

The standard library's json module has no positions; an object-pairs hook keeps duplicates but still no
positions. This reader tokenises with regular expressions (strings are decoded by ``json.loads`` on the
matched token) and builds a tree of ``JNode``s with 1-based line/column spans.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gluelint.parse.source import SourceError
from gluelint.parse.terraform.source import Text

JScalar = str | int | float | bool | None


@dataclass
class JNode:
    """A JSON value: ``kind`` is "object", "array", "scalar" or "skipped" (not read, see ``read_json``)."""

    kind: str
    line: int
    column: int
    end_line: int
    end_column: int
    value: JScalar = None
    items: list[JNode] = field(default_factory=list)
    pairs: list[tuple[str, JNode, JNode]] = field(default_factory=list)  # (key, key node, value node)

    def get(self, key: str) -> JNode | None:
        found = None
        for k, _, v in self.pairs:
            if k == key:
                found = v
        return found


_WS = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_WORDS = {"true": True, "false": False, "null": None}


Keep = Callable[[tuple[str, ...]], bool]


class _Reader:
    def __init__(self, text: str, max_depth: int, keep: Keep | None) -> None:
        self.text = text
        self.where = Text(text)
        self.max_depth = max_depth
        self.keep = keep
        self.decoder = json.JSONDecoder()

    def fail(self, message: str, pos: int) -> SourceError:
        return SourceError(message, *self.where.position(pos))

    def skip(self, pos: int) -> int:
        m = _WS.match(self.text, pos)
        return m.end() if m else pos

    def node(self, kind: str, start: int, end: int, **kw: object) -> JNode:
        line, column = self.where.position(start)
        end_line, end_column = self.where.position(end)
        return JNode(kind, line, column, end_line, end_column, **kw)  # type: ignore[arg-type]

    def skip_value(self, pos: int) -> int | None:
        """End of the (valid) JSON value at ``pos``, skipped at C speed; None to read it the slow way."""
        try:
            _, end = self.decoder.raw_decode(self.text, pos)
        except (ValueError, RecursionError):
            return None
        return int(end)

    def value(self, pos: int, depth: int, path: tuple[str, ...] = ()) -> tuple[JNode, int]:
        text = self.text
        if pos >= len(text):
            raise self.fail("unexpected end of JSON input", max(len(text) - 1, 0))
        ch = text[pos]
        if ch == "{":
            return self.obj(pos, depth + 1, path)
        if ch == "[":
            return self.array(pos, depth + 1, path)
        if ch == '"':
            m = _STRING.match(text, pos)
            if m is None:
                raise self.fail("invalid or unterminated string", pos)
            return self.node("scalar", pos, m.end(), value=json.loads(m.group(0))), m.end()
        m = _NUMBER.match(text, pos)
        if m and m.end() > pos:
            raw = m.group(0)
            try:
                number: int | float | str = float(raw) if m.group(1) or m.group(2) else int(raw)
            except ValueError:  # more digits than int() converts (sys.get_int_max_str_digits): keep the text
                number = raw
            return self.node("scalar", pos, m.end(), value=number), m.end()
        for word, val in _WORDS.items():
            if text.startswith(word, pos):
                return self.node("scalar", pos, pos + len(word), value=val), pos + len(word)
        raise self.fail(f"unexpected character {ch!r}", pos)

    def check_depth(self, depth: int, pos: int) -> None:
        if depth > self.max_depth:
            raise self.fail(f"nesting deeper than {self.max_depth} levels", pos)

    def obj(self, start: int, depth: int, path: tuple[str, ...]) -> tuple[JNode, int]:
        self.check_depth(depth, start)
        text = self.text
        pairs: list[tuple[str, JNode, JNode]] = []
        pos = self.skip(start + 1)
        if text.startswith("}", pos):
            return self.node("object", start, pos + 1), pos + 1
        while True:
            if not text.startswith('"', pos):
                raise self.fail("expected a string key", min(pos, len(text) - 1))
            key, pos = self.value(pos, depth)
            pos = self.skip(pos)
            if not text.startswith(":", pos):
                raise self.fail("expected ':'", min(pos, len(text) - 1))
            pos = self.skip(pos + 1)
            child = (*path, str(key.value))
            end = None if self.keep is None or self.keep(child) else self.skip_value(pos)
            if end is None:
                val, pos = self.value(pos, depth, child)
            else:
                val, pos = self.node("skipped", pos, end), end
            pairs.append((str(key.value), key, val))
            pos = self.skip(pos)
            if text.startswith(",", pos):
                pos = self.skip(pos + 1)
            elif text.startswith("}", pos):
                return self.node("object", start, pos + 1, pairs=pairs), pos + 1
            else:
                raise self.fail("expected ',' or '}'", min(pos, len(text) - 1))

    def array(self, start: int, depth: int, path: tuple[str, ...]) -> tuple[JNode, int]:
        self.check_depth(depth, start)
        text = self.text
        items: list[JNode] = []
        pos = self.skip(start + 1)
        if text.startswith("]", pos):
            return self.node("array", start, pos + 1), pos + 1
        while True:
            item, pos = self.value(pos, depth, path)
            items.append(item)
            pos = self.skip(pos)
            if text.startswith(",", pos):
                pos = self.skip(pos + 1)
            elif text.startswith("]", pos):
                return self.node("array", start, pos + 1, items=items), pos + 1
            else:
                raise self.fail("expected ',' or ']'", min(pos, len(text) - 1))


def read_json(text: str, max_depth: int = 200, keep: Keep | None = None) -> JNode:
    """Parse JSON text into positioned nodes; SourceError (with line/column) when malformed.

    ``keep(path)`` (object keys from the root, arrays not counted) says whether a member is needed; members
    that are not are only validated (at C speed) and become ``"skipped"`` nodes.
    """
    reader = _Reader(text, max_depth, keep)
    pos = reader.skip(0)
    if pos >= len(text):
        raise SourceError("empty JSON document", 1, 1)
    node, pos = reader.value(pos, 0)
    pos = reader.skip(pos)
    if pos < len(text):
        raise reader.fail("unexpected data after the JSON value", pos)
    return node
