"""Helpers for reading a parsed resource body (an ObjectValue tree) into model fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gluelint.model.resources import (
    Job,
    KeyRef,
    PredicateCondition,
    Resource,
    SecurityConfiguration,
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


@dataclass(frozen=True)
class FormatKeys:
    """The names one format uses for the blocks whose mere presence the model records."""

    command: str
    encryption_configuration: str
    trigger: TriggerKeys


def presence_parts(cls: type[Resource], body: ObjectValue, keys: FormatKeys) -> dict[str, Any]:
    """Model fields derived from a body's structure rather than read from one attribute."""
    if cls is Job:
        return {"has_command": body.get(keys.command) is not None}
    if cls is SecurityConfiguration:
        return {"has_encryption_configuration": body.get(keys.encryption_configuration) is not None}
    if cls is Trigger:
        return trigger_parts(body, keys.trigger)
    return {}
