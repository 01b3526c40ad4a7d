"""Runs per month of each job, from everything that starts it: Glue triggers (scheduled, conditional chains,
workflow start triggers), EventBridge Scheduler schedules, EventBridge rules and their targets, Step Functions
state machines and Airflow DAGs.

Each starter's runs are followed back to a schedule; the source names the chain as the user wrote it
(``EventBridge Scheduler orders-export-nightly cron(0 3 * * ? *) → state machine sales-pipeline →
glue:startJobRun.sync``). A job started from several places sums them; when one part is unknown the total
is unknown and the source says which part is known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from gluelint.cost.cron import ScheduleError, UnsupportedSchedule, monthly_runs, parse_schedule
from gluelint.cost.schedules import Count, Service, count_interval, count_runs, count_unix_cron
from gluelint.knowledge.triggers import trigger_facts
from gluelint.model.inventory import Inventory
from gluelint.model.orchestration import (
    AirflowDag,
    EventTarget,
    Multiplicity,
    Orchestrator,
    ScheduledOrchestrator,
    SchedulerSchedule,
    Start,
    StateMachine,
    WhenSpec,
)
from gluelint.model.resources import Crawler, Job, Resource, SourceFormat, Trigger, Workflow
from gluelint.model.values import Value

Key = tuple[str, str]
ARROW = " → "


@dataclass(frozen=True)
class RunCount:
    runs: float | None
    source: str
    # True when the count is a ceiling (a conditional trigger fires only on some upstream outcomes).
    upper_bound: bool = False
    # When ``runs`` is unknown because one starter's runs are: the sum of the starters that are known.
    known_part: float | None = None
    # False when a starter may never fire (a CloudFormation trigger not started on creation).
    certain: bool = True
    # True when the runs come from time schedules (a cron or rate expression of a Glue trigger or crawler,
    # EventBridge, EventBridge Scheduler, a state machine's schedule, an Airflow schedule), directly or through
    # the chain that starts the job, even when the count itself is unknown; False as soon as one starter that can
    # fire is event-driven, on demand or unknown.
    scheduled: bool = False


_CLOUDFORMATION = frozenset({SourceFormat.CLOUDFORMATION_YAML, SourceFormat.CLOUDFORMATION_JSON})
_NOT_STARTED = ", if someone starts the trigger"


def not_started_on_creation(trigger: Trigger) -> bool:
    """CloudFormation creates SCHEDULED and CONDITIONAL triggers stopped unless ``StartOnCreation: true``
    (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-glue-trigger.html, 2026-12);
    Terraform starts them while ``enabled`` is true (its default)."""
    if trigger.source_format not in _CLOUDFORMATION:
        return False
    value = trigger.start_on_creation.scalar() if trigger.start_on_creation is not None else None
    if isinstance(value, str):
        value = value.strip().lower() == "true"
    return value is not True


def job_key(job: Resource) -> Key:
    return job.scope, job.address


def _str(value: Value | None) -> str | None:
    return value.as_str() if value is not None else None


def _name(resource: Resource) -> str:
    return resource.literal_name() or resource.address


def integration_label(start: Start) -> str:
    """``glue:startJobRun.sync`` from ``arn:aws:states:::glue:startJobRun.sync``."""
    text = start.integration
    if ":::" in text:
        return text.split(":::", 1)[1]
    return text or start.target_kind.value


def combine(parts: list[RunCount], *, none_source: str) -> RunCount:
    """The sum of several starters; unknown when one is, saying which part is known."""
    if not parts:
        return RunCount(None, none_source)
    scheduled = all_scheduled(parts)
    unknown = [p for p in parts if p.runs is None]
    known = [p for p in parts if p.runs is not None]
    if unknown:
        if not known:
            return RunCount(None, "; ".join(p.source for p in unknown), scheduled=scheduled)
        total = sum(p.runs or 0.0 for p in known)
        known_text = "; ".join(p.source for p in known)
        unknown_text = "; ".join(p.source for p in unknown)
        return RunCount(None, f"{total:g} runs known ({known_text}) plus runs unknown ({unknown_text})",
                        known_part=total, scheduled=scheduled)
    return RunCount(sum(p.runs or 0.0 for p in known), "; ".join(p.source for p in known),
                    upper_bound=any(p.upper_bound for p in known), certain=all(p.certain for p in known),
                    scheduled=scheduled)


def all_scheduled(parts: list[RunCount]) -> bool:
    """Every starter that can fire runs on a schedule (a disabled one, 0 runs, does not count)."""
    live = [p for p in parts if p.scheduled or p.runs != 0]
    return bool(live) and all(p.scheduled for p in live)


class RunCounter:
    """Counts runs per month for the jobs of one inventory (memoised; cycles give unknown)."""

    def __init__(self, inventory: Inventory, today: dt.date) -> None:
        self.inventory = inventory
        self.today = today
        self.job_triggers: dict[Key, list[Trigger]] = {}
        self.crawler_triggers: dict[Key, list[Trigger]] = {}
        # (orchestrator, start) pairs by the key of what they start
        self.started: dict[Key, list[tuple[Orchestrator, Start]]] = {}
        for trigger in inventory.of(Trigger):
            for action in trigger.actions:
                if action.job_name is not None:
                    link = inventory.job_link(trigger, action.job_name)
                    if isinstance(link.target, Job):
                        self.job_triggers.setdefault(job_key(link.target), []).append(trigger)
                if action.crawler_name is not None:
                    clink = inventory.crawler_link(trigger, action.crawler_name)
                    if isinstance(clink.target, Crawler):
                        self.crawler_triggers.setdefault(job_key(clink.target), []).append(trigger)
        for orchestrator in inventory.of(Orchestrator):
            for start in orchestrator.starts:
                target = inventory.start_target(orchestrator, start)
                if target is not None:
                    self.started.setdefault(job_key(target), []).append((orchestrator, start))
        self._memo: dict[Key, RunCount] = {}

    # -- jobs ---------------------------------------------------------------------------------------
    def runs(self, job: Job, stack: tuple[Key, ...] = ()) -> RunCount:
        return self._memoised(job, stack, lambda s: self._job_runs(job, s))

    def crawler_runs(self, crawler: Crawler) -> RunCount:
        """Crawls per month: its own schedule, the triggers and orchestrators that start it."""
        def compute(stack: tuple[Key, ...]) -> RunCount:
            parts = [self._trigger_runs(t, stack) for t in self.crawler_triggers.get(job_key(crawler), [])]
            parts += [self._start_runs(o, s, stack) for o, s in self.started.get(job_key(crawler), [])]
            text = _str(crawler.schedule)
            if crawler.schedule is not None:
                parts.append(self._glue_schedule(crawler.address, text))
            return combine(parts, none_source=f"nothing in the scanned files starts crawler {_name(crawler)} "
                                              "and it has no schedule")
        return self._memoised(crawler, (), compute)

    def _glue_schedule(self, where: str, text: str | None, certain: bool = True) -> RunCount:
        if text is None:
            return RunCount(None, f"{where}: schedule unknown", scheduled=True)
        try:
            counted = monthly_runs(parse_schedule(text), self.today)
        except (ScheduleError, UnsupportedSchedule) as exc:
            return RunCount(None, f"{where}: {exc}", scheduled=True)
        label = "" if certain else _NOT_STARTED
        return RunCount(counted.runs, f"{where} {text} ({counted.describe()}{label})", certain=certain,
                        scheduled=True)

    def _memoised(self, resource: Resource, stack: tuple[Key, ...],
                  compute: Callable[[tuple[Key, ...]], RunCount]) -> RunCount:
        key = job_key(resource)
        if key in stack:
            return RunCount(None, "the starters form a cycle (GL703)")
        if key in self._memo:
            return self._memo[key]
        result = compute((*stack, key))
        if not stack:
            self._memo[key] = result
        return result

    def _job_runs(self, job: Job, stack: tuple[Key, ...]) -> RunCount:
        key = job_key(job)
        parts = [self._trigger_runs(t, stack) for t in self.job_triggers.get(key, [])]
        parts += [self._start_runs(o, s, stack) for o, s in self.started.get(key, [])]
        return combine(parts, none_source="nothing in the scanned files starts it (no trigger, schedule, rule, "
                                          "state machine or DAG) and config sets no runs_per_month")

    # -- Glue triggers --------------------------------------------------------------------------------
    def _trigger_runs(self, trigger: Trigger, stack: tuple[Key, ...]) -> RunCount:
        where = trigger.address
        enabled = trigger.enabled.scalar() if trigger.enabled is not None else True
        if enabled is False:
            return RunCount(0.0, f"{where} is disabled")
        kind = trigger.type.as_str() if trigger.type is not None else None
        if kind is None:
            return RunCount(None, f"{where}: trigger type unknown")
        kind, types = kind.upper(), trigger_facts().types
        certain = not (kind in (types.scheduled, types.conditional) and not_started_on_creation(trigger))
        if kind == types.scheduled:
            return self._glue_schedule(where, _str(trigger.schedule), certain)
        if kind == types.conditional:
            found = self._conditional(trigger, stack)
            if certain or found.runs is None:
                return found
            return RunCount(found.runs, found.source.replace("(at most)", f"(at most{_NOT_STARTED})"),
                            upper_bound=found.upper_bound, certain=False, scheduled=found.scheduled)
        if kind in (types.on_demand, types.event):
            workflow = self.inventory.workflow_of(trigger)
            if workflow is not None:
                upstream = self._memoised(workflow, stack, lambda s: self._workflow_runs(workflow, s))
                if upstream.runs is None:
                    return RunCount(None, f"{where}: {kind} trigger of workflow {_name(workflow)}: "
                                          f"{upstream.source}", known_part=upstream.known_part,
                                    scheduled=upstream.scheduled)
                bound = upstream.upper_bound or kind == types.event
                return RunCount(upstream.runs, f"{upstream.source}{ARROW}workflow {_name(workflow)}{ARROW}"
                                f"{where}", upper_bound=bound, scheduled=upstream.scheduled and kind != types.event)
        return RunCount(None, f"{where}: {kind} trigger (runs not known from the definition)")

    def _conditional(self, trigger: Trigger, stack: tuple[Key, ...]) -> RunCount:
        where = trigger.address
        if trigger.conditions_unresolved is not None or not trigger.conditions:
            return RunCount(None, f"{where}: predicate conditions unknown")
        counts: list[float] = []
        sources: list[str] = []
        certain = scheduled = True
        for cond in trigger.conditions:
            if cond.job_name is not None:
                link = self.inventory.job_link(trigger, cond.job_name)
                if not isinstance(link.target, Job):
                    return RunCount(None, f"{where}: upstream job {link.name or '?'} not scanned")
                upstream = self.runs(link.target, stack)
                label = link.target.address
            elif cond.crawler_name is not None:
                clink = self.inventory.crawler_link(trigger, cond.crawler_name)
                if not isinstance(clink.target, Crawler):
                    return RunCount(None, f"{where}: upstream crawler {clink.name or '?'} not scanned")
                upstream = self._crawler_upstream(clink.target, trigger, stack)
                label = clink.target.address
            else:
                return RunCount(None, f"{where}: a condition names neither a job nor a crawler")
            if upstream.runs is None:
                return RunCount(None, f"{where}: upstream {label}: {upstream.source}", scheduled=upstream.scheduled)
            counts.append(upstream.runs)
            sources.append(upstream.source)
            certain = certain and upstream.certain
            scheduled = scheduled and upstream.scheduled
        logic = trigger_facts().logical
        logical = trigger.predicate_logical.as_str() if trigger.predicate_logical is not None else None
        total = sum(counts) if (logical or logic.default).upper() == logic.any else min(counts)
        chain = sources[0] + ARROW if len(sources) == 1 else ""
        return RunCount(total, f"{chain}{where} after upstream runs (at most)", upper_bound=True, certain=certain,
                        scheduled=scheduled)

    def _crawler_upstream(self, crawler: Crawler, waiting: Trigger, stack: tuple[Key, ...]) -> RunCount:
        return self._memoised(crawler, stack, lambda s: self._crawler_runs(crawler, waiting, s))

    def _crawler_runs(self, crawler: Crawler, waiting: Trigger, stack: tuple[Key, ...]) -> RunCount:
        """Runs of a crawler as a conditional trigger sees them: started by a trigger of the same workflow
        (crawler conditions fire within a workflow run), or by an orchestrator."""
        workflow = _str(self.inventory.resolve_name(waiting, waiting.workflow_name)) \
            if waiting.workflow_name is not None else None
        triggers = [t for t in self.crawler_triggers.get(job_key(crawler), [])
                    if workflow is None or (t.workflow_name is not None
                                            and _str(self.inventory.resolve_name(t, t.workflow_name)) == workflow)]
        parts = [self._trigger_runs(t, stack) for t in triggers]
        parts += [self._start_runs(o, s, stack) for o, s in self.started.get(job_key(crawler), [])]
        if workflow is None and crawler.schedule is not None:
            parts.append(self._glue_schedule(crawler.address, _str(crawler.schedule)))
        found = combine(parts, none_source=f"nothing in the scanned files starts crawler {_name(crawler)}")
        if found.runs is None:
            return found
        return RunCount(found.runs, f"{found.source}{ARROW}crawler {_name(crawler)}", upper_bound=found.upper_bound,
                        certain=found.certain, scheduled=found.scheduled)

    def _workflow_runs(self, workflow: Workflow, stack: tuple[Key, ...]) -> RunCount:
        parts = [self._start_runs(o, s, stack) for o, s in self.started.get(job_key(workflow), [])]
        return combine(parts, none_source=f"nothing in the scanned files starts workflow {_name(workflow)}")

    # -- orchestrators --------------------------------------------------------------------------------
    def _start_runs(self, orchestrator: Orchestrator, start: Start, stack: tuple[Key, ...]) -> RunCount:
        """Runs per month of one start call: the orchestrator's runs times the call's multiplicity."""
        own = self._memoised(orchestrator, stack, lambda s: self._orchestrator_runs(orchestrator, s))
        step = integration_label(start) if isinstance(orchestrator, StateMachine) else ""
        chain = own.source + (ARROW + step if step else "")
        if own.runs is None:
            return RunCount(None, chain, known_part=own.known_part, scheduled=own.scheduled)
        if start.multiplicity is Multiplicity.UNKNOWN:
            return RunCount(None, f"{chain} ({start.path}: {start.why})", scheduled=own.scheduled)
        bound = own.upper_bound or start.multiplicity is Multiplicity.AT_MOST
        note = f" (at most: {start.path} {start.why})" if start.multiplicity is Multiplicity.AT_MOST else ""
        factor = f" x{start.factor}" if start.factor != 1 else ""
        return RunCount(own.runs * start.factor, f"{chain}{factor}{note}", upper_bound=bound, scheduled=own.scheduled)

    def _orchestrator_runs(self, orchestrator: Orchestrator, stack: tuple[Key, ...]) -> RunCount:
        label = f"{orchestrator.service} {_name(orchestrator)}"
        if isinstance(orchestrator, StateMachine):
            return self._state_machine_runs(orchestrator, stack)
        if isinstance(orchestrator, EventTarget):
            rule = self.inventory.rule_of(orchestrator)
            if rule is None:
                return RunCount(None, f"{label}: its rule {_str(orchestrator.rule) or '?'} is not scanned")
            return self._memoised(rule, stack, lambda s: self._orchestrator_runs(rule, s))
        if isinstance(orchestrator, AirflowDag):
            return _dag_runs(orchestrator, label, self.today)
        if isinstance(orchestrator, ScheduledOrchestrator):
            service = Service.SCHEDULER if isinstance(orchestrator, SchedulerSchedule) else Service.EVENTS
            if orchestrator.when.expression is None and orchestrator.event_pattern is not None:
                return RunCount(None, f"{label}: event-driven (an event pattern), runs unknown")
            return _scheduled(orchestrator.when, service, label, self.today)
        return RunCount(None, f"{label}: runs unknown")

    def _state_machine_runs(self, machine: StateMachine, stack: tuple[Key, ...]) -> RunCount:
        label = f"state machine {_name(machine)}"
        parts = [self._start_runs(o, s, stack) for o, s in self.started.get(job_key(machine), [])]
        parts += [_scheduled(w, Service.EVENTS, f"{label} Events schedule", self.today) for w in machine.schedules]
        parts += [RunCount(None, f"{label} event {name}: event-driven, runs unknown") for name in machine.event_sources]
        found = combine(parts, none_source=f"nothing in the scanned files starts {label} (no schedule, rule or "
                                           "parent state machine)")
        if found.runs is None:
            if found.known_part is None and parts:
                return RunCount(None, f"{found.source}{ARROW}{label}", scheduled=found.scheduled)
            return found
        return RunCount(found.runs, f"{found.source}{ARROW}{label}", upper_bound=found.upper_bound,
                        scheduled=found.scheduled)


def _enabled(when: WhenSpec) -> bool | None:
    value = when.enabled
    if value is None:
        return True
    scalar = value.scalar()
    if isinstance(scalar, bool):
        return scalar
    text = value.as_str()
    if text is None:
        return None
    return text.upper() not in ("DISABLED", "FALSE")


def _scheduled(when: WhenSpec, service: Service, label: str, today: dt.date) -> RunCount:
    enabled = _enabled(when)
    if enabled is False:
        return RunCount(0.0, f"{label} is disabled")
    expression = _str(when.expression)
    if expression is None:
        return RunCount(None, f"{label}: schedule expression unknown" if when.expression is not None
                        else f"{label}: no schedule expression", scheduled=when.expression is not None)
    if enabled is None:
        return RunCount(None, f"{label} {expression}: whether it is enabled is known only at deploy time",
                        scheduled=True)
    parts = [_str(v) if v is not None else None for v in (when.timezone, when.start_date, when.end_date)]
    if any(v is not None and s is None for v, s in zip((when.timezone, when.start_date, when.end_date), parts,
                                                       strict=True)):
        return RunCount(None, f"{label} {expression}: time zone or start/end date known only at deploy time",
                        scheduled=True)
    count: Count = count_runs(expression, service, *parts, today=today)
    if count.runs is None:
        return RunCount(None, f"{label} {expression}: {count.note}", scheduled=True)
    suffix = "" if count.note == "UTC" else f" ({count.note})"
    return RunCount(count.runs, f"{label} {expression}{suffix}", scheduled=True)


def _dag_runs(dag: AirflowDag, label: str, today: dt.date) -> RunCount:
    when = dag.when
    expression = when.expression
    if expression is None:
        return RunCount(None, f"{label}: no schedule (triggered manually or by another DAG), runs unknown")
    data = expression.scalar()
    if expression.known and (data is None or data in ("@once", "@continuous")):
        return RunCount(None, f"{label}: schedule {expression.expression or data} (triggered manually, by data or "
                              "once), runs unknown")
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        count = count_interval(float(data))
        shown = expression.expression or f"every {data:g} min"
    else:
        text = expression.as_str()
        if text is None:
            return RunCount(None, f"{label}: schedule {expression.expression or '?'} known only at run time")
        shown = expression.expression or text  # as written: @daily, not the cron it stands for
        if text.startswith("cron("):
            count = count_runs(text, Service.EVENTS, today=today)
        else:
            count = count_unix_cron(text, _str(when.timezone), today=today)
    if count.runs is None:
        return RunCount(None, f"{label} {shown}: {count.note}", scheduled=True)
    return RunCount(count.runs, f"{label} {shown}" + ("" if count.note == "UTC" else f" ({count.note})"),
                    scheduled=True)
