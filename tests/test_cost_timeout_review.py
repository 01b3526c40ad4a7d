"""GL610: a timeout far above the p95 of the job's real runs (``--usage``), with hand-computed figures
(us-east-1 ETL $0.44 per DPU-hour; schedules counted over 2026-12-01 .. 2027-12-01, 365 days)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from cost_helpers import TODAY, inventory, job, scheduled

from gluelint.cli import main
from gluelint.config import Config, ConfigError, CostSettings, load_config
from gluelint.cost import estimate_inventory
from gluelint.cost.timeout_review import far_above, suggested_timeout
from gluelint.cost.usage import read_usage
from gluelint.model.values import Value

HERE = Path(__file__).parent
ORDERS = HERE / "fixtures" / "usage"  # orders: 4 runs, p95 12 min
GL610_USAGE = HERE / "rules" / "GL610" / "usage"  # orders-nightly: 30 runs, p95 15 min
BASE = {"worker_type": "G.1X", "number_of_workers": 10, "glue_version": "4.0"}

MAIN_TF = '''
resource "aws_glue_job" "orders" {
  name              = "orders-nightly"
  role_arn          = "arn:aws:iam::123456789012:role/r"
  glue_version      = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 10
  timeout           = 2880
  command { script_location = "s3://b/s.py" }
}
'''


def test_the_default_policy() -> None:
    policy = CostSettings()
    assert (policy.timeout_p95_factor, policy.timeout_p95_margin_minutes, policy.timeout_p95_min_runs,
            policy.timeout_p95_headroom) == (3.0, 60.0, 20, 2.0)
    # p95 15 min: 45 min is 3x but only 30 min above; 75 min is 5x and exactly 60 above; 19 runs are too few.
    assert not far_above(45, 15, 20, policy)
    assert far_above(75, 15, 20, policy)
    assert not far_above(75, 15, 19, policy)
    # p95 25 min: 74 min is 49 above but under 3 x 25 = 75; 85 min is both.
    assert not far_above(74, 25, 20, policy) and far_above(85, 25, 20, policy)
    # The suggestion: 2 x p95 rounded up to a whole minute, at least 1.
    assert suggested_timeout(15, policy) == 30
    assert suggested_timeout(12.1, policy) == 25  # 24.2 -> 25
    assert suggested_timeout(0.2, policy) == 1


def test_the_policy_is_configurable(tmp_path: Path) -> None:
    (tmp_path / ".gluelint.toml").write_text("[cost]\ntimeout_p95_factor = 5\ntimeout_p95_margin_minutes = 0\n"
                                             "timeout_p95_min_runs = 4\ntimeout_p95_headroom = 1.5\n")
    policy = load_config(None, tmp_path).cost
    assert far_above(60, 12, 4, policy) and not far_above(59, 12, 4, policy)  # 5 x 12 = 60
    assert suggested_timeout(12, policy) == 18
    (tmp_path / ".gluelint.toml").write_text("[cost]\ntimeout_p95_factor = 2\ntimeout_p95_headroom = 2\n")
    with pytest.raises(ConfigError, match="timeout_p95_headroom"):
        load_config(None, tmp_path)  # the suggestion would itself be flagged


def test_flagged_figures_by_hand() -> None:
    config = Config(cost=CostSettings(timeout_p95_min_runs=4))
    report = estimate_inventory(inventory(job("orders", **BASE), scheduled("t", "cron(0 2 * * ? *)", "orders")),
                                config, None, TODAY, read_usage(ORDERS))
    cost = report.job("aws_glue_job.orders")
    assert cost is not None and cost.timeout_review is not None
    found = cost.timeout_review
    # No timeout: Glue 4.0's default 2,880 min; ExecutionTime 540, 600, 600, 720 s: p95 = 4th = 12 min (240x).
    assert found["default_timeout"] and found["timeout_minutes"] == 2880 and found["p95_minutes"] == 12
    assert found["runs"] == 4 and found["suggested_minutes"] == 24  # ceil(2 x 12)
    # One run at the timeout: 10 DPUs x 48 h x $0.44 = $211.20; at 24 min: 10 x 0.4 h x $0.44 = $1.76.
    assert found["worst_case_run_usd"] == pytest.approx(211.2)
    assert found["suggested_run_usd"] == pytest.approx(1.76)
    # Daily: 365 / 12 = 30.4167 runs. 30.4167 x $211.20 = $6,424 > the cap 1 x 730 h x 10 x $0.44 = $3,212;
    # at 24 min: 30.4167 x $1.76 = $53.53.
    assert found["runs_basis"] == "definition" and found["runs_per_month"] == pytest.approx(365 / 12)
    assert found["monthly_worst_case_usd"] == pytest.approx(3212.0) and found["capped"]
    assert found["monthly_at_suggested_usd"] == pytest.approx(365 / 12 * 1.76)
    note = next(n for n in cost.notes if n.startswith("GL610: "))
    assert ("`timeout` is not set, so Glue's default of 2880 min applies: 240x the p95 ExecutionTime of its "
            "recorded runs (12.0 min over 4 runs)") in note
    assert ("worst case $3,212.00/month at 2880 min, capped at `execution_property.max_concurrent_runs` x 730 h vs "
            "$53.53/month at 24 min (30.42 runs/month from the definition") in note
    assert note.endswith("set `timeout = 24`")


def test_runs_without_a_schedule_use_the_history_and_unknown_capacity_says_so() -> None:
    config = Config(cost=CostSettings(timeout_p95_min_runs=4))
    cost = estimate_inventory(inventory(job("orders", **BASE, timeout=600)), config, None, TODAY,
                              read_usage(ORDERS)).job("aws_glue_job.orders")
    assert cost is not None and cost.timeout_review is not None
    # 3 intervals over 72 h: 30.42 runs/month; 30.42 x 10 DPUs x 10 h x $0.44 = $1,338.33 vs 24 min: $53.53.
    assert cost.timeout_review["runs_basis"] == "run history"
    assert cost.timeout_review["monthly_worst_case_usd"] == pytest.approx(3 / 72 * 730 * 44.0)
    assert cost.timeout_review["monthly_at_suggested_usd"] == pytest.approx(3 / 72 * 730 * 1.76)
    unknown = estimate_inventory(inventory(job("orders", glue_version="4.0", worker_type="G.1X", timeout=600,
                                               number_of_workers=Value.unknown("var.n", "a variable"))),
                                 config, None, TODAY, read_usage(ORDERS)).job("aws_glue_job.orders")
    assert unknown is not None and unknown.timeout_review is not None
    assert any("its cost is unknown (capacity or rate unknown)" in n for n in unknown.notes)


def test_runs_still_going_are_not_in_the_sample(tmp_path: Path) -> None:
    runs = [{"Id": f"jr_{i}", "JobName": "j", "StartedOn": f"2026-11-{i + 1:02d}T02:00:00+00:00",
             "CompletedOn": f"2026-11-{i + 1:02d}T02:10:00+00:00", "JobRunState": "SUCCEEDED",
             "ExecutionTime": 600} for i in range(21)]
    # Still running: its ExecutionTime is the time so far (and its CompletedOn is absent).
    runs.append({"Id": "jr_now", "JobName": "j", "StartedOn": "2026-11-22T02:00:00+00:00", "JobRunState": "RUNNING",
                 "ExecutionTime": 50000})
    (tmp_path / "j.json").write_text(json.dumps({"JobRuns": runs}))
    usage = read_usage(tmp_path).for_job("j")
    assert usage is not None and usage.runs == 22 and usage.ended_runs == 21
    assert usage.p95_minutes == 10 and usage.p50_minutes == 10
    # Runs per month count every start: 21 intervals over 21 days = 730 / 24 a month.
    assert usage.runs_per_month == pytest.approx(21 / (21 * 24) * 730)


def test_unknown_timeout_is_undecided() -> None:
    from gluelint.engine import run_checks
    from gluelint.findings.catalog import catalog

    config = Config(cost=CostSettings(timeout_p95_min_runs=4))
    inv = inventory(job("orders", **BASE, timeout=Value.unknown("var.timeout", "a variable")))
    costs = estimate_inventory(inv, config, None, TODAY, read_usage(ORDERS))
    findings, undecided = run_checks(inv, [catalog()["GL610"]], config, TODAY, None, costs)
    assert findings == [] and [(u.rule, u.attribute) for u in undecided] == [("GL610", "timeout")]


def test_check_and_cost_take_usage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.tf").write_text(MAIN_TF, encoding="utf-8")
    usage = tmp_path / "usage"
    shutil.copytree(GL610_USAGE, usage)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    flagged = runner.invoke(main, ["check", "main.tf", "--select", "GL610", "--usage", str(usage)])
    assert flagged.exit_code == 1, flagged.output
    # p95 15 min over 30 runs; on demand, so 29 intervals over 29 days = 730 / 24 = 30.42 runs: 30.42 x 10 DPUs x
    # 48 h x $0.44 capped at $3,212.00; at 30 min: 30.42 x $2.20 = $66.92.
    shown = " ".join(flagged.output.split())  # the text report wraps messages to the terminal
    assert "GL610" in shown and "192x the p95 ExecutionTime" in shown
    assert "$3,212.00/month at 2880 min" in shown and "$66.92/month at 30 min" in shown
    assert runner.invoke(main, ["check", "main.tf", "--select", "GL610"]).exit_code == 0  # no history: quiet
    cost = runner.invoke(main, ["cost", "main.tf", "--usage", str(usage), "--format", "json"])
    row = json.loads(cost.output)["jobs"][0]
    assert row["timeout_review"]["suggested_minutes"] == 30 and row["timeout_review"]["runs_basis"] == "run history"
    assert any(n.startswith("GL610: `timeout` is 2880 min") for n in row["notes"])
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("gluelint").joinpath("schemas/report.schema.json").read_text())
    validator = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/cost_report"})
    assert not [e.message for e in validator.iter_errors(json.loads(cost.output))]  # timeout_review documented
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    assert runner.invoke(main, ["check", "main.tf", "--usage", str(bad)]).exit_code == 2


def test_the_result_cache_sees_the_usage_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLUELINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "main.tf").write_text(MAIN_TF, encoding="utf-8")
    usage = tmp_path / "usage"
    shutil.copytree(GL610_USAGE, usage)
    monkeypatch.chdir(tmp_path)
    args = ["check", "main.tf", "--select", "GL610", "--usage", str(usage)]
    assert CliRunner().invoke(main, args).exit_code == 1
    history = json.loads((usage / "orders-nightly.json").read_text())
    for run in history["JobRuns"]:
        run["ExecutionTime"] = 1800  # every run now takes 30 min: 2880 is still far above, p95 30 min
    (usage / "orders-nightly.json").write_text(json.dumps(history))
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 1 and "(30.0 min over 30 runs)" in " ".join(again.output.split())
