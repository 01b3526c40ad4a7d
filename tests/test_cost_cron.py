"""Glue cron: validation, day-of-week numbering, specials, and calendar-average runs per month (a year from the
check date / 12)."""

from __future__ import annotations

import datetime as dt

import pytest

from gluelint.cost.cron import ScheduleError, min_interval_minutes, parse_schedule, runs_per_month

# The year from 2026-12-01 to 2027-12-01 has 365 days, 52 weeks + 1 day (the extra day is Wednesday 2027-12-01's
# eve: 2026-12-01 is a Tuesday, so Tuesdays occur 53 times and every other weekday 52 times).
TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(("expr", "runs"), [
    ("cron(0 */6 * * ? *)", 4 * 365 / 12),  # 4 a day x 365 days / 12 = 121.67
    ("cron(15 12 * * ? *)", 365 / 12),  # 30.42, not 30 or 31
    ("cron(0 12 ? * MON-FRI *)", (52 * 4 + 53) / 12),  # Mon/Wed/Thu/Fri 52 each + 53 Tuesdays = 261 / 12
    ("cron(0 12 ? * 2-6 *)", 261 / 12),  # 1-7 = SUN-SAT, so 2-6 = MON-FRI
    ("cron(0 12 ? * 1 *)", 52 / 12),  # Sundays
    ("cron(0 12 ? * 3 *)", 53 / 12),  # Tuesdays: the extra day of the year
    ("cron(0 12 L * ? *)", 1),  # last day of each month
    ("cron(0 12 15W * ? *)", 1),
    ("cron(0 12 LW * ? *)", 1),
    ("cron(0 12 ? * 6L *)", 1),  # last Friday
    ("cron(0 12 ? * 6#2 *)", 1),  # second Friday
    # Fifth Fridays between 2026-12-01 and 2027-11-30: Jan 29, Apr 30, Jul 30, Oct 29 2027 = 4 / 12.
    ("cron(0 12 ? * 6#5 *)", 4 / 12),
    ("cron(0 0 1 */3 ? *)", 4 / 12),  # quarterly: Jan, Apr, Jul, Oct = 1/3 a month, never 0
    ("cron(0 0 1 1 ? *)", 1 / 12),  # yearly
    ("cron(0 0 31 * ? *)", 7 / 12),  # 7 months have a 31st
    ("cron(0 0 29 2 ? *)", 1 / 48),  # 29 February: once in four years (2028) / 48 months
    # The 29th: 11 months a year x 4 years + 2028-02-29 = 45 in four years / 48 months.
    ("cron(0 0 29 * ? *)", (11 * 4 + 1) / 48),
    ("cron(0 0 1 1 ? 2024)", 0),  # a year outside the window
    ("cron(0/5 * * * ? *)", 12 * 24 * 365 / 12),  # 288 a day x 365 / 12 = 8,760
])
def test_runs_per_month(expr: str, runs: float) -> None:
    assert runs_per_month(parse_schedule(expr), TODAY) == pytest.approx(runs)


def test_weekday_average_does_not_depend_on_a_fixed_window() -> None:
    # Any start date gives 52 or 53 of each weekday: 4.33-4.42 a month, never 4 or 5.
    for offset in range(7):
        count = runs_per_month(parse_schedule("cron(0 12 ? * MON *)"), TODAY + dt.timedelta(days=offset))
        assert 52 / 12 <= count <= 53 / 12


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
    assert runs_per_month(schedule, TODAY) == 730 / 2  # a 730-hour month / 2 h = 365
    assert min_interval_minutes(schedule) == 120


def test_min_interval() -> None:
    assert min_interval_minutes(parse_schedule("cron(0 */6 * * ? *)")) == 360
    assert min_interval_minutes(parse_schedule("cron(0 8,9 * * ? *)")) == 60
