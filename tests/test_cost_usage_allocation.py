"""Real usage (get-job-runs histories), crawlers, triggers not started on creation, cost allocation and discounts:
figures computed by hand (us-east-1: ETL $0.44, Flex $0.29, crawler $0.44 per DPU-hour)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from cost_helpers import SPAN, estimate, job, scheduled

from gluelint.cli import main
from gluelint.config import Budget, Config, CostSettings, JobSettings
from gluelint.cost.usage import read_usage
from gluelint.model.resources import Crawler, SourceFormat, Trigger, TriggerAction
from gluelint.model.values import Value

USAGE = Path(__file__).parent / "fixtures" / "usage"
BASE = {"worker_type": "G.1X", "number_of_workers": 10, "glue_version": "4.0"}


def test_run_history_statistics() -> None:
    history = read_usage(USAGE)
    orders = history.for_job("orders")
    assert orders is not None and orders.runs == 4
    # 4 runs, first to last StartedOn = 3 days = 72 h: 3 intervals / 72 h x 730 h = 30.42 runs a month.
    assert orders.runs_per_month == pytest.approx(3 / 72 * 730)
    # ExecutionTime 540, 600, 600, 720 s: median 600 s = 10 min; p95 (nearest rank: ceil(0.95 x 4) = 4th) 12 min.
    assert orders.p50_minutes == pytest.approx(10) and orders.p95_minutes == pytest.approx(12)


def test_expected_from_history_beside_worst_case() -> None:
    config = Config()
    report_history = read_usage(USAGE)
    from cost_helpers import TODAY, inventory

    from gluelint.cost import estimate_inventory

    report = estimate_inventory(inventory(job("orders", **BASE), scheduled("t", "cron(0 2 * * ? *)", "orders")),
                                config, None, TODAY, report_history)
    cost = report.job("aws_glue_job.orders")
    assert cost is not None
    # Each run: 10 DPUs x its minutes: (9 + 10 + 10 + 12) / 4 = 10.25 min x 10 x $0.44 / 60 = $0.7517 a run.
    assert cost.expected_run_usd == pytest.approx(10 * 10.25 / 60 * 0.44)
    # Expected monthly = history's 30.42 runs x $0.7517 = $22.86; the worst case stays the definition's:
    # daily = 365 / 12 runs x 10 DPUs x 48 h (Glue 4.0 default timeout) x $0.44 = $6,424, capped at one run at a
    # time all month: 730 h x 10 x $0.44 = $3,212.
    assert cost.monthly_expected_usd == pytest.approx(3 / 72 * 730 * 10 * 10.25 / 60 * 0.44)
    assert cost.monthly_worst_case_usd == pytest.approx(3212.0) and cost.capped
    # The 2,880-minute default timeout is 240x the p95 of 12 minutes, but 4 runs are fewer than the policy's 20
    # (GL610): not flagged. tests/test_cost_timeout_review.py covers the flagged cases.
    assert cost.timeout_review is None and not any(n.startswith("GL610") for n in cost.notes)


def test_dpu_seconds_for_flex_runs() -> None:
    from cost_helpers import TODAY, inventory

    from gluelint.cost import estimate_inventory

    report = estimate_inventory(inventory(job("flexy", **BASE, execution_class="FLEX", timeout=60)), Config(), None,
                                TODAY, read_usage(USAGE))
    cost = report.job("aws_glue_job.flexy")
    assert cost is not None and cost.rate_usd == 0.29
    # DPUSeconds 7200 and 3600 = 2 and 1 DPU-hours: mean 1.5 x $0.29 = $0.435 a run; runs 12 h apart =
    # 730 / 12 = 60.83 a month -> $26.46 expected.
    assert cost.expected_run_usd == pytest.approx(0.435)
    assert cost.monthly_expected_usd == pytest.approx(730 / 12 * 0.435)


def test_usage_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.tf").write_text('''
resource "aws_glue_job" "orders" {
  name              = "orders"
  role_arn          = "arn:aws:iam::123456789012:role/r"
  glue_version      = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 10
  command { script_location = "s3://b/s.py" }
  tags = { team = "sales" }
}
''', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(main, ["cost", ".", "--usage", str(USAGE), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)["jobs"][0]
    assert data["usage"]["runs"] == 4 and data["usage"]["p95_minutes"] == 12
    assert data["monthly_expected_usd"] == pytest.approx(22.863194, abs=1e-6)
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert CliRunner().invoke(main, ["cost", ".", "--usage", str(bad)]).exit_code == 2


def test_crawler_ten_minute_minimum() -> None:
    crawler = Crawler(address="aws_glue_crawler.raw", resource_type="aws_glue_crawler",
                      source_format=SourceFormat.TERRAFORM_HCL, span=SPAN, name=Value.of("raw"),
                      schedule=Value.of("cron(0 */6 * * ? *)"))
    config = Config(jobs={"raw": JobSettings(dpus=2, expected_minutes=4)})
    cost = estimate(crawler, config=config).job("aws_glue_crawler.raw")
    assert cost is not None and cost.command == "crawler" and cost.rate_usd == 0.44
    # 4 crawls a day x 365 / 12 = 121.67 a month; a 4-minute crawl bills the 10-minute minimum:
    # 2 DPUs x 10/60 h x $0.44 = $0.1467 a crawl -> $17.84 a month.
    assert cost.runs_per_month == pytest.approx(4 * 365 / 12)
    assert cost.expected_run_usd == pytest.approx(2 * 10 / 60 * 0.44)
    assert cost.monthly_expected_usd == pytest.approx(4 * 365 / 12 * 2 * 10 / 60 * 0.44)
    unknown = estimate(crawler).job("aws_glue_crawler.raw")
    assert unknown is not None and unknown.monthly_expected_usd is None
    assert any("AWS chooses a crawler's DPUs" in n for n in unknown.notes)


def _cfn_trigger(start: object) -> Trigger:
    return Trigger(address="NightlyTrigger", resource_type="AWS::Glue::Trigger",
                   source_format=SourceFormat.CLOUDFORMATION_YAML, span=SPAN, name=Value.of("nightly"),
                   type=Value.of("SCHEDULED"), schedule=Value.of("cron(0 3 * * ? *)"),
                   start_on_creation=Value.of(start) if start is not None else None,
                   actions=[TriggerAction(job_name=Value.of("j"))])


def test_cloudformation_trigger_not_started_on_creation_is_not_certain() -> None:
    for start in (None, False):
        cost = estimate(job("j", **BASE, timeout=60), _cfn_trigger(start)).job("aws_glue_job.j")
        assert cost is not None and not cost.runs_certain
        assert "if someone starts the trigger" in cost.runs_source
        # Still priced (labelled): 365 / 12 runs x 10 DPU x 1 h x $0.44 = $133.83
        assert cost.monthly_worst_case_usd == pytest.approx(365 / 12 * 4.4)
    started = estimate(job("j", **BASE, timeout=60), _cfn_trigger(True)).job("aws_glue_job.j")
    assert started is not None and started.runs_certain


def test_group_by_tag_and_budgets() -> None:
    from gluelint.cost.allocation import budget_breaches, group

    report = estimate(job("a", **BASE, timeout=60, tags={"team": "sales"}),
                      job("b", **{**BASE, "number_of_workers": 2}, timeout=60, tags={"team": "ops"}),
                      job("c", **BASE, timeout=60), scheduled("t", "cron(0 3 * * ? *)", "a", "b", "c"))
    group(report, "tag:team", {"tag:team=sales": 100})
    # a: 10 DPU x 1 h x $0.44 x 365 / 12 = $133.83; b: 2 DPUs: $26.77; c has no team tag.
    assert report.groups["team=sales"]["monthly_worst_case_usd"] == pytest.approx(133.833333)
    assert report.groups["team=ops"]["monthly_worst_case_usd"] == pytest.approx(26.766667)
    assert report.groups["(no team)"]["jobs"] == 1
    assert report.groups["team=sales"]["budget_usd"] == 100
    assert budget_breaches(report, {"tag:team=sales": 100, "tag:team=ops": 100}) == [
        ("tag:team=sales", pytest.approx(133.833333), 100, "worst case")]
    from gluelint.cost.render import render

    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert rows[0]["name"] == "a" and rows[0]["tags"] == "team=sales" and rows[0]["file"] == "x.tf"
    assert "By tag:team" in render(report, "text") and "| team=sales | 1 |" in render(report, "markdown")


def test_group_budget_rule_gl602() -> None:
    import datetime as dt

    from cost_helpers import inventory

    from gluelint.cost import estimate_inventory
    from gluelint.engine import run_checks
    from gluelint.findings.catalog import catalog

    config = Config(budget=Budget(groups={"tag:team=sales": 100}))
    inv = inventory(job("a", **BASE, timeout=60, tags={"team": "sales"}), scheduled("t", "cron(0 3 * * ? *)", "a"))
    costs = estimate_inventory(inv, config, None, dt.date(2026, 12, 1))
    findings, _ = run_checks(inv, [catalog()["GL602"]], config, dt.date(2026, 12, 1), None, costs)
    assert [f.message for f in findings] == [
        "the jobs of tag:team=sales cost $133.83/month (worst case), over their budget $100.00 (budget.groups)"]


def test_discount_factor() -> None:
    config = Config(cost=CostSettings(discount_percent=20))
    report = estimate(job("j", **BASE, timeout=60), config=config)
    cost = report.job("aws_glue_job.j")
    # $0.44 less 20 % = $0.352: 10 DPU x 1 h = $3.52 a run.
    assert cost is not None and cost.rate_usd == pytest.approx(0.352)
    assert cost.worst_case_run_usd == pytest.approx(3.52)
    assert any("discount: 20% off" in a for a in report.assumptions)


def test_cost_json_validates_against_the_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("gluelint").joinpath("schemas/report.schema.json").read_text())
    validator = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/cost_report"})
    repo = Path(__file__).parents[1]
    monkeypatch.chdir(repo)
    base = tmp_path / "base.json"
    assert CliRunner().invoke(main, ["cost", "examples/terraform", "--format", "json", "-o", str(base),
                                     "--group-by", "tag:team"]).exit_code == 0
    out = CliRunner().invoke(main, ["cost", "examples/terraform", "--format", "json", "--compare", str(base),
                                    "--usage", str(USAGE)])
    document = json.loads(out.output)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, errors
    assert not list(validator.iter_errors(json.loads(base.read_text())))
    assert document["compare"]["unchanged"] is True and document["compare"]["monthly_delta_usd"] == 0
