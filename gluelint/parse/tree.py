"""Position-keeping document trees: the :class:`Node` every JSON and YAML input is read into, and the YAML reader.

Mappings keep every ``(key, value)`` pair in written order (duplicate keys survive, which cfn-lint's decoder does
not allow), and every node carries its 1-based span. YAML is read from PyYAML's event stream (libyaml when
available) by an iterative composer, so deep nesting cannot overflow the stack and alias expansion is capped
("billion laughs"). JSON is read into the same tree by ``parse.json_reader``.
"""

from __future__ import annotations

import bisect
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
