"""The arguments a job run gets, in layers, lowest precedence first: the job's ``default_arguments``, then the
arguments one run is started with (a trigger action, a Step Functions task, a schedule), then
``non_overridable_arguments``, which no run can replace. Within a layer the last written key wins, as Glue,
Terraform and CloudFormation apply it.

:class:`gluelint.model.job.EffectiveJob` exposes these per job; this module holds the shapes and the layering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from gluelint.model.outcomes import combos, join_labels
from gluelint.model.resources import Job, Resource
from gluelint.model.values import Entry, ObjectValue, Span, Value

DEFAULT_FIELD = "default_arguments"
FIXED_FIELD = "non_overridable_arguments"
ARGUMENT_FIELDS = (DEFAULT_FIELD, FIXED_FIELD)  # the job's own layers, lowest precedence first


@dataclass(frozen=True)
class ArgumentLayer:
    """One argument map a run receives: where it is written (``default_arguments``,
    ``actions[0].arguments``) and by which resource (the job, a trigger, ...)."""

    field: str
    value: Value
    owner: Resource


@dataclass(frozen=True)
class ArgumentMap:
    """One known outcome of one argument layer."""

    field: str
    branch: str | None
    obj: ObjectValue
    value: Value


@dataclass(frozen=True)
class Argument:
    """One written ``key = value`` of an argument map, on the branch where it exists."""

    field: str
    entry: Entry
    branch: str | None

    @property
    def key(self) -> str:
        return self.entry.key

    @property
    def value(self) -> Value:
        return self.entry.value

    @property
    def attribute(self) -> str:
        """The finding attribute for this entry (``default_arguments.--conf``)."""
        return f"{self.field}.{self.entry.key}"

    def span(self, fallback: Span) -> Span:
        return entry_span(self.entry, fallback)


@dataclass
class ArgumentScan:
    """Entries found in argument maps, and the map parts unknown until apply (a matching key could hide there)."""

    hits: list[Argument] = field(default_factory=list)
    unknown: list[tuple[str, Value]] = field(default_factory=list)


@dataclass
class Arguments:
    """The arguments one run gets on one branch combination: every key's winning entry."""

    branch: str | None
    entries: dict[str, Argument] = field(default_factory=dict)
    unknown: list[tuple[str, Value]] = field(default_factory=list)
    # The map outcome each layer has in this combination.
    objects: dict[str, ObjectValue] = field(default_factory=dict)

    def get(self, key: str) -> Argument | None:
        return self.entries.get(key)

    def text(self, key: str) -> str | None:
        found = self.entries.get(key)
        return found.value.as_str() if found is not None else None

    @property
    def complete(self) -> bool:
        return not self.unknown


def entry_span(entry: Entry, fallback: Span) -> Span:
    """Where a finding about an argument entry points: its key, else its value, else ``fallback``."""
    return entry.key_span or entry.value.span or fallback


def _layer_maps(layer: tuple[str, Value], unknown: list[tuple[str, Value]],
                parts: bool = True) -> Iterator[ArgumentMap]:
    """The known outcomes of one map; unknown outcomes (and, with ``parts``, a known map's unresolved parts)
    are added to ``unknown``."""
    name, value = layer
    for label, leaf in value.leaves():
        obj = leaf.as_object()
        if obj is not None:
            if parts:
                unknown.extend((name, part) for part in obj.unresolved)
            yield ArgumentMap(name, label, obj, leaf)
        elif leaf.is_unknown:
            unknown.append((name, leaf))


def written_entries(name: str, value: Value, unknown: list[tuple[str, Value]]) -> list[Argument]:
    """Every entry written in one argument map (``actions[0].arguments``, ...), overridden ones included; the
    parts unknown until apply are added to ``unknown``."""
    return [Argument(m.field, e, join_labels(m.branch, e.condition))
            for m in _layer_maps((name, value), unknown) for e in m.obj.entries]


# -- layering -------------------------------------------------------------------------------------------

def own_layers(job: Job) -> list[tuple[str, Value]]:
    """The job's own argument maps that are written, lowest precedence first."""
    return [(name, v) for name in ARGUMENT_FIELDS if (v := getattr(job, name)) is not None]


def layers_for_run(job: Job, run: ArgumentLayer | None) -> list[tuple[str, Value]]:
    """The maps one run gets: ``run`` goes between the job's defaults and its non-overridable arguments."""
    own = own_layers(job)
    if run is None:
        return own
    defaults = [layer for layer in own if layer[0] == DEFAULT_FIELD]
    fixed = [layer for layer in own if layer[0] == FIXED_FIELD]
    return [*defaults, (run.field, run.value), *fixed]


def argument_maps(job: Job) -> tuple[list[ArgumentMap], list[tuple[str, Value]]]:
    """Every known outcome of the job's argument maps, and the map outcomes that are unknown until apply
    (a known map's unresolved parts are in each map's ``obj.unresolved``)."""
    unknown: list[tuple[str, Value]] = []
    maps = [m for layer in own_layers(job) for m in _layer_maps(layer, unknown, parts=False)]
    return maps, unknown


def written_arguments(job: Job, match: Callable[[str], bool]) -> ArgumentScan:
    """Every written entry whose key ``match``es, overridden ones included (a secret stays written)."""
    scan = ArgumentScan()
    for name, value in own_layers(job):
        scan.hits.extend(a for a in written_entries(name, value, scan.unknown) if match(a.key))
    return scan


def deciding_argument(job: Job, key: str) -> ArgumentScan:
    """The entries that decide ``key``, one per branch: the last in non_overridable_arguments (which
    wins), else in default_arguments."""
    for name, value in reversed(own_layers(job)):
        unknown: list[tuple[str, Value]] = []
        by_branch: dict[str | None, Argument] = {}
        for m in _layer_maps((name, value), unknown):
            for e in m.obj.entries:
                if e.key == key:
                    by_branch[m.branch] = Argument(name, e, m.branch)
        if by_branch or name == DEFAULT_FIELD:
            return ArgumentScan(hits=list(by_branch.values()), unknown=unknown)
    return ArgumentScan()


def effective_arguments(job: Job, run: ArgumentLayer | None = None) -> list[Arguments]:
    """The arguments a run gets, per branch combination of the maps; ``run`` is what the run is started
    with (a trigger action's arguments), between the job's defaults and its non-overridable arguments."""
    present = layers_for_run(job, run)
    if not present:
        return [Arguments(branch=None)]
    views: list[Arguments] = []
    for label, leaves in combos(*(v for _, v in present)):
        view = Arguments(branch=label)
        for (name, _), leaf in zip(present, leaves, strict=True):
            obj = leaf.as_object()
            if obj is None:
                if leaf.is_unknown:
                    view.unknown.append((name, leaf))
                continue
            view.objects[name] = obj
            for k, entry in obj.effective().items():
                view.entries.pop(k, None)
                view.entries[k] = Argument(name, entry, join_labels(label, entry.condition))
            view.unknown.extend((name, part) for part in obj.unresolved)
        views.append(view)
    return views
