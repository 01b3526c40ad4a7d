"""GL6 cost checks. They read the estimator's figures (ctx.costs, gluelint.cost) so messages and reports agree."""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.context import RuleContext
from gluelint.checks.registry import Result, check
from gluelint.cost.model import JobCost, usd
from gluelint.cost.tables import billing
from gluelint.knowledge import version_key
from gluelint.knowledge.commands import AutoScaling, commands
from gluelint.model.inventory import Inventory
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import single_str
from gluelint.model.resources import Job
from gluelint.model.values import Span


def _capacity_span(job: Job) -> Span | None:
    for value in (job.number_of_workers, job.worker_type, job.max_capacity):
        if value is not None and value.span is not None:
            return value.span
    return None


def _bound(cost: JobCost) -> str:
    return " (upper bound)" if cost.upper_bound else ""


@check("GL601", Job)
def run_cost_over_budget(job: Job, ctx: RuleContext) -> Iterator[Result]:
    limit = ctx.config.budget.max_run_usd
    cost = ctx.cost_of(job)
    if limit is None or cost is None:
        return
    if cost.worst_case_run_usd is None:
        yield ctx.undecided("timeout", job.timeout or job.number_of_workers)
        return
    concurrency = cost.max_concurrent_runs or 1.0
    total = cost.worst_case_run_usd * max(concurrency, 1.0)
    if total <= limit:
        return
    overlap = f" x {concurrency:g} concurrent runs" if concurrency > 1 else ""
    span = job.timeout.span if job.timeout is not None and job.timeout.span else None
    yield ctx.finding(span, f"{job.address}: one run can cost {usd(total)}{_bound(cost)} ({cost.dpus:g} DPUs x "
                            f"{cost.timeout_minutes:g} min x ${cost.rate_usd:g}/DPU-hour{overlap}), over "
                            f"budget.max_run_usd {usd(limit)}: lower `{ctx.naming().term('timeout')}` or the "
                            "job's capacity",
                      attribute="timeout")


@check("GL602", Job)
def monthly_cost_over_budget(job: Job, ctx: RuleContext) -> Iterator[Result]:
    limit = ctx.config.budget.max_monthly_usd_per_job
    cost = ctx.cost_of(job)
    if limit is None or cost is None:
        return
    if cost.monthly_usd is None:
        yield ctx.undecided("runs_per_month", None)
        return
    if cost.monthly_usd > limit:
        yield ctx.finding(None, f"{job.address}: estimated {usd(cost.monthly_usd)}/month{_bound(cost)} "
                                f"({cost.monthly_basis}; {cost.runs_source}) exceeds budget.max_monthly_usd_per_job "
                                f"{usd(limit)}: shrink the job, shorten runs or run it less often",
                          attribute="monthly")


@check("GL602")
def total_monthly_cost_over_budget(inventory: Inventory, ctx: RuleContext) -> Iterator[Result]:
    limit = ctx.config.budget.max_monthly_usd
    report = ctx.costs
    if limit is None or report is None or not report.jobs:
        return
    for column, label in (("monthly_worst_case_usd", "worst case"), ("monthly_expected_usd", "expected")):
        total = float(report.column_total(column))
        if total <= limit:
            continue
        priced = [j for j in report.jobs if getattr(j, column) is not None]
        top = max(priced, key=lambda j: getattr(j, column) or 0.0)
        job = next((r for r in inventory.of(Job)
                    if (r.span.file, r.scope, r.address) == (top.file, top.scope, top.address)), None)
        partial = f" (known for {len(priced)} of {len(report.jobs)} jobs)" if len(priced) < len(report.jobs) else ""
        yield ctx.finding(job.span if job else None, f"the scanned jobs cost {usd(total)}/month ({label}){partial}, "
                          f"over budget.max_monthly_usd {usd(limit)}; the largest is {top.address} at "
                          f"{usd(getattr(top, column))}/month", resource=job, attribute="total")
        return


@check("GL602")
def group_monthly_cost_over_budget(inventory: Inventory, ctx: RuleContext) -> Iterator[Result]:
    budgets = ctx.config.budget.groups
    report = ctx.costs
    if not budgets or report is None:
        return
    from gluelint.cost.allocation import budget_breaches, in_budget_group

    for key, figure, limit, label in budget_breaches(report, budgets):
        first = next((j for j in report.jobs if in_budget_group(j, key)), None)
        job = next((r for r in inventory.of(Job) if first is not None
                    and (r.span.file, r.scope, r.address) == (first.file, first.scope, first.address)), None)
        yield ctx.finding(job.span if job else None, f"the jobs of {key} cost {usd(figure)}/month ({label}), over "
                          f"their budget {usd(limit)} (budget.groups)", resource=job, attribute="total")


@check("GL603", Job)
def larger_than_preset(job: Job, ctx: RuleContext) -> Iterator[Result]:
    """Presets are the user's sizing vocabulary: only a job that declares its workload (config, or the tag
    ``gluelint:workload``) is compared with it; the nearest preset of the others is informational."""
    cost = ctx.cost_of(job)
    if cost is None or cost.workload is None:
        return
    if cost.dpus is None or cost.command is None:
        yield ctx.undecided("number_of_workers", job.number_of_workers or job.max_capacity)
        return
    if cost.preset != cost.workload or cost.preset_dpus is None or cost.dpus <= cost.preset_dpus:
        return
    ratio = cost.dpus / cost.preset_dpus
    saving = ""
    if cost.monthly_usd is not None:
        saving = f"; at the preset's size it would cost {usd(cost.monthly_usd * (1 - cost.preset_dpus / cost.dpus))}" \
                 f" less per month ({cost.monthly_basis})"
    yield ctx.finding(_capacity_span(job), f"{job.address} uses {cost.dpus:g} DPUs, {ratio:.2g}x its declared "
                                           f"workload {cost.workload!r} ({cost.preset_dpus:g} DPUs, declared in "
                                           f"{cost.workload_source}){saving}", attribute="number_of_workers")


@check("GL604", Job)
def flex_eligible(job: Job, ctx: RuleContext) -> Iterator[Result]:
    cost = ctx.cost_of(job)
    if cost is None:
        return
    if cost.command is None or cost.version is None or cost.execution_class is None:
        yield ctx.undecided("execution_class", job.execution_class or job.glue_version or job.command_name)
        return
    key = version_key(cost.version)
    spec = commands().get(cost.command)
    floor = version_key(spec.flex_min_version) if spec is not None and spec.flex_min_version else None
    classes = commands().execution_class
    if floor is None or key is None or key < floor or cost.execution_class.upper() != classes.default:
        return  # Flex exists only for commands with a flex_min_version (rules/glue/commands.toml)
    if not _flex_worker_types_only(job):
        return  # Flex runs only on the worker types commands.toml lists: not a recommendation for the others
    if not cost.runs_scheduled:
        return  # not started by schedules alone (gluelint.cost.runs): Flex's variable start time may not suit it
    saving = cost.flex_saving_usd
    if saving is None:
        detail = "the saving is unknown (runs or duration unknown)"
    elif cost.flex_rate_confidence == "assumed":
        detail = f"no Flex rate is known for {cost.region}, so the saving cannot be shown"
    else:
        detail = f"Flex would save about {usd(saving)}/month{_bound(cost)} ({cost.flex_rate_confidence} rate)"
    span = job.execution_class.span if job.execution_class is not None else None
    yield ctx.finding(span, f"{job.address} is a scheduled {cost.command} {cost.version} batch job on "
                            f"{classes.default} execution: {detail}; set "
                            f"`{ctx.naming().setting('execution_class', classes.flex)}` if it can tolerate delayed "
                            "starts", attribute="execution_class")


def _flex_worker_types_only(job: Job) -> bool:
    """True when every branch of the job's worker type is one Flex runs on (none named: nothing rules Flex out)."""
    if job.worker_type is None:
        return True
    allowed = commands().execution_class.flex_worker_types
    return all(leaf.as_str() in allowed for _, leaf in job.worker_type.leaves())


@check("GL605", Job)
def auto_scaling_off(job: Job, ctx: RuleContext) -> Iterator[Result]:
    cost = ctx.cost_of(job)
    spec = commands().get(cost.command or "") if cost is not None else None
    if cost is None or spec is None or not spec.is_spark or cost.version is None:
        if cost is not None and cost.command is None:
            yield ctx.undecided("command_name", job.command_name)
        return
    scaling = commands().auto_scaling
    key, floor = version_key(cost.version), version_key(scaling.min_version)
    if key is None or floor is None or key < floor or job.number_of_workers is None:
        return
    if not _auto_scaling_supported(job, scaling):
        return  # a worker type auto scaling does not support (Standard; G.025X outside streaming)
    if cost.workers is None:
        yield ctx.undecided("number_of_workers", job.number_of_workers)
        return
    if cost.workers < scaling.suggest_from_workers:
        return  # a gluelint policy threshold (commands.toml [auto_scaling] suggest_from_workers)
    hits = EffectiveJob(job).argument(scaling.argument).hits
    for hit in hits:
        if single_str(hit.value) is None:
            yield ctx.undecided(hit.attribute, hit.value)
            return
    if hits and all((single_str(h.value) or "").strip().lower() == "true" for h in hits):
        return
    span = hits[0].value.span if hits else _capacity_span(job)
    n = ctx.naming()
    yield ctx.finding(span, f"{job.address} runs {cost.workers:g} workers on Glue {cost.version} without "
                            f"`{n.entry(scaling.argument, 'true')}` in `{n.term('default_arguments')}`: every "
                            "worker is billed for the whole run even when idle; turn auto scaling on so "
                            f"`{n.term('number_of_workers')}` becomes a ceiling",
                      attribute=f"default_arguments.{scaling.argument}")


def _auto_scaling_supported(job: Job, scaling: AutoScaling) -> bool:
    streaming = EffectiveJob(job).is_streaming() is True
    if job.worker_type is None:
        return False  # no worker type: MaxCapacity sizing, which auto scaling does not apply to
    return all(scaling.supports(leaf.as_str() or "", streaming) for _, leaf in job.worker_type.leaves())


@check("GL606", Job)
def streaming_continuous_cost(job: Job, ctx: RuleContext) -> Iterator[Result]:
    streaming = EffectiveJob(job).is_streaming()
    if streaming is None:
        yield ctx.undecided("command_name", job.command_name)
        return
    cost = ctx.cost_of(job)
    if not streaming or cost is None:
        return
    if not cost.continuous:
        return  # a streaming job with a timeout is priced per run like batch
    if cost.monthly_usd is None:
        figure = "its monthly cost is unknown (capacity or rate unknown)"
    else:
        hours = billing().hours_per_month
        figure = (f"{cost.dpus:g} DPUs x {hours:g} h x ${cost.rate_usd:g}/DPU-hour = {usd(cost.monthly_usd)}/month"
                  f"{_bound(cost)}")
    span = job.command_name.span if job.command_name is not None else None
    yield ctx.finding(span, f"{job.address} is a streaming job, billed continuously while it runs: {figure}",
                      attribute="command_name")
