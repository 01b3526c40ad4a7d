"""Rules that look where experts look (issue 12): credentials found by value never reach any output."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from gluelint.engine import RunRequest, run
from gluelint.findings import Severity
from gluelint.parse.options import ParseOptions
from gluelint.report import ReportOptions, renderer

RULES = Path(__file__).parent / "rules"
SECRETS = ("Wint3r!sComing", "hunter2-but-longer", "ghp_aaaaBBBBccccDDDDeeeeFFFFgggg1234", "s3cr3t-client-value",
           "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "markdown", "github", "junit"])
def test_credentials_found_by_value_or_field_never_appear_in_output(fmt: str, tmp_path: Path) -> None:
    for name in ("fail_connection.yaml", "fail_connection.tf"):
        shutil.copy(RULES / "GL108" / name, tmp_path / name)
    result = run(RunRequest(paths=[tmp_path], parse_options=ParseOptions(root=tmp_path), today=dt.date(2026, 11, 26)))
    assert {f.rule for f in result.findings} >= {"GL108"}
    out = renderer(fmt)(result, ReportOptions(severity=Severity.INFO, source_root=tmp_path))
    assert not [s for s in SECRETS if s in out]


def test_gl204_is_quiet_where_gl101_reports_the_missing_security_configuration(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text("""
resource "aws_glue_job" "j" {
  name     = "j"
  role_arn = "arn:aws:iam::123456789012:role/glue"
  command {
    script_location = "s3://b/x.py"
  }
  default_arguments = { "--job-bookmark-option" = "job-bookmark-enable" }
}
""", encoding="utf-8")

    def rules(select: list[str]) -> list[str]:
        request = RunRequest(paths=[tmp_path], parse_options=ParseOptions(root=tmp_path), select=select,
                             today=dt.date(2026, 11, 26))
        return sorted(f.rule for f in run(request).findings)

    assert rules(["GL101", "GL204"]) == ["GL101"]
    assert rules(["GL204"]) == ["GL204"]  # alone, it still says so
