"""A job's timeout against what its real runs took (GL610): the figures behind "timeout far above the p95".

"Far above" is gluelint's policy, not a Glue fact, so it lives in config (``[tool.gluelint.cost]``, defaults in
gluelint.config.CostSettings): the effective timeout (as written, else Glue's default for the job's command and
version, from rules/glue) is at least ``timeout_p95_factor`` x the p95 ``ExecutionTime`` of the job's recorded
runs **and** at least ``timeout_p95_margin_minutes`` above it, over at least ``timeout_p95_min_runs`` runs that
ended. The suggested timeout is ``timeout_p95_headroom`` x the p95, rounded up to a whole minute (Glue's
``Timeout`` is whole minutes). Both worst-case monthly figures use the same runs (the definition's, else the run
history's), the billing minimum and the physical cap of the estimate.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from gluelint.config import CostSettings
from gluelint.cost.billing_terms import billed_minutes
from gluelint.cost.model import usd
from gluelint.cost.tables import billing
from gluelint.cost.usage import JobUsage
from gluelint.model.naming import Naming


@dataclass(frozen=True)
class TimeoutReview:
    timeout_minutes: float
    # True when the job sets no timeout and Glue's default applies.
    default_timeout: bool
    p95_minutes: float
    runs: int
    suggested_minutes: int
    # The policy's multiple of the p95 the suggestion is (timeout_p95_headroom).
    headroom: float = 2.0
    worst_case_run_usd: float | None = None
    suggested_run_usd: float | None = None
    runs_per_month: float | None = None
    # "definition" (schedule, triggers, config) or "run history"
    runs_basis: str | None = None
    monthly_worst_case_usd: float | None = None
    monthly_at_suggested_usd: float | None = None
    # The monthly figures are ceilings (auto scaling, conditional triggers) or assume a stopped trigger starts.
    upper_bound: bool = False
    capped: bool = False

    def to_json(self) -> dict[str, Any]:
        return {k: round(v, 6) if isinstance(v, float) else v for k, v in asdict(self).items()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TimeoutReview:
        return cls(**data)


@dataclass(frozen=True)
class Exposure:
    """What the estimator knows of one job's billing: DPU-minute price, minimum, runs and cap."""

    usd_per_minute: float | None
    min_billed_minutes: float | None
    runs_per_month: float | None
    runs_basis: str | None
    monthly_cap_usd: float | None
    upper_bound: bool


def far_above(timeout: float, p95: float, runs: int, policy: CostSettings) -> bool:
    """gluelint's policy: enough runs, and the timeout both a multiple of the p95 and well above it."""
    return (runs >= policy.timeout_p95_min_runs and p95 > 0 and timeout >= policy.timeout_p95_factor * p95
            and timeout - p95 >= policy.timeout_p95_margin_minutes)


def suggested_timeout(p95: float, policy: CostSettings) -> int:
    return max(math.ceil(round(policy.timeout_p95_headroom * p95, 6)), 1)


def review(timeout: float | None, default_timeout: bool, usage: JobUsage, exposure: Exposure,
           policy: CostSettings) -> TimeoutReview | None:
    """The review of a timeout that is far above the p95 of the job's ended runs; None when it is not (or when
    the timeout or the history cannot tell)."""
    p95, runs = usage.p95_minutes, usage.ended_runs
    if timeout is None or p95 is None or not far_above(timeout, p95, runs, policy):
        return None
    suggested = suggested_timeout(p95, policy)
    now_run = at_suggested = monthly_now = monthly_suggested = None
    capped = False
    if exposure.usd_per_minute is not None:
        now_run = exposure.usd_per_minute * billed_minutes(timeout, exposure.min_billed_minutes)
        at_suggested = exposure.usd_per_minute * billed_minutes(suggested, exposure.min_billed_minutes)
        if exposure.runs_per_month is not None:
            monthly_now, capped = _capped(exposure.runs_per_month * now_run, exposure.monthly_cap_usd)
            monthly_suggested, _ = _capped(exposure.runs_per_month * at_suggested, exposure.monthly_cap_usd)
    return TimeoutReview(timeout_minutes=timeout, default_timeout=default_timeout, p95_minutes=p95, runs=runs,
                         suggested_minutes=suggested, headroom=policy.timeout_p95_headroom,
                         worst_case_run_usd=now_run, suggested_run_usd=at_suggested,
                         runs_per_month=exposure.runs_per_month, runs_basis=exposure.runs_basis,
                         monthly_worst_case_usd=monthly_now, monthly_at_suggested_usd=monthly_suggested,
                         upper_bound=exposure.upper_bound, capped=capped)


def _capped(figure: float, cap: float | None) -> tuple[float, bool]:
    if cap is not None and round(figure, 6) > round(cap, 6):
        return cap, True
    return figure, False


def describe(found: TimeoutReview, words: Naming) -> str:
    """The finding's words (after the job's address), in the user's file's names: ``timeout`` / ``Timeout``, the
    suggested setting in its syntax (``timeout = 24`` / ``Timeout: 24``)."""
    term = words.term("timeout")
    ratio = found.timeout_minutes / found.p95_minutes
    times = f"{ratio:.1f}" if ratio < 10 else f"{ratio:.0f}"
    written = (f"`{term}` is not set, so Glue's default of {found.timeout_minutes:g} min applies"
               if found.default_timeout else f"`{term}` is {found.timeout_minutes:g} min")
    head = (f"{written}: {times}x the p95 ExecutionTime of its recorded runs ({found.p95_minutes:.1f} min over "
            f"{found.runs} runs), so a run that hangs bills up to {times}x what its slowest runs take")
    return f"{head}; {_figures(found, words)}: set `{words.setting('timeout', found.suggested_minutes)}`"


def _figures(found: TimeoutReview, words: Naming) -> str:
    now, then = found.timeout_minutes, found.suggested_minutes
    basis = f"{found.headroom:g} x p95, rounded up to a minute"
    if found.monthly_worst_case_usd is not None and found.monthly_at_suggested_usd is not None:
        bound = found.upper_bound
        runs = f"{found.runs_per_month:.2f} runs/month from the {found.runs_basis}"
        hours = billing().hours_per_month
        cap = f", capped at `{words.term('max_concurrent_runs')}` x {hours:g} h" if found.capped else ""
        return (f"worst case {usd(found.monthly_worst_case_usd, bound)}/month at {now:g} min{cap} vs "
                f"{usd(found.monthly_at_suggested_usd, bound)}/month at {then} min ({runs}; {basis})")
    if found.worst_case_run_usd is not None and found.suggested_run_usd is not None:
        return (f"worst case {usd(found.worst_case_run_usd, found.upper_bound)} a run at {now:g} min vs "
                f"{usd(found.suggested_run_usd, found.upper_bound)} at {then} min (runs per month unknown; {basis})")
    return f"its cost is unknown (capacity or rate unknown); {basis}"

