"""--format github: workflow-command annotations, escaping and GitHub's per-step caps."""

from __future__ import annotations

from pathlib import Path

from _report_helpers import finding, result

from gluelint.findings import Severity
from gluelint.report import ReportOptions
from gluelint.report.github import escape_data, escape_property, render


def test_annotation_format(tmp_path: Path) -> None:
    f = finding(line=3, column=5, end_line=3, end_column=12, message="duplicate key --conf")
    out = render(result([f]), ReportOptions(source_root=tmp_path))
    assert out == ("::error file=infra/glue/main.tf,line=3,col=5,endLine=3,endColumn=12,"
                   "title=GL301 duplicate-argument-key::duplicate key --conf (aws_glue_job.etl)\n")


def test_escaping() -> None:
    assert escape_data("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    f = finding(file="dir,x/a:b.tf", message="line1\nline2 50%", resource=None)
    out = render(result([f]), ReportOptions())
    assert "file=dir%2Cx/a%3Ab.tf," in out
    assert out.endswith("::line1%0Aline2 50%25\n")
    assert out.count("\n") == 1


def test_levels_threshold_and_suppressed() -> None:
    findings = [finding(severity=Severity.INFO, line=1), finding(severity=Severity.WARNING, line=2),
                finding(line=3, suppressed=True, justification="ok")]
    out = render(result(findings), ReportOptions(severity=Severity.INFO)).splitlines()
    assert [line.split(" ", 1)[0] for line in out] == ["::warning", "::notice"]
    assert render(result(findings), ReportOptions(severity=Severity.WARNING)).startswith("::warning ")
    assert render(result(findings), ReportOptions(severity=Severity.ERROR)) == ""


def test_caps_most_severe_first_and_summary() -> None:
    findings = [finding(severity=Severity.WARNING, line=i) for i in range(1, 16)]
    findings += [finding(severity=Severity.ERROR, line=100 + i) for i in range(12)]
    findings += [finding(severity=Severity.INFO, line=200 + i) for i in range(10)]
    lines = render(result(findings), ReportOptions(severity=Severity.INFO)).splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds[:10] == ["::error"] * 10
    assert kinds.count("::error") == 10 and kinds.count("::warning") == 10
    assert kinds.count("::notice") == 10  # 9 info findings + the summary
    assert lines[-1].startswith("::notice title=gluelint::")
    assert "8 more findings not annotated" in lines[-1] and "all 37" in lines[-1]


def test_exactly_ten_per_level_needs_no_summary() -> None:
    findings = [finding(severity=s, line=i) for s in Severity for i in range(1, 11)]
    lines = render(result(findings), ReportOptions(severity=Severity.INFO)).splitlines()
    assert len(lines) == 30 and not any("title=gluelint::" in line for line in lines)
