"""GL5 — workers and capacity: worker types the command and Glue version allow (GL504), how capacity is set (GL505)."""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.context import RuleContext, attr_span
from gluelint.checks.registry import Result, check
from gluelint.knowledge.commands import commands
from gluelint.knowledge.limits import limits
from gluelint.knowledge.workers import workers
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import at_least, at_most, combos, first_unknown
from gluelint.model.resources import Job


@check("GL504", Job)
def worker_type_incompatible(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.worker_type is None:
        return
    span = attr_span(job, "worker_type")
    for label, (worker, cmd, version) in combos(job.worker_type, EffectiveJob(job).command(),
                                                EffectiveJob(job).glue_version()):
        missing = first_unknown((worker, cmd, version))
        if missing is not None:
            yield ctx.undecided("worker_type", missing)
            continue
        name, command, ver = worker.as_str() or "", cmd.as_str() or "", version.as_str() or ""
        spec = workers().get(name)
        if spec is None:
            continue  # not a worker type at all: GL010 (invalid-enum-value) reports it
        why = None
        if command not in spec.commands:
            why = f"is not available to `{command}` jobs (only {', '.join(spec.commands)})"
        elif spec.min_version is not None and at_least(ver, spec.min_version) is False:
            why = f"needs Glue {spec.min_version} or later, not {ver}"
        elif spec.max_version is not None and at_most(ver, spec.max_version) is False:
            why = f"is a legacy type for Glue {spec.max_version} and earlier, not {ver}"
        if why is not None:
            yield ctx.finding(span, f"{job.address}: `{ctx.naming().term('worker_type')}` {name} {why}: choose a "
                                    "worker type the job "
                                    "allows", attribute="worker_type", branch=label)


@check("GL505", Job)
def capacity_conflict(job: Job, ctx: RuleContext) -> Iterator[Result]:
    has_workers = job.worker_type is not None or job.number_of_workers is not None
    n = ctx.naming()
    capacity, worker_type, count = n.term("max_capacity"), n.term("worker_type"), n.term("number_of_workers")
    if job.max_capacity is not None and has_workers:
        yield ctx.finding(attr_span(job, "max_capacity"),
                          f"{job.address} sets `{capacity}` together with `{worker_type}`/`{count}`; AWS says do not "
                          f"set a maximum capacity with workers: remove `{capacity}`", attribute="max_capacity")
    elif job.max_capacity is not None:
        legacy = limits().capacity.spark_legacy_max_version
        for label, (cmd, version) in combos(EffectiveJob(job).command(), EffectiveJob(job).glue_version()):
            spec = commands().get(cmd.as_str() or "")
            if first_unknown((cmd, version)) is not None or spec is None or not spec.is_spark:
                continue
            if at_most(version.as_str() or "", legacy) is False:
                yield ctx.finding(attr_span(job, "max_capacity"),
                                  f"{job.address}: a Glue {version.as_str()} Spark job cannot use `{capacity}`: set "
                                  f"`{worker_type}` and `{count}` instead", attribute="max_capacity", branch=label)
    if job.worker_type is not None and job.number_of_workers is None:
        yield ctx.finding(attr_span(job, "worker_type"), f"{job.address} sets `{worker_type}` without "
                                                         f"`{count}`: set both", attribute="worker_type")
    if job.number_of_workers is not None and job.worker_type is None:
        yield ctx.finding(attr_span(job, "number_of_workers"), f"{job.address} sets `{count}` without "
                                                               f"`{worker_type}`: set both",
                          attribute="number_of_workers")
    # Terraform: the provider removed `allocated_capacity` in 3.0, so GL003 reports it as not accepted.
    if job.allocated_capacity is not None and job.source_format.is_cloudformation:
        yield ctx.finding(attr_span(job, "allocated_capacity"),
                          f"{job.address} sets `{n.term('allocated_capacity')}`, which AWS deprecated: use "
                          f"`{worker_type}` and `{count}` (or `{capacity}` for "
                          f"{' / '.join(c.name for c in commands().command.values() if c.sized_by_max_capacity)})",
                          attribute="allocated_capacity")
