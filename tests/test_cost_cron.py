"""Glue cron: validation, day-of-week numbering, specials, and runs over the 30-day reference month (UTC)."""

from __future__ import annotations

import pytest

from gluelint.cost.cron import ScheduleError, min_interval_minutes, parse_schedule, runs_per_month


@pytest.mark.parametrize(("expr", "runs"), [
    ("cron(0 */6 * * ? *)", 120),
    ("cron(15 12 * * ? *)", 30),
    ("cron(0 12 ? * MON-FRI *)", 21),  # Nov 2026 starts on a Sunday
    ("cron(0 12 ? * 2-6 *)", 21),  # 1-7 = SUN-SAT, so 2-6 = MON-FRI
    ("cron(0 12 ? * 1 *)", 5),  # Sundays: 1, 8, 15, 22, 29
    ("cron(0 12 L * ? *)", 1),
    ("cron(0 12 15W * ? *)", 1),
    ("cron(0 12 ? * 6L *)", 1),  # last Friday
    ("cron(0 12 ? * 6#2 *)", 1),  # second Friday
    ("cron(0 0 1 1 ? 2024)", 0),  # a year outside the window
    pytest.param("cron(0/5 * * * ? *)", 8640, marks=pytest.mark.slow),  # walks every run of the month
])
def test_runs_per_month(expr: str, runs: int) -> None:
    assert runs_per_month(parse_schedule(expr)) == runs


@pytest.mark.parametrize("expr", [
    "cron(0 12 * * *)",  # five fields
    "cron(0 12 * * * *)",  # no '?'
    "cron(0 12 ? * ? *)",  # both '?'
    "cron(60 12 * * ? *)",
    "cron(0 24 * * ? *)",
    "cron(0 12 ? * 8 *)",
    "cron(0 12 ? * 0 *)",  # 0 is not a Glue day-of-week
    pytest.param("cron(0/2 * * * ? *)", marks=pytest.mark.slow),  # faster than every 5 minutes
    "rate(1 hour)",  # not accepted by Glue triggers
    "every day",
])
def test_invalid(expr: str) -> None:
    with pytest.raises(ScheduleError):
        parse_schedule(expr)


def test_rate_when_allowed() -> None:
    schedule = parse_schedule("rate(2 hours)", allow_rate=True)
    assert runs_per_month(schedule) == 360
    assert min_interval_minutes(schedule) == 120


def test_min_interval() -> None:
    assert min_interval_minutes(parse_schedule("cron(0 */6 * * ? *)")) == 360
    assert min_interval_minutes(parse_schedule("cron(0 8,9 * * ? *)")) == 60
