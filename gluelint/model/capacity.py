"""The DPUs one run of a job uses at most: WorkerType x NumberOfWorkers, MaxCapacity (AllocatedCapacity), or the
capacity AWS applies when none is written (limits.toml ``[capacity]``, never repeated here)."""

from __future__ import annotations

from dataclasses import dataclass

from gluelint.knowledge.commands import commands
from gluelint.knowledge.limits import limits
from gluelint.knowledge.workers import workers
from gluelint.model.outcomes import at_most, max_number, single_str
from gluelint.model.resources import Job


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


def job_capacity(job: Job, command: str | None, version: str | None) -> Capacity:
    """The DPUs one run uses at most: WorkerType x NumberOfWorkers, MaxCapacity (AllocatedCapacity), or
    the capacity AWS applies when none is written, for ``command`` and ``version`` (None: unknown or
    branching)."""
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
    return default_capacity(command, version)


def default_capacity(command: str | None, version: str | None) -> Capacity:
    """What AWS applies when a job writes no capacity (Python shell: max_capacity; Spark up to the legacy
    version: a fixed default; later versions require one)."""
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
