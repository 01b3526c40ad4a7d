"""Runs per month of each job, from what starts it: scheduled triggers and chains of conditional triggers."""

from __future__ import annotations

from dataclasses import dataclass

from gluelint.cost.cron import ScheduleError, UnsupportedSchedule, parse_schedule, runs_per_month
from gluelint.model.inventory import Inventory
from gluelint.model.resources import Job, Trigger


@dataclass(frozen=True)
class RunCount:
    runs: float | None
    source: str
    # True when the count is a ceiling (a conditional trigger fires only on some upstream outcomes).
    upper_bound: bool = False


def job_key(job: Job) -> tuple[str, str]:
    return job.scope, job.address


class RunCounter:
    """Counts runs per month for the jobs of one inventory (memoised; cycles give unknown)."""

    def __init__(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self.starters: dict[tuple[str, str], list[Trigger]] = {}
        for trigger in inventory.of(Trigger):
            for action in trigger.actions:
                if action.job_name is None:
                    continue
                link = inventory.job_link(trigger, action.job_name)
                if isinstance(link.target, Job):
                    self.starters.setdefault(job_key(link.target), []).append(trigger)
        self._memo: dict[tuple[str, str], RunCount] = {}

    def runs(self, job: Job, stack: tuple[tuple[str, str], ...] = ()) -> RunCount:
        key = job_key(job)
        if key in stack:
            return RunCount(None, "conditional triggers form a cycle (GL703)")
        if key in self._memo:
            return self._memo[key]
        triggers = self.starters.get(key, [])
        if not triggers:
            result = RunCount(None, "no trigger starts it and config sets no runs_per_month")
        else:
            parts = [self._trigger_runs(t, (*stack, key)) for t in triggers]
            unknown = [p.source for p in parts if p.runs is None]
            if unknown:
                result = RunCount(None, "; ".join(unknown))
            else:
                result = RunCount(sum(p.runs or 0.0 for p in parts), "; ".join(p.source for p in parts),
                                  upper_bound=any(p.upper_bound for p in parts))
        if not stack:
            self._memo[key] = result
        return result

    def _trigger_runs(self, trigger: Trigger, stack: tuple[tuple[str, str], ...]) -> RunCount:
        where = trigger.address
        enabled = trigger.enabled.scalar() if trigger.enabled is not None else True
        if enabled is False:
            return RunCount(0.0, f"{where} is disabled")
        kind = trigger.type.as_str() if trigger.type is not None else None
        if kind is None:
            return RunCount(None, f"{where}: trigger type unknown")
        kind = kind.upper()
        if kind == "SCHEDULED":
            text = trigger.schedule.as_str() if trigger.schedule is not None else None
            if text is None:
                return RunCount(None, f"{where}: schedule unknown")
            try:
                count = runs_per_month(parse_schedule(text))
            except (ScheduleError, UnsupportedSchedule) as exc:
                return RunCount(None, f"{where}: {exc}")
            return RunCount(float(count), f"{where} {text} (UTC, 30 days)")
        if kind == "CONDITIONAL":
            return self._conditional(trigger, stack)
        return RunCount(None, f"{where}: {kind} trigger (runs not known from the definition)")

    def _conditional(self, trigger: Trigger, stack: tuple[tuple[str, str], ...]) -> RunCount:
        where = trigger.address
        if trigger.conditions_unresolved is not None or not trigger.conditions:
            return RunCount(None, f"{where}: predicate conditions unknown")
        counts: list[float] = []
        for cond in trigger.conditions:
            if cond.job_name is None:
                return RunCount(None, f"{where}: waits on a crawler (crawl runs unknown)")
            link = self.inventory.job_link(trigger, cond.job_name)
            if not isinstance(link.target, Job):
                return RunCount(None, f"{where}: upstream job {link.name or '?'} not scanned")
            upstream = self.runs(link.target, stack)
            if upstream.runs is None:
                return RunCount(None, f"{where}: upstream {link.target.address}: {upstream.source}")
            counts.append(upstream.runs)
        logical = trigger.predicate_logical.as_str() if trigger.predicate_logical is not None else "AND"
        total = sum(counts) if (logical or "AND").upper() == "ANY" else min(counts)
        return RunCount(total, f"{where} after upstream runs (at most)", upper_bound=True)
