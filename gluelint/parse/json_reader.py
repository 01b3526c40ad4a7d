"""The one JSON reader with positions: Terraform JSON (``.tf.json``, ``.tfvars.json``), CloudFormation JSON, plans.

It builds the :class:`~gluelint.parse.tree.Node` tree the YAML reader builds: objects keep every ``(key, value)``
pair in written order (duplicate keys survive: GL301 must see them), and every node carries its 1-based span.

Written by hand because no maintained library does what is needed: the standard library's ``json`` has no
positions (an ``object_pairs_hook`` keeps duplicates, still without positions); orjson, ujson, simdjson and
rapidjson return plain values; ``json-source-map`` (pure Python, last released 2022) maps JSON pointers, so a
repeated key has one position; tree-sitter-json keeps positions but recovers from errors instead of stopping at the
first one with a message, reports byte columns and costs a node object per token in Python. So this reader only
does the walking: strings are decoded by the standard library's C ``scanstring``, a member the caller does not need
(``keep``) is validated and skipped by the standard library's C decoder, and the walk is iterative, so deep nesting
ends in a located error at ``max_depth``, never a ``RecursionError``. A syntax error is a ``TreeError`` at the offset
Python's own ``json`` module reports for it (the offending character; the end of the text for a truncated one).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from gluelint.parse.tree import MAP, SCALAR, SEQ, LineIndex, Node, TreeError

# A member ``keep`` said is not needed: validated, not built (``Node.value`` None, its span the member's text).
SKIPPED = "skipped"

Keep = Callable[[tuple[str, ...]], bool]

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")  # ASCII digits only, as JSON says
_LITERALS = {"true": True, "false": False, "null": None}
_SCANSTRING: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def _not_json(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# ``NaN`` / ``Infinity`` are not JSON: a skipped member holding one is read the slow way, which reports it.
_SKIPPER = json.JSONDecoder(parse_constant=_not_json)


def load_json(text: str, max_depth: int = 200, keep: Keep | None = None) -> Node:
    """Parse a JSON text into a Node tree (duplicate keys kept). Raises TreeError.

    ``keep(path)`` (the object keys from the root, arrays not counted) says whether a member is needed; one that is
    not is only validated (at C speed) and becomes a ``SKIPPED`` node.
    """
    index = LineIndex(text)
    start = _WS.match(text, 0).end()  # type: ignore[union-attr]
    if start >= len(text):
        raise TreeError("empty JSON document", 1, 1)
    try:
        return _Reader(text, index, max_depth, keep).read(start)
    except _Fail as fail:
        line, column = index.position(fail.offset)
        raise TreeError(fail.message, line, column) from None


class _Fail(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class _Frame:
    """An open object or array: its children so far, the key waiting for its value, its path from the root."""

    __slots__ = ("children", "key", "kind", "path", "start")

    def __init__(self, kind: str, start: int, path: tuple[str, ...]) -> None:
        self.kind = kind
        self.start = start
        self.path = path
        self.children: list[Any] = []
        self.key: Node | None = None


class _Reader:
    def __init__(self, text: str, index: LineIndex, max_depth: int, keep: Keep | None) -> None:
        self.text = text
        self.index = index
        self.max_depth = max_depth
        self.keep = keep

    def _node(self, kind: str, value: Any, start: int, end: int, text: str | None = None) -> Node:
        line, column = self.index.position(start)
        end_line, end_column = self.index.position(end)
        return Node(kind, value, line, column, end_line, end_column, text)

    def read(self, pos: int) -> Node:
        text, n = self.text, len(self.text)
        ws = _WS.match
        stack: list[_Frame] = []
        while True:
            value, pos = self._value(stack, pos)
            if value is None:  # a container was opened
                continue
            # A complete value: attach it, closing every container it completes.
            while True:
                pos = ws(text, pos).end()  # type: ignore[union-attr]
                if not stack:
                    if pos < n:
                        raise _Fail("extra data after the JSON document", pos)
                    return value
                frame = stack[-1]
                frame.children.append((frame.key, value) if frame.kind == MAP else value)
                if pos >= n:
                    raise _Fail("unexpected end of JSON input", pos)
                ch = text[pos]
                closer = "}" if frame.kind == MAP else "]"
                if ch == ",":
                    pos = ws(text, pos + 1).end()  # type: ignore[union-attr]
                    if frame.kind == MAP:
                        pos = self._key(frame, pos)
                    break
                if ch != closer:
                    raise _Fail(f"expected ',' or '{closer}', found {ch!r}", pos)
                stack.pop()
                value = self._node(frame.kind, frame.children, frame.start, pos + 1)
                pos += 1

    def _value(self, stack: list[_Frame], pos: int) -> tuple[Node | None, int]:
        """Read a scalar, an empty container or a skipped member at ``pos``, or open a container (None)."""
        text = self.text
        if pos >= len(text):
            raise _Fail("unexpected end of JSON input", pos)
        path: tuple[str, ...] = ()
        if self.keep is not None and stack:  # the member's path from the root, and whether it is needed
            parent = stack[-1]
            path = parent.path
            if parent.kind == MAP and parent.key is not None:
                path = (*path, parent.key.value)
                if not self.keep(path):
                    end = self._skip(pos)
                    if end is not None:
                        return self._node(SKIPPED, None, pos, end), end
        ch = text[pos]
        if ch == "{" or ch == "[":
            if len(stack) >= self.max_depth:
                raise _Fail(f"nesting deeper than {self.max_depth} levels", pos)
            start = pos
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            kind = MAP if ch == "{" else SEQ
            if pos < len(text) and text[pos] == ("}" if ch == "{" else "]"):
                return self._node(kind, [], start, pos + 1), pos + 1
            frame = _Frame(kind, start, path)
            stack.append(frame)
            return None, self._key(frame, pos) if kind == MAP else pos
        if ch == '"':
            s, end = _scan(text, pos)
            return self._node(SCALAR, s, pos, end), end
        m = _NUMBER.match(text, pos)
        if m is not None:
            raw = m.group()
            try:
                number: int | float | str = float(raw) if (m.group(1) or m.group(2)) else int(raw)
            except ValueError:  # more digits than int() converts (sys.get_int_max_str_digits): keep the text
                number = raw
            return self._node(SCALAR, number, pos, m.end(), raw), m.end()
        for word, literal in _LITERALS.items():
            if text.startswith(word, pos):
                return self._node(SCALAR, literal, pos, pos + len(word), word), pos + len(word)
        raise _Fail(f"expected a JSON value, found {ch!r}", pos)

    def _skip(self, pos: int) -> int | None:
        """The end of the valid JSON value at ``pos``, found at C speed; None to read it the slow way (which
        then reports where it is not valid, or how deep it nests)."""
        try:
            _, end = _SKIPPER.raw_decode(self.text, pos)
        except (ValueError, RecursionError):
            return None
        return int(end)

    def _key(self, frame: _Frame, pos: int) -> int:
        """Read ``"key" :`` at ``pos`` into ``frame``; the position of the value."""
        text = self.text
        if pos >= len(text) or text[pos] != '"':
            raise _Fail("expected a property name in double quotes", pos)
        s, end = _scan(text, pos)
        frame.key = self._node(SCALAR, s, pos, end)
        pos = _WS.match(text, end).end()  # type: ignore[union-attr]
        if pos >= len(text) or text[pos] != ":":
            raise _Fail("expected ':' after a property name", pos)
        return _WS.match(text, pos + 1).end()  # type: ignore[union-attr]


def _scan(text: str, pos: int) -> tuple[str, int]:
    try:
        result: tuple[str, int] = _SCANSTRING(text, pos + 1, True)
        return result
    except json.JSONDecodeError as exc:
        raise _Fail(f"invalid JSON string: {exc.msg.lower()}", exc.pos) from None
