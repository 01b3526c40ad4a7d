"""Helpers shared by the job checks (GL3, GL4, GL5): attribute spans, branch products, argument maps."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from gluelint.knowledge import version_key
from gluelint.model import effective
from gluelint.model.resources import Job
from gluelint.model.values import Entry, ObjectValue, Span, Value

# Model field → attribute path as written (Terraform names; CloudFormation's match after normalisation).
FIELD_PATHS = {
    "command_name": "command.name",
    "script_location": "command.script_location",
    "python_version": "command.python_version",
    "runtime": "command.runtime",
    "max_concurrent_runs": "execution_property.max_concurrent_runs",
    "notify_delay_after": "notification_property.notify_delay_after",
}
ARGUMENT_FIELDS = ("default_arguments", "non_overridable_arguments")


def _norm(path: str) -> str:
    return path.replace("_", "").lower()


def attr_span(job: Job, name: str) -> Span:
    """Where attribute ``name`` (a model field) is written: its key; the resource block when absent."""
    wanted = _norm(FIELD_PATHS.get(name, name))
    found: Span | None = None
    for ref in job.attribute_keys:
        if ref.span is not None and _norm(ref.path) == wanted:
            found = ref.span
    if found is not None:
        return found
    value = getattr(job, name, None)
    if isinstance(value, Value) and value.span is not None and value.span != job.span:
        return value.span
    return job.span


def entry_span(entry: Entry, fallback: Span) -> Span:
    return entry.key_span or entry.value.span or fallback


def join_labels(*labels: str | None) -> str | None:
    out: list[str] = []
    for label in labels:
        if label and label not in out:
            out.append(label)
    return " / ".join(out) or None


def combos(*values: Value) -> Iterator[tuple[str | None, tuple[Value, ...]]]:
    """Every combination of the values' concrete outcomes, with the joined branch label."""
    for picks in itertools.product(*(list(v.leaves()) for v in values)):
        yield join_labels(*(label for label, _ in picks)), tuple(v for _, v in picks)


def first_unknown(values: tuple[Value, ...]) -> Value | None:
    return next((v for v in values if v.is_unknown), None)


def at_least(version: str, floor: str) -> bool | None:
    """``version >= floor``; None when either is not a dotted number (``auto``)."""
    key, low = version_key(version), version_key(floor)
    if key is None or low is None:
        return None
    return key >= low


def at_most(version: str, ceiling: str) -> bool | None:
    key, high = version_key(version), version_key(ceiling)
    if key is None or high is None:
        return None
    return key <= high


def command_value(job: Job) -> Value:
    return effective.command_name(job)


def version_value(job: Job) -> Value:
    return effective.glue_version(job)


# -- argument maps ----------------------------------------------------------------------------------------
@dataclass
class ArgMap:
    """One concrete outcome of one argument map attribute."""

    field: str
    branch: str | None
    obj: ObjectValue
    value: Value


@dataclass
class ArgView:
    """The arguments a run gets (non-overridable over default, last-wins), for one branch combination."""

    branch: str | None
    entries: dict[str, tuple[str, Entry]] = field(default_factory=dict)
    unknown: list[tuple[str, Value]] = field(default_factory=list)
    # The map outcome each argument attribute has in this combination.
    objects: dict[str, ObjectValue] = field(default_factory=dict)

    def get(self, key: str) -> tuple[str, Entry] | None:
        return self.entries.get(key)

    def text(self, key: str) -> str | None:
        found = self.entries.get(key)
        return found[1].value.as_str() if found is not None else None

    @property
    def complete(self) -> bool:
        return not self.unknown


def argument_maps(job: Job) -> tuple[list[ArgMap], list[tuple[str, Value]]]:
    """Every known argument map outcome, and the map outcomes that are unknown until apply."""
    maps: list[ArgMap] = []
    unknown: list[tuple[str, Value]] = []
    for name in ARGUMENT_FIELDS:
        value: Value | None = getattr(job, name)
        if value is None:
            continue
        for label, leaf in value.leaves():
            obj = leaf.as_object()
            if obj is not None:
                maps.append(ArgMap(name, label, obj, leaf))
            elif leaf.is_unknown:
                unknown.append((name, leaf))
    return maps, unknown


def argument_views(job: Job) -> list[ArgView]:
    """The effective arguments per branch combination of the two maps."""
    present = [(name, v) for name in ARGUMENT_FIELDS if (v := getattr(job, name)) is not None]
    if not present:
        return [ArgView(branch=None)]
    views: list[ArgView] = []
    for label, leaves in combos(*(v for _, v in present)):
        view = ArgView(branch=label)
        for (name, _), leaf in zip(present, leaves, strict=True):
            obj = leaf.as_object()
            if obj is None:
                if leaf.is_unknown:
                    view.unknown.append((name, leaf))
                continue
            view.objects[name] = obj
            for key, entry in obj.effective().items():
                view.entries.pop(key, None)
                view.entries[key] = (name, entry)
            view.unknown.extend((name, part) for part in obj.unresolved)
        views.append(view)
    return views


# -- S3 URIs --------------------------------------------------------------------------------------------
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
S3_LIKE_SCHEMES = ("s3", "s3a", "s3n")


def classify_s3(text: str) -> tuple[str, str]:
    """("ok" | "malformed" | "not-s3", why) for one S3 location."""
    m = _SCHEME.match(text.strip())
    if m is None:
        return "not-s3", "it is not a URI (no `s3://` scheme)"
    scheme = m.group(1)
    if scheme.lower() not in S3_LIKE_SCHEMES:
        return "not-s3", f"its scheme is `{scheme}:`, not `s3:`"
    if scheme != "s3":
        return "malformed", f"the scheme `{scheme}://` must be lower-case `s3://`"
    if not text.startswith("s3://"):
        return "malformed", "it must start with `s3://`"
    if any(ch.isspace() for ch in text):
        return "malformed", "it contains whitespace"
    bucket, _, key = text[len("s3://"):].partition("/")
    if not bucket:
        return "malformed", "the bucket name is empty"
    if key.startswith("/") or "//" in key:
        return "malformed", "the key contains `//` (an empty path segment)"
    return "ok", ""


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]
