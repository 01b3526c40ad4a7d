"""How many times a month a job runs, and from what: the value every starter's count is, and how the
counts of several starters add up (:mod:`gluelint.cost.runs` follows the starters)."""

from __future__ import annotations

from dataclasses import dataclass

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
