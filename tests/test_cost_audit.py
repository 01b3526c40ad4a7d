"""Issue 13 ("Cost truth") bullets that had no test of their own, each with its arithmetic by hand (us-east-1 ETL
$0.44 per DPU-hour; schedules counted over the year from 2026-12-01, 365 days)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from cost_helpers import SPAN, conditional, estimate, job, scheduled

from gluelint.cli import main
from gluelint.config import Config, JobSettings
from gluelint.cost.render import render
from gluelint.model.resources import SourceFormat, Trigger, TriggerAction
from gluelint.model.values import Value

BASE = {"worker_type": "G.1X", "number_of_workers": 10, "timeout": 90, "glue_version": "4.0"}
ROOT = Path(__file__).resolve().parents[1]

JOB_TF = """
resource "aws_glue_job" "etl" {{
  name              = "etl"
  role_arn          = "arn:aws:iam::123456789012:role/r"
  glue_version      = "4.0"
  worker_type       = "G.1X"
  number_of_workers = {workers}
  timeout           = 90
  command {{
    script_location = "s3://b/s.py"
  }}
  tags = {{ team = "{team}" }}
}}
{trigger}"""
TRIGGER_TF = """
resource "aws_glue_trigger" "t" {
  name     = "t"
  type     = "SCHEDULED"
  schedule = "cron(0 */6 * * ? *)"
  actions {
    job_name = aws_glue_job.etl.name
  }
}
"""


def _tf(workers: int = 10, team: str = "data", trigger: str = TRIGGER_TF) -> str:
    return JOB_TF.format(workers=workers, team=team, trigger=trigger)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_terraform_disabled_trigger_counts_no_runs() -> None:
    disabled = Trigger(address="aws_glue_trigger.t", resource_type="aws_glue_trigger",
                       source_format=SourceFormat.TERRAFORM_HCL, span=SPAN, name=Value.of("t"),
                       type=Value.of("SCHEDULED"), schedule=Value.of("cron(0 */6 * * ? *)"),
                       enabled=Value.of(False), actions=[TriggerAction(job_name=Value.of("j"))])
    cost = estimate(job("j", **BASE), disabled).job("aws_glue_job.j")
    # enabled = false: the trigger never fires: 0 runs, $0.00 a month (the per-run worst case stays $6.60).
    assert cost is not None and cost.runs_per_month == 0 and cost.monthly_worst_case_usd == 0
    assert cost.worst_case_run_usd == pytest.approx(6.60) and "disabled" in cost.runs_source


def test_a_trigger_not_started_labels_every_monthly_figure() -> None:
    stopped = Trigger(address="NightlyTrigger", resource_type="AWS::Glue::Trigger",
                      source_format=SourceFormat.CLOUDFORMATION_YAML, span=SPAN, name=Value.of("nightly"),
                      type=Value.of("SCHEDULED"), schedule=Value.of("cron(0 3 * * ? *)"),
                      actions=[TriggerAction(job_name=Value.of("j"))])
    report = estimate(job("j", **BASE), stopped)
    # Counted (365 / 12 x $6.60 = $200.75) but labelled in every format and listed in the totals.
    assert report.jobs[0].monthly_worst_case_usd == pytest.approx(200.75)
    assert "$200.75 if started" in render(report, "text", None)
    assert "$200.75 if started" in render(report, "markdown")
    assert report.to_json()["totals"]["jobs_with_uncertain_runs"] == ["x.tf:aws_glue_job.j"]
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert rows[0]["runs_certain"] == "False"


def test_columns_are_totalled_apart_never_summed() -> None:
    config = Config(jobs={"c": JobSettings(expected_minutes=30)})
    report = estimate(job("a", **BASE), job("b", **BASE), job("c", **BASE),
                      scheduled("t", "cron(0 6 * * ? *)", "a", "c"), conditional("after", ["a"], ["b"]),
                      config=config)
    totals = report.to_json()["totals"]
    # a and c: 365 / 12 = 30.4167 runs x $6.60 = $200.75 each, worst case: $401.50.
    assert totals["monthly_worst_case_usd"] == pytest.approx(401.50)
    # b runs after a only when a succeeds: at most $200.75, its own column.
    assert totals["monthly_upper_bound_usd"] == pytest.approx(200.75)
    # c's expected: 30.4167 x 10 DPUs x 0.5 h x $0.44 = $66.92; a and b have no expected figure.
    assert totals["monthly_expected_usd"] == pytest.approx(365 / 12 * 2.2)
    assert (totals["jobs_with_worst_case"], totals["jobs_with_upper_bound"], totals["jobs_with_expected"]) == (2, 1, 1)
    text = render(report, "text", None)
    assert "Monthly worst case: $401.50" in text and "Monthly upper bounds: <= $200.75" in text
    assert "$669.17" not in text and "$602.25" not in text  # no sum of two columns anywhere


def test_module_instances_are_two_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "main.tf").write_text(
        _tf(workers=0, trigger="").replace("number_of_workers = 0", "number_of_workers = var.workers")
        .replace('name              = "etl"', 'name              = "etl-${var.workers}"')
        + 'variable "workers" { type = number }\n', encoding="utf-8")
    (tmp_path / "main.tf").write_text('module "small" {\n  source  = "./mod"\n  workers = 2\n}\n'
                                      'module "big" {\n  source  = "./mod"\n  workers = 10\n}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out = _run("cost", ".", "--format", "json", "--today", "2026-12-01")
    runs = {j["identity"]: j["worst_case_run_usd"] for j in json.loads(out)["jobs"]}
    # One file, one address, two instances: 2 DPUs x 1.5 h x $0.44 = $1.32 and 10 DPUs: $6.60.
    assert runs == {"mod/main.tf:module.small.aws_glue_job.etl [module.small@mod<.]": 1.32,
                    "mod/main.tf:module.big.aws_glue_job.etl [module.big@mod<.]": 6.6}


def test_checking_the_parent_gives_each_job_its_own_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """dev/ and prod/ both define aws_glue_job.etl: the cost rules judge each by its own figures."""
    (tmp_path / "dev").mkdir()
    (tmp_path / "prod").mkdir()
    (tmp_path / "dev" / "main.tf").write_text(_tf(workers=2, team="dev"), encoding="utf-8")
    (tmp_path / "prod" / "main.tf").write_text(_tf(workers=20, team="prod"), encoding="utf-8")
    # dev: 2 DPUs x 1.5 h x $0.44 = $1.32 a run, 121.67 runs = $160.60 a month; prod: $13.20 and $1,606.00.
    (tmp_path / ".gluelint.toml").write_text("[budget]\nmax_run_usd = 5\nmax_monthly_usd_per_job = 1000\n",
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def findings(*paths: str) -> list[tuple[str, str, str]]:
        _, out = _run("check", *paths, "--select", "GL601,GL602", "--format", "json", "--today", "2026-12-01",
                      "--no-cache")
        return sorted((f["file"], f["rule"], f["message"]) for f in json.loads(out)["findings"])

    together = findings(".")
    assert together == sorted(findings("dev") + findings("prod"))
    assert [(file, rule) for file, rule, _ in together] == [("prod/main.tf", "GL601"), ("prod/main.tf", "GL602")]
    assert "one run can cost $13.20" in together[0][2] and "$1,606.00/month" in together[1][2]


def test_compare_now_priced_is_not_a_full_increase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.tf").write_text(_tf(trigger=""), encoding="utf-8")  # no trigger: monthly unknown
    monkeypatch.chdir(tmp_path)
    base = tmp_path / "base.json"
    _run("cost", ".", "--format", "json", "-o", str(base), "--today", "2026-12-01")
    (tmp_path / "main.tf").write_text(_tf(), encoding="utf-8")  # now scheduled: $803.00 a month
    _, out = _run("cost", ".", "--format", "json", "--compare", str(base), "--today", "2026-12-01")
    diff = json.loads(out)["compare"]
    assert [c["address"] for c in diff["now_priced"]] == ["aws_glue_job.etl"] and diff["changed"] == []
    assert diff["monthly_delta_usd"] == 0  # not +$803.00 in the headline
    _, markdown = _run("cost", ".", "--format", "markdown", "--compare", str(base), "--today", "2026-12-01")
    assert "Now priced (unknown on the base branch, not counted in the deltas): 1" in markdown
    _, table = _run("cost", ".", "--format", "csv", "--compare", str(base), "--today", "2026-12-01")
    assert [r["change"] for r in csv.DictReader(io.StringIO(table))] == ["now_priced", "total"]


def test_allocation_name_tags_file_in_every_format_and_group_by_path(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for env, workers in (("dev", 10), ("prod", 20)):
        (tmp_path / env).mkdir()
        (tmp_path / env / "main.tf").write_text(_tf(workers=workers, team=env), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out = _run("cost", ".", "--format", "json", "--group-by", "path", "--today", "2026-12-01")
    data = json.loads(out)
    row = next(j for j in data["jobs"] if j["file"] == "prod/main.tf")
    assert row["name"] == "etl" and row["tags"] == {"team": "prod"}
    # Per folder: dev 121.67 runs x $6.60 = $803.00; prod (20 DPUs) $1,606.00.
    assert {k: v["monthly_worst_case_usd"] for k, v in data["groups"].items()} == {"dev": 803.0, "prod": 1606.0}
    _, markdown = _run("cost", ".", "--format", "markdown", "--today", "2026-12-01")
    assert "| aws_glue_job.etl | etl | prod/main.tf:2 | team=prod |" in markdown
    _, table = _run("cost", ".", "--format", "csv", "--today", "2026-12-01")
    rows = {r["file"]: r for r in csv.DictReader(io.StringIO(table))}
    assert rows["dev/main.tf"]["name"] == "etl" and rows["dev/main.tf"]["tags"] == "team=dev"


def test_a_region_without_a_table_leaves_the_exit_status_alone(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_tf(), encoding="utf-8")
    for fmt in ("text", "json", "markdown", "csv"):
        code, out = _run("cost", str(tmp_path), "--region", "cn-north-1", "--format", fmt)
        assert code == 0 and "cn-north-1" in out, fmt
    _, help_text = _run("cost", "--help")
    words = " ".join(help_text.split())
    assert "region with no price table is listed with unknown figures" in words and "(exit status unaffected)" in words
    docs = (ROOT / "docs" / "cost.md").read_text(encoding="utf-8")
    assert "Exit status is unaffected" in docs and "exits 2 for a region without a table" in docs
