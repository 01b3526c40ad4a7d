"""The job as Glue runs it: effective command, version, timeout and concurrency, the arguments a run gets (per
branch), the security configuration(s) it resolves to, and its capacity in DPUs.

Every check and the cost estimator read a job through :class:`EffectiveJob`, so all of them apply the same
defaults (from rules/glue and pricing/ data, never repeated here) and the same precedence.

Arguments come in layers, lowest precedence first: the job's ``default_arguments``, then the arguments one run
is started with (a trigger action, a Step Functions task, a schedule: the ``run`` layer of :meth:`arguments`),
then ``non_overridable_arguments``, which no run can replace. Within a layer the last written key wins, as
Glue, Terraform and CloudFormation apply it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gluelint.knowledge import version_key
from gluelint.knowledge.commands import Command, commands
from gluelint.knowledge.limits import limits
from gluelint.knowledge.security import security
from gluelint.knowledge.versions import versions
from gluelint.knowledge.workers import workers
from gluelint.model.resources import Job, Resource, SecurityConfiguration
from gluelint.model.values import Alternative, Entry, ObjectValue, Origin, Span, Value, possible

if TYPE_CHECKING:
    from gluelint.model.inventory import Inventory, Link

DEFAULT_FIELD = "default_arguments"
FIXED_FIELD = "non_overridable_arguments"
ARGUMENT_FIELDS = (DEFAULT_FIELD, FIXED_FIELD)  # the job's own layers, lowest precedence first


# -- branches -------------------------------------------------------------------------------------------

def join_labels(*labels: str | None) -> str | None:
    """The branch where all of ``labels`` hold (``None`` = every case)."""
    out: list[str] = []
    for label in labels:
        if label and label not in out:
            out.append(label)
    return " / ".join(out) or None


def combos(*values: Value) -> Iterator[tuple[str | None, tuple[Value, ...]]]:
    """Every combination of the values' concrete outcomes that can exist, with the joined branch label (values
    branching on the same condition take their outcomes together)."""
    for picks in itertools.product(*(list(v.leaves()) for v in values)):
        labels = [label for label, _ in picks]
        if possible(*labels):
            yield join_labels(*labels), tuple(v for _, v in picks)


def first_unknown(values: tuple[Value, ...]) -> Value | None:
    return next((v for v in values if v.is_unknown), None)


def split_leaves(value: Value) -> tuple[list[tuple[str | None, Value]], list[Value]]:
    """The known outcomes of ``value`` (with branch labels) and the ones unknown until apply."""
    known: list[tuple[str | None, Value]] = []
    unknown: list[Value] = []
    for label, leaf in value.leaves():
        if leaf.is_unknown:
            unknown.append(leaf)
        else:
            known.append((label, leaf))
    return known, unknown


def map_leaves(value: Value, fn: Callable[[Value], Value]) -> Value:
    """Apply ``fn`` to every concrete outcome of ``value``, keeping branch labels."""
    if value.alternatives:
        return Value.branches([Alternative(label=a.label, value=map_leaves(a.value, fn))
                               for a in value.alternatives], expression=value.expression, span=value.span)
    return fn(value)


def single_str(value: Value | None) -> str | None:
    """The value when known and the same on every branch."""
    if value is None:
        return None
    outcomes = {leaf.as_str() for _, leaf in value.leaves()}
    return outcomes.pop() if len(outcomes) == 1 else None


def max_number(value: Value | None) -> tuple[float | None, bool]:
    """The number (the largest over branches, flagged as a bound); None when any branch is unknown."""
    if value is None:
        return None, False
    numbers = [leaf.as_number() for _, leaf in value.leaves()]
    if not numbers or any(n is None for n in numbers):
        return None, False
    known = [n for n in numbers if n is not None]
    return max(known), len(set(known)) > 1


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


# -- arguments ------------------------------------------------------------------------------------------

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


# -- capacity -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Capacity:
    """The DPUs one run uses at most, and how they were found."""

    dpus: float | None
    # "workers" (WorkerType x NumberOfWorkers), "max_capacity", "default" (what AWS applies), "unknown".
    basis: str
    worker_type: str | None = None
    workers: float | None = None
    # The largest of several branches: a bound, not the figure of every branch.
    upper_bound: bool = False
    # Why the figure is unknown, or which default applies (for the cost report's notes).
    note: str | None = None


# -- the job --------------------------------------------------------------------------------------------

class EffectiveJob:
    """One job with every default applied and every precedence resolved."""

    def __init__(self, job: Job) -> None:
        self.job = job

    # -- scalar attributes ----------------------------------------------------------------------------
    def command(self) -> Value:
        """``command.name``; absent, the provider's default (rules/glue/commands.toml ``default``)."""
        if self.job.command_name is not None:
            return self.job.command_name
        return Value.of(commands().default, span=self.job.span, origin=Origin.PROVIDER_DEFAULT)

    def command_spec(self) -> Command | None:
        """The command's facts when it is known and the same on every branch."""
        name = single_str(self.command())
        return commands().get(name) if name is not None else None

    def glue_version(self) -> Value:
        """The job's version; absent, the version AWS picks today (flagged by GL503)."""
        if self.job.glue_version is not None:
            return self.job.glue_version
        return Value.of(versions().default_version, span=self.job.span, origin=Origin.AWS_DEFAULT)

    def timeout_minutes(self) -> Value:
        """The timeout in minutes: as written, or the default: the command's own where it has one (Python shell
        ignores the Glue version, commands.toml), else the version's (versions.toml)."""
        if self.job.timeout is not None:
            return self.job.timeout
        span = self.job.span
        own = self._command_default_timeout()
        if own is not None:
            return own

        def default_for(version: Value) -> Value:
            if version.is_unknown:
                return Value.unknown(version.expression or "glue_version", "the default timeout depends on "
                                     "glue_version, which is unknown", span=span)
            spec = versions().get(version.as_str() or "")
            if spec is None:
                return Value.unknown(str(version.as_str()), "no default timeout is known for this version",
                                     span=span)
            return Value.of(spec.default_timeout_minutes, span=span, origin=Origin.AWS_DEFAULT)

        return map_leaves(self.glue_version(), default_for)

    def _command_default_timeout(self) -> Value | None:
        """The command's fixed default timeout when every branch of the command has one."""
        defaults = {spec.default_timeout_minutes if spec is not None else None
                    for spec in (commands().get(leaf.as_str() or "") for _, leaf in self.command().leaves())}
        if len(defaults) != 1:
            return None
        minutes = defaults.pop()
        return Value.of(minutes, span=self.job.span, origin=Origin.AWS_DEFAULT) if minutes is not None else None

    def max_concurrent_runs(self) -> Value:
        """ExecutionProperty.MaxConcurrentRuns; absent, AWS's default (limits.toml ``[concurrency]``)."""
        if self.job.max_concurrent_runs is not None:
            return self.job.max_concurrent_runs
        return Value.of(limits().concurrency.default, span=self.job.span, origin=Origin.AWS_DEFAULT)

    def execution_class(self) -> Value:
        """ExecutionClass; absent, AWS's default (commands.toml ``[execution_class]``)."""
        if self.job.execution_class is not None:
            return self.job.execution_class
        return Value.of(commands().execution_class.default, span=self.job.span, origin=Origin.AWS_DEFAULT)

    def queues_runs(self, limit: str) -> bool | None:
        """Whether a run over ``limit`` (limits.toml ``[queuing] waits_for``) waits instead of failing: True when
        job run queuing is on on every branch, False when off (or absent), None when only apply time knows."""
        queuing = limits().queuing
        if limit not in queuing.waits_for:
            return False
        value: Value | None = getattr(self.job, queuing.field)
        if value is None:
            return False
        outcomes = {leaf.as_str() if not leaf.is_unknown else None for _, leaf in value.leaves()}
        if None in outcomes:
            return None
        return outcomes == {"true"} or (None if "true" in outcomes else False)

    def is_streaming(self) -> bool | None:
        """True/False when every branch of the command agrees; None when unknown or mixed."""
        outcomes = set()
        for _, leaf in self.command().leaves():
            spec = commands().get(leaf.as_str() or "")
            outcomes.add(spec.streaming if spec is not None else None)
        return outcomes.pop() if len(outcomes) == 1 else None

    # -- arguments ------------------------------------------------------------------------------------
    def _own_layers(self) -> list[tuple[str, Value]]:
        return [(name, v) for name in ARGUMENT_FIELDS if (v := getattr(self.job, name)) is not None]

    def _layers(self, run: ArgumentLayer | None) -> list[tuple[str, Value]]:
        own = self._own_layers()
        if run is None:
            return own
        defaults = [layer for layer in own if layer[0] == DEFAULT_FIELD]
        fixed = [layer for layer in own if layer[0] == FIXED_FIELD]
        return [*defaults, (run.field, run.value), *fixed]

    def argument_maps(self) -> tuple[list[ArgumentMap], list[tuple[str, Value]]]:
        """Every known outcome of the job's argument maps, and the map outcomes that are unknown until apply
        (a known map's unresolved parts are in each map's ``obj.unresolved``)."""
        unknown: list[tuple[str, Value]] = []
        maps = [m for layer in self._own_layers() for m in _layer_maps(layer, unknown, parts=False)]
        return maps, unknown

    def written_arguments(self, match: Callable[[str], bool] = lambda _key: True) -> ArgumentScan:
        """Every written entry whose key ``match``es, overridden ones included (a secret stays written)."""
        scan = ArgumentScan()
        for name, value in self._own_layers():
            scan.hits.extend(a for a in written_entries(name, value, scan.unknown) if match(a.key))
        return scan

    def argument(self, key: str) -> ArgumentScan:
        """The entries that decide ``key``, one per branch: the last in non_overridable_arguments (which
        wins), else in default_arguments."""
        for name, value in reversed(self._own_layers()):
            unknown: list[tuple[str, Value]] = []
            by_branch: dict[str | None, Argument] = {}
            for m in _layer_maps((name, value), unknown):
                for e in m.obj.entries:
                    if e.key == key:
                        by_branch[m.branch] = Argument(name, e, m.branch)
            if by_branch or name == DEFAULT_FIELD:
                return ArgumentScan(hits=list(by_branch.values()), unknown=unknown)
        return ArgumentScan()

    def arguments(self, run: ArgumentLayer | None = None) -> list[Arguments]:
        """The arguments a run gets, per branch combination of the maps; ``run`` is what the run is started
        with (a trigger action's arguments), between the job's defaults and its non-overridable arguments."""
        present = self._layers(run)
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

    def run_layers(self, inventory: Inventory) -> list[ArgumentLayer]:
        """The arguments each starter passes to a run of this job (a trigger action, a Step Functions task, a
        Scheduler input, an Airflow task): give one to :meth:`arguments` to see what that run gets."""
        return [ArgumentLayer(field=where, value=value, owner=owner)
                for owner, where, value in inventory.job_starts(self.job)]

    def argument_texts(self, key: str) -> set[str | None]:
        """The text ``key`` has in the effective arguments, over every branch (None: absent or unknown)."""
        return {view.text(key) for view in self.arguments()}

    # -- security -------------------------------------------------------------------------------------
    def security_configurations(self, inventory: Inventory) -> Iterator[tuple[str | None, Link]]:
        """The security configuration each branch of ``security_configuration`` resolves to."""
        return security_links(inventory, self.job, self.job.security_configuration)

    # -- capacity -------------------------------------------------------------------------------------
    def capacity(self, command: str | None = None, version: str | None = None) -> Capacity:
        """The DPUs one run uses at most: WorkerType x NumberOfWorkers, MaxCapacity (AllocatedCapacity), or
        the capacity AWS applies when none is written (limits.toml ``[capacity]``). ``command`` and
        ``version`` pick one branch of those attributes; by default the job's own when they do not branch."""
        job = self.job
        if job.worker_type is not None or job.number_of_workers is not None:
            worker_type = single_str(job.worker_type)
            count, branched = max_number(job.number_of_workers)
            spec = workers().get(worker_type or "")
            if spec is None or count is None:
                return Capacity(None, "unknown", worker_type, count,
                                note="worker type or number of workers unknown")
            return Capacity(spec.dpu * count, "workers", worker_type, count, upper_bound=branched)
        written = job.max_capacity or job.allocated_capacity
        if written is not None:
            capacity, branched = max_number(written)
            if capacity is None:
                return Capacity(None, "unknown", note="capacity unknown")
            return Capacity(capacity, "max_capacity", upper_bound=branched)
        return self._default_capacity(command or single_str(self.command()),
                                      version or single_str(self.glue_version()))

    def _default_capacity(self, command: str | None, version: str | None) -> Capacity:
        caps = limits().capacity
        spec = commands().get(command or "")
        if spec is not None and spec.capacity == "max_capacity":
            return Capacity(caps.pythonshell_default, "default",
                            note=f"max_capacity absent: AWS default {caps.pythonshell_default:g} DPU")
        legacy = at_most(version or "", caps.spark_legacy_max_version)
        if spec is not None and spec.is_spark and legacy is True:
            return Capacity(float(caps.spark_default), "default",
                            note=f"capacity absent: AWS default {caps.spark_default:g} DPUs "
                                 f"(Glue <= {caps.spark_legacy_max_version})")
        return Capacity(None, "unknown", note="capacity unknown")


# -- security configurations ----------------------------------------------------------------------------

def security_links(inventory: Inventory, owner: Resource,
                   value: Value | None) -> Iterator[tuple[str | None, Link]]:
    """The security configuration each branch of ``value`` (an owner's ``security_configuration``) names."""
    if value is None:
        return
    for label, leaf in value.leaves():
        yield label, inventory.security_configuration_of(owner, leaf)


def encryption_modes(config: SecurityConfiguration,
                     part_id: str) -> tuple[list[tuple[str | None, str, Value | None]], list[Value]]:
    """The effective mode of one encryption part per branch — (branch, mode, the value as written or None
    when absent and defaulted) — and the outcomes unknown until apply."""
    part = security().part_by_id(part_id)
    value: Value | None = getattr(config, part.mode_field)
    if value is None:
        return [(None, part.default, None)], []
    known, unknown = split_leaves(value)
    return [(label, leaf.as_str() or part.default, leaf) for label, leaf in known], unknown
