"""Cost figures: one ``JobCost`` per job and the ``CostReport`` of a run (with its JSON form)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

COST_SCHEMA_VERSION = "1.0"
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
    name: str | None = None
    resource_type: str = ""
    region: str = ""
    command: str | None = None
    version: str | None = None
    execution_class: str | None = None
    worker_type: str | None = None
    workers: float | None = None
    dpus: float | None = None
    # True when the DPUs are a ceiling (auto scaling, or the largest of several branches).
    upper_bound: bool = False
    rate_kind: str | None = None
    rate_usd: float | None = None
    rate_confidence: str | None = None
    rate_source: str | None = None
    timeout_minutes: float | None = None
    min_billed_minutes: float | None = None
    worst_case_run_usd: float | None = None
    expected_minutes: float | None = None
    expected_run_usd: float | None = None
    runs_per_month: float | None = None
    runs_source: str = "unknown"
    streaming: bool = False
    monthly_usd: float | None = None
    # "expected", "worst case" or "continuous" (streaming); None when the monthly figure is unknown.
    monthly_basis: str | None = None
    flex_monthly_usd: float | None = None
    flex_rate_confidence: str | None = None
    workload: str | None = None
    preset: str | None = None
    preset_dpus: float | None = None
    preset_ratio: float | None = None
    max_concurrent_runs: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def flex_saving_usd(self) -> float | None:
        if self.monthly_usd is None or self.flex_monthly_usd is None:
            return None
        return self.monthly_usd - self.flex_monthly_usd

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, float):
                out[key] = round(value, 6)
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

    def job(self, address: str) -> JobCost | None:
        return next((j for j in self.jobs if j.address == address), None)

    def by_address(self) -> dict[str, JobCost]:
        return {j.address: j for j in self.jobs}

    @property
    def monthly_total_usd(self) -> float:
        """The sum of the known monthly figures (see ``unknown_monthly`` for the rest)."""
        return sum(j.monthly_usd for j in self.jobs if j.monthly_usd is not None)

    @property
    def unknown_monthly(self) -> list[str]:
        return [j.address for j in self.jobs if j.monthly_usd is None]

    @property
    def worst_case_run_total_usd(self) -> float:
        return sum(j.worst_case_run_usd for j in self.jobs if j.worst_case_run_usd is not None)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": COST_SCHEMA_VERSION,
            "currency": "USD",
            "region": self.region,
            "price_vintage": self.vintage,
            "jobs": [j.to_json() for j in self.jobs],
            "totals": {
                "monthly_usd": round(self.monthly_total_usd, 6),
                "monthly_complete": not self.unknown_monthly,
                "jobs_with_unknown_monthly": self.unknown_monthly,
                "worst_case_run_usd": round(self.worst_case_run_total_usd, 6),
                "jobs": len(self.jobs),
            },
            "assumptions": list(self.assumptions),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CostReport:
        """Read a cost JSON (``gluelint cost --format json``) or a check report holding one under ``costs``."""
        if "costs" in data and isinstance(data["costs"], dict):
            data = data["costs"]
        if not isinstance(data.get("jobs"), list):
            raise ValueError("not a gluelint cost report: no 'jobs' list")
        return cls(region=str(data.get("region", "")), vintage=str(data.get("price_vintage", "")),
                   jobs=[JobCost.from_json(j) for j in data["jobs"]],
                   assumptions=[str(a) for a in data.get("assumptions", [])])
