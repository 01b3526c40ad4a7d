"""The estimator, checked against figures computed by hand (us-east-1, $0.44/DPU-hour, Flex $0.29)."""

from __future__ import annotations

import pytest
from cost_helpers import conditional, estimate, job, scheduled

from gluelint.config import Config, JobSettings
from gluelint.cost.billing_terms import billed_minutes, min_billed_minutes

BASE = {"worker_type": "G.1X", "number_of_workers": 10, "timeout": 90, "glue_version": "4.0"}


def test_worst_case_run_and_month_from_schedule() -> None:
    report = estimate(job("j", **BASE), scheduled("t", "cron(0 */6 * * ? *)", "j"))
    cost = report.job("aws_glue_job.j")
    assert cost is not None
    assert cost.dpus == 10
    assert cost.worst_case_run_usd == pytest.approx(6.60)  # 10 DPU x 1.5 h x $0.44
    assert cost.runs_per_month == pytest.approx(4 * 365 / 12)  # every 6 h: 4 a day x 365 days / 12 = 121.67
    assert cost.monthly_worst_case_usd == pytest.approx(6.60 * 4 * 365 / 12)  # $803.00
    assert cost.monthly_expected_usd is None and cost.monthly_upper_bound_usd is None
    assert cost.monthly_basis == "worst case"
    assert report.monthly_total_usd == pytest.approx(803.00)


def test_flex_saves_270_per_month() -> None:
    standard = estimate(job("j", **BASE), scheduled("t", "cron(0 */6 * * ? *)", "j")).job("aws_glue_job.j")
    flex = estimate(job("j", **BASE, execution_class="FLEX"),
                    scheduled("t", "cron(0 */6 * * ? *)", "j")).job("aws_glue_job.j")
    assert standard is not None and flex is not None
    assert flex.rate_kind == "etl_flex"
    runs = 4 * 365 / 12
    assert flex.monthly_usd == pytest.approx(10 * 1.5 * 0.29 * runs)  # $529.25
    assert standard.flex_saving_usd == pytest.approx(10 * 1.5 * (0.44 - 0.29) * runs)  # $273.75
    assert standard.monthly_usd - flex.monthly_usd == pytest.approx(273.75)  # type: ignore[operator]


def test_billing_minimum_glue_1_is_ten_minutes() -> None:
    minimum, _ = min_billed_minutes("glueetl", "1.0")
    assert minimum == 10
    assert billed_minutes(3, minimum) == 10
    config = Config(jobs={"old": JobSettings(expected_minutes=3)})
    cost = estimate(job("old", glue_version="1.0", max_capacity=10, timeout=60), config=config).job("aws_glue_job.old")
    assert cost is not None
    assert cost.expected_run_usd == pytest.approx(10 * 10 / 60 * 0.44)  # billed 10 minutes, not 3


def test_billing_minimum_glue_2_is_one_minute() -> None:
    minimum, _ = min_billed_minutes("glueetl", "2.0")
    assert minimum == 1
    assert billed_minutes(0.5, minimum) == 1
    config = Config(jobs={"new": JobSettings(expected_minutes=0.5)})
    cost = estimate(job("new", glue_version="2.0", worker_type="G.1X", number_of_workers=2, timeout=60),
                    config=config).job("aws_glue_job.new")
    assert cost is not None
    assert cost.expected_run_usd == pytest.approx(2 * 1 / 60 * 0.44)


def test_pythonshell_minimum_is_assumed_and_listed() -> None:
    report = estimate(job("py", command_name="pythonshell", max_capacity=0.0625, glue_version="3.0", timeout=10))
    assert any("pythonshell billing minimum 1 min (assumed)" in a for a in report.assumptions)


def test_streaming_g025x_continuous() -> None:
    cost = estimate(job("s", command_name="gluestreaming", worker_type="G.025X", number_of_workers=2,
                        glue_version="4.0")).job("aws_glue_job.s")
    assert cost is not None
    assert cost.dpus == 0.5
    assert cost.continuous and cost.runs_source.startswith("streaming: continuous")
    assert cost.monthly_worst_case_usd == pytest.approx(0.5 * 730 * 0.44)  # $160.60


def test_streaming_with_a_timeout_is_priced_per_run() -> None:
    # 15-minute streaming run, started hourly: 0.5 DPU x 0.25 h x $0.44 = $0.055 a run; 24 x 365 / 12 = 730
    # runs a month -> $40.15, not 730 h ($160.60).
    cost = estimate(job("s", command_name="gluestreaming", worker_type="G.025X", number_of_workers=2,
                        glue_version="4.0", timeout=15),
                    scheduled("t", "cron(0 * * * ? *)", "s")).job("aws_glue_job.s")
    assert cost is not None and not cost.continuous
    assert cost.worst_case_run_usd == pytest.approx(0.055)
    assert cost.runs_per_month == pytest.approx(730)
    assert cost.monthly_worst_case_usd == pytest.approx(40.15)


def test_streaming_documented_continuous_and_auto_scaling_bound() -> None:
    config = Config(jobs={"s": JobSettings(continuous=True)})
    cost = estimate(job("s", command_name="gluestreaming", worker_type="G.1X", number_of_workers=4,
                        glue_version="4.0", timeout=60, default_arguments={"--enable-auto-scaling": "true"}),
                    config=config).job("aws_glue_job.s")
    assert cost is not None and cost.continuous and cost.upper_bound
    assert cost.monthly_worst_case_usd is None
    assert cost.monthly_upper_bound_usd == pytest.approx(4 * 730 * 0.44)  # at most $1,284.80


def test_concurrency_caps_the_worst_case() -> None:
    # 10 DPUs, no timeout on Glue 4.0 (2,880 min = 48 h), started hourly: 730 runs x 48 h x 10 x $0.44 =
    # $154,176 uncapped; one run at a time can bill at most 730 h x 10 x $0.44 = $3,212; with 3 concurrent
    # runs $9,636.
    one = estimate(job("j", worker_type="G.1X", number_of_workers=10, glue_version="4.0"),
                   scheduled("t", "cron(0 * * * ? *)", "j")).job("aws_glue_job.j")
    three = estimate(job("j", worker_type="G.1X", number_of_workers=10, glue_version="4.0", max_concurrent_runs=3),
                     scheduled("t", "cron(0 * * * ? *)", "j")).job("aws_glue_job.j")
    assert one is not None and three is not None
    assert one.worst_case_run_usd == pytest.approx(10 * 48 * 0.44)
    assert one.monthly_worst_case_usd == pytest.approx(3212.0) and one.capped
    assert three.monthly_worst_case_usd == pytest.approx(9636.0) and three.capped


@pytest.mark.parametrize(("version", "minutes"), [("5.0", 480), ("4.0", 2880)])
def test_default_timeout(version: str, minutes: int) -> None:
    cost = estimate(job("j", worker_type="G.1X", number_of_workers=10, glue_version=version)).job("aws_glue_job.j")
    assert cost is not None
    assert cost.timeout_minutes == minutes
    assert cost.worst_case_run_usd == pytest.approx(10 * minutes / 60 * 0.44)


@pytest.mark.parametrize("version", [None, "3.0", "6.0"])
def test_python_shell_default_timeout_is_2880_whatever_the_version(version: str | None) -> None:
    """AWS ignores the Glue version of a Python shell job; its default timeout is 2,880 minutes, never the
    480 of Spark on 5.0+ (issue 11 item 3)."""
    versioned = {"glue_version": version} if version is not None else {}
    cost = estimate(job("py", command_name="pythonshell", max_capacity=0.0625, **versioned)).job("aws_glue_job.py")
    assert cost is not None
    assert cost.timeout_minutes == 2880
    assert cost.worst_case_run_usd == pytest.approx(0.0625 * 48 * 0.44)  # 0.0625 DPU x 48 h x $0.44 = $1.32


def test_expected_minutes_from_config_and_tag() -> None:
    by_config = estimate(job("j", **BASE), scheduled("t", "cron(0 */6 * * ? *)", "j"),
                         config=Config(jobs={"j": JobSettings(expected_minutes=20)})).job("aws_glue_job.j")
    by_tag = estimate(job("j", **BASE, tags={"gluelint:expected-minutes": "20"}),
                      scheduled("t", "cron(0 */6 * * ? *)", "j")).job("aws_glue_job.j")
    for cost in (by_config, by_tag):
        assert cost is not None
        assert cost.expected_run_usd == pytest.approx(10 * 20 / 60 * 0.44)  # $1.4667
        # expected: 121.67 runs x $1.4667 = $178.44; worst case stays its own column: 121.67 x $6.60 = $803
        assert cost.monthly_expected_usd == pytest.approx(4 * 365 / 12 * 10 * 20 / 60 * 0.44)
        assert cost.monthly_worst_case_usd == pytest.approx(803.0)
        assert cost.monthly_basis == "expected"


def test_conditional_chain_takes_upstream_runs() -> None:
    report = estimate(job("a", **BASE), job("b", **BASE), scheduled("t", "cron(0 6 * * ? *)", "a"),
                      conditional("c", ["a"], ["b"]))
    b = report.job("aws_glue_job.b")
    assert b is not None
    assert b.runs_per_month == pytest.approx(365 / 12)
    assert b.upper_bound  # the condition may not hold on every upstream run
    assert b.monthly_worst_case_usd is None and b.monthly_upper_bound_usd == pytest.approx(6.60 * 365 / 12)
    assert b.runs_source.startswith("aws_glue_trigger.t cron(0 6 * * ? *)") and "aws_glue_trigger.c" in b.runs_source


def test_cycle_and_no_trigger_give_unknown_runs() -> None:
    report = estimate(job("a", **BASE), job("b", **BASE), conditional("ab", ["a"], ["b"]),
                      conditional("ba", ["b"], ["a"]))
    for address in ("aws_glue_job.a", "aws_glue_job.b"):
        cost = report.job(address)
        assert cost is not None
        assert cost.runs_per_month is None and cost.monthly_usd is None
    lone = estimate(job("x", **BASE)).job("aws_glue_job.x")
    assert lone is not None and lone.monthly_usd is None and lone.worst_case_run_usd == pytest.approx(6.60)


def test_config_runs_per_month() -> None:
    cost = estimate(job("j", **BASE), config=Config(jobs={"j": JobSettings(runs_per_month=10)})).job("aws_glue_job.j")
    assert cost is not None and cost.monthly_usd == pytest.approx(66.0)


def test_auto_scaling_is_an_upper_bound() -> None:
    cost = estimate(job("j", **BASE, default_arguments={"--enable-auto-scaling": "true"})).job("aws_glue_job.j")
    assert cost is not None and cost.upper_bound
    assert any("auto scaling" in n for n in cost.notes)


def test_unknown_workers_leave_cost_unknown() -> None:
    from gluelint.model.values import Value

    cost = estimate(job("j", worker_type="G.1X", number_of_workers=Value.unknown("var.n", "no default"),
                        glue_version="4.0", timeout=60)).job("aws_glue_job.j")
    assert cost is not None and cost.dpus is None and cost.worst_case_run_usd is None


def test_region_rates_and_flex_outside_us_east_1() -> None:
    # eu-south-1 (Milan) from AWS's pricing-page data: ETL $0.52, Flex $0.35 (not the ETL rate).
    report = estimate(job("j", **BASE), region="eu-south-1")
    cost = report.job("aws_glue_job.j")
    assert cost is not None and cost.region == "eu-south-1"
    assert cost.rate_usd == 0.52 and cost.rate_confidence == "confirmed"
    assert cost.worst_case_run_usd == pytest.approx(10 * 1.5 * 0.52)  # $7.80
    flex = estimate(job("f", **BASE, execution_class="FLEX"), region="eu-south-1").job("aws_glue_job.f")
    assert flex is not None and flex.rate_confidence == "confirmed" and flex.rate_usd == 0.35
    assert flex.worst_case_run_usd == pytest.approx(10 * 1.5 * 0.35)  # $5.25, not $7.80


def test_region_without_a_table_says_so() -> None:
    report = estimate(job("j", **BASE), region="cn-north-1")
    cost = report.job("aws_glue_job.j")
    assert cost is not None and cost.rate_usd is None and cost.worst_case_run_usd is None
    assert report.regions_without_prices == ["cn-north-1"]
    assert any("no price table for region cn-north-1" in a for a in report.assumptions)
    from gluelint.cost.render import render

    for fmt in ("text", "json", "markdown", "csv"):
        assert "no price table for region cn-north-1" in render(report, fmt).lower(), fmt


def test_file_region_wins_over_default() -> None:
    from cost_helpers import inventory

    from gluelint.cost import estimate_inventory

    report = estimate_inventory(inventory(job("j", **BASE), region="sa-east-1"), Config(), "us-east-1")
    cost = report.job("aws_glue_job.j")
    assert cost is not None and cost.rate_usd == 0.69


def test_gen2_rate_for_glue_6() -> None:
    # Glue 6.0 in us-east-1: the Price List extraction's Gen2 rate $0.308: 10 DPU x 1 h x $0.308 = $3.08 a run;
    # Flex Gen2 $0.203: $2.03.
    cost = estimate(job("j", worker_type="G.1X", number_of_workers=10, glue_version="6.0", timeout=60)).job(
        "aws_glue_job.j")
    assert cost is not None and cost.rate_kind == "gen2" and cost.rate_confidence == "secondary"
    assert cost.worst_case_run_usd == pytest.approx(3.08)
    flex = estimate(job("f", worker_type="G.1X", number_of_workers=10, glue_version="6.0", timeout=60,
                        execution_class="FLEX")).job("aws_glue_job.f")
    assert flex is not None and flex.rate_kind == "etl_flex_gen2" and flex.worst_case_run_usd == pytest.approx(2.03)


def test_preset_nearest_and_ratio() -> None:
    cost = estimate(job("j", worker_type="G.2X", number_of_workers=20, glue_version="4.0")).job("aws_glue_job.j")
    assert cost is not None and cost.preset == "large_etl" and cost.preset_ratio == 1.0


def test_json_roundtrip() -> None:
    from gluelint.cost.model import CostReport

    report = estimate(job("j", **BASE), scheduled("t", "cron(0 */6 * * ? *)", "j"))
    data = report.to_json()
    assert data["totals"]["monthly_worst_case_usd"] == pytest.approx(803.0)
    again = CostReport.from_json(data)
    assert again.job("aws_glue_job.j") is not None
    assert again.monthly_total_usd == pytest.approx(803.0)
