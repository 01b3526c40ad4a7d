"""Reading a parsed resource body (an ObjectValue tree) into the model, with the field table: both formats' mappings
(parse/terraform/mapping.py, parse/cloudformation/mapping.py) are this one builder in their own dialect."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gluelint.knowledge.fields import Dialect, ResourceFields, resource_fields
from gluelint.model.resources import (
    RESOURCE_CLASSES,
    KeyRef,
    PredicateCondition,
    Resource,
    SourceFormat,
    Suppression,
    Trigger,
    TriggerAction,
)
from gluelint.model.values import Entry, ObjectValue, Span, Value


def field(body: ObjectValue, *path: str) -> Value | None:
    """The effective value at ``path`` (``"command", "name"``); None when absent.

    A nested block may be an object, or a list of objects (Terraform JSON / HCL repeated blocks): the
    first is read, as the provider does for single-item blocks.
    """
    current: Value | None = None
    obj: ObjectValue | None = body
    for key in path:
        if obj is None:
            return None
        current = obj.get(key)
        if current is None:
            return None
        obj = first_object(current)
    return current


def first_object(value: Value) -> ObjectValue | None:
    obj = value.as_object()
    if obj is not None:
        return obj
    items = value.as_list()
    if items:
        return items[0].as_object()
    return None


def blocks(body: ObjectValue, key: str) -> tuple[list[tuple[ObjectValue, Span | None]], Value | None]:
    """Every block written under ``key`` (repeated blocks, a list of objects, or one object).

    Returns the blocks with their spans, and the first part that is not a known object (an unresolved
    dynamic block, a variable), if any.
    """
    found: list[tuple[ObjectValue, Span | None]] = []
    unresolved: Value | None = None
    for entry in body.all(key):
        items = entry.value.as_list()
        candidates = items if items is not None else [entry.value]
        for item in candidates:
            obj = item.as_object()
            if obj is not None:
                found.append((obj, item.span or entry.key_span))
            elif unresolved is None:
                unresolved = item
    return found, unresolved


def key_refs(body: ObjectValue, prefix: str = "", nested: frozenset[str] = frozenset()) -> list[KeyRef]:
    """Every key written in ``body``, with nested block keys as dotted paths (``command.name``)."""
    out: list[KeyRef] = []
    for entry in body.entries:
        path = f"{prefix}{entry.key}"
        out.append(KeyRef(path=path, span=entry.key_span or entry.value.span))
        if entry.key in nested:
            for obj in _objects(entry):
                out.extend(key_refs(obj, f"{path}.", nested))
    return out


def _objects(entry: Entry) -> list[ObjectValue]:
    items = entry.value.as_list()
    values = items if items is not None else [entry.value]
    return [o for o in (v.as_object() for v in values) if o is not None]


@dataclass(frozen=True)
class TriggerKeys:
    """How one format spells a trigger's actions and predicate (Terraform ``actions`` / CFN ``Actions``)."""

    actions: str
    predicate: str
    conditions: str
    # model field → key, for an action and for a predicate condition
    action_fields: dict[str, str]
    condition_fields: dict[str, str]


def trigger_parts(body: ObjectValue, keys: TriggerKeys) -> dict[str, Any]:
    """The actions and predicate conditions of a trigger body, in the model's terms."""
    action_blocks, actions_unresolved = blocks(body, keys.actions)
    actions = [TriggerAction(span=span, **{f: a.get(k) for f, k in keys.action_fields.items()})
               for a, span in action_blocks]
    predicates, _ = blocks(body, keys.predicate)
    conditions: list[PredicateCondition] = []
    conditions_unresolved: Value | None = None
    for predicate, _span in predicates[:1]:
        found, conditions_unresolved = blocks(predicate, keys.conditions)
        conditions = [PredicateCondition(span=span, **{f: c.get(k) for f, k in keys.condition_fields.items()})
                      for c, span in found]
    return {"actions": actions, "actions_unresolved": actions_unresolved,
            "has_predicate": body.get(keys.predicate) is not None, "conditions": conditions,
            "conditions_unresolved": conditions_unresolved}


def presence_parts(cls: type[Resource], body: ObjectValue, spec: ResourceFields, dialect: Dialect) -> dict[str, Any]:
    """Model fields derived from a body's structure (a block written or not, list blocks) rather than one value."""
    parts: dict[str, Any] = {name: body.get(path[0]) is not None
                             for name, path in spec.field_map(dialect, "presence").items()}
    if cls is Trigger:
        keys = TriggerKeys(
            actions=spec.field_map(dialect, "items")["actions"][-1],
            predicate=spec.field_map(dialect, "presence")["has_predicate"][-1],
            conditions=spec.field_map(dialect, "items")["conditions"][-1],
            action_fields=spec.item_keys("actions", dialect), condition_fields=spec.item_keys("conditions", dialect))
        parts.update(trigger_parts(body, keys))
    return parts


_MODEL_CLASSES: dict[str, type[Resource]] = {cls.__name__: cls for cls in RESOURCE_CLASSES}


def build_resource(dialect: Dialect, resource_type: str, address: str, body: ObjectValue, *, span: Span,
                   source_format: SourceFormat, scope: str, region: Value | None,
                   suppressions: list[Suppression] | None, condition: str | None) -> Resource | None:
    """Map one resource body (Terraform arguments, CloudFormation Properties) to its model resource with the
    field table (rules/glue/fields.toml); None for a type gluelint does not model."""
    spec = resource_fields(resource_type)
    if spec is None or spec.type_name(dialect) != resource_type:
        return None
    cls = _MODEL_CLASSES[spec.model]
    values: dict[str, Any] = {name: field(body, *path) for name, path in spec.field_map(dialect).items()}
    if values.get("region") is None:  # the resource's own region (Terraform provider v6) wins over the file's
        values["region"] = region
    values.update(presence_parts(cls, body, spec, dialect))
    return cls(address=address, scope=scope, resource_type=resource_type, source_format=source_format,
               span=span, attribute_keys=key_refs(body, nested=spec.blocks(dialect)), suppressions=suppressions or [],
               condition=condition, body=body, **values)
