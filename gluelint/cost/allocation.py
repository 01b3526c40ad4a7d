"""Cost allocation: totals per tag value or per path, and the budgets a config sets for them.

A group key is ``tag:<key>`` (one group per value of that tag; jobs without it in ``(no <key>)``) or ``path``
(one group per folder of the file). Budgets are ``[tool.gluelint.budget.groups]`` entries ``"tag:team=data" =
5000`` or ``"path:prod/" = 2000``; a budget is checked against the group's worst case, else its expected figure.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from gluelint.cost.model import MONTHLY_COLUMNS, CostReport, JobCost, total


class GroupingError(ValueError):
    """A --group-by that is neither ``tag:KEY`` nor ``path``."""


def group_name(job: JobCost, by: str) -> str:
    if by == "path":
        parent = str(PurePosixPath(job.file.replace("\\", "/")).parent)
        return parent if parent != "." else "./"
    if by.startswith("tag:") and len(by) > 4:
        key = by[4:]
        value = job.tags.get(key)
        return f"{key}={value}" if value is not None else f"(no {key})"
    raise GroupingError(f"--group-by {by!r}: use tag:KEY (e.g. tag:team) or path")


def in_budget_group(job: JobCost, key: str) -> bool:
    """Whether a job belongs to a budget key ``tag:team=data`` or ``path:prod/``."""
    kind, _, spec = key.partition(":")
    if kind == "tag":
        name, _, value = spec.partition("=")
        return job.tags.get(name) == value if value else name in job.tags
    if kind == "path":
        prefix = spec.replace("\\", "/")
        return job.file.replace("\\", "/").startswith(prefix)
    return False


def summarize(jobs: list[JobCost]) -> dict[str, Any]:
    out: dict[str, Any] = {"jobs": len(jobs), "identities": [j.identity for j in jobs]}
    for column in MONTHLY_COLUMNS:
        out[column] = float(total([getattr(j, column) for j in jobs]))
    return out


def group(report: CostReport, by: str, budgets: dict[str, float]) -> None:
    """Fill ``report.groups`` for ``by``; a group whose name matches a budget key carries that budget."""
    groups: dict[str, list[JobCost]] = {}
    for job in report.jobs:
        groups.setdefault(group_name(job, by), []).append(job)
    report.group_by = by
    report.groups = {}
    for name in sorted(groups):
        summary = summarize(groups[name])
        key = f"tag:{name}" if by.startswith("tag:") else f"path:{name}"
        summary["budget_usd"] = budgets.get(key)
        report.groups[name] = summary


def budget_breaches(report: CostReport, budgets: dict[str, float]) -> list[tuple[str, float, float, str]]:
    """(budget key, figure, budget, which figure) for every group over its budget."""
    out = []
    for key, limit in sorted(budgets.items()):
        members = [j for j in report.jobs if in_budget_group(j, key)]
        summary = summarize(members)
        for column, label in (("monthly_worst_case_usd", "worst case"), ("monthly_expected_usd", "expected")):
            if summary[column] > limit:
                out.append((key, summary[column], limit, label))
                break
    return out
