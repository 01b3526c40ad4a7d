"""CloudFormation's intrinsic functions (``Fn::If``, ``Fn::Sub``, ``Fn::Join``, ``Fn::Select``, ``Fn::Split``,
``Fn::FindInMap``, ``Fn::GetAtt``, ``Fn::ImportValue``), each evaluated as CloudFormation does when its arguments
are known, over both branches of an ``Fn::If`` it cannot decide, and unknown with its expression otherwise.
``Ref`` and conditions are the resolver's own (``intrinsics.Resolver``), which calls these handlers by name.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Protocol

from gluelint.model.values import Alternative, Origin, Span, Value
from gluelint.parse.cloudformation.combine import combine, combined_origin, text_value, with_parts
from gluelint.parse.cloudformation.render import render, scalar_text
from gluelint.parse.tree import SCALAR, SEQ, Node

_SUB_VAR = re.compile(r"\$\{([^}]*)\}")


class Context(Protocol):
    """What the handlers read of the template (``intrinsics.Context``)."""

    parameters: dict[str, Node]
    mappings: Node | None


class Resolving(Protocol):
    """What the handlers need of the resolver (``intrinsics.Resolver``)."""

    @property
    def ctx(self) -> Context: ...

    def value(self, node: Node, as_text: bool = False) -> Value: ...
    def ref(self, target: str, span: Span, expression: str | None = None) -> Value: ...
    def get_att(self, resource: str, attribute: str, expression: str, span: Span) -> Value: ...
    def unknown(self, node: Node, reason: str, reference: str | None = None) -> Value: ...
    def condition(self, name: str) -> bool | None: ...


Handler = Callable[[Resolving, Node, Node, Span, bool], Value]


def _if(r: Resolving, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    items = arg.items()
    name = items[0].str_value() if len(items) == 3 else None
    if name is None:
        return r.unknown(node, "invalid Fn::If")
    truth = r.condition(name)
    if truth is not None:
        return r.value(items[1] if truth else items[2], as_text)
    return Value.branches([Alternative(label=name, value=r.value(items[1], as_text)),
                           Alternative(label=f"!{name}", value=r.value(items[2], as_text))],
                          expression=render(node), span=span)


def _sub(r: Resolving, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    variables: Node | None = None
    template_node = arg
    if arg.kind == SEQ and arg.value:
        template_node = arg.value[0]
        variables = arg.value[1] if len(arg.value) > 1 else None
    template = template_node.str_value()
    if template is None:
        return r.unknown(node, "invalid Fn::Sub")
    parts: list[str | Value] = []
    pos = 0
    for m in _SUB_VAR.finditer(template):
        parts.append(template[pos:m.start()])
        pos = m.end()
        var = m.group(1)
        if var.startswith("!"):
            parts.append("${" + var[1:] + "}")
            continue
        var = var.strip()
        given = variables.get(var) if variables is not None else None
        if given is not None:
            parts.append(r.value(given))
        elif "." in var and var not in r.ctx.parameters:
            resource, attribute = var.split(".", 1)
            parts.append(r.get_att(resource, attribute, f"!GetAtt {var}", span))
        else:
            parts.append(r.ref(var, span))
    parts.append(template[pos:])
    values = [p for p in parts if isinstance(p, Value)]
    if len(values) == 1 and parts[0] == "" and parts[-1] == "" and len(parts) == 3:
        only = values[0]  # "${X}": the value itself (a reference keeps its target)
        return only.model_copy(update={"span": span})

    def build(resolved: list[Value]) -> Value:
        it = iter(resolved)
        text = "".join(p if isinstance(p, str) else (next(it).as_str() or "") for p in parts)
        return text_value(text, span, combined_origin(resolved), render(node))

    out = with_parts(combine(values, build, render(node), span, scalars=True), parts)
    if not out.known and not out.alternatives and template.lstrip()[:1] in ("{", "["):
        from gluelint.parse.json_template import decode

        # JSON around deploy-time parts (a state machine DefinitionString, a schedule Input) keeps its shape.
        return out.model_copy(update={"decoded": decode(parts, span)})
    return out


def _join(r: Resolving, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    items = arg.items()
    if len(items) != 2 or items[0].kind != SCALAR:
        return r.unknown(node, "invalid Fn::Join")
    delimiter = scalar_text(items[0])
    listed = r.value(items[1])
    elements = listed.as_list()
    if elements is None:
        return combine([listed], lambda _: r.unknown(node, "Fn::Join of a value that is not a list"),
                       render(node), span)

    def build(resolved: list[Value]) -> Value:
        return text_value(delimiter.join(v.as_str() or "" for v in resolved), span, combined_origin(resolved),
                     render(node))

    pieces: list[str | Value] = []
    for i, element in enumerate(elements):
        pieces += [delimiter, element] if i else [element]
    out = with_parts(combine(elements, build, render(node), span, scalars=True), pieces)
    first = elements[0].as_str() if elements else None
    if not out.known and not out.alternatives and first is not None and first.lstrip()[:1] in ("{", "["):
        from gluelint.parse.json_template import decode

        # CDK writes state machine definitions as Fn::Join of JSON text around Refs: keep the structure.
        texts = [p if isinstance(p, str) else (p.as_str() if p.known and not p.alternatives else None)
                 for p in pieces]
        parts = [t if t is not None else p for t, p in zip(texts, pieces, strict=True)]
        return out.model_copy(update={"decoded": decode(parts, span)})
    return out


def _select(r: Resolving, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    items = arg.items()
    if len(items) != 2:
        return r.unknown(node, "invalid Fn::Select")
    index, listed = r.value(items[0]), r.value(items[1])

    def build(resolved: list[Value]) -> Value:
        number = resolved[0].as_number()
        elements = resolved[1].as_list()
        if number is None or elements is None or not math.isfinite(number) or not 0 <= int(number) < len(elements):
            return r.unknown(node, "Fn::Select index out of range")
        return elements[int(number)].model_copy(update={"span": span})

    return combine([index, listed], build, render(node), span)


def _split(r: Resolving, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    items = arg.items()
    if len(items) != 2 or items[0].kind != SCALAR:
        return r.unknown(node, "invalid Fn::Split")
    delimiter = scalar_text(items[0])

    def build(resolved: list[Value]) -> Value:
        text = resolved[0].as_str() or ""
        origin = combined_origin(resolved)
        return Value.of([Value.of(p, span, origin) for p in text.split(delimiter)], span, origin, render(node))

    return combine([r.value(items[1])], build, render(node), span, scalars=True)


def _find_in_map(r: Resolving, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    items = arg.items()
    if len(items) not in (3, 4) or r.ctx.mappings is None:
        return r.unknown(node, "invalid Fn::FindInMap")
    keys = [r.value(x) for x in items[:3]]
    default = items[3].get("DefaultValue") if len(items) == 4 else None

    def build(resolved: list[Value]) -> Value:
        found: Node | None = r.ctx.mappings
        for key in resolved:
            found = found.get(key.as_str() or "") if found is not None else None
        if found is None:
            if default is not None:
                return r.value(default, as_text).model_copy(update={"span": span})
            return r.unknown(node, "key not found in the mapping")
        value = r.value(found, as_text)
        origin = combined_origin([*resolved, value]) if value.known else value.origin
        if origin == Origin.LITERAL:
            origin = Origin.MAPPING
        return value.model_copy(update={"span": span, "origin": origin, "expression": render(node)})

    return combine(keys, build, render(node), span, scalars=True)


def _get_att(r: Resolving, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    parts = [x.str_value() or "" for x in arg.items()] if arg.kind == SEQ else (arg.str_value() or "").split(".", 1)
    resource = parts[0] if parts else ""
    attribute = ".".join(parts[1:])
    return r.get_att(resource, attribute, render(node), span)


def _import(r: Resolving, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    value = r.unknown(node, "exported by another stack, known at deploy time")
    return value.model_copy(update={"certainly_set": True})


HANDLERS: dict[str, Handler] = {
    "Fn::If": _if, "Fn::Sub": _sub, "Fn::Join": _join, "Fn::Select": _select, "Fn::Split": _split,
    "Fn::FindInMap": _find_in_map, "Fn::GetAtt": _get_att, "Fn::ImportValue": _import,
}
