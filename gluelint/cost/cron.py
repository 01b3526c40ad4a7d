"""Glue schedule expressions: validation, translation to croniter, and calendar-average runs per month.

Runs per month are counted, not sampled: a Glue cron fires ``|minutes| x |hours|`` times on every matching day
(UTC has no daylight-saving gaps), so the count is that product times the matching days of a whole year from
the check date, divided by 12; schedules that can fire on 29 February are averaged over four years (/ 48).
The day matcher is written by hand because croniter's day-of-month/day-of-week specials differ from
Glue's (``L`` in day-of-week is Saturday, ``LW``) and iterating every run of a 5-minute schedule over a year
would be slow; croniter is still used for the minimum interval between runs.

Glue's cron (https://docs.aws.amazon.com/glue/latest/dg/monitor-data-warehouse-schedule.html):
``cron(Minutes Hours Day-of-month Month Day-of-week Year)``, UTC; exactly one of the day fields is ``?``;
day-of-week 1-7 = SUN-SAT (croniter: 0-6); ``L``, ``W`` (day-of-month), ``L``, ``#`` (day-of-week);
schedules faster than every 5 minutes are not supported.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from gluelint.cost.tables import billing
from gluelint.knowledge.triggers import trigger_facts

MIN_INTERVAL_MINUTES: int = trigger_facts().min_schedule_interval_minutes
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_RATE = re.compile(r"^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$", re.IGNORECASE)
_CRON = re.compile(r"^cron\((.*)\)$", re.IGNORECASE | re.DOTALL)
_UNIT_MINUTES = {"minute": 1, "hour": 60, "day": 1440}


class ScheduleError(ValueError):
    """A schedule Glue would reject; the message says why."""


class UnsupportedSchedule(ValueError):
    """A valid schedule whose runs gluelint cannot count (so the count stays unknown)."""


@dataclass(frozen=True)
class Schedule:
    expression: str
    kind: str  # "cron" | "rate"
    croniter_expr: str | None = None
    years: frozenset[int] | None = None  # None: every year
    rate_minutes: int | None = None
    fields: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class _Spec:
    name: str
    low: int
    high: int
    names: tuple[str, ...] = ()
    specials: str = ""


_SPECS = (
    _Spec("minutes", 0, 59),
    _Spec("hours", 0, 23),
    _Spec("day-of-month", 1, 31, specials="?LW"),
    _Spec("month", 1, 12, names=_MONTHS),
    _Spec("day-of-week", 1, 7, names=_DAYS, specials="?L#"),
    _Spec("year", 1970, 2199),
)


@lru_cache(maxsize=512)
def parse_schedule(text: str, *, allow_rate: bool = False, min_minutes: int = MIN_INTERVAL_MINUTES) -> Schedule:
    """Validate a Glue schedule expression; raises ScheduleError with the reason.

    ``min_minutes`` is the finest interval the service accepts (Glue: 5; EventBridge takes the same cron syntax
    down to 1 minute)."""
    try:
        return _parse_schedule(text, allow_rate, min_minutes)
    except ScheduleError:
        raise
    except ValueError:  # a number int() cannot read: thousands of digits, or a digit like '²'
        raise ScheduleError(f"{text.strip()[:80]!r}: a number in it is not a valid value") from None


def _parse_schedule(text: str, allow_rate: bool, min_minutes: int) -> Schedule:
    expr = text.strip()
    rate = _RATE.match(expr)
    if rate:
        if not allow_rate:
            raise ScheduleError(f"{expr!r}: Glue schedules take cron(...) expressions, not rate(...)")
        minutes = int(rate.group(1)) * _UNIT_MINUTES[rate.group(2).lower().rstrip("s")]
        if minutes < min_minutes:
            raise ScheduleError(f"{expr!r} runs more often than every {min_minutes} minutes")
        return Schedule(expression=expr, kind="rate", rate_minutes=minutes)
    match = _CRON.match(expr)
    if not match:
        raise ScheduleError(f"{expr!r} is not a Glue schedule: expected cron(min hour day-of-month month "
                            "day-of-week year)")
    parts = match.group(1).split()
    if len(parts) != 6:
        raise ScheduleError(f"{expr!r} has {len(parts)} fields; Glue cron needs 6 (min hour day-of-month month "
                            "day-of-week year)")
    for spec, part in zip(_SPECS, parts, strict=True):
        _check_field(spec, part, expr)
    dom, dow = parts[2], parts[4]
    if (dom == "?") == (dow == "?"):
        raise ScheduleError(f"{expr!r}: exactly one of day-of-month and day-of-week must be '?'")
    schedule = Schedule(expression=expr, kind="cron", croniter_expr=_to_croniter(parts),
                        years=_years(parts[5]), fields=tuple(parts))
    gap = min_interval_minutes(schedule)
    if gap is not None and gap < min_minutes:
        raise ScheduleError(f"{expr!r} runs every {gap:g} minute(s); Glue's minimum precision is "
                            f"{min_minutes} minutes")
    return schedule


def _value(spec: _Spec, token: str, expr: str) -> int:
    upper = token.upper()
    if spec.names and upper in spec.names:
        return spec.names.index(upper) + spec.low
    if not token.isdigit():
        raise ScheduleError(f"{expr!r}: {token!r} is not a valid {spec.name} value")
    number = int(token)
    if not spec.low <= number <= spec.high:
        raise ScheduleError(f"{expr!r}: {spec.name} value {number} is outside {spec.low}-{spec.high}")
    return number


def _check_field(spec: _Spec, part: str, expr: str) -> None:
    if part == "?":
        if "?" not in spec.specials:
            raise ScheduleError(f"{expr!r}: '?' is only allowed in day-of-month or day-of-week")
        return
    for item in part.split(","):
        _check_item(spec, item, expr)


def _check_item(spec: _Spec, item: str, expr: str) -> None:
    upper = item.upper()
    if not item:
        raise ScheduleError(f"{expr!r}: empty value in the {spec.name} field")
    if spec.name == "day-of-month" and upper in ("L", "LW"):
        return
    if spec.name == "day-of-month" and upper.endswith("W"):
        _value(spec, item[:-1], expr)
        return
    if spec.name == "day-of-week" and upper == "L":
        return
    if spec.name == "day-of-week" and upper.endswith("L"):
        _value(spec, item[:-1], expr)
        return
    if spec.name == "day-of-week" and "#" in item:
        day, _, nth = item.partition("#")
        _value(spec, day, expr)
        if not (nth.isdigit() and 1 <= int(nth) <= 5):
            raise ScheduleError(f"{expr!r}: {item!r}: the week number after '#' must be 1-5")
        return
    base, _, step = item.partition("/")
    if step and not (step.isdigit() and int(step) > 0):
        raise ScheduleError(f"{expr!r}: {item!r}: the step after '/' must be a positive number")
    if base == "*":
        return
    low, dash, high = base.partition("-")
    first = _value(spec, low, expr)
    if dash and _value(spec, high, expr) < first:
        raise ScheduleError(f"{expr!r}: range {base!r} in the {spec.name} field runs backwards")


def _dow_token(token: str) -> str:
    return str(int(token) - 1) if token.isdigit() else token


def _dow_item(item: str) -> str:
    upper = item.upper()
    if upper == "L":
        return "6"  # last day of the week: Saturday
    if upper.endswith("L"):
        return f"L{_dow_token(item[:-1])}"
    if "#" in item:
        day, _, nth = item.partition("#")
        return f"{_dow_token(day)}#{nth}"
    base, slash, step = item.partition("/")
    low, dash, high = base.partition("-")
    out = "*" if base == "*" else _dow_token(low) + (f"-{_dow_token(high)}" if dash else "")
    return out + (f"/{step}" if slash else "")


def _to_croniter(parts: list[str]) -> str:
    minute, hour, dom, month, dow, _year = parts
    dom_c = "*" if dom == "?" else dom
    dow_c = "*" if dow == "?" else ",".join(_dow_item(i) for i in dow.split(","))
    return f"{minute} {hour} {dom_c} {month} {dow_c}"


def _years(part: str) -> frozenset[int] | None:
    if part == "*":
        return None
    out: set[int] = set()
    for item in part.split(","):
        base, _, step = item.partition("/")
        low, dash, high = base.partition("-")
        start = 1970 if base == "*" else int(low)
        end = 2199 if base == "*" or (not dash and step) else int(high) if dash else start
        out.update(range(start, end + 1, int(step) if step else 1))
    return frozenset(out)


# The window the minimum interval between runs is measured over (any fixed month: the gap does not depend
# on the month beyond what the second, 400-day window catches).
_INTERVAL_WINDOW_START = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def _window() -> tuple[dt.datetime, dt.datetime]:
    return _INTERVAL_WINDOW_START, _INTERVAL_WINDOW_START + dt.timedelta(days=30)


def run_times(schedule: Schedule, start: dt.datetime, end: dt.datetime, limit: int = 100_000) -> list[dt.datetime]:
    """Run times in [start, end) in UTC."""
    if schedule.kind == "rate":
        step = dt.timedelta(minutes=schedule.rate_minutes or 1)
        count = int((end - start) / step)
        return [start + i * step for i in range(min(count, limit))]
    from croniter import croniter

    if "LW" in (schedule.croniter_expr or "").upper():
        raise UnsupportedSchedule(f"{schedule.expression!r}: 'LW' cannot be evaluated by gluelint's cron library")
    try:
        it = croniter(schedule.croniter_expr, start - dt.timedelta(seconds=1))
    except (ValueError, KeyError) as exc:
        raise UnsupportedSchedule(f"{schedule.expression!r}: {exc}") from None
    out: list[dt.datetime] = []
    while len(out) < limit:
        nxt: dt.datetime = it.get_next(dt.datetime)
        if nxt >= end:
            break
        if schedule.years is None or nxt.year in schedule.years:
            out.append(nxt)
    return out


@dataclass(frozen=True)
class MonthlyRuns:
    """A calendar-average count: ``runs`` per month over ``years`` whole years from ``start``."""

    runs: float
    start: dt.date
    years: int

    def describe(self) -> str:
        span = "a year" if self.years == 1 else f"{self.years} years"
        return f"UTC, average month over {span} from {self.start:%Y-%m-%d}"


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap target year
        return day.replace(year=day.year + years, day=28)


@lru_cache(maxsize=2048)
def monthly_runs(schedule: Schedule, start: dt.date) -> MonthlyRuns:
    """Runs per calendar-average month: runs over a whole year from ``start`` / 12; four years / 48 for a
    schedule that can fire on 29 February. ``rate(...)`` runs evenly: 730 h x 60 / interval."""
    if schedule.kind == "rate":
        hours = billing().hours_per_month
        return MonthlyRuns(hours * 60 / float(schedule.rate_minutes or 1), start, 1)
    minutes, hours_, dom, months, dow, _ = schedule.fields
    per_day = len(_numbers(minutes, _SPECS[0])) * len(_numbers(hours_, _SPECS[1]))
    matcher = _DayMatcher(dom, dow, _numbers(months, _SPECS[3]), schedule.years)
    years = 4 if matcher.can_fire_on_leap_day() else 1
    end = _add_years(start, years)
    days = sum(1 for n in range((end - start).days) if matcher.matches(start + dt.timedelta(days=n)))
    return MonthlyRuns(per_day * days / (12 * years), start, years)


def runs_per_month(schedule: Schedule, start: dt.date) -> float:
    return monthly_runs(schedule, start).runs


def calendar_window(schedule: Schedule, today: dt.date, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime, int]:
    """[start, end) of the whole year (four for 29-February schedules) from ``today`` in ``tz``, and its
    number of months."""
    years = 1
    if schedule.kind == "cron":
        _, _, dom, months, dow, _ = schedule.fields
        years = 4 if _DayMatcher(dom, dow, _numbers(months, _SPECS[3]), schedule.years).can_fire_on_leap_day() else 1
    start = dt.datetime.combine(today, dt.time(), tzinfo=tz)
    return start, dt.datetime.combine(_add_years(today, years), dt.time(), tzinfo=tz), 12 * years


def count_between(schedule: Schedule, start: dt.datetime, end: dt.datetime) -> int:
    """Runs in [start, end), counted day by day in the window's own time zone (wall-clock times)."""
    if end <= start:
        return 0
    if schedule.kind == "rate":
        return int((end - start).total_seconds() // (60 * (schedule.rate_minutes or 1)))
    minutes, hours, dom, months, dow, _ = schedule.fields
    times = sorted(dt.time(h, m) for h in _numbers(hours, _SPECS[1]) for m in _numbers(minutes, _SPECS[0]))
    matcher = _DayMatcher(dom, dow, _numbers(months, _SPECS[3]), schedule.years)
    tz = start.tzinfo
    runs = 0
    day = start.date()
    while day <= end.date():
        if matcher.matches(day):
            first = dt.datetime.combine(day, dt.time(), tzinfo=tz)
            if first >= start and first + dt.timedelta(days=1) <= end:
                runs += len(times)
            else:
                runs += sum(1 for t in times if start <= dt.datetime.combine(day, t, tzinfo=tz) < end)
        day += dt.timedelta(days=1)
    return runs


def _numbers(part: str, spec: _Spec) -> frozenset[int]:
    """The values a minutes / hours / month field selects (``*``, lists, ranges, ``/`` steps, names)."""
    out: set[int] = set()
    for item in part.split(","):
        base, slash, step = item.partition("/")
        if base in ("*", "?"):
            low, high = spec.low, spec.high
        else:
            first, dash, last = base.partition("-")
            low = _value(spec, first, part)
            high = _value(spec, last, part) if dash else (spec.high if slash else low)
        out.update(range(low, high + 1, int(step) if slash else 1))
    return frozenset(out)


def _glue_weekday(day: dt.date) -> int:
    """1-7 = SUN-SAT."""
    return (day.weekday() + 1) % 7 + 1


def _nearest_weekday(year: int, month: int, target: int) -> int | None:
    """``nW``: the weekday nearest day ``target`` without leaving the month (None: no such day)."""
    last = calendar.monthrange(year, month)[1]
    if target > last:
        return None
    weekday = dt.date(year, month, target).weekday()  # Monday = 0
    if weekday == 5:  # Saturday: the Friday before, or the Monday after on the 1st
        return target - 1 if target > 1 else target + 2
    if weekday == 6:  # Sunday: the Monday after, or the Friday before on the last day
        return target + 1 if target < last else target - 2
    return target


def _last_weekday(year: int, month: int) -> int:
    last = calendar.monthrange(year, month)[1]
    weekday = dt.date(year, month, last).weekday()
    return last - max(0, weekday - 4)


class _DayMatcher:
    """Whether a Glue cron fires on a given UTC day (day-of-month or day-of-week, month, year)."""

    def __init__(self, dom: str, dow: str, months: frozenset[int], years: frozenset[int] | None) -> None:
        self.dom, self.dow, self.months, self.years = dom, dow, months, years
        self.dom_items = [] if dom == "?" else dom.upper().split(",")
        self.dow_items = [] if dow == "?" else dow.upper().split(",")

    def can_fire_on_leap_day(self) -> bool:
        if 2 not in self.months or self.dom == "?":
            return False  # day-of-week schedules: 29 February is just another weekday
        named: set[int] = set()
        for item in self.dom_items:
            if item not in ("L", "LW") and not item.endswith("W"):
                named |= _numbers(item, _SPECS[2])
        # Every day of the month (``*``, ``1-31``) is not a leap-day schedule: a year from the check date holds
        # 365 or 366 days like any other count.
        return 29 in named and len(named) < 31

    def matches(self, day: dt.date) -> bool:
        if day.month not in self.months or (self.years is not None and day.year not in self.years):
            return False
        if self.dom != "?":
            return any(self._dom_item(item, day) for item in self.dom_items)
        return any(self._dow_item(item, day) for item in self.dow_items)

    @staticmethod
    def _dom_item(item: str, day: dt.date) -> bool:
        last = calendar.monthrange(day.year, day.month)[1]
        if item == "L":
            return day.day == last
        if item == "LW":
            return day.day == _last_weekday(day.year, day.month)
        if item.endswith("W"):
            return day.day == _nearest_weekday(day.year, day.month, int(item[:-1]))
        return day.day in _numbers(item, _SPECS[2])

    @staticmethod
    def _dow_item(item: str, day: dt.date) -> bool:
        weekday = _glue_weekday(day)
        if item == "L":
            return weekday == 7  # the last day of the week: Saturday
        if item.endswith("L"):
            last = calendar.monthrange(day.year, day.month)[1]
            return weekday == _value(_SPECS[4], item[:-1], item) and day.day > last - 7
        if "#" in item:
            name, _, nth = item.partition("#")
            return weekday == _value(_SPECS[4], name, item) and (day.day - 1) // 7 + 1 == int(nth)
        return weekday in _numbers(item, _SPECS[4])


@lru_cache(maxsize=512)
def min_interval_minutes(schedule: Schedule) -> float | None:
    """The shortest gap between consecutive runs (over the reference month and the run after it)."""
    if schedule.kind == "rate":
        return float(schedule.rate_minutes or 0)
    start, end = _window()
    try:
        times = run_times(schedule, start, end + dt.timedelta(days=2), limit=20_000)
        if len(times) < 3:
            times = run_times(schedule, start, end + dt.timedelta(days=400), limit=20_000)
    except UnsupportedSchedule:
        return None
    gaps = [(b - a).total_seconds() / 60 for a, b in itertools.pairwise(times)]
    return min(gaps) if gaps else None
