"""Position-keeping document trees for CloudFormation YAML / JSON and Terraform plans.

Both readers build the same small :class:`Node` tree: mappings keep every ``(key, value)`` pair in written
order (duplicate keys survive, which cfn-lint's decoder does not allow), and every node carries its 1-based
span. YAML is read from PyYAML's event stream (libyaml when available) by an iterative composer, so deep
nesting cannot overflow the stack and alias expansion is capped ("billion laughs"). JSON is read by a small
iterative scanner that uses the stdlib's C string scanner.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from typing import Any

from gluelint.parse.source import SourceError

MAP = "map"
SEQ = "seq"
SCALAR = "scalar"

# Alias expansion allowed per document (nodes reachable through aliases), against "billion laughs".
MAX_ALIAS_EXPANSION = 100_000

# YAML short-form tags → their long-form keys.
SHORT_FORMS = {
    "!Ref": "Ref", "!Condition": "Condition",
    **{f"!{n}": f"Fn::{n}" for n in (
        "Sub", "GetAtt", "Join", "Select", "Split", "If", "Equals", "Not", "And", "Or", "FindInMap",
        "ImportValue", "Base64", "Cidr", "GetAZs", "Transform", "Length", "ToJsonString", "ForEach")},
}


class Node:
    """One mapping, sequence or scalar with its 1-based span (end column exclusive)."""

    __slots__ = ("column", "end_column", "end_line", "kind", "line", "short", "size", "text", "value")

    def __init__(self, kind: str, value: Any, line: int, column: int, end_line: int = 0,
                 end_column: int = 0, text: str | None = None) -> None:
        self.kind = kind
        # MAP: list[tuple[Node, Node]]; SEQ: list[Node]; SCALAR: str | int | float | bool | None
        self.value = value
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        # The source text of a plain (unquoted) YAML scalar or a JSON number.
        self.text = text
        # True for an intrinsic written in YAML short form (``!Ref X``).
        self.short = False
        self.size = -1

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Node({self.kind}, {self.value!r}, {self.line}:{self.column})"

    # -- mapping helpers ----------------------------------------------------------------------------
    def get(self, key: str) -> Node | None:
        """The last value written under ``key`` of a mapping (None when absent or not a mapping)."""
        if self.kind != MAP:
            return None
        found = None
        for k, v in self.value:
            if k.value == key:
                found = v
        return found

    def pairs(self) -> list[tuple[Node, Node]]:
        return self.value if self.kind == MAP else []

    def items(self) -> list[Node]:
        return self.value if self.kind == SEQ else []

    def str_value(self) -> str | None:
        return self.value if self.kind == SCALAR and isinstance(self.value, str) else None


class TreeError(SourceError):
    """A syntax error in a YAML or JSON document, with its 1-based position."""


class LineIndex:
    """Character offset → 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.starts.extend(m.end() for m in re.finditer("\n", text))

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


# ---------------------------------------------------------------------------------------------------
# YAML
# ---------------------------------------------------------------------------------------------------

_YAML_TAG = "tag:yaml.org,2002:"
# First characters of plain scalars that YAML 1.1 may resolve to bool, int, float, null (others are strings).
_MAYBE_TYPED = frozenset("yYnNtTfFoO-+0123456789.<~=")


def _scalar_constructor() -> Callable[[str, str], Any]:
    import yaml

    resolver = yaml.resolver.Resolver()
    constructor = yaml.constructor.SafeConstructor()
    build = {"int": constructor.construct_yaml_int, "float": constructor.construct_yaml_float,
             "bool": constructor.construct_yaml_bool}

    def construct(tag: str, value: str) -> Any:
        if tag == "":  # plain scalar without an explicit tag: resolve implicitly (YAML 1.1, like PyYAML)
            tag = resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        kind = tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else "str"
        if kind == "null":
            return None
        fn = build.get(kind)
        if fn is None:
            return value  # str, timestamps (CloudFormation keeps dates as text), binary, unknown tags
        try:
            return fn(yaml.ScalarNode(tag, value))
        except (ValueError, TypeError, yaml.YAMLError):
            return value

    return construct


def load_yaml(text: str, max_depth: int = 200) -> Node | None:
    """The first document of ``text`` as a Node tree; None for an empty stream. Raises TreeError."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    construct = _scalar_constructor()
    index: LineIndex | None = None
    try:
        return _compose(yaml.parse(text, Loader=loader), construct, max_depth)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        if mark is None:
            raise TreeError(message, 1, 1) from None
        raise TreeError(message, mark.line + 1, mark.column + 1) from None
    except yaml.reader.ReaderError as exc:
        index = LineIndex(text)
        line, column = index.position(max(exc.position, 0))
        raise TreeError(f"invalid character: {exc.reason}", line, column) from None
    except yaml.YAMLError as exc:
        raise TreeError(f"invalid YAML: {exc}", 1, 1) from None


def _compose(events: Any, construct: Callable[[str, str], Any], max_depth: int) -> Node | None:
    import yaml

    scalar_event, alias_event, document_event = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    anchors: dict[str, Node] = {}
    stack: list[tuple[Node, list[Any], str | None, bool]] = []  # (node, children, tag, flow style)
    top: list[Any] = []  # the children of the innermost open collection (the root lands here)
    documents = 0
    expansion = 0
    for event in events:
        cls = type(event)
        if cls is scalar_event:
            mark, end, raw, tag = event.start_mark, event.end_mark, event.value, event.tag
            plain = not event.style and bool(event.implicit[0])
            if tag is None or tag == "!":
                if not plain:
                    value: Any = raw
                elif raw and raw[0] not in _MAYBE_TYPED:
                    value = raw  # fast path: a plain scalar that cannot resolve to bool/int/float/null
                else:
                    value = construct("", raw)
                tag = ""
            else:
                value = construct(tag, raw) if tag.startswith(_YAML_TAG) else raw
            node = Node(SCALAR, value, mark.line + 1, mark.column + 1, end.line + 1, end.column + 1,
                        raw if plain else None)
            node.size = 1
            if tag:
                node = _tagged(node, tag)
            if event.anchor:
                anchors[event.anchor] = node
            top.append(node)
        elif cls is mapping_start or cls is sequence_start:
            mark = event.start_mark
            if len(stack) >= max_depth:
                raise TreeError(f"nesting deeper than {max_depth} levels", mark.line + 1, mark.column + 1)
            node = Node(MAP if cls is mapping_start else SEQ, None, mark.line + 1, mark.column + 1)
            if event.anchor:
                anchors[event.anchor] = node
            tag = event.tag if event.tag not in (None, "!") else None
            stack.append((node, top, tag, bool(event.flow_style)))
            top = []
        elif cls is alias_event:
            target = anchors.get(event.anchor)
            mark = event.start_mark
            if target is None:
                raise TreeError(f"unknown alias *{event.anchor}", mark.line + 1, mark.column + 1)
            if target.size < 0:
                raise TreeError(f"recursive alias *{event.anchor}", mark.line + 1, mark.column + 1)
            expansion += target.size
            if expansion > MAX_ALIAS_EXPANSION:
                raise TreeError(f"YAML aliases expand to more than {MAX_ALIAS_EXPANSION} nodes "
                                "(alias bomb?)", mark.line + 1, mark.column + 1)
            top.append(target)
        elif cls is document_event:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise TreeError("more than one YAML document in a template", mark.line + 1, mark.column + 1)
        elif stack and (cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent):
            children = top
            node, top, tag, flow = stack.pop()
            if flow or not children:
                node.end_line, node.end_column = event.end_mark.line + 1, event.end_mark.column + 1
            else:  # a block collection ends where its last item ends, not at the next token
                node.end_line, node.end_column = children[-1].end_line, children[-1].end_column
            node.size = 1 + sum(c.size for c in children)
            if node.kind == MAP:
                node.value = list(zip(children[0::2], children[1::2], strict=False))
            else:
                node.value = children
            top.append(_tagged(node, tag) if tag else node)
    return top[0] if top else None


def _tagged(node: Node, tag: str) -> Node:
    """Wrap a node written with a short-form intrinsic tag (``!Sub x``) as its long form ``{Fn::Sub: x}``."""
    key = SHORT_FORMS.get(tag)
    if key is None:
        return node
    key_node = Node(SCALAR, key, node.line, node.column, node.line, node.column + len(tag))
    key_node.size = 1
    wrapper = Node(MAP, [(key_node, node)], node.line, node.column, node.end_line, node.end_column)
    wrapper.short = True
    wrapper.size = node.size + 1
    return wrapper


# ---------------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}
_SCANSTRING: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def load_json(text: str, max_depth: int = 200) -> Node:
    """Parse a JSON text into a Node tree (duplicate keys kept). Raises TreeError."""
    index = LineIndex(text)
    try:
        return _JsonReader(text, index, max_depth).read()
    except _JsonFail as fail:
        line, column = index.position(fail.offset)
        raise TreeError(fail.message, line, column) from None


class _JsonFail(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class _JsonReader:
    def __init__(self, text: str, index: LineIndex, max_depth: int) -> None:
        self.text = text
        self.index = index
        self.max_depth = max_depth

    def _node(self, kind: str, value: Any, start: int, end: int, text: str | None = None) -> Node:
        line, column = self.index.position(start)
        end_line, end_column = self.index.position(end)
        node = Node(kind, value, line, column, end_line, end_column, text)
        return node

    def read(self) -> Node:
        text, n = self.text, len(self.text)
        ws = _WS.match
        pos = ws(text, 0).end()  # type: ignore[union-attr]
        # Open containers: [kind, start offset, children, pending key]
        stack: list[list[Any]] = []
        while True:
            value, pos = self._value(stack, pos)
            if value is None:  # a container was opened
                continue
            # A complete value: attach it, closing every container it completes.
            while True:
                pos = ws(text, pos).end()  # type: ignore[union-attr]
                if not stack:
                    if pos < n:
                        raise _JsonFail("extra data after the JSON document", pos)
                    return value
                frame = stack[-1]
                frame[2].append((frame[3], value) if frame[0] == MAP else value)
                if pos >= n:
                    raise _JsonFail("unexpected end of JSON input", pos)
                ch = text[pos]
                closer = "}" if frame[0] == MAP else "]"
                if ch == ",":
                    pos = ws(text, pos + 1).end()  # type: ignore[union-attr]
                    if frame[0] == MAP:
                        pos = self._key(frame, pos)
                    break
                if ch != closer:
                    raise _JsonFail(f"expected ',' or '{closer}', found {ch!r}", pos)
                stack.pop()
                value = self._node(frame[0], frame[2], frame[1], pos + 1)
                pos += 1

    def _value(self, stack: list[list[Any]], pos: int) -> tuple[Node | None, int]:
        """Read a scalar or an empty container at ``pos``, or open a container (returns None)."""
        text = self.text
        if pos >= len(text):
            raise _JsonFail("unexpected end of JSON input", pos)
        ch = text[pos]
        if ch == "{" or ch == "[":
            if len(stack) >= self.max_depth:
                raise _JsonFail(f"nesting deeper than {self.max_depth} levels", pos)
            start = pos
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            kind = MAP if ch == "{" else SEQ
            if pos < len(text) and text[pos] == ("}" if ch == "{" else "]"):
                return self._node(kind, [], start, pos + 1), pos + 1
            frame: list[Any] = [kind, start, [], None]
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
        raise _JsonFail(f"expected a JSON value, found {ch!r}", pos)

    def _key(self, frame: list[Any], pos: int) -> int:
        """Read ``"key" :`` at ``pos`` into ``frame``; the position of the value."""
        text = self.text
        if pos >= len(text) or text[pos] != '"':
            raise _JsonFail("expected a property name in double quotes", pos)
        s, end = _scan(text, pos)
        frame[3] = self._node(SCALAR, s, pos, end)
        pos = _WS.match(text, end).end()  # type: ignore[union-attr]
        if pos >= len(text) or text[pos] != ":":
            raise _JsonFail("expected ':' after a property name", pos)
        return _WS.match(text, pos + 1).end()  # type: ignore[union-attr]


def _scan(text: str, pos: int) -> tuple[str, int]:
    try:
        result: tuple[str, int] = _SCANSTRING(text, pos + 1, True)
        return result
    except json.JSONDecodeError as exc:
        raise _JsonFail(f"invalid JSON string: {exc.msg.lower()}", exc.pos) from None
    except ValueError as exc:  # pragma: no cover - scanstring raises JSONDecodeError
        raise _JsonFail(f"invalid JSON string: {exc}", pos) from None
