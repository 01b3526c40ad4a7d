"""Compare two cost reports (base branch vs this change): added, removed and changed jobs, monthly delta."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from gluelint.cost.model import CostReport, JobCost, usd

# Fields whose change makes a job "changed" (the inputs and the figures).
_COMPARED = ("dpus", "worker_type", "workers", "command", "version", "execution_class", "rate_usd",
             "timeout_minutes", "worst_case_run_usd", "runs_per_month", "monthly_usd")


class CompareError(Exception):
    """The base file is not a readable gluelint cost JSON."""


@dataclass
class JobChange:
    address: str
    base: JobCost | None
    head: JobCost | None
    fields: list[str] = field(default_factory=list)

    @property
    def delta_usd(self) -> float | None:
        before = self.base.monthly_usd if self.base is not None else 0.0
        after = self.head.monthly_usd if self.head is not None else 0.0
        if before is None or after is None:
            return None
        return after - before


@dataclass
class CostDiff:
    base: CostReport
    head: CostReport
    added: list[JobChange]
    removed: list[JobChange]
    changed: list[JobChange]

    @property
    def monthly_delta_usd(self) -> float:
        return self.head.monthly_total_usd - self.base.monthly_total_usd

    @property
    def complete(self) -> bool:
        return all(c.delta_usd is not None for c in (*self.added, *self.removed, *self.changed))

    def to_json(self) -> dict[str, object]:
        def one(c: JobChange) -> dict[str, object]:
            return {"address": c.address, "fields": c.fields,
                    "base_monthly_usd": c.base.monthly_usd if c.base else None,
                    "head_monthly_usd": c.head.monthly_usd if c.head else None, "delta_usd": c.delta_usd}

        return {"base_monthly_usd": self.base.monthly_total_usd, "head_monthly_usd": self.head.monthly_total_usd,
                "monthly_delta_usd": self.monthly_delta_usd, "complete": self.complete,
                "added": [one(c) for c in self.added], "removed": [one(c) for c in self.removed],
                "changed": [one(c) for c in self.changed]}


def read_base(path: Path) -> CostReport:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return CostReport.from_json(data)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError, TypeError) as exc:
        raise CompareError(f"{path}: cannot read cost JSON: {exc}") from None


def diff(base: CostReport, head: CostReport) -> CostDiff:
    before, after = base.by_address(), head.by_address()
    added = [JobChange(a, None, after[a]) for a in after if a not in before]
    removed = [JobChange(a, before[a], None) for a in before if a not in after]
    changed = []
    for address in after:
        if address in before:
            fields = [f for f in _COMPARED if getattr(before[address], f) != getattr(after[address], f)]
            if fields:
                changed.append(JobChange(address, before[address], after[address], fields))
    return CostDiff(base=base, head=head, added=added, removed=removed, changed=changed)


def _signed(value: float | None) -> str:
    if value is None:
        return "?"
    return f"+{usd(value)}" if value >= 0 else f"-{usd(-value)}"


def render_diff_markdown(d: CostDiff) -> str:
    """The block a pull-request comment shows."""
    lines = ["## Glue cost change", "",
             f"Monthly estimate: {usd(d.base.monthly_total_usd)} → {usd(d.head.monthly_total_usd)} "
             f"(**{_signed(d.monthly_delta_usd)}**){'' if d.complete else ' — some figures unknown'}", ""]
    if not (d.added or d.removed or d.changed):
        return "\n".join([*lines, "No job cost changes.", ""])
    lines += ["| change | job | before | after | delta | what changed | runs per month from |",
              "|---|---|---|---|---|---|---|"]
    for kind, items in (("added", d.added), ("removed", d.removed), ("changed", d.changed)):
        for c in items:
            before = usd(c.base.monthly_usd) if c.base else "—"
            after = usd(c.head.monthly_usd) if c.head else "—"
            shown = c.head or c.base
            source = shown.runs_source.replace("|", "\\|") if shown is not None else ""
            lines.append(f"| {kind} | `{c.address}` | {before} | {after} | {_signed(c.delta_usd)} | "
                         f"{', '.join(c.fields)} | {source} |")
    return "\n".join([*lines, ""])


def render_diff_text(d: CostDiff) -> str:
    return render_diff_markdown(d).replace("**", "")
