"""--format markdown: summary table, per-file details, cost sections, 1 MiB cap."""

from __future__ import annotations

from typing import Any

import pytest
from _report_helpers import finding, result

from gluelint.cost import render
from gluelint.cost.model import CostReport, JobCost
from gluelint.findings import Severity
from gluelint.report import ReportOptions
from gluelint.report import markdown as md


def _costs(monthly: float) -> CostReport:
    job = JobCost(address="aws_glue_job.etl", file="infra/glue/main.tf", line=1, monthly_worst_case_usd=monthly,
                  runs_source="aws_glue_trigger.nightly cron(0 2 * * ? *)")
    return CostReport(region="us-east-1", vintage="2026-09", jobs=[job])


def test_no_findings() -> None:
    out = md.render(result([]), ReportOptions())
    assert out.startswith(md.MARKER) and "No findings" in out
    assert "Findings by file" not in out


def test_summary_and_details() -> None:
    findings = [finding(line=3), finding(line=4), finding(severity=Severity.WARNING, rule="GL004",
                                                          name="suppression-without-reason", message="a | b\nc <x>"),
                finding(line=9, suppressed=True, justification="ok")]
    out = md.render(result(findings), ReportOptions())
    assert "3 findings" in out and "1 suppressed" in out
    assert "| 🔴 error | [GL301](https://github.com/gluelint/gluelint/blob/main/docs/rules/GL301.md) | " \
           "duplicate-argument-key | 2 |" in out
    assert out.index("GL301](") < out.index("GL004](")  # errors first
    assert "<details><summary><code>infra/glue/main.tf</code> — 3 findings</summary>" in out
    assert "a \\| b c &lt;x&gt;" in out
    assert out.count("<details>") == out.count("</details>") == 1


def test_cost_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    out = md.render(result([], costs=_costs(15.0)), ReportOptions(compare=_costs(12.0).to_json()))
    assert "### Estimated cost" in out and "$15.00" in out
    assert "### Cost change" in out and "$12.00" in out and "$15.00" in out.split("### Cost change", 1)[1]
    assert "### Cost change" not in md.render(result([], costs=_costs(15.0)), ReportOptions())
    assert "Estimated cost" not in md.render(result([]), ReportOptions())

    def missing(report: CostReport) -> str:
        raise RuntimeError("price table missing")

    monkeypatch.setattr(render, "render_markdown", missing)
    broken = md.render(result([], costs=_costs(15.0)), ReportOptions())
    assert "Cost section unavailable: RuntimeError: price table missing" in broken


def test_one_mebibyte_cap() -> None:
    findings = [finding(file=f"mod{i % 50}/main.tf", line=i, message="x" * 400 + f" {i}") for i in range(4000)]
    out = md.render(result(findings), ReportOptions())
    size = len(out.encode("utf-8"))
    assert 900 * 1024 < size < 1024 * 1024
    assert "more findings not shown here" in out
    assert out.count("<details>") == out.count("</details>")
    shown_rows = out.count("| 🔴 error | [GL301]") - 1  # minus the summary table row
    assert f"{4000 - shown_rows} more findings" in out


def test_cost_engine_report_and_diff_on_a_real_run(monkeypatch: Any) -> None:
    from pathlib import Path

    from gluelint.engine import RunRequest, run

    repo = Path(__file__).parents[1]
    monkeypatch.chdir(repo)
    res = run(RunRequest(paths=[Path("examples/terraform")]))
    assert res.costs is not None
    out = md.render(res, ReportOptions(compare=res.costs.to_json()))
    assert "### Estimated cost" in out and "### Cost change" in out
    assert "unavailable" not in out
