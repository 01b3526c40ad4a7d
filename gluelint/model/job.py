"""The job as Glue runs it: effective command, version, timeout and concurrency, the arguments a run gets (per
branch), the security configuration(s) it resolves to, and its capacity in DPUs.

Every check and the cost estimator read a job through :class:`EffectiveJob`, so all of them apply the same
defaults (from rules/glue and pricing/ data, never repeated here) and the same precedence. This module is the
facade; the argument layers live in :mod:`gluelint.model.arguments`, capacity in :mod:`gluelint.model.capacity`,
security-configuration resolution in :mod:`gluelint.model.security`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from gluelint.knowledge.commands import Command, commands
from gluelint.knowledge.limits import limits
from gluelint.knowledge.versions import versions
from gluelint.model.arguments import (
    ArgumentLayer,
    ArgumentMap,
    Arguments,
    ArgumentScan,
    argument_maps,
    deciding_argument,
    effective_arguments,
    written_arguments,
)
from gluelint.model.capacity import Capacity, job_capacity
from gluelint.model.outcomes import map_leaves, single_str
from gluelint.model.resources import Job
from gluelint.model.security import security_links
from gluelint.model.values import Origin, Value

if TYPE_CHECKING:
    from gluelint.model.inventory import Inventory, Link


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

    # -- arguments (gluelint.model.arguments) -------------------------------------------------------------
    def argument_maps(self) -> tuple[list[ArgumentMap], list[tuple[str, Value]]]:
        """Every known outcome of the job's argument maps, and the map outcomes that are unknown until apply
        (a known map's unresolved parts are in each map's ``obj.unresolved``)."""
        return argument_maps(self.job)

    def written_arguments(self, match: Callable[[str], bool] = lambda _key: True) -> ArgumentScan:
        """Every written entry whose key ``match``es, overridden ones included (a secret stays written)."""
        return written_arguments(self.job, match)

    def argument(self, key: str) -> ArgumentScan:
        """The entries that decide ``key``, one per branch: the last in non_overridable_arguments (which
        wins), else in default_arguments."""
        return deciding_argument(self.job, key)

    def arguments(self, run: ArgumentLayer | None = None) -> list[Arguments]:
        """The arguments a run gets, per branch combination of the maps; ``run`` is what the run is started
        with (a trigger action's arguments), between the job's defaults and its non-overridable arguments."""
        return effective_arguments(self.job, run)

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

    # -- capacity (gluelint.model.capacity) ---------------------------------------------------------------
    def capacity(self, command: str | None = None, version: str | None = None) -> Capacity:
        """The DPUs one run uses at most: WorkerType x NumberOfWorkers, MaxCapacity (AllocatedCapacity), or
        the capacity AWS applies when none is written (limits.toml ``[capacity]``). ``command`` and
        ``version`` pick one branch of those attributes; by default the job's own when they do not branch."""
        return job_capacity(self.job, command or single_str(self.command()),
                            version or single_str(self.glue_version()))
