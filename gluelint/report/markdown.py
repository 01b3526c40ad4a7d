"""Markdown for a GitHub job summary or pull-request comment: summary table, findings per file, costs.

Always below ``MAX_BYTES`` (GitHub rejects a step summary above 1 MiB outright): sections that do not fit are left
out with a note saying how many findings are missing and where to find them.

Costs (``result.costs``, the cost engine's ``CostReport``) are rendered by the cost package's own renderers:
the table (``gluelint.cost.render.render_markdown``) under "Estimated cost", and, when ``options.compare`` holds a
previous report (e.g. of the base branch), the difference (``gluelint.cost.compare.diff`` +
``render_diff_markdown``) under "Cost change". A renderer that raises is replaced by a one-line note (the report
never fails because of the cost section).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gluelint.findings import Finding, Severity
from gluelint.findings.result import RunResult
from gluelint.report import ReportOptions
from gluelint.report.common import plural, rule_url, shown

if TYPE_CHECKING:
    from gluelint.cost.model import CostReport

MARKER = "<!-- gluelint-report -->"
# 1 MiB is GitHub's hard limit for a step summary; keep room for the closing note and multi-byte slack.
MAX_BYTES = 1024 * 1024 - 16 * 1024
_ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟡", Severity.INFO: "🔵"}


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no raw HTML."""
    value = str(text)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = value.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
    return " ".join(value.split())


def render(result: RunResult, options: ReportOptions) -> str:
    findings = shown(result.findings, options.severity)
    budget = _Budget(MAX_BYTES)
    budget.add(_header(result, findings, options))
    costs = _cost_sections(result, options)
    if costs and not budget.add(costs):
        budget.add("_The cost section is too large for a summary; see `gluelint cost`._\n\n")
    omitted = _file_sections(findings, options, budget)
    if omitted:
        budget.force(f"\n> **Note:** {plural(omitted, 'more finding')} not shown here to stay under GitHub's "
                     "1 MiB summary limit; see the SARIF or JSON report (`--format json`) for all of them.\n")
    return budget.text()


class _Budget:
    """Collects Markdown parts while their UTF-8 size stays under a limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.size = 0

    def fits(self, text: str) -> bool:
        return self.fits_bytes(len(text.encode("utf-8")))

    def fits_bytes(self, count: int) -> bool:
        return self.size + count <= self.limit

    def add(self, text: str) -> bool:
        if not self.fits(text):
            return False
        self.force(text)
        return True

    def force(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text.encode("utf-8"))

    def text(self) -> str:
        out = "".join(self.parts)
        data = out.encode("utf-8")
        hard = 1024 * 1024 - 1024
        if len(data) > hard:  # a forced part overflowed: cut on a character boundary and say so
            out = data[:hard].decode("utf-8", errors="ignore") + "\n\n> **Note:** report truncated at 1 MiB.\n"
        return out


def _header(result: RunResult, findings: list[Finding], options: ReportOptions) -> str:
    counts = Counter(f.severity for f in findings)
    jobs = sum(1 for r in result.inventory.resources if r.kind == "job")
    status = "✅ No findings" if not findings else f"❌ {plural(len(findings), 'finding')}"
    lines = [MARKER, "## gluelint", "",
             f"**{status}** ({counts[Severity.ERROR]} error, {counts[Severity.WARNING]} warning, "
             f"{counts[Severity.INFO]} info; shown: {options.severity.value} and above) in "
             f"{plural(result.files_scanned, 'file')}, {plural(len(result.inventory.glue_resources), 'Glue resource')} "
             f"({plural(jobs, 'job')}).", ""]
    extra = []
    suppressed = sum(1 for f in result.findings if f.suppressed)
    if suppressed:
        extra.append(f"{suppressed} suppressed")
    if result.undecided:
        extra.append(f"{plural(len(result.undecided), 'check')} undecided (values known only at apply time)")
    if extra:
        lines += ["_" + "; ".join(extra) + "._", ""]
    if findings:
        lines += ["| Severity | Rule | Name | Findings |", "|---|---|---|---:|"]
        per_rule = Counter((f.severity, f.rule, f.name) for f in findings)
        for (severity, rule, name), count in sorted(per_rule.items(),
                                                    key=lambda item: (-item[0][0].rank, item[0][1])):
            lines.append(f"| {_ICON[severity]} {severity.value} | [{rule}]({rule_url(rule)}) | {cell(name)} "
                         f"| {count} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def _file_sections(findings: list[Finding], options: ReportOptions, budget: _Budget) -> int:
    """One collapsible section per file; returns how many findings did not fit."""
    if not findings:
        return 0
    budget.add("### Findings by file\n\n")
    ordered = sorted(findings, key=lambda f: (f.span.file, f.span.line, f.span.column, f.rule))
    omitted = 0
    full = False
    for file, group_iter in groupby(ordered, key=lambda f: f.span.file):
        group = list(group_iter)
        if full:
            omitted += len(group)
            continue
        head = (f"<details><summary><code>{cell(options.repo_path(file))}</code> — "
                f"{plural(len(group), 'finding')}</summary>\n\n"
                "| Line | Severity | Rule | Resource | Message |\n|---:|---|---|---|---|\n")
        tail = "\n</details>\n\n"
        rows: list[str] = []
        size = len((head + tail).encode("utf-8"))
        for f in group:
            row = (f"| {f.span.line} | {_ICON[f.severity]} {f.severity.value} | [{f.rule}]({rule_url(f.rule)}) "
                   f"{cell(f.name)} | {cell(f.resource or '')} | {cell(f.message)} |\n")
            if not budget.fits_bytes(size + len(row.encode("utf-8"))):
                break
            rows.append(row)
            size += len(row.encode("utf-8"))
        if rows:
            budget.add(head + "".join(rows) + tail)
        omitted += len(group) - len(rows)
        full = len(rows) < len(group)
    return omitted


def _cost_sections(result: RunResult, options: ReportOptions) -> str:
    costs = result.costs
    if costs is None:
        return ""
    parts: list[str] = []
    table = _guard(_cost_table, costs)
    if table is not None:
        parts.append("### Estimated cost\n\n" + table.strip() + "\n\n")
    if options.compare is not None:
        diff = _guard(_cost_diff, costs, options.compare)
        if diff is not None:
            parts.append("### Cost change\n\n" + diff.strip() + "\n\n")
    return "".join(parts)


def _guard(fn: Callable[..., str | None], *args: Any) -> str | None:
    try:
        return fn(*args)
    except Exception as exc:  # the cost section must never break the report
        return f"_Cost section unavailable: {cell(type(exc).__name__)}: {cell(exc)}_"


def _cost_table(costs: CostReport) -> str:
    from gluelint.cost.render import render_markdown

    return render_markdown(costs)


def _cost_diff(costs: CostReport, base: CostReport | dict[str, Any] | Path) -> str:
    from gluelint.cost.compare import diff, read_base, render_diff_markdown
    from gluelint.cost.model import CostReport

    before = CostReport.from_json(base) if isinstance(base, dict) else base if isinstance(base, CostReport) \
        else read_base(base)
    return render_diff_markdown(diff(before, costs))
