"""Terraform type constraints (``variable "x" { type = ... }``) and the conversion Terraform applies to a value.

Terraform converts every variable value (module input, tfvars, default) to the declared type before use:
primitives are converted (``"2"`` → 2 for ``number``), object attributes the type does not name are dropped,
and since Terraform 1.3 an absent or null ``optional(type, default)`` attribute takes its default, nested
objects and the elements of lists/sets/maps included
(https://developer.hashicorp.com/terraform/language/expressions/type-constraints#optional-object-type-attributes,
retrieved 2026-12). Written by hand because no Python library reads HCL type constraints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gluelint.model.values import Entry, ObjectValue, Value
from gluelint.parse.source import SourceError
from gluelint.parse.terraform.evaluator import Evaluator, Expr, is_known
from gluelint.parse.terraform.hcl_reader import HclSource, Node, is_tree, name_of, parse_expression, subtrees

_PRIMITIVES = frozenset({"string", "number", "bool", "any"})
_COLLECTIONS = frozenset({"list", "set", "map"})


@dataclass(frozen=True)
class Attribute:
    type: TypeSpec
    optional: bool = False
    default: Expr | None = None


@dataclass(frozen=True)
class TypeSpec:
    kind: str  # string, number, bool, any, list, set, map, tuple, object
    element: TypeSpec | None = None
    items: tuple[TypeSpec, ...] = ()
    attributes: dict[str, Attribute] = field(default_factory=dict)


ANY = TypeSpec("any")


def parse_type(expr: Expr) -> TypeSpec | None:
    """The type constraint written in ``expr``; None when it is not one gluelint can read (then no conversion)."""
    if isinstance(expr.src, str):
        text = str(expr.node.value).strip() if expr.node.kind == "scalar" else ""
        if text.startswith("${") and text.endswith("}"):
            text = text[2:-1]
        try:
            node = parse_expression(text)
        except SourceError:
            return None
        return _spec(node, HclSource(expr.src, "x = " + text + "\n"))
    return _spec(expr.node, expr.src)


def _unwrap(node: Node) -> Node:
    while is_tree(node, "expr_term") and len(subtrees(node)) == 1:
        node = subtrees(node)[0]
    return node


def _spec(node: Node, src: HclSource) -> TypeSpec | None:
    node = _unwrap(node)
    if is_tree(node, "identifier"):
        name = name_of(node)
        return TypeSpec(name) if name in _PRIMITIVES else None
    if not is_tree(node, "function_call"):
        return None
    name = "::".join(name_of(i) for i in node.children if is_tree(i, "identifier"))
    args_node = next((c for c in node.children if is_tree(c, "arguments")), None)
    args = [_unwrap(a) for a in subtrees(args_node)] if args_node is not None else []
    if name in _COLLECTIONS and len(args) == 1:
        element = _spec(args[0], src)
        return TypeSpec(name, element=element) if element is not None else None
    if name == "tuple" and len(args) == 1 and is_tree(args[0], "tuple"):
        items = [_spec(a, src) for a in subtrees(args[0])]
        return None if any(i is None for i in items) else TypeSpec("tuple", items=tuple(i for i in items if i))
    if name == "object" and len(args) == 1 and is_tree(args[0], "object"):
        return _object(args[0], src)
    return None


def _object(node: Node, src: HclSource) -> TypeSpec | None:
    attributes: dict[str, Attribute] = {}
    for elem in (c for c in node.children if is_tree(c, "object_elem")):
        key = name_of(elem.children[0])
        value = _unwrap(elem.children[-1])
        attribute = _optional(value, src)
        if attribute is None:
            spec = _spec(value, src)
            if spec is None:
                return None
            attribute = Attribute(spec)
        attributes[key] = attribute
    return TypeSpec("object", attributes=attributes)


def _optional(node: Node, src: HclSource) -> Attribute | None:
    if not is_tree(node, "function_call"):
        return None
    if "::".join(name_of(i) for i in node.children if is_tree(i, "identifier")) != "optional":
        return None
    args_node = next((c for c in node.children if is_tree(c, "arguments")), None)
    args = subtrees(args_node) if args_node is not None else []
    if not 1 <= len(args) <= 2:
        return None
    spec = _spec(args[0], src)
    if spec is None:
        return None
    return Attribute(spec, optional=True, default=Expr(args[1], src) if len(args) == 2 else None)


def convert(value: Value, spec: TypeSpec, ev: Evaluator) -> Value:
    """``value`` converted to ``spec`` as far as it is known: unknown parts stay unknown, known ones convert."""
    if not is_known(value) or value.data is None:
        return value
    if spec.kind in ("string", "number", "bool"):
        return _primitive(value, spec.kind)
    obj, items = value.as_object(), value.as_list()
    if spec.kind == "object" and obj is not None and not obj.unresolved:
        return value.model_copy(update={"data": _convert_object(obj, spec, ev)})
    if spec.kind in ("list", "set") and items is not None and spec.element is not None:
        return value.model_copy(update={"data": [convert(i, spec.element, ev) for i in items]})
    if spec.kind == "tuple" and items is not None and len(items) == len(spec.items):
        return value.model_copy(update={"data": [convert(i, s, ev) for i, s in zip(items, spec.items, strict=True)]})
    if spec.kind == "map" and obj is not None and spec.element is not None:
        element = spec.element
        entries = [e.model_copy(update={"value": convert(e.value, element, ev)}) for e in obj.entries]
        return value.model_copy(update={"data": obj.model_copy(update={"entries": entries})})
    return value


def _convert_object(obj: ObjectValue, spec: TypeSpec, ev: Evaluator) -> ObjectValue:
    effective = obj.effective()
    entries: list[Entry] = []
    for key, attribute in spec.attributes.items():
        entry = effective.get(key)
        given = entry.value if entry is not None else None
        if (given is None or (is_known(given) and given.data is None)) and attribute.optional:
            default = ev.eval(attribute.default) if attribute.default is not None else Value.of(None)
            converted = convert(default, attribute.type, ev)
            entries.append(Entry(key=key, value=converted, key_span=entry.key_span if entry else None))
        elif entry is not None and given is not None:
            entries.append(entry.model_copy(update={"value": convert(given, attribute.type, ev)}))
        # A required attribute that is absent is a Terraform error: leave it absent (indexing it fails).
    return ObjectValue(entries=entries)


def _primitive(value: Value, declared: str) -> Value:
    """A known primitive converted to ``string`` / ``number`` / ``bool`` as Terraform does."""
    data = value.data
    if isinstance(data, (list, ObjectValue)):
        return value
    try:
        if declared == "string" and not isinstance(data, str):
            converted: object = Value.of(data).as_str()
        elif declared == "number" and isinstance(data, str):
            number = float(data)
            converted = int(number) if number.is_integer() and "." not in data else number
        elif declared == "bool" and isinstance(data, str) and data in ("true", "false"):
            converted = data == "true"
        else:
            return value
    except ValueError:
        return value
    return value.model_copy(update={"data": converted})
