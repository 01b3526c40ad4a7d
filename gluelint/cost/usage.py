"""Real usage: ``aws glue get-job-runs --job-name NAME`` output (one file or a folder of them).

Shape (https://docs.aws.amazon.com/glue/latest/webapi/API_GetJobRuns.html, 2026-12): ``{"JobRuns": [{"JobName",
"StartedOn", "CompletedOn", "JobRunState", "ExecutionTime" (seconds), "DPUSeconds" (Flex and auto-scaling
runs), "MaxCapacity", "WorkerType", "NumberOfWorkers", "ExecutionClass"}], "NextToken"}``. ``StartedOn`` is an
ISO-8601 string in the CLI's JSON output and epoch seconds in the raw API; both are read.

From the history of one job: runs per month = (runs - 1) intervals over the span from the first to the last
``StartedOn``, scaled to a 730-hour month; p50/p95 of ``ExecutionTime`` (nearest rank); the mean billed cost of
a run (``DPUSeconds`` when AWS reports them, else the run's capacity x its execution time, with the billing
minimum). Durations and costs come from the runs that ended (``CompletedOn`` set, or a bare record with an
``ExecutionTime`` and no ``JobRunState``): a run still going reports only the time so far.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gluelint.cost.tables import billing


class UsageError(Exception):
    """A file that is not ``get-job-runs`` output."""


@dataclass(frozen=True)
class Run:
    started: dt.datetime
    seconds: float | None
    dpu_seconds: float | None
    capacity: float | None
    ended: bool = True


@dataclass
class JobUsage:
    job_name: str
    runs_seen: list[Run]
    source: str
    ids: set[str] = field(default_factory=set)

    @property
    def runs(self) -> int:
        return len(self.runs_seen)

    @property
    def runs_per_month(self) -> float | None:
        if len(self.runs_seen) < 2:
            return None
        times = sorted(r.started for r in self.runs_seen)
        span_hours = (times[-1] - times[0]).total_seconds() / 3600
        if span_hours <= 0:
            return None
        return (len(times) - 1) / span_hours * billing().hours_per_month

    @property
    def ended_runs(self) -> int:
        """The runs whose ``ExecutionTime`` is final (the sample of p50/p95)."""
        return len(self._durations())

    def _durations(self) -> list[float]:
        return sorted(r.seconds for r in self.runs_seen if r.seconds is not None and r.ended)

    @property
    def p50_minutes(self) -> float | None:
        values = self._durations()
        return statistics.median(values) / 60 if values else None

    @property
    def p95_minutes(self) -> float | None:
        values = self._durations()
        return values[math.ceil(0.95 * len(values)) - 1] / 60 if values else None

    def mean_run_usd(self, dpus: float | None, rate: float, minimum_minutes: float | None) -> float | None:
        """The mean billed cost of the runs seen (each run's DPU-seconds, or capacity x billed time)."""
        costs = []
        for run in self.runs_seen:
            if not run.ended:
                continue
            if run.dpu_seconds is not None:
                costs.append(run.dpu_seconds / 3600 * rate)
                continue
            capacity = run.capacity if run.capacity is not None else dpus
            if capacity is None or run.seconds is None:
                continue
            billed = max(run.seconds / 60, minimum_minutes or 0.0)
            costs.append(capacity * billed / 60 * rate)
        return sum(costs) / len(costs) if costs else None

    def to_json(self) -> dict[str, Any]:
        return {"job_name": self.job_name, "runs": self.runs, "ended_runs": self.ended_runs, "source": self.source,
                "first_started": min(r.started for r in self.runs_seen).isoformat() if self.runs_seen else None,
                "last_started": max(r.started for r in self.runs_seen).isoformat() if self.runs_seen else None,
                "runs_per_month": self.runs_per_month, "p50_minutes": self.p50_minutes,
                "p95_minutes": self.p95_minutes,
                "dpu_seconds_runs": sum(1 for r in self.runs_seen if r.dpu_seconds is not None)}


@dataclass
class UsageHistory:
    jobs: dict[str, JobUsage] = field(default_factory=dict)

    def for_job(self, name: str | None) -> JobUsage | None:
        return self.jobs.get(name) if name is not None else None


def _time(value: Any) -> dt.datetime | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(float(value), tz=dt.UTC)
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def _ended(item: dict[str, Any]) -> bool:
    """Whether the run is over: it has ``CompletedOn``, or it is a bare record (no state) with a duration."""
    if item.get("CompletedOn") is not None:
        return True
    return "JobRunState" not in item and _number(item.get("ExecutionTime")) is not None


def _capacity(item: dict[str, Any]) -> float | None:
    from gluelint.knowledge.workers import workers

    spec = workers().get(str(item.get("WorkerType", "")))
    count = _number(item.get("NumberOfWorkers"))
    if spec is not None and count is not None:
        return spec.dpu * count
    return _number(item.get("MaxCapacity"))


def read_usage_file(path: Path, history: UsageHistory) -> None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: cannot read run history: {exc}") from None
    runs = data.get("JobRuns") if isinstance(data, dict) else None
    if not isinstance(runs, list):
        raise UsageError(f"{path}: not `aws glue get-job-runs` output (no JobRuns list)")
    for item in runs:
        if not isinstance(item, dict) or not isinstance(item.get("JobName"), str):
            continue
        started = _time(item.get("StartedOn"))
        if started is None:
            continue
        name = item["JobName"]
        usage = history.jobs.setdefault(name, JobUsage(name, [], path.name))
        run_id = item.get("Id")
        if isinstance(run_id, str):
            if run_id in usage.ids:
                continue  # the same run in two pages or files
            usage.ids.add(run_id)
        if path.name not in usage.source.split(", "):
            usage.source += f", {path.name}"
        usage.runs_seen.append(Run(started, _number(item.get("ExecutionTime")), _number(item.get("DPUSeconds")),
                                   _capacity(item), _ended(item)))


def read_usage(path: Path) -> UsageHistory:
    """One get-job-runs file, or every ``*.json`` in a folder (runs of one job may span several files)."""
    history = UsageHistory()
    files = sorted(path.rglob("*.json")) if path.is_dir() else [path]
    for file in files:
        read_usage_file(file, history)
    return history
