"""Compare two cost reports (base branch vs this change): added, removed, changed and newly priced jobs, and the
monthly delta of each column.

Jobs match by identity (file, module instance, address), never by address alone. Figures are compared as they
are reported (6 decimal places, ``Decimal``), so a tree compared with its own JSON has no changed job and a delta
of exactly 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from gluelint.cost.model import MONTHLY_COLUMNS, CostReport, JobCost, money, usd

# Fields whose change makes a job "changed" (the inputs and the figures).
_COMPARED = ("dpus", "worker_type", "workers", "command", "version", "execution_class", "rate_usd",
             "timeout_minutes", "worst_case_run_usd", "expected_run_usd", "runs_per_month", "runs_certain",
             *MONTHLY_COLUMNS)
_LABELS = {"monthly_worst_case_usd": "worst case", "monthly_expected_usd": "expected",
           "monthly_upper_bound_usd": "upper bound"}


class CompareError(Exception):
    """The base file is not a readable gluelint cost JSON."""


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return money(float(a)) == money(float(b))
    return bool(a == b)


def _priced(job: JobCost | None) -> bool:
    return job is not None and any(getattr(job, c) is not None for c in MONTHLY_COLUMNS)


@dataclass
class JobChange:
    identity: str
    base: JobCost | None
    head: JobCost | None
    fields: list[str] = field(default_factory=list)

    @property
    def address(self) -> str:
        job = self.head or self.base
        return job.address if job is not None else self.identity

    def delta(self, column: str) -> Decimal:
        before = money(getattr(self.base, column)) if self.base is not None else None
        after = money(getattr(self.head, column)) if self.head is not None else None
        return (after or Decimal(0)) - (before or Decimal(0))

    @property
    def delta_usd(self) -> float:
        return float(self.delta("monthly_worst_case_usd"))


@dataclass
class CostDiff:
    base: CostReport
    head: CostReport
    added: list[JobChange]
    removed: list[JobChange]
    changed: list[JobChange]
    # Jobs whose monthly figures were unknown in the base and are known now (or the reverse): not a delta.
    now_priced: list[JobChange] = field(default_factory=list)
    no_longer_priced: list[JobChange] = field(default_factory=list)

    def column_delta(self, column: str) -> Decimal:
        return sum((c.delta(column) for c in (*self.added, *self.removed, *self.changed)), Decimal(0))

    @property
    def monthly_delta_usd(self) -> float:
        return float(self.column_delta("monthly_worst_case_usd"))

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed or self.now_priced or self.no_longer_priced)

    def over_threshold(self, usd_limit: float | None, percent_limit: float | None) -> str | None:
        """Why the worst-case delta breaks a configured PR threshold (None when it does not)."""
        delta = self.column_delta("monthly_worst_case_usd")
        if usd_limit is not None and delta > money(usd_limit):  # type: ignore[operator]
            return f"monthly worst case rises {usd(float(delta))}, over budget.pr_delta_usd {usd(usd_limit)}"
        base = self.base.column_total("monthly_worst_case_usd")
        if percent_limit is not None and delta > 0:
            if base == 0:
                return f"monthly worst case rises {usd(float(delta))} from $0 (budget.pr_delta_percent)"
            percent = delta / base * 100
            if percent > Decimal(repr(percent_limit)):
                return (f"monthly worst case rises {percent:.1f}%, over budget.pr_delta_percent "
                        f"{percent_limit:g}%")
        return None

    def to_json(self) -> dict[str, object]:
        def one(c: JobChange) -> dict[str, object]:
            out: dict[str, object] = {"identity": c.identity, "address": c.address, "fields": c.fields}
            for column in MONTHLY_COLUMNS:
                out[f"base_{column}"] = getattr(c.base, column) if c.base else None
                out[f"head_{column}"] = getattr(c.head, column) if c.head else None
                out[f"delta_{column}"] = float(c.delta(column))
            return out

        totals = {f"delta_{column}": float(self.column_delta(column)) for column in MONTHLY_COLUMNS}
        totals.update({f"base_{column}": float(self.base.column_total(column)) for column in MONTHLY_COLUMNS})
        totals.update({f"head_{column}": float(self.head.column_total(column)) for column in MONTHLY_COLUMNS})
        return {**totals, "monthly_delta_usd": self.monthly_delta_usd, "unchanged": self.unchanged,
                "added": [one(c) for c in self.added], "removed": [one(c) for c in self.removed],
                "changed": [one(c) for c in self.changed], "now_priced": [one(c) for c in self.now_priced],
                "no_longer_priced": [one(c) for c in self.no_longer_priced]}


def read_base(path: Path) -> CostReport:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return CostReport.from_json(data)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError, TypeError) as exc:
        raise CompareError(f"{path}: cannot read cost JSON: {exc}") from None


def diff(base: CostReport, head: CostReport) -> CostDiff:
    before, after = base.by_identity(), head.by_identity()
    added = [JobChange(k, None, after[k]) for k in after if k not in before]
    removed = [JobChange(k, before[k], None) for k in before if k not in after]
    changed, now_priced, no_longer = [], [], []
    for key in after:
        if key not in before:
            continue
        old, new = before[key], after[key]
        fields = [f for f in _COMPARED if not _same(getattr(old, f), getattr(new, f))]
        if not fields:
            continue
        change = JobChange(key, old, new, fields)
        if not _priced(old) and _priced(new):
            now_priced.append(change)
        elif _priced(old) and not _priced(new):
            no_longer.append(change)
        else:
            changed.append(change)
    return CostDiff(base=base, head=head, added=added, removed=removed, changed=changed, now_priced=now_priced,
                    no_longer_priced=no_longer)


def _signed(value: Decimal | float | None, bound: bool = False) -> str:
    if value is None:
        return "?"
    number = float(value)
    return f"+{usd(number, bound)}" if number >= 0 else f"-{usd(-number, bound)}"


def _cells(job: JobCost | None) -> str:
    if job is None:
        return "—"
    parts = [f"{_LABELS[c]} {usd(getattr(job, c), c == 'monthly_upper_bound_usd')}" for c in MONTHLY_COLUMNS
             if getattr(job, c) is not None]
    return ", ".join(parts) or "unknown"


def _row_delta(c: JobChange) -> str:
    parts = [f"{_LABELS[col]} {_signed(c.delta(col))}" for col in MONTHLY_COLUMNS if c.delta(col) != 0]
    return ", ".join(parts) or "$0.00"


def render_diff_markdown(d: CostDiff) -> str:
    """The block a pull-request comment shows."""
    lines = ["## Glue cost change", ""]
    if d.unchanged:
        worst = usd(float(d.head.column_total("monthly_worst_case_usd")))
        return "\n".join([*lines, "This change makes no cost change: every job costs what it cost on the base "
                          f"branch (monthly worst case {worst}).", ""])
    for column in MONTHLY_COLUMNS:
        base, head = d.base.column_total(column), d.head.column_total(column)
        bound = column == "monthly_upper_bound_usd"
        lines.append(f"- Monthly {_LABELS[column]}: {usd(float(base), bound)} → {usd(float(head), bound)} "
                     f"(**{_signed(d.column_delta(column))}**)")
    if d.now_priced:
        lines.append(f"- Now priced (unknown on the base branch, not counted in the deltas): {len(d.now_priced)}")
    lines += ["", "| change | job | file | before | after | monthly delta | what changed | runs per month from |",
              "|---|---|---|---|---|---|---|---|"]
    groups = (("added", d.added), ("removed", d.removed), ("changed", d.changed), ("now priced", d.now_priced),
              ("no longer priced", d.no_longer_priced))
    for kind, items in groups:
        for c in items:
            job = c.head or c.base
            where = f"{job.file}:{job.line}" if job is not None else ""
            delta = _row_delta(c) if kind not in ("now priced", "no longer priced") else "—"
            source = job.runs_source.replace("|", "\\|") if job is not None else ""
            lines.append(f"| {kind} | `{c.address}` | {where} | {_cells(c.base)} | {_cells(c.head)} | {delta} | "
                         f"{', '.join(c.fields)} | {source} |")
    return "\n".join([*lines, ""])


def render_diff_text(d: CostDiff) -> str:
    return render_diff_markdown(d).replace("**", "")


CSV_DIFF_FIELDS = ("change", "identity", "address", "fields",
                   *(f"{p}_{c}" for c in MONTHLY_COLUMNS for p in ("base", "head", "delta")))


def render_diff_csv(d: CostDiff) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_DIFF_FIELDS)
    data = d.to_json()
    for kind in ("added", "removed", "changed", "now_priced", "no_longer_priced"):
        for item in data[kind]:  # type: ignore[attr-defined]
            row = {**item, "change": kind, "fields": ";".join(item["fields"])}
            writer.writerow(["" if row.get(f) is None else row[f] for f in CSV_DIFF_FIELDS])
    writer.writerow(["total", "", "", "", *(v for c in MONTHLY_COLUMNS
                                            for v in (data[f"base_{c}"], data[f"head_{c}"], data[f"delta_{c}"]))])
    return buffer.getvalue()
