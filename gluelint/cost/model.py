"""Cost figures: one ``JobCost`` per job or crawler and the ``CostReport`` of a run (with its JSON form).

Money is summed exactly: every figure is rounded once to 6 decimal places (the JSON form) and totals are sums of
those rounded figures in ``Decimal``, so a report compared with its own JSON differs by exactly 0.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal
from typing import Any

COST_SCHEMA_VERSION = "2.0"
PLACES = 6
# The three monthly columns; they are reported and totalled separately, never summed together.
MONTHLY_COLUMNS = ("monthly_worst_case_usd", "monthly_expected_usd", "monthly_upper_bound_usd")


def money(value: float | None) -> Decimal | None:
    """The exact decimal a figure is reported as (6 places)."""
    return None if value is None else Decimal(repr(round(value, PLACES)))


def total(values: list[float | None]) -> Decimal:
    return sum((money(v) or Decimal(0) for v in values), Decimal(0))


def job_identity(file: str, scope: str, address: str) -> str:
    """A job is its file, module instance and address together: two folders with the same address are two jobs."""
    instance = scope.split("@", 1)[0] if "@" in scope else ""
    suffix = f" [{scope}]" if instance or "<" in scope else ""
    return f"{file}:{address}{suffix}"
UNKNOWN = "?"


def usd(value: float | None, bound: bool = False) -> str:
    """A dollar figure as every message and report writes it (``$1,234.50``; ``<= `` for an upper bound)."""
    if value is None:
        return UNKNOWN
    return f"{'<= ' if bound else ''}${value:,.2f}"


@dataclass
class JobCost:
    address: str
    file: str
    line: int
    # The module instance / template scope the address lives in (part of the identity).
    scope: str = ""
    name: str | None = None
    resource_type: str = ""
    tags: dict[str, str] = field(default_factory=dict)
    region: str = ""
    command: str | None = None
    version: str | None = None
    execution_class: str | None = None
    worker_type: str | None = None
    workers: float | None = None
    dpus: float | None = None
    # True when the DPUs or runs are a ceiling (auto scaling, the largest of several branches, a conditional
    # trigger's "at most"): the monthly figure then goes to ``monthly_upper_bound_usd``.
    upper_bound: bool = False
    rate_kind: str | None = None
    rate_usd: float | None = None
    rate_confidence: str | None = None
    rate_source: str | None = None
    timeout_minutes: float | None = None
    min_billed_minutes: float | None = None
    worst_case_run_usd: float | None = None
    expected_minutes: float | None = None
    expected_source: str | None = None
    expected_run_usd: float | None = None
    runs_per_month: float | None = None
    runs_source: str = "unknown"
    runs_certain: bool = True
    # True when every starter that can fire is a time schedule (cron or rate, of any service), directly or up
    # the chain that starts the job (gluelint.cost.run_count.RunCount.scheduled).
    runs_scheduled: bool = False
    streaming: bool = False
    continuous: bool = False
    max_concurrent_runs: float | None = None
    # max_concurrent_runs x 730 h x DPUs x rate: no month can cost more.
    monthly_cap_usd: float | None = None
    capped: bool = False
    monthly_worst_case_usd: float | None = None
    monthly_expected_usd: float | None = None
    monthly_upper_bound_usd: float | None = None
    flex_monthly_usd: float | None = None
    flex_rate_confidence: str | None = None
    workload: str | None = None
    workload_source: str | None = None
    preset: str | None = None
    preset_dpus: float | None = None
    preset_ratio: float | None = None
    usage: dict[str, Any] | None = None
    # GL610: the timeout against the run history's p95 (gluelint.cost.timeout_review), when it is far above it.
    timeout_review: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def identity(self) -> str:
        return job_identity(self.file, self.scope, self.address)

    @property
    def monthly_usd(self) -> float | None:
        """The one figure a per-job budget is checked against: expected, else worst case, else upper bound."""
        for column in ("monthly_expected_usd", "monthly_worst_case_usd", "monthly_upper_bound_usd"):
            value = getattr(self, column)
            if value is not None:
                return float(value)
        return None

    @property
    def monthly_basis(self) -> str | None:
        labels = {"monthly_expected_usd": "expected", "monthly_worst_case_usd": "worst case",
                  "monthly_upper_bound_usd": "upper bound"}
        return next((label for column, label in labels.items() if getattr(self, column) is not None), None)

    @property
    def flex_saving_usd(self) -> float | None:
        base = self.monthly_worst_case_usd if self.monthly_worst_case_usd is not None \
            else self.monthly_upper_bound_usd
        if base is None or self.flex_monthly_usd is None:
            return None
        return base - self.flex_monthly_usd

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, float):
                out[key] = round(value, PLACES)
        out["identity"] = self.identity
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JobCost:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class CostReport:
    region: str
    vintage: str
    jobs: list[JobCost] = field(default_factory=list)
    # Every assumption behind the figures: region, price vintage, each assumed rate or minimum.
    assumptions: list[str] = field(default_factory=list)
    # Regions some job is in that have no rate table (their figures are unknown).
    regions_without_prices: list[str] = field(default_factory=list)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    group_by: str | None = None

    def job(self, address: str) -> JobCost | None:
        return next((j for j in self.jobs if j.address == address), None)

    def of(self, file: str, scope: str, address: str) -> JobCost | None:
        """The figures of one resource, by its full identity (file, module instance, address)."""
        return next((j for j in self.jobs if (j.file, j.scope, j.address) == (file, scope, address)), None)

    def by_identity(self) -> dict[str, JobCost]:
        return {j.identity: j for j in self.jobs}

    def column_total(self, column: str) -> Decimal:
        return total([getattr(j, column) for j in self.jobs])

    @property
    def monthly_total_usd(self) -> float:
        """The worst-case monthly total (exact figures only; upper bounds and expected are separate)."""
        return float(self.column_total("monthly_worst_case_usd"))

    @property
    def unknown_monthly(self) -> list[str]:
        return [j.identity for j in self.jobs
                if all(getattr(j, c) is None for c in ("monthly_worst_case_usd", "monthly_upper_bound_usd"))]

    @property
    def worst_case_run_total_usd(self) -> float:
        return float(total([j.worst_case_run_usd for j in self.jobs]))

    def totals_json(self) -> dict[str, Any]:
        return {
            "monthly_worst_case_usd": float(self.column_total("monthly_worst_case_usd")),
            "monthly_expected_usd": float(self.column_total("monthly_expected_usd")),
            "monthly_upper_bound_usd": float(self.column_total("monthly_upper_bound_usd")),
            "jobs_with_worst_case": sum(1 for j in self.jobs if j.monthly_worst_case_usd is not None),
            "jobs_with_expected": sum(1 for j in self.jobs if j.monthly_expected_usd is not None),
            "jobs_with_upper_bound": sum(1 for j in self.jobs if j.monthly_upper_bound_usd is not None),
            "monthly_complete": not self.unknown_monthly,
            "jobs_with_unknown_monthly": self.unknown_monthly,
            "jobs_with_uncertain_runs": [j.identity for j in self.jobs if not j.runs_certain],
            "worst_case_run_usd": self.worst_case_run_total_usd,
            "jobs": len(self.jobs),
        }

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema_version": COST_SCHEMA_VERSION,
            "currency": "USD",
            "region": self.region,
            "price_vintage": self.vintage,
            "regions_without_prices": list(self.regions_without_prices),
            "jobs": [j.to_json() for j in self.jobs],
            "totals": self.totals_json(),
            "assumptions": list(self.assumptions),
        }
        if self.group_by is not None:
            out["group_by"] = self.group_by
            out["groups"] = self.groups
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CostReport:
        """Read a cost JSON (``gluelint cost --format json``) or a check report holding one under ``costs``."""
        if "costs" in data and isinstance(data["costs"], dict):
            data = data["costs"]
        if not isinstance(data.get("jobs"), list):
            raise ValueError("not a gluelint cost report: no 'jobs' list")
        jobs = []
        for item in data["jobs"]:
            if not isinstance(item, dict):
                raise ValueError("a job entry is not an object")
            if "monthly_usd" in item and not any(c in item for c in MONTHLY_COLUMNS):  # schema 1.0
                item = {**item, ("monthly_upper_bound_usd" if item.get("upper_bound")
                                 else "monthly_worst_case_usd"): item["monthly_usd"]}
            jobs.append(JobCost.from_json(item))
        return cls(region=str(data.get("region", "")), vintage=str(data.get("price_vintage", "")), jobs=jobs,
                   assumptions=[str(a) for a in data.get("assumptions", [])],
                   regions_without_prices=[str(r) for r in data.get("regions_without_prices", [])])
