"""GL4 — limits: timeouts, retries, concurrency, notification delay, capacity ranges, DPU quota."""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.context import RuleContext, attr_span, runs_queue
from gluelint.checks.quotas import quota
from gluelint.checks.registry import Result, check
from gluelint.cost.model import usd
from gluelint.knowledge.commands import commands
from gluelint.knowledge.limits import limits
from gluelint.knowledge.parameters import parameters
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import combos, first_unknown, join_labels
from gluelint.model.resources import Job
from gluelint.model.values import Value


def _num(value: Value) -> float | None:
    return value.as_number()


def _fmt(n: float) -> str:
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,g}"


def _is_streaming(command: str) -> bool | None:
    spec = commands().get(command)
    return spec.streaming if spec is not None else None


def _is_python_shell(command: str) -> bool:
    spec = commands().get(command)
    return spec is not None and spec.sized_by_max_capacity


def _is_spark(command: str) -> bool:
    spec = commands().get(command)
    return spec is not None and spec.is_spark


# -- GL401 ----------------------------------------------------------------------------------------------


def job_dpus(job: Job, command: str, version: str | None) -> float | None:
    """The DPUs one run on this branch uses (None when unknown or differing between branches)."""
    capacity = EffectiveJob(job).capacity(command, version)
    return None if capacity.upper_bound else capacity.dpus


@check("GL401", Job)
def timeout_not_set(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.timeout is not None:
        return
    for label, (cmd, version) in combos(EffectiveJob(job).command(), EffectiveJob(job).glue_version()):
        if cmd.is_unknown:
            yield ctx.undecided("command_name", cmd)
            continue
        command = cmd.as_str() or ""
        if _is_streaming(command) is not False:
            continue  # streaming (GL403) or an unknown command (GL507)
        default = EffectiveJob(job.model_copy(update={"glue_version": version})).timeout_minutes()
        minutes = default.as_number()
        spec = commands().get(command)
        if spec is not None and spec.default_timeout_minutes is not None:
            where = f"the {command} default, whatever the Glue version"
        else:
            where = "the default of Glue " + (version.as_str() or "?")
        if minutes is None:
            text = f"it runs up to its version's default timeout ({default.reason or 'unknown'})"
        else:
            cost = _worst_case(ctx, job, command, version, minutes)
            text = f"one run can last up to {_fmt(minutes)} minutes ({where}){cost}"
        timeout = ctx.naming().term("timeout")
        yield ctx.finding(job.span, f"{job.address} sets no `{timeout}`: {text}; set `{timeout}` to the longest a "
                                    "healthy run needs, in minutes", attribute="timeout", branch=label)


def _worst_case(ctx: RuleContext, job: Job, command: str, version: Value, minutes: float) -> str:
    cost = ctx.cost_of(job)
    if cost is not None and cost.worst_case_run_usd is not None and cost.timeout_minutes == minutes:
        bound = " at most" if cost.upper_bound else ""
        return f", costing{bound} {usd(cost.worst_case_run_usd)} per run"
    dpus = job_dpus(job, command, version.as_str())
    if dpus is None:
        return ""
    return f", {_fmt(dpus)} DPUs x {_fmt(minutes / 60)} h = {_fmt(dpus * minutes / 60)} DPU-hours per run"


# -- GL402 / GL403 / GL404 / GL405 / GL406 / GL407 ------------------------------------------------------


@check("GL402", Job)
def timeout_out_of_range(job: Job, ctx: RuleContext) -> Iterator[Result]:
    lim = limits().timeout
    ceiling = ctx.config.max_timeout_minutes
    timeout = ctx.naming().term("timeout")
    for label, leaf in EffectiveJob(job).timeout_minutes().leaves():
        minutes = _num(leaf)
        if minutes is None:
            if leaf.is_unknown and job.timeout is not None:
                yield ctx.undecided("timeout", leaf)
            continue
        written = job.timeout is not None
        span = attr_span(job, "timeout")
        if minutes < lim.min_minutes:
            yield ctx.finding(span, f"{job.address}: `{timeout}` {_fmt(minutes)} is below the minimum of "
                                    f"{lim.min_minutes} minute: set a positive `{timeout}`",
                              attribute="timeout", branch=label)
        elif minutes >= lim.max_minutes_exclusive:
            yield ctx.finding(span, f"{job.address}: `{timeout}` {_fmt(minutes)} minutes is not below "
                                    f"{_fmt(lim.max_minutes_exclusive)} (7 days), which Glue rejects: lower it",
                              attribute="timeout", branch=label)
        elif ceiling is not None and minutes > ceiling:
            what = f"`{timeout}`" if written else "the default timeout"
            yield ctx.finding(span, f"{job.address}: {what} of {_fmt(minutes)} minutes is above the configured "
                                    f"max_timeout_minutes ({ceiling}): set `{timeout}` to at most {ceiling}",
                              attribute="timeout", branch=label)


@check("GL403", Job)
def streaming_without_maintenance_window(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.maintenance_window is not None:
        return
    restart = limits().streaming.restart_after_minutes
    for label, (cmd,) in combos(EffectiveJob(job).command()):
        if cmd.is_unknown:
            yield ctx.undecided("command_name", cmd)
            continue
        if _is_streaming(cmd.as_str() or "") is not True:
            continue
        for t_label, t_leaf in (job.timeout.leaves() if job.timeout is not None else [(None, None)]):
            minutes = _num(t_leaf) if t_leaf is not None else None
            if t_leaf is not None and minutes is None:
                if t_leaf.is_unknown:
                    yield ctx.undecided("timeout", t_leaf)
                continue
            if minutes is not None and minutes < restart:
                continue
            n = ctx.naming()
            timeout = n.term("timeout")
            why = f"has no `{timeout}`" if minutes is None else \
                f"has a `{timeout}` of {_fmt(minutes)} minutes (7 days or more)"
            yield ctx.finding(attr_span(job, "timeout") if minutes is not None else job.span,
                              f"{job.address} is a streaming job that {why} and no `{n.term('maintenance_window')}`: "
                              "Glue restarts it 7 days after start at an arbitrary time; set "
                              f"`{n.setting('maintenance_window', 'Sun:3')}` (a day and hour of your choice)",
                              attribute="maintenance_window", branch=join_labels(label, t_label))


@check("GL404", Job)
def concurrency_out_of_range(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.max_concurrent_runs is None:
        return
    lim = limits().concurrency
    per_job = quota(ctx.config, "concurrent_runs_per_job")
    ceiling = ctx.config.max_concurrent_runs
    span = attr_span(job, "max_concurrent_runs")
    for label, leaf in job.max_concurrent_runs.leaves():
        runs = _num(leaf)
        if runs is None:
            if leaf.is_unknown:
                yield ctx.undecided("max_concurrent_runs", leaf)
            continue
        at_default = False  # above AWS's default quota, which the account may have raised
        if runs < lim.min:
            msg = f"is {_fmt(runs)}, below {lim.min}: no run could start; set at least {lim.min}"
        elif runs > per_job.value:
            msg = (f"is {_fmt(runs)}, above {per_job.described()}: Glue rejects a job "
                   f"above the account's quota; lower it{per_job.how_to_set()}")
            at_default = not per_job.configured
        elif ceiling is not None and runs > ceiling:
            msg = f"is {_fmt(runs)}, above the configured max_concurrent_runs ({ceiling}): lower it"
        else:
            continue
        yield ctx.finding(span, f"{job.address}: `{ctx.naming().term('max_concurrent_runs')}` {msg}",
                          attribute="max_concurrent_runs", branch=label,
                          variant="default_quota" if at_default else None)


@check("GL405", Job)
def bookmarks_with_concurrent_runs(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.max_concurrent_runs is None:
        return
    for view in EffectiveJob(job).arguments():
        found = view.get(parameters().roles.bookmarks)
        if found is None:
            continue
        option = found.value.as_str()
        if option is None:
            if found.value.is_unknown:
                yield ctx.undecided(found.attribute, found.value)
            continue
        if option.strip() != parameters().roles.bookmarks_on:
            continue
        for label, leaf in job.max_concurrent_runs.leaves():
            runs = _num(leaf)
            if runs is None:
                if leaf.is_unknown:
                    yield ctx.undecided("max_concurrent_runs", leaf)
                continue
            if runs > 1:
                yield ctx.finding(attr_span(job, "max_concurrent_runs"),
                                  f"{job.address} enables job bookmarks and allows {_fmt(runs)} concurrent runs: "
                                  "runs that overlap read the same bookmark state and may process the same data "
                                  f"twice; keep `{ctx.naming().term('max_concurrent_runs')}` at 1 or make overlapping "
                                  "runs read disjoint data",
                                  attribute="max_concurrent_runs", branch=join_labels(view.branch, label))


@check("GL406", Job)
def retries_out_of_range(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.max_retries is None:
        return
    lim = limits().retries
    span = attr_span(job, "max_retries")
    retries_name = ctx.naming().term("max_retries")
    for label, leaf in job.max_retries.leaves():
        retries = _num(leaf)
        if retries is None:
            if leaf.is_unknown:
                yield ctx.undecided("max_retries", leaf)
            continue
        if retries < lim.min or retries > lim.max:
            yield ctx.finding(span, f"{job.address}: `{retries_name}` {_fmt(retries)} is outside {lim.min}-{lim.max}: "
                                    f"set a value from {lim.min} to {lim.max}", attribute="max_retries", branch=label)


@check("GL411", Job)
def streaming_job_retries(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.max_retries is None:
        return
    lim = limits().retries
    span = attr_span(job, "max_retries")
    retries_name = ctx.naming().term("max_retries")
    for label, (leaf, cmd) in combos(job.max_retries, EffectiveJob(job).command()):
        retries = _num(leaf)
        if retries is None:
            if leaf.is_unknown:
                yield ctx.undecided("max_retries", leaf)
            continue
        if cmd.is_unknown:
            if retries > 0:
                yield ctx.undecided("command_name", cmd)
            continue
        # Out of range is GL406's defect; here only allowed retry counts on a streaming job.
        if 0 < retries <= lim.max and _is_streaming(cmd.as_str() or "") is True:
            yield ctx.finding(span, f"{job.address} is a streaming job with `{retries_name}` {_fmt(retries)}: a "
                                    "failed stream restarts from its checkpoint anyway; set "
                                    f"`{ctx.naming().setting('max_retries', 0)}` and alarm on failures",
                              attribute="max_retries", branch=label)


@check("GL407", Job)
def notify_delay_ineffective(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.notify_delay_after is None:
        return
    lim = limits().notify_delay
    span = attr_span(job, "notify_delay_after")
    delay_name = ctx.naming().term("notify_delay_after")
    for label, (delay_v, timeout_v) in combos(job.notify_delay_after, EffectiveJob(job).timeout_minutes()):
        delay = _num(delay_v)
        if delay is None:
            if delay_v.is_unknown:
                yield ctx.undecided("notify_delay_after", delay_v)
            continue
        if delay < lim.min_minutes:
            yield ctx.finding(span, f"{job.address}: `{delay_name}` {_fmt(delay)} is below {lim.min_minutes} "
                                    "minute: set a positive delay", attribute="notify_delay_after", branch=label)
            continue
        timeout = _num(timeout_v)
        if timeout is None:
            if timeout_v.is_unknown:
                yield ctx.undecided("timeout", timeout_v)
            continue
        if delay >= timeout:
            which = f"`{ctx.naming().term('timeout')}`" if job.timeout is not None else "default timeout"
            yield ctx.finding(span, f"{job.address}: `{delay_name}` {_fmt(delay)} is not below the {which} "
                                    f"({_fmt(timeout)} minutes), so the delay notification can never fire: lower it",
                              attribute="notify_delay_after", branch=label)


# -- GL408 / GL409 / GL410 ------------------------------------------------------------------------------


@check("GL408", Job)
def worker_count_out_of_range(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.number_of_workers is None:
        return
    lim = limits().workers
    ceiling = ctx.config.max_workers
    span = attr_span(job, "number_of_workers")
    workers_name = ctx.naming().term("number_of_workers")
    for label, (count_v, cmd) in combos(job.number_of_workers, EffectiveJob(job).command()):
        missing = first_unknown((count_v, cmd))
        if missing is not None:
            yield ctx.undecided("number_of_workers", missing)
            continue
        count = _num(count_v)
        if count is None:
            continue
        spark = _is_spark(cmd.as_str() or "")
        floor = lim.spark_min if spark else lim.other_min
        if count < floor:
            why = " (one driver plus at least one executor)" if spark else ""
            yield ctx.finding(span, f"{job.address}: `{workers_name}` {_fmt(count)} is below {floor}{why}: set "
                                    f"at least {floor}", attribute="number_of_workers", branch=label)
        elif ceiling is not None and count > ceiling:
            yield ctx.finding(span, f"{job.address}: `{workers_name}` {_fmt(count)} is above the configured "
                                    f"max_workers ({ceiling}): lower it", attribute="number_of_workers", branch=label)


@check("GL409", Job)
def max_capacity_out_of_range(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.max_capacity is None:
        return
    caps = limits().capacity
    span = attr_span(job, "max_capacity")
    capacity_name = ctx.naming().term("max_capacity")
    for label, (cap_v, cmd) in combos(job.max_capacity, EffectiveJob(job).command()):
        missing = first_unknown((cap_v, cmd))
        if missing is not None:
            yield ctx.undecided("max_capacity", missing)
            continue
        cap, command = _num(cap_v), cmd.as_str() or ""
        if cap is None:
            continue
        if _is_python_shell(command) and cap not in caps.pythonshell_values:
            allowed = " or ".join(f"{v:g}" for v in caps.pythonshell_values)
            yield ctx.finding(span, f"{job.address}: a {command} job's `{capacity_name}` must be {allowed}, not "
                                    f"{cap:g}", attribute="max_capacity", branch=label)
        elif _is_spark(command) and (not cap.is_integer() or not caps.spark_min <= cap <= caps.spark_max):
            yield ctx.finding(span, f"{job.address}: a Spark job's `{capacity_name}` must be a whole number from "
                                    f"{caps.spark_min} to {caps.spark_max} DPUs, not {cap:g}",
                              attribute="max_capacity", branch=label)


@check("GL410", Job)
def concurrency_exceeds_dpu_quota(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.max_concurrent_runs is None:
        return
    queued, undecided = runs_queue(job, "account_dpus", ctx)
    if queued:  # over-limit runs wait (WAITING) instead of failing, or only apply time can tell
        if undecided is not None:
            yield undecided
        return
    account = quota(ctx.config, "task_dpus_per_account")
    span = attr_span(job, "max_concurrent_runs")
    for label, (runs_v, cmd, version) in combos(job.max_concurrent_runs, EffectiveJob(job).command(),
                                                EffectiveJob(job).glue_version()):
        runs = _num(runs_v)
        if runs is None:
            if runs_v.is_unknown:
                yield ctx.undecided("max_concurrent_runs", runs_v)
            continue
        dpus = job_dpus(job, cmd.as_str() or "", version.as_str())
        if dpus is None:
            continue
        if runs * dpus > account.value:
            yield ctx.finding(span, f"{job.address}: {_fmt(runs)} concurrent runs x {_fmt(dpus)} DPUs = "
                                    f"{_fmt(runs * dpus)} DPUs, above {account.described()}: runs "
                                    "beyond it fail to start; lower "
                                    f"`{ctx.naming().term('max_concurrent_runs')}` or the job's size, or turn on "
                                    f"`{ctx.naming().term('job_run_queuing_enabled')}`{account.how_to_set()}",
                              attribute="max_concurrent_runs", branch=label)
