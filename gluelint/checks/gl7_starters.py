"""GL7 orchestration checks on what starts Glue jobs from outside Glue: EventBridge Scheduler schedules,
EventBridge rules, Step Functions state machines and Airflow DAGs."""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.context import RuleContext, runs_queue
from gluelint.checks.registry import Result, check
from gluelint.cost.cron import ScheduleError, UnsupportedSchedule, min_interval_minutes, parse_schedule
from gluelint.cost.schedules import Service, validate, zone
from gluelint.model.inventory import Inventory, LinkStatus
from gluelint.model.job import EffectiveJob
from gluelint.model.orchestration import (
    AirflowDag,
    EventTarget,
    Multiplicity,
    Orchestrator,
    ScheduledOrchestrator,
    SchedulerSchedule,
    StateMachine,
    TargetKind,
    WhenSpec,
)
from gluelint.model.outcomes import max_number
from gluelint.model.resources import Job, Resource

_NAMED_KINDS = (TargetKind.JOB, TargetKind.WORKFLOW, TargetKind.CRAWLER)


def _where(orchestrator: Orchestrator, path: str) -> str:
    if isinstance(orchestrator, StateMachine):
        return f"{orchestrator.address}: state {path.removeprefix('States.')}"
    if isinstance(orchestrator, AirflowDag):
        return f"{orchestrator.address}: task {path}"
    return orchestrator.address


@check("GL710", Orchestrator)
def starter_unknown_job(orchestrator: Orchestrator, ctx: RuleContext) -> Iterator[Result]:
    for start in orchestrator.starts:
        if start.target_kind not in _NAMED_KINDS or start.target is None:
            continue
        for label, leaf in start.target.leaves():
            link = ctx.inventory.start_link(orchestrator, start.model_copy(update={"target": leaf}))
            if link.status is LinkStatus.UNKNOWN:
                yield ctx.undecided(start.attribute, leaf)
            elif link.status is LinkStatus.UNDEFINED and link.name is not None:
                what = start.target_kind.value
                advice = ("fix the name, or list it in `external_jobs` if it is managed elsewhere"
                          if start.target_kind is TargetKind.JOB else "fix the name")
                via = f" ({start.integration})" if start.integration else ""
                yield ctx.finding(leaf.span or start.span, f"{_where(orchestrator, start.path)}{via} starts {what} "
                                  f"{link.name!r}, which no scanned file defines: {advice}",
                                  attribute=start.attribute, branch=label)


def _reaches_glue(orchestrator: Orchestrator, ctx: RuleContext) -> bool:
    """Only schedules that start Glue work are this linter's business."""
    for start in orchestrator.starts:
        if start.target_kind in _NAMED_KINDS:
            return True
        target = ctx.inventory.start_target(orchestrator, start)
        if isinstance(target, StateMachine) and target.starts:
            return True
        if target is not None and target.kind in ("job", "workflow", "crawler"):
            return True
    return False


def _when_findings(owner: Orchestrator, when: WhenSpec, service: Service, ctx: RuleContext) -> Iterator[Result]:
    if when.expression is not None:
        for label, leaf in when.expression.leaves():
            text = leaf.as_str()
            if text is None:
                yield ctx.undecided(when.attribute, leaf)
                continue
            try:
                validate(text, service)
            except ScheduleError as exc:
                yield ctx.finding(leaf.span or when.expression.span, f"{owner.address}: {service.value} rejects "
                                  f"this schedule: {exc}", attribute=when.attribute, branch=label)
    if when.timezone is not None:
        for label, leaf in when.timezone.leaves():
            text = leaf.as_str()
            if text is not None and zone(text) is None:
                yield ctx.finding(leaf.span or when.timezone.span, f"{owner.address}: {text!r} is not an IANA "
                                  "time zone name (America/New_York, Europe/Paris, ...): EventBridge Scheduler "
                                  "rejects it", attribute=when.timezone_attribute, branch=label)


@check("GL711", Orchestrator)
def invalid_starter_schedule(orchestrator: Orchestrator, ctx: RuleContext) -> Iterator[Result]:
    if isinstance(orchestrator, ScheduledOrchestrator):
        if not _reaches_glue(orchestrator, ctx) and not _targeted_rule(orchestrator, ctx):
            return
        service = Service.SCHEDULER if isinstance(orchestrator, SchedulerSchedule) else Service.EVENTS
        yield from _when_findings(orchestrator, orchestrator.when, service, ctx)
    elif isinstance(orchestrator, StateMachine) and orchestrator.starts:
        for when in orchestrator.schedules:
            yield from _when_findings(orchestrator, when, Service.EVENTS, ctx)
    elif isinstance(orchestrator, AirflowDag):
        yield from _dag_schedule(orchestrator, ctx)


def _dag_schedule(dag: AirflowDag, ctx: RuleContext) -> Iterator[Result]:
    """A DAG's cron string Airflow cannot parse: the DAG file fails to import and none of its tasks run."""
    value = dag.when.expression
    text = value.as_str() if value is not None else None
    if value is None or text is None or text.startswith(("cron(", "@")):
        return
    from croniter import croniter

    if not croniter.is_valid(text):
        yield ctx.finding(value.span, f"{dag.address}: schedule {text!r} is not a cron expression Airflow can parse "
                          "(five fields: minute hour day-of-month month day-of-week), so the DAG does not load: "
                          "fix it or use a preset such as @daily", attribute=dag.when.attribute)


def _targeted_rule(rule: ScheduledOrchestrator, ctx: RuleContext) -> bool:
    """A Terraform rule whose separately declared targets start Glue work."""
    return any(isinstance(t, EventTarget) and ctx.inventory.rule_of(t) is rule and _reaches_glue(t, ctx)
               for t in ctx.inventory.of(EventTarget))


@check("GL712", StateMachine)
def async_job_result_read(machine: StateMachine, ctx: RuleContext) -> Iterator[Result]:
    for read in machine.async_result_reads:
        task = read.task_path.removeprefix("States.")
        yield ctx.finding(read.span, f"{machine.address}: state {read.next_state!r} reads {read.reads}, but the "
                          f"state before it ({task}) starts the job with glue:startJobRun, which returns at once "
                          "with only the JobRunId: use arn:aws:states:::glue:startJobRun.sync to wait for the run "
                          "and get its result", attribute=read.attribute)


# -- GL705 for schedules outside Glue ----------------------------------------------------------------------

Chain = tuple[str, WhenSpec, Service]


def _scheduled_chains(inventory: Inventory) -> dict[int, list[Chain]]:
    """The schedules that start each job (by the job's id), directly or through one state machine."""
    return inventory.derived("GL705.orchestrated", lambda: _index_chains(inventory))


def _schedule_of(orchestrator: Orchestrator, inventory: Inventory) -> tuple[str, WhenSpec, Service] | None:
    if isinstance(orchestrator, EventTarget):
        rule = inventory.rule_of(orchestrator)
        return _schedule_of(rule, inventory) if rule is not None else None
    if isinstance(orchestrator, ScheduledOrchestrator) and orchestrator.when.expression is not None:
        service = Service.SCHEDULER if isinstance(orchestrator, SchedulerSchedule) else Service.EVENTS
        return orchestrator.address, orchestrator.when, service
    return None


def _index_chains(inventory: Inventory) -> dict[int, list[Chain]]:
    machine_schedules: dict[int, list[Chain]] = {}
    direct: list[tuple[Orchestrator, Resource, Chain | None]] = []
    for orchestrator in inventory.of(Orchestrator):
        for start in orchestrator.starts:
            if start.multiplicity is Multiplicity.UNKNOWN:
                continue
            target = inventory.start_target(orchestrator, start)
            if target is None:
                continue
            schedule = _schedule_of(orchestrator, inventory)
            if isinstance(target, StateMachine) and schedule is not None:
                machine_schedules.setdefault(id(target), []).append(schedule)
            elif isinstance(target, Job):
                direct.append((orchestrator, target, schedule))
    index: dict[int, list[Chain]] = {}
    for orchestrator, job, schedule in direct:
        chains = [schedule] if schedule is not None else []
        if isinstance(orchestrator, StateMachine):
            chains += [(f"{label} → {orchestrator.address}", when, service)
                       for label, when, service in machine_schedules.get(id(orchestrator), [])]
            chains += [(f"{orchestrator.address} Events", when, Service.EVENTS) for when in orchestrator.schedules]
        index.setdefault(id(job), []).extend(chains)
    return index


def _gap(when: WhenSpec, service: Service) -> float | None:
    text = when.expression.as_str() if when.expression is not None else None
    if text is None or text.startswith("at("):
        return None
    try:
        validate(text, service)
        return min_interval_minutes(parse_schedule(text, allow_rate=True, min_minutes=1))
    except (ScheduleError, UnsupportedSchedule):
        return None


@check("GL705", Job)
def orchestrated_schedule_overlaps_runs(job: Job, ctx: RuleContext) -> Iterator[Result]:
    chains = _scheduled_chains(ctx.inventory).get(id(job), [])
    if not chains:
        return
    effective = EffectiveJob(job)
    timeout, _ = max_number(effective.timeout_minutes())
    concurrency, _ = max_number(effective.max_concurrent_runs())
    if timeout is None or concurrency is None or concurrency > 1:
        return
    queued, undecided = runs_queue(job, "max_concurrent_runs", ctx)
    if queued:  # over-limit runs wait (WAITING) instead of failing, or only apply time can tell
        if undecided is not None:
            yield undecided
        return
    for label, when, service in chains:
        gap = _gap(when, service)
        if gap is not None and gap < timeout:
            text = when.expression.as_str() if when.expression is not None else ""
            span = job.timeout.span if job.timeout is not None and job.timeout.span else None
            n = ctx.naming()
            runs = n.term("max_concurrent_runs")
            yield ctx.finding(span, f"{job.address} is started every {gap:g} min by {label} ({text}) but may run "
                                    f"{timeout:g} min with `{runs}` 1: a slow run makes the next start fail; lower "
                                    f"`{n.term('timeout')}` below the interval, raise `{runs}`, or turn on "
                                    f"`{n.term('job_run_queuing_enabled')}`", attribute="timeout")
            return
