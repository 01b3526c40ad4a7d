"""GL0 schema checks: every enum (GL010) and primitive type (GL011) of every Glue resource kind gluelint models.

The allowed values and types are never written here: CloudFormation's come from cfn-lint's bundled schemas,
Terraform's from botocore's Glue model (gluelint/knowledge/schemas.py). The value is checked wherever it was
written, literal or through a variable, local, module input or parameter default: the AWS provider validates
enums only for literals at `terraform validate`, and CloudFormation only at deploy time. A value known only at
apply time is not judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gluelint.checks.context import RuleContext
from gluelint.checks.nearest import nearest
from gluelint.checks.registry import Result, check
from gluelint.knowledge.fields import field_table
from gluelint.knowledge.schemas import FieldSpec, cfn_fields, terraform_fields
from gluelint.model.branches import Branch
from gluelint.model.resources import Resource
from gluelint.model.values import ObjectValue, Origin, Span, Value

_SHOWN_VALUES = 16


@dataclass(frozen=True)
class _Leaf:
    path: str
    spec: FieldSpec
    value: Value
    branch: Branch | None
    # The attribute's key as written: findings point at it, as for every rule.
    key_span: Span | None


def _fields(resource: Resource) -> dict[str, FieldSpec]:
    if resource.source_format.is_cloudformation:
        return cfn_fields(resource.resource_type)
    return terraform_fields(resource.resource_type)


def _about(resource: Resource, leaf: _Leaf) -> str:
    """The finding's attribute: the model field (reporters spell it per format), else the path as written."""
    return field_table().model_field(resource.resource_type, leaf.path) or leaf.path


def _objects(value: Value) -> list[ObjectValue]:
    """The objects a block value holds: one object, or a list of them (HCL blocks, CFN lists)."""
    obj = value.as_object()
    if obj is not None:
        return [obj]
    items = value.as_list() or []
    return [o for o in (item.as_object() for item in items) if o is not None]


def _leaves(body: ObjectValue, table: dict[str, FieldSpec], prefix: str = "",
            branch: Branch | None = None) -> Iterator[_Leaf]:
    """Each written value that has a schema entry, with its dotted path; nested blocks are descended."""
    for entry in body.entries:
        path = f"{prefix}{entry.key}"
        spec = table.get(path)
        if spec is None:
            continue  # unknown attributes are GL003's; free-form maps have no entries in the table
        for label, leaf in entry.value.leaves(branch):
            yield _Leaf(path, spec, leaf, label, entry.key_span or leaf.span)
            if spec.type in ("object", "array"):
                for obj in _objects(leaf):
                    yield from _leaves(obj, table, f"{path}.", label)


def _written(leaf: _Leaf) -> str:
    """Where the value came from, when not written in place (``var.worker_type``)."""
    value = leaf.value
    if value.origin is not Origin.LITERAL and value.expression:
        return f" (from `{value.expression}`)"
    return ""


def _allowed(values: tuple[str, ...]) -> str:
    shown = ", ".join(values[:_SHOWN_VALUES])
    return shown if len(values) <= _SHOWN_VALUES else f"{shown}, … ({len(values)} in all)"


def _did_you_mean(text: str, values: tuple[str, ...]) -> str:
    close = nearest(text, values)
    return f" (did you mean \"{close}\"?)" if close is not None else ""


def _enum_problems(leaf: _Leaf) -> Iterator[tuple[str, tuple[str, ...]]]:
    spec = leaf.spec
    if spec.enum is not None:
        text = leaf.value.as_str()
        if text is not None and text not in spec.enum:
            yield text, spec.enum
    if spec.item_enum is not None:
        for item in leaf.value.as_list() or []:
            text = item.as_str()
            if text is not None and text not in spec.item_enum:
                yield text, spec.item_enum


@check("GL010", Resource)
def invalid_enum_value(resource: Resource, ctx: RuleContext) -> Iterator[Result]:
    if resource.body is None:
        return
    table = _fields(resource)
    for leaf in _leaves(resource.body, table):
        for text, allowed in _enum_problems(leaf):
            yield ctx.finding(leaf.key_span,
                              f"{resource.address}: `{leaf.path}` is \"{text}\"{_written(leaf)}, which "
                              f"{resource.resource_type} does not accept{_did_you_mean(text, allowed)}; the deploy "
                              f"fails: use one of {_allowed(allowed)}",
                              attribute=_about(resource, leaf), branch=leaf.branch)


def _scalar_problem(kind: str, value: Value, cloudformation: bool) -> str | None:
    """Why a known value cannot be read as ``kind``; None when it can (both tools convert strings)."""
    if not value.known:
        return None
    if isinstance(value.data, (list, ObjectValue)):
        return f"a {'list' if isinstance(value.data, list) else 'map'}, not a {_NOUN[kind]}"
    data = value.data
    if data is None:
        return None
    if kind == "boolean":
        if isinstance(data, bool):
            return None
        text = str(data)
        words = ("true", "false")
        if text in words or (cloudformation and text.lower() in words):
            return None
        return f"\"{text}\", not a boolean (true or false)"
    if kind in ("integer", "number"):
        if isinstance(data, bool):
            return f"{str(data).lower()}, not a number"
        number = value.as_number()
        if number is None:
            return f"\"{data}\", not a number"
        if kind == "integer" and not float(number).is_integer():
            return f"{data}, not a whole number"
    return None


_NOUN = {"string": "string", "integer": "whole number", "number": "number", "boolean": "boolean"}
_WANTED = {"string": "a string", "integer": "a whole number", "number": "a number", "boolean": "true or false",
           "array": "a list", "object": "a block of attributes"}


def _type_problem(leaf: _Leaf, cloudformation: bool) -> str | None:
    spec, value = leaf.spec, leaf.value
    if not value.known or value.data is None:
        return None
    if spec.type in _NOUN:
        return _scalar_problem(spec.type, value, cloudformation)
    if spec.type == "array":
        if value.as_list() is None and (cloudformation or value.as_object() is None):
            return "a single value, not a list"
        if spec.items in _NOUN:
            for item in value.as_list() or []:
                problem = _scalar_problem(spec.items or "", item, cloudformation)
                if problem is not None:
                    return f"a list holding {problem}"
        return None
    if spec.type == "object":
        if value.as_object() is not None:
            return None
        if value.as_list() is not None and not cloudformation:
            return None  # an HCL block / a Terraform JSON list of one block
        return "a single value, not a block of attributes" if value.as_list() is None else "a list, not one block"
    return None


@check("GL011", Resource)
def invalid_value_type(resource: Resource, ctx: RuleContext) -> Iterator[Result]:
    if resource.body is None:
        return
    cloudformation = resource.source_format.is_cloudformation
    for leaf in _leaves(resource.body, _fields(resource)):
        problem = _type_problem(leaf, cloudformation)
        if problem is None:
            continue
        yield ctx.finding(leaf.key_span,
                          f"{resource.address}: `{leaf.path}` is {problem}{_written(leaf)}; "
                          f"{resource.resource_type} rejects it: write {_WANTED.get(leaf.spec.type, leaf.spec.type)}",
                          attribute=_about(resource, leaf), branch=leaf.branch)
