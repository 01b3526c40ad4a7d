"""Runs per month of each job and crawler, from what starts it: scheduled triggers and chains of conditional
triggers (a crawler's own schedule too).

The result of every count is one ``RunCount``: runs per calendar-average month, the chain of resources that
start the job (trigger addresses, upstream jobs), whether the count is a ceiling, and whether it is certain
(a trigger that is not started on creation may never fire). Other run sources (EventBridge, Step Functions,
Airflow) produce the same ``RunCount`` and are summed the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gluelint.cost.cron import ScheduleError, UnsupportedSchedule, monthly_runs, parse_schedule
from gluelint.model.inventory import Inventory
from gluelint.model.resources import Crawler, Job, Resource, SourceFormat, Trigger

_CLOUDFORMATION = frozenset({SourceFormat.CLOUDFORMATION_YAML, SourceFormat.CLOUDFORMATION_JSON})


@dataclass(frozen=True)
class RunCount:
    runs: float | None
    source: str
    # True when the count is a ceiling (a conditional trigger fires only on some upstream outcomes).
    upper_bound: bool = False
    # False when a starter may never fire (a CloudFormation trigger not started on creation).
    certain: bool = True
    # The resources that start the job, nearest first (trigger, then its upstream jobs' triggers).
    chain: tuple[str, ...] = ()

    @staticmethod
    def combine(parts: list[RunCount]) -> RunCount:
        """Several starters of one job: their runs add up; unknown if any is unknown."""
        unknown = [p.source for p in parts if p.runs is None]
        chain = tuple(dict.fromkeys(a for p in parts for a in p.chain))
        if unknown:
            return RunCount(None, "; ".join(unknown), chain=chain)
        return RunCount(sum(p.runs or 0.0 for p in parts), "; ".join(p.source for p in parts),
                        upper_bound=any(p.upper_bound for p in parts), certain=all(p.certain for p in parts),
                        chain=chain)


def job_key(resource: Resource) -> tuple[str, str]:
    return resource.scope, resource.address


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


class RunCounter:
    """Counts runs per month for the jobs of one inventory (memoised; cycles give unknown)."""

    def __init__(self, inventory: Inventory, today: dt.date) -> None:
        self.inventory = inventory
        self.today = today
        self.starters: dict[tuple[str, str], list[Trigger]] = {}
        for trigger in inventory.of(Trigger):
            for action in trigger.actions:
                name = action.job_name if action.job_name is not None else action.crawler_name
                if name is None:
                    continue
                link = (inventory.job_link(trigger, name) if action.job_name is not None
                        else inventory.crawler_link(trigger, name))
                if isinstance(link.target, (Job, Crawler)):
                    self.starters.setdefault(job_key(link.target), []).append(trigger)
        self._memo: dict[tuple[str, str], RunCount] = {}

    def runs(self, job: Job | Crawler, stack: tuple[tuple[str, str], ...] = ()) -> RunCount:
        key = job_key(job)
        if key in stack:
            return RunCount(None, "conditional triggers form a cycle (GL703)")
        if key in self._memo:
            return self._memo[key]
        parts = [self._trigger_runs(t, (*stack, key)) for t in self.starters.get(key, [])]
        if isinstance(job, Crawler) and job.schedule is not None:
            parts.append(self._schedule(job, job.schedule.as_str(), certain=True))
        if not parts:
            result = RunCount(None, "no trigger starts it and config sets no runs_per_month")
        else:
            result = RunCount.combine(parts)
        if not stack:
            self._memo[key] = result
        return result

    def _schedule(self, owner: Resource, text: str | None, certain: bool) -> RunCount:
        where = owner.address
        if text is None:
            return RunCount(None, f"{where}: schedule unknown", chain=(where,))
        try:
            counted = monthly_runs(parse_schedule(text), self.today)
        except (ScheduleError, UnsupportedSchedule) as exc:
            return RunCount(None, f"{where}: {exc}", chain=(where,))
        label = "" if certain else ", if someone starts the trigger"
        return RunCount(counted.runs, f"{where} {text} ({counted.describe()}{label})", certain=certain,
                        chain=(where,))

    def _trigger_runs(self, trigger: Trigger, stack: tuple[tuple[str, str], ...]) -> RunCount:
        where = trigger.address
        enabled = trigger.enabled.scalar() if trigger.enabled is not None else True
        if enabled is False:
            return RunCount(0.0, f"{where} is disabled", chain=(where,))
        kind = trigger.type.as_str() if trigger.type is not None else None
        if kind is None:
            return RunCount(None, f"{where}: trigger type unknown", chain=(where,))
        kind = kind.upper()
        certain = not (kind in ("SCHEDULED", "CONDITIONAL") and not_started_on_creation(trigger))
        if kind == "SCHEDULED":
            return self._schedule(trigger, trigger.schedule.as_str() if trigger.schedule is not None else None,
                                  certain)
        if kind == "CONDITIONAL":
            return self._conditional(trigger, stack, certain)
        return RunCount(None, f"{where}: {kind} trigger (runs not known from the definition)", chain=(where,))

    def _conditional(self, trigger: Trigger, stack: tuple[tuple[str, str], ...], certain: bool) -> RunCount:
        where = trigger.address
        if trigger.conditions_unresolved is not None or not trigger.conditions:
            return RunCount(None, f"{where}: predicate conditions unknown", chain=(where,))
        counts: list[RunCount] = []
        for cond in trigger.conditions:
            if cond.job_name is not None:
                link = self.inventory.job_link(trigger, cond.job_name)
            elif cond.crawler_name is not None:
                link = self.inventory.crawler_link(trigger, cond.crawler_name)
            else:
                return RunCount(None, f"{where}: a condition names neither a job nor a crawler", chain=(where,))
            if not isinstance(link.target, (Job, Crawler)):
                return RunCount(None, f"{where}: upstream {link.name or '?'} not scanned", chain=(where,))
            upstream = self.runs(link.target, stack)
            if upstream.runs is None:
                return RunCount(None, f"{where}: upstream {link.target.address}: {upstream.source}",
                                chain=(where, *upstream.chain))
            counts.append(upstream)
        logical = trigger.predicate_logical.as_str() if trigger.predicate_logical is not None else "AND"
        numbers = [c.runs or 0.0 for c in counts]
        total = sum(numbers) if (logical or "AND").upper() == "ANY" else min(numbers)
        label = "" if certain else ", if someone starts the trigger"
        chain = (where, *dict.fromkeys(a for c in counts for a in c.chain))
        return RunCount(total, f"{where} after upstream runs (at most{label})", upper_bound=True,
                        certain=certain and all(c.certain for c in counts), chain=chain)
