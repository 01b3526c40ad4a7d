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

from gluelint.cost.cron import ScheduleError, UnsupportedSchedule, monthly_runs, parse_schedule
from gluelint.cost.run_count import ARROW, Key, RunCount, combine
from gluelint.cost.schedules import Service
from gluelint.cost.timed_starters import dag_runs, scheduled_runs, value_text
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
)
from gluelint.model.resources import Crawler, Job, Resource, Trigger, Workflow

_NOT_STARTED = ", if someone starts the trigger"


def not_started_on_creation(trigger: Trigger) -> bool:
    """CloudFormation creates SCHEDULED and CONDITIONAL triggers stopped unless ``StartOnCreation: true``
    (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-glue-trigger.html, 2026-12);
    Terraform starts them while ``enabled`` is true (its default)."""
    if not trigger.source_format.is_cloudformation:
        return False
    value = trigger.start_on_creation.scalar() if trigger.start_on_creation is not None else None
    if isinstance(value, str):
        value = value.strip().lower() == "true"
    return value is not True


def job_key(job: Resource) -> Key:
    return job.scope, job.address


def _name(resource: Resource) -> str:
    return resource.literal_name() or resource.address


def integration_label(start: Start) -> str:
    """``glue:startJobRun.sync`` from ``arn:aws:states:::glue:startJobRun.sync``."""
    text = start.integration
    if ":::" in text:
        return text.split(":::", 1)[1]
    return text or start.target_kind.value


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
            text = value_text(crawler.schedule)
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
            return self._glue_schedule(where, value_text(trigger.schedule), certain)
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
        workflow = value_text(self.inventory.resolve_name(waiting, waiting.workflow_name)) \
            if waiting.workflow_name is not None else None
        triggers = [t for t in self.crawler_triggers.get(job_key(crawler), [])
                    if workflow is None or (
                        t.workflow_name is not None
                        and value_text(self.inventory.resolve_name(t, t.workflow_name)) == workflow)]
        parts = [self._trigger_runs(t, stack) for t in triggers]
        parts += [self._start_runs(o, s, stack) for o, s in self.started.get(job_key(crawler), [])]
        if workflow is None and crawler.schedule is not None:
            parts.append(self._glue_schedule(crawler.address, value_text(crawler.schedule)))
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
                return RunCount(None, f"{label}: its rule {value_text(orchestrator.rule) or '?'} is not scanned")
            return self._memoised(rule, stack, lambda s: self._orchestrator_runs(rule, s))
        if isinstance(orchestrator, AirflowDag):
            return dag_runs(orchestrator, label, self.today)
        if isinstance(orchestrator, ScheduledOrchestrator):
            service = Service.SCHEDULER if isinstance(orchestrator, SchedulerSchedule) else Service.EVENTS
            if orchestrator.when.expression is None and orchestrator.event_pattern is not None:
                return RunCount(None, f"{label}: event-driven (an event pattern), runs unknown")
            return scheduled_runs(orchestrator.when, service, label, self.today)
        return RunCount(None, f"{label}: runs unknown")

    def _state_machine_runs(self, machine: StateMachine, stack: tuple[Key, ...]) -> RunCount:
        label = f"state machine {_name(machine)}"
        parts = [self._start_runs(o, s, stack) for o, s in self.started.get(job_key(machine), [])]
        parts += [scheduled_runs(w, Service.EVENTS, f"{label} Events schedule", self.today) for w in machine.schedules]
        parts += [RunCount(None, f"{label} event {name}: event-driven, runs unknown") for name in machine.event_sources]
        found = combine(parts, none_source=f"nothing in the scanned files starts {label} (no schedule, rule or "
                                           "parent state machine)")
        if found.runs is None:
            if found.known_part is None and parts:
                return RunCount(None, f"{found.source}{ARROW}{label}", scheduled=found.scheduled)
            return found
        return RunCount(found.runs, f"{found.source}{ARROW}{label}", upper_bound=found.upper_bound,
                        scheduled=found.scheduled)
