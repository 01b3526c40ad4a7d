"""Schedule expressions of the services that start Glue jobs: EventBridge Scheduler, EventBridge rules and
Airflow DAGs — validation, and runs per calendar-average month (a whole year from the check date / 12) in the
schedule's own time zone and active window.

EventBridge takes the same six-field ``cron(...)`` as Glue (gluelint.cost.cron), down to one minute, plus
``rate(value unit)``; Scheduler adds one-time ``at(yyyy-mm-ddThh:mm:ss)`` and evaluates the expression in
``ScheduleExpressionTimezone`` (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html).
Rules run in UTC (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from gluelint.cost.cron import ScheduleError, UnsupportedSchedule, calendar_window, count_between, parse_schedule
from gluelint.cost.tables import billing
from gluelint.knowledge import load_data

_RATE = re.compile(r"^rate\(\s*(\d+)\s+([A-Za-z]+)\s*\)$")
_AT = re.compile(r"^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$")


class Service(StrEnum):
    SCHEDULER = "EventBridge Scheduler"
    EVENTS = "EventBridge"


@dataclass(frozen=True)
class _Facts:
    rate_units: tuple[str, ...]
    scheduler_min: int
    events_min: int
    singular_for_one: bool


@cache
def _facts() -> _Facts:
    data = load_data("gluelint.rules", "orchestration/starters.toml")
    return _Facts(tuple(data["scheduler"]["rate_units"]), int(data["scheduler"]["min_rate_minutes"]),
                  int(data["events"]["min_rate_minutes"]), bool(data["events"]["rate_singular_for_one"]))


def validate(expression: str, service: Service) -> None:
    """Raise ScheduleError with the reason when ``service`` would reject ``expression``."""
    expr = expression.strip()
    facts = _facts()
    at = _AT.match(expr)
    if expr.startswith("at("):
        if service is not Service.SCHEDULER:
            raise ScheduleError(f"{expr!r}: one-time at(...) expressions are EventBridge Scheduler's; a rule "
                                "takes cron(...) or rate(...)")
        if at is None:
            raise ScheduleError(f"{expr!r}: expected at(yyyy-mm-ddThh:mm:ss)")
        try:
            dt.datetime.fromisoformat(at.group(1))
        except ValueError:
            raise ScheduleError(f"{expr!r}: {at.group(1)} is not a valid date and time") from None
        return
    rate = _RATE.match(expr)
    if expr.startswith("rate("):
        if rate is None:
            raise ScheduleError(f"{expr!r}: expected rate(value unit), for example rate(5 minutes)")
        value, unit = int(rate.group(1)), rate.group(2)
        if unit not in facts.rate_units:
            raise ScheduleError(f"{expr!r}: the unit must be one of {', '.join(facts.rate_units)}")
        if value <= 0:
            raise ScheduleError(f"{expr!r}: the value must be a positive number")
        if service is Service.EVENTS and facts.singular_for_one and (value == 1) != (not unit.endswith("s")):
            wanted = unit.rstrip("s") if value == 1 else unit + ("" if unit.endswith("s") else "s")
            raise ScheduleError(f"{expr!r}: EventBridge wants a singular unit for 1 and a plural one otherwise "
                                f"(rate({value} {wanted}))")
        return
    if not expr.startswith("cron("):
        raise ScheduleError(f"{expr!r} is not a {service.value} schedule expression: expected cron(...), rate(...)"
                            + (" or at(...)" if service is Service.SCHEDULER else ""))
    minimum = facts.scheduler_min if service is Service.SCHEDULER else facts.events_min
    try:
        parse_schedule(expr, min_minutes=minimum)
    except ScheduleError as exc:  # the cron grammar is Glue's too: say whose it is here
        raise ScheduleError(str(exc).replace("a Glue schedule", f"an {service.value} schedule")
                            .replace("Glue cron", f"{service.value} cron")) from None


@dataclass(frozen=True)
class Count:
    runs: float | None
    note: str  # how the count was made, or why it is unknown


def _instant(text: str | None, tz: dt.tzinfo) -> dt.datetime | None:
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def zone(name: str | None) -> dt.tzinfo | None:
    if not name:
        return dt.UTC
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def count_runs(expression: str, service: Service, timezone: str | None = None, start: str | None = None,
               end: str | None = None, *, today: dt.date) -> Count:
    """Runs per calendar-average month from ``today``; the note names the time zone and any clipping to the
    start/end dates."""
    try:
        validate(expression, service)
    except ScheduleError as exc:
        return Count(None, f"invalid schedule: {exc}")
    tz = zone(timezone)
    if tz is None:
        return Count(None, f"time zone {timezone!r} unknown")
    expr = expression.strip()
    at = _AT.match(expr)
    try:
        schedule = None if at else parse_schedule(expr, allow_rate=True, min_minutes=1)
    except (ScheduleError, UnsupportedSchedule) as exc:
        return Count(None, str(exc))
    if schedule is not None:
        window_start, window_end, months = calendar_window(schedule, today, tz)
    else:
        window_start = dt.datetime.combine(today, dt.time(), tzinfo=tz)
        window_end, months = window_start.replace(year=window_start.year + 1) if not (
            today.month == 2 and today.day == 29) else window_start + dt.timedelta(days=365), 12
    first, last = _instant(start, tz), _instant(end, tz)
    if (start and first is None) or (end and last is None):
        return Count(None, "start or end date is not a valid ISO 8601 date")
    lo = max(window_start, first) if first else window_start
    hi = min(window_end, last) if last else window_end
    zone_note = timezone or "UTC"
    clipped = " (within its start/end dates)" if (first and first > window_start) or (last and last < window_end) \
        else ""
    if hi <= lo:
        return Count(0.0, f"{zone_note}: its start/end dates leave no time in the year from {today:%Y-%m-%d}")
    if at:
        moment = dt.datetime.fromisoformat(at.group(1)).replace(tzinfo=tz)
        inside = lo <= moment < hi
        return Count(1.0 / months if inside else 0.0,
                     f"one-time, {'in' if inside else 'outside'} the year from {today:%Y-%m-%d}")
    assert schedule is not None
    return Count(count_between(schedule, lo, hi) / months, f"{zone_note}{clipped}")


def count_interval(minutes: float, start: str | None = None) -> Count:
    """A fixed interval (an Airflow timedelta): a 730-hour month / the interval."""
    if minutes <= 0:
        return Count(None, "a non-positive interval")
    return Count(billing().hours_per_month * 60 / minutes, f"every {minutes:g} min")


def count_unix_cron(expression: str, timezone: str | None = None, *, today: dt.date) -> Count:
    """A five-field Unix cron (Airflow ``schedule``), in ``timezone`` (default UTC): its runs over a year from
    ``today`` / 12."""
    from croniter import croniter

    tz = zone(timezone)
    if tz is None:
        return Count(None, f"time zone {timezone!r} unknown")
    if not croniter.is_valid(expression):
        return Count(None, f"{expression!r} is not a valid cron expression")
    window_start = dt.datetime.combine(today, dt.time(), tzinfo=tz)
    window_end = window_start + dt.timedelta(days=365)
    it = croniter(expression, window_start - dt.timedelta(seconds=1))
    runs = 0
    limit = 50_000
    while runs < limit:
        nxt: dt.datetime = it.get_next(dt.datetime)
        if nxt >= window_end:
            return Count(runs / 12, timezone or "UTC")
        runs += 1
    # A very frequent schedule: its rate over the runs seen, scaled to a 730-hour month.
    seen = (nxt - window_start).total_seconds() / 3600
    return Count(runs / seen * billing().hours_per_month, (timezone or "UTC") + ", rate of its first runs")
