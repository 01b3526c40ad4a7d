"""Runs per month of the starters that run on a clock of their own: EventBridge rules, EventBridge Scheduler
schedules and Airflow DAGs (their enabled state, time zone and start/end dates as written)."""

from __future__ import annotations

import datetime as dt

from gluelint.cost.run_count import RunCount
from gluelint.cost.schedules import Count, Service, count_interval, count_runs, count_unix_cron
from gluelint.model.orchestration import AirflowDag, WhenSpec
from gluelint.model.values import Value


def value_text(value: Value | None) -> str | None:
    return value.as_str() if value is not None else None


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


def scheduled_runs(when: WhenSpec, service: Service, label: str, today: dt.date) -> RunCount:
    enabled = _enabled(when)
    if enabled is False:
        return RunCount(0.0, f"{label} is disabled")
    expression = value_text(when.expression)
    if expression is None:
        return RunCount(None, f"{label}: schedule expression unknown" if when.expression is not None
                        else f"{label}: no schedule expression", scheduled=when.expression is not None)
    if enabled is None:
        return RunCount(None, f"{label} {expression}: whether it is enabled is known only at deploy time",
                        scheduled=True)
    parts = [value_text(v) if v is not None else None for v in (when.timezone, when.start_date, when.end_date)]
    if any(v is not None and s is None for v, s in zip((when.timezone, when.start_date, when.end_date), parts,
                                                       strict=True)):
        return RunCount(None, f"{label} {expression}: time zone or start/end date known only at deploy time",
                        scheduled=True)
    count: Count = count_runs(expression, service, *parts, today=today)
    if count.runs is None:
        return RunCount(None, f"{label} {expression}: {count.note}", scheduled=True)
    suffix = "" if count.note == "UTC" else f" ({count.note})"
    return RunCount(count.runs, f"{label} {expression}{suffix}", scheduled=True)


def dag_runs(dag: AirflowDag, label: str, today: dt.date) -> RunCount:
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
            count = count_unix_cron(text, value_text(when.timezone), today=today)
    if count.runs is None:
        return RunCount(None, f"{label} {shown}: {count.note}", scheduled=True)
    return RunCount(count.runs, f"{label} {shown}" + ("" if count.note == "UTC" else f" ({count.note})"),
                    scheduled=True)
