"""Block bodies evaluated in a module instance: count / for_each expanded into instances, ``dynamic`` blocks
expanded, nested blocks kept as objects (HCL and Terraform JSON alike)."""

from __future__ import annotations

import math

from gluelint.model.values import Entry, ObjectValue, Span, Value
from gluelint.parse.terraform.evaluator import Evaluator
from gluelint.parse.terraform.expressions import Env, Expr, is_known, json_span
from gluelint.parse.terraform.hcl_reader import Attr, HclSource, NestedBlock, name_of
from gluelint.parse.terraform.module import Body
from gluelint.parse.tree import MAP, SEQ
from gluelint.parse.tree import Node as JsonNode

# Meta-arguments of a block: not part of the resource's own body.
META = frozenset({"count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"})
# More instances than this (count = 1e9) are treated like an unknown count: one resource, gated.
MAX_INSTANCES = 1000


def _index_object(**values: Value) -> Value:
    return Value.of(ObjectValue(entries=[Entry(key=k, value=v) for k, v in values.items()]))


def expand(ev: Evaluator, body: Body, env: Env) -> list[tuple[str, Env, str | None]]:
    """(address suffix, env, gate) per instance of a block with count / for_each; [] when count = 0."""
    count, for_each = body.attribute("count"), body.attribute("for_each")
    if count is not None:
        value = ev.eval(count, env)
        n = value.as_number() if is_known(value) else None
        if n is not None and math.isfinite(n) and n <= MAX_INSTANCES:
            return [(f"[{i}]", {**env, "count": _index_object(index=Value.of(i))}, None) for i in range(int(n))]
        unknown = Value.unknown("count.index", "count is not known")
        return [("", {**env, "count": _index_object(index=unknown)}, ev.where(count)[1])]
    if for_each is not None:
        value = ev.eval(for_each, env)
        pairs = _collection(value)
        if pairs is not None and len(pairs) <= MAX_INSTANCES:
            return [(f'["{key}"]', {**env, "each": _index_object(key=Value.of(key), value=item)}, None)
                    for key, item in pairs]
        unknown = Value.unknown("each", "for_each is not known")
        return [("", {**env, "each": _index_object(key=unknown, value=unknown)}, ev.where(for_each)[1])]
    return [("", env, None)]


def _collection(value: Value) -> list[tuple[str, Value]] | None:
    """Key/value pairs of a known map, or of a known set/list of strings (keys are the items)."""
    if not is_known(value):
        return None
    obj = value.as_object()
    if obj is not None:
        return None if obj.unresolved else [(k, e.value) for k, e in obj.effective().items()]
    items = value.as_list()
    if items is None or not all(is_known(i) and i.as_str() is not None for i in items):
        return None
    keys = list(dict.fromkeys(str(i.as_str()) for i in items))
    by_key = {str(i.as_str()): i for i in items}
    return [(k, by_key[k]) for k in keys]


def eval_body(ev: Evaluator, body: Body, env: Env, top: bool = True) -> ObjectValue:
    entries: list[Entry] = []
    if body.node is not None:
        for key_node, value_node in body.node.pairs():
            key = str(key_node.value)
            if key == "//" or (top and key in META):
                continue
            key_span = json_span(key_node, body.file.display)
            if key == "dynamic":
                for label, label_node, spec in _json_objects(value_node):
                    entries.extend(_dynamic(ev, label, json_span(label_node, body.file.display),
                                            Body(body.file, node=spec), env))
                continue
            if value_node.kind == MAP and value_node.get("dynamic") is not None:
                inner = eval_body(ev, Body(body.file, node=value_node), env, top=False)
                value = Value.of(inner, json_span(value_node, body.file.display))
            else:
                value = ev.eval(Expr(value_node, body.file.display), env)
            if not (is_known(value) and value.data is None):
                entries.append(Entry(key=key, value=value, key_span=key_span))
        return ObjectValue(entries=entries)
    src = body.src
    assert src is not None
    for item in body.items or []:
        if isinstance(item, Attr):
            if top and item.name in META:
                continue
            value = ev.eval(Expr(item.expr, src), env)
            if not (is_known(value) and value.data is None):
                entries.append(Entry(key=item.name, value=value, key_span=src.span(item.key)))
        elif item.type == "dynamic" and item.labels:
            inner_body = Body(body.file, items=_items(item), src=src)
            entries.extend(_dynamic(ev, item.labels[0], src.span(item.node), inner_body, env))
        elif not (top and item.type in META):
            inner = eval_body(ev, Body(body.file, items=_items(item), src=src), env, top=False)
            entries.append(Entry(key=item.type, value=Value.of(inner, src.span(item.node)),
                                 key_span=_head_span(src, item)))
    return ObjectValue(entries=entries)


def _items(block: NestedBlock) -> list[Attr | NestedBlock]:
    from gluelint.parse.terraform.hcl_reader import body_items

    return body_items(block.body)


def _head_span(src: HclSource, block: NestedBlock) -> Span:
    return src.span(block.node.children[0])


def _json_objects(node: JsonNode) -> list[tuple[str, JsonNode, JsonNode]]:
    out: list[tuple[str, JsonNode, JsonNode]] = []
    for obj in node.items() if node.kind == SEQ else [node]:
        for key_node, value in obj.pairs():
            for item in value.items() if value.kind == SEQ else [value]:
                if item.kind == MAP and key_node.value != "//":
                    out.append((str(key_node.value), key_node, item))
    return out


def _dynamic(ev: Evaluator, label: str, span: Span, spec: Body, env: Env) -> list[Entry]:
    """A ``dynamic "label"`` block: one entry per element of a known collection, else one unknown entry."""
    for_each = spec.attribute("for_each")
    iterator = label
    it_expr = spec.attribute("iterator")
    if it_expr is not None:
        iterator = name_of(it_expr.node) if not isinstance(it_expr.src, str) else str(it_expr.node.value)
    content = _content(spec)
    if for_each is None or content is None:
        return [Entry(key=label, value=Value.unknown(label, "dynamic block without for_each/content", span),
                      key_span=span)]
    collection = ev.eval(for_each, env)
    pairs = _dynamic_pairs(collection)
    if pairs is None:
        text = ev.where(for_each)[1]
        reason = collection.reason or "for_each is not known"
        return [Entry(key=label, value=Value.unknown(text, f"dynamic block over an unknown collection: {reason}",
                                                     span), key_span=span)]
    out = []
    for key, item in pairs:
        inner_env = {**env, iterator: _index_object(key=key, value=item)}
        out.append(Entry(key=label, value=Value.of(eval_body(ev, content, inner_env, top=False), span),
                         key_span=span))
    return out


def _dynamic_pairs(value: Value) -> list[tuple[Value, Value]] | None:
    if not is_known(value):
        return None
    obj = value.as_object()
    if obj is not None:
        return None if obj.unresolved else [(Value.of(k), e.value) for k, e in obj.effective().items()]
    items = value.as_list()
    return None if items is None else [(Value.of(i), item) for i, item in enumerate(items)]


def _content(spec: Body) -> Body | None:
    if spec.node is not None:
        found = spec.node.get("content")
        if found is not None and found.kind == SEQ and found.items():
            found = found.items()[0]
        return Body(spec.file, node=found) if found is not None and found.kind == MAP else None
    for item in spec.items or []:
        if isinstance(item, NestedBlock) and item.type == "content":
            return Body(spec.file, items=_items(item), src=spec.src)
    return None
