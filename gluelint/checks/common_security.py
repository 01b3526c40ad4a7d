"""Helpers shared by the GL0 definition, GL1 security and GL2 encryption-argument checks."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from gluelint.checks.context import RuleContext, nearest_key
from gluelint.findings import Undecided
from gluelint.knowledge.security import EncryptionPart, security
from gluelint.model.inventory import Link
from gluelint.model.resources import Job, Resource, SecurityConfiguration
from gluelint.model.values import Entry, ObjectValue, Span, Value

Leaf = tuple[str | None, Value]
ARGUMENT_MAPS = ("non_overridable_arguments", "default_arguments")


def split_leaves(value: Value) -> tuple[list[Leaf], list[Value]]:
    """The known outcomes of ``value`` (with branch labels) and the ones unknown until apply."""
    known: list[Leaf] = []
    unknown: list[Value] = []
    for label, leaf in value.leaves():
        if leaf.is_unknown:
            unknown.append(leaf)
        else:
            known.append((label, leaf))
    return known, unknown


def key_span(resource: Resource, path: str) -> Span | None:
    """Where ``path`` (``command.name``) is written in ``resource``, when it is."""
    return next((k.span for k in resource.attribute_keys if k.path == path), None)


def at(resource: Resource, value: Value | None) -> Span | None:
    """Where a finding about ``value`` points: the key of the attribute it is written under (the nearest key of
    ``resource`` before it), or the value itself when it is written elsewhere (a variable default)."""
    span = value.span if value is not None else None
    return nearest_key(resource, span) if span is not None else None


def entry_span(entry: Entry) -> Span | None:
    return entry.key_span or entry.value.span


def is_blank(value: Value) -> bool:
    """True when a known value is null or an empty / whitespace-only string."""
    data = value.scalar()
    return data is None or (isinstance(data, str) and not data.strip())


# -- argument maps ------------------------------------------------------------------------------------------

@dataclass
class ArgumentHit:
    attribute: str
    entry: Entry
    branch: str | None


@dataclass
class ArgumentScan:
    hits: list[ArgumentHit] = field(default_factory=list)
    # (attribute, value) parts of a map that are unknown until apply: a matching key could hide there.
    unknown: list[tuple[str, Value]] = field(default_factory=list)


def map_objects(attribute: str, value: Value | None, scan: ArgumentScan) -> Iterator[tuple[str | None, ObjectValue]]:
    """Every known object outcome of an argument map; unknown parts are recorded in ``scan.unknown``."""
    if value is None:
        return
    known, unknown = split_leaves(value)
    scan.unknown.extend((attribute, u) for u in unknown)
    for label, leaf in known:
        obj = leaf.as_object()
        if obj is None:
            continue
        scan.unknown.extend((attribute, u) for u in obj.unresolved)
        yield label, obj


def scan_maps(maps: list[tuple[str, Value | None]], match: Callable[[str], bool]) -> ArgumentScan:
    """Every entry whose key ``match``es in the given (attribute, map value) pairs, all written entries kept."""
    scan = ArgumentScan()
    for attribute, value in maps:
        for label, obj in map_objects(attribute, value, scan):
            scan.hits.extend(ArgumentHit(attribute, e, label) for e in obj.entries if match(e.key))
    return scan


def job_maps(job: Job) -> list[tuple[str, Value | None]]:
    return [(name, getattr(job, name)) for name in ARGUMENT_MAPS]


def effective_argument(job: Job, key: str) -> ArgumentScan:
    """The entries that decide ``key``: the last one in non_overridable_arguments (which wins), else in
    default_arguments, per branch of the map."""
    for attribute in ARGUMENT_MAPS:
        scan = scan_maps([(attribute, getattr(job, attribute))], lambda k: k == key)
        by_branch: dict[str | None, ArgumentHit] = {}
        for hit in scan.hits:
            by_branch[hit.branch] = hit
        if by_branch or attribute == ARGUMENT_MAPS[-1]:
            return ArgumentScan(hits=list(by_branch.values()), unknown=scan.unknown)
    return ArgumentScan()  # pragma: no cover - the loop always returns


# -- security configurations --------------------------------------------------------------------------------

@dataclass
class WeakPart:
    part: EncryptionPart
    mode: str
    leaf: Value | None  # the mode as written; None when absent
    branch: str | None


def weak_parts(config: SecurityConfiguration) -> tuple[list[WeakPart], list[tuple[str, Value]]]:
    """The parts ``config`` leaves weak (GL102), and the (attribute, value) modes unknown until apply."""
    weak: list[WeakPart] = []
    unknown: list[tuple[str, Value]] = []
    for part in security().part:
        value: Value | None = getattr(config, part.mode_field)
        if value is None:
            if part.default not in part.accepted:
                weak.append(WeakPart(part, part.default, None, None))
            continue
        known, pending = split_leaves(value)
        unknown.extend((part.mode_field, v) for v in pending)
        for label, leaf in known:
            mode = leaf.as_str() or part.default
            if mode.upper() not in part.accepted:
                weak.append(WeakPart(part, mode, leaf, label))
    return weak, unknown


def describe_weak(weak: list[WeakPart]) -> str:
    return ", ".join(f"{w.part.label} {w.mode} (use {w.part.recommended})" for w in weak)


def security_links(ctx: RuleContext, owner: Resource, value: Value | None) -> Iterator[tuple[str | None, Link]]:
    """The security configuration each branch of ``value`` names."""
    if value is None:
        return
    for label, leaf in value.leaves():
        yield label, ctx.inventory.security_configuration_of(owner, leaf)


def undecided_all(ctx: RuleContext, pairs: list[tuple[str, Value]],
                  resource: Resource | None = None) -> Iterator[Undecided]:
    for attribute, value in pairs:
        yield ctx.undecided(attribute, value, resource=resource)


# -- structured values --------------------------------------------------------------------------------------

class UnknownPart(Exception):
    """Raised by :func:`to_python` when part of a value is unknown until apply."""

    def __init__(self, value: Value) -> None:
        super().__init__(value.expression or "")
        self.value = value


def to_python(value: Value) -> Any:
    """A known value as plain Python (objects as dicts, last key wins); JSON strings are not decoded."""
    if not value.known or value.alternatives:
        raise UnknownPart(value)
    obj = value.as_object()
    if obj is not None:
        if obj.unresolved:
            raise UnknownPart(obj.unresolved[0])
        return {k: to_python(e.value) for k, e in obj.effective().items()}
    items = value.as_list()
    if items is not None:
        return [to_python(v) for v in items]
    return value.scalar()


class Pending:
    """Stands for a part of a structured value that is known only at apply time (see :func:`to_python_partial`)."""

    def __init__(self, value: Value) -> None:
        self.value = value


def to_python_partial(value: Value) -> Any:
    """Like :func:`to_python`, but a part unknown until apply becomes a :class:`Pending` instead of failing the
    whole value (a policy statement's principal can be known while its resource ARN is not)."""
    if not value.known or value.alternatives:
        return Pending(value)
    obj = value.as_object()
    if obj is not None:
        if obj.unresolved:
            return Pending(obj.unresolved[0])
        return {k: to_python_partial(e.value) for k, e in obj.effective().items()}
    items = value.as_list()
    if items is not None:
        return [to_python_partial(v) for v in items]
    return value.scalar()


def pending_in(data: Any) -> Pending | None:
    """The first part of ``data`` that is known only at apply time."""
    if isinstance(data, Pending):
        return data
    for item in data.values() if isinstance(data, dict) else data if isinstance(data, list) else []:
        found = pending_in(item)
        if found is not None:
            return found
    return None


def policy_document(value: Value) -> Any:
    """A policy document written as JSON text or as a (possibly partly unknown) object: plain Python with
    :class:`Pending` for the parts known only at apply time; a Pending for the whole when it is unknown text.
    Raises ValueError when the text is not JSON."""
    data = to_python_partial(value)
    if isinstance(data, str):
        return json.loads(data)
    return data


def json_document(value: Value) -> Any:
    """A policy-like document written as a JSON string or as an object; raises UnknownPart / ValueError."""
    data = to_python(value)
    if isinstance(data, str):
        return json.loads(data)
    return data


def tag_outcomes(resource: Resource) -> tuple[list[tuple[str | None, dict[str, Value]]], list[Value]]:
    """Per branch, the tags of ``resource`` (a map, or a CloudFormation list of Key/Value); unknown parts."""
    if resource.tags is None:
        return [(None, {})], []
    known, unknown = split_leaves(resource.tags)
    out: list[tuple[str | None, dict[str, Value]]] = []
    for label, leaf in known:
        obj = leaf.as_object()
        tags: dict[str, Value] = {}
        if obj is not None:
            unknown.extend(obj.unresolved)
            tags = {k: e.value for k, e in obj.effective().items()}
        for item in leaf.as_list() or []:
            pair = item.as_object()
            key = pair.get("Key") if pair is not None else None
            val = pair.get("Value") if pair is not None else None
            if key is not None and key.as_str() is not None and val is not None:
                tags[key.as_str() or ""] = val
            else:
                unknown.append(item)
        out.append((label, tags))
    return out, unknown
