"""GL6 and GL7 checks on model objects: budgets fire and clear, orchestration defects, undecided on unknowns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cost_helpers import TODAY, conditional, inventory, job, scheduled

from gluelint.config import Budget, Config, JobSettings
from gluelint.cost import estimate_inventory
from gluelint.engine import run_checks
from gluelint.findings import Finding, Undecided
from gluelint.findings.catalog import catalog
from gluelint.model.resources import Crawler, SourceFormat, Trigger, TriggerAction
from gluelint.model.values import Span, Value

BASE = {"worker_type": "G.1X", "number_of_workers": 10, "timeout": 90, "glue_version": "4.0"}


def _check(rule: str, *resources: Any, config: Config | None = None) -> tuple[list[Finding], list[Undecided]]:
    cfg = config or Config()
    inv = inventory(*resources)
    costs = estimate_inventory(inv, cfg, None, TODAY)
    findings, undecided = run_checks(inv, [catalog()[rule]], cfg, dt.date(2026, 11, 26), None, costs)
    return [f for f in findings if f.rule == rule], [u for u in undecided if u.rule == rule]


def _scheduled_job(**extra: Any) -> tuple[Any, Any]:
    return job("j", **{**BASE, **extra}), scheduled("t", "cron(0 */6 * * ? *)", "j")


def test_gl601_fires_and_clears() -> None:
    over, _ = _check("GL601", *_scheduled_job(), config=Config(budget=Budget(max_run_usd=5)))
    assert len(over) == 1 and "$6.60" in over[0].message
    under, _ = _check("GL601", *_scheduled_job(), config=Config(budget=Budget(max_run_usd=7)))
    assert under == []
    off, _ = _check("GL601", *_scheduled_job())
    assert off == []


def test_gl601_counts_concurrent_runs() -> None:
    over, _ = _check("GL601", *_scheduled_job(max_concurrent_runs=2), config=Config(budget=Budget(max_run_usd=10)))
    assert len(over) == 1 and "$13.20" in over[0].message


def test_gl602_per_job_and_total() -> None:
    # $6.60 a run x 4 x 365 / 12 runs = $803.00 a month
    findings, _ = _check("GL602", *_scheduled_job(), config=Config(budget=Budget(max_monthly_usd_per_job=500)))
    assert len(findings) == 1 and "$803.00" in findings[0].message
    cleared, _ = _check("GL602", *_scheduled_job(), config=Config(budget=Budget(max_monthly_usd_per_job=810)))
    assert cleared == []
    total, _ = _check("GL602", *_scheduled_job(), config=Config(budget=Budget(max_monthly_usd=700)))
    assert len(total) == 1 and "scanned jobs cost $803.00/month (worst case)" in total[0].message
    raised, _ = _check("GL602", *_scheduled_job(), config=Config(budget=Budget(max_monthly_usd=1000)))
    assert raised == []


def test_gl602_unknown_runs_is_undecided() -> None:
    findings, undecided = _check("GL602", job("j", **BASE), config=Config(budget=Budget(max_monthly_usd_per_job=1)))
    assert findings == [] and len(undecided) == 1


def test_gl603_preset() -> None:
    # No declared workload: no GL603, however large (the nearest preset stays a column of the cost table).
    big, _ = _check("GL603", job("j", worker_type="G.2X", number_of_workers=40, glue_version="4.0"))
    assert big == []
    declared = Config(jobs={"j": JobSettings(workload="small_etl")})
    over, _ = _check("GL603", job("j", **BASE), config=declared)
    # 10 DPUs vs small_etl's G.1X x 2 = 2 DPUs: 5x
    assert len(over) == 1 and "5x its declared workload 'small_etl' (2 DPUs, declared in config)" in over[0].message
    tagged, _ = _check("GL603", job("j", **BASE, tags={"gluelint:workload": "medium_etl"}))
    assert tagged == []  # 10 DPUs = medium_etl's G.1X x 10
    streaming, _ = _check("GL603", job("s", command_name="gluestreaming", worker_type="G.1X", number_of_workers=8,
                                       glue_version="4.0"))
    assert streaming == []


def test_gl604_flex_eligible() -> None:
    findings, _ = _check("GL604", *_scheduled_job())
    # 121.67 runs x 10 DPU x 1.5 h x ($0.44 - $0.29) = $273.75
    assert len(findings) == 1 and "$273.75" in findings[0].message
    flex, _ = _check("GL604", *_scheduled_job(execution_class="FLEX"))
    assert flex == []
    old, _ = _check("GL604", *_scheduled_job(glue_version="2.0"))
    assert old == []
    unscheduled, _ = _check("GL604", job("j", **BASE))
    assert unscheduled == []


def test_gl604_knows_every_schedule_the_cost_model_knows() -> None:
    """rate() is a schedule as much as cron() (the runs model says which starters are schedules); a chain from a
    schedule through a conditional trigger is too; a job also started on demand is not."""
    rate, _ = _check("GL604", *_scheduled_job()[:1], scheduled("t", "rate(6 hours)", "j"))
    assert len(rate) == 1 and "scheduled glueetl 4.0 batch job on STANDARD" in rate[0].message
    chained, _ = _check("GL604", job("up", **BASE), scheduled("t", "rate(1 day)", "up"),
                        conditional("after", ["up"], ["j"]), job("j", **BASE))
    assert sorted(str(f.resource) for f in chained) == ["aws_glue_job.j", "aws_glue_job.up"]
    manual = Trigger(address="aws_glue_trigger.m", resource_type="aws_glue_trigger",
                     source_format=SourceFormat.TERRAFORM_HCL, span=Span(file="x.tf", line=1), name=Value.of("m"),
                     type=Value.of("ON_DEMAND"), actions=[TriggerAction(job_name=Value.of("j"))])
    mixed, _ = _check("GL604", *_scheduled_job(), manual)
    assert mixed == []


def test_gl605_auto_scaling() -> None:
    off, _ = _check("GL605", job("j", **BASE))
    assert len(off) == 1
    on, _ = _check("GL605", job("j", **BASE, default_arguments={"--enable-auto-scaling": "true"}))
    assert on == []
    small, _ = _check("GL605", job("j", **{**BASE, "number_of_workers": 5}))
    assert small == []
    unknown, undecided = _check("GL605", job("j", **{**BASE, "number_of_workers": Value.unknown("var.n", "x")}))
    assert unknown == [] and len(undecided) == 1


def test_gl606_streaming() -> None:
    findings, _ = _check("GL606", job("s", command_name="gluestreaming", worker_type="G.025X", number_of_workers=2,
                                      glue_version="4.0"))
    assert len(findings) == 1 and "$160.60/month" in findings[0].message
    batch, _ = _check("GL606", job("j", **BASE))
    assert batch == []


def test_gl701_unknown_job() -> None:
    findings, _ = _check("GL701", job("j", **BASE), scheduled("t", "cron(0 6 * * ? *)", "missing"))
    assert len(findings) == 1 and "'missing'" in findings[0].message
    ok, _ = _check("GL701", job("j", **BASE), scheduled("t", "cron(0 6 * * ? *)", "j"))
    assert ok == []
    external, _ = _check("GL701", scheduled("t", "cron(0 6 * * ? *)", "ext"))
    assert len(external) == 1


def test_gl702_schedules() -> None:
    bad, _ = _check("GL702", job("j", **BASE), scheduled("t", "cron(0 12 * * *)", "j"))
    assert len(bad) == 1
    good, _ = _check("GL702", job("j", **BASE), scheduled("t", "cron(0 12 * * ? *)", "j"))
    assert good == []
    crawler = Crawler(address="aws_glue_crawler.c", resource_type="aws_glue_crawler",
                      source_format=SourceFormat.TERRAFORM_HCL, span=Span(file="x.tf"),
                      schedule=Value.of("cron(*/1 * * * ? *)"))
    fast, _ = _check("GL702", crawler)
    assert len(fast) == 1 and "5 minutes" in fast[0].message
    unknown, undecided = _check("GL702", scheduled("t", "x", "j").model_copy(
        update={"schedule": Value.unknown("var.s", "no default")}))
    assert unknown == [] and len(undecided) == 1


def test_gl703_cycle() -> None:
    findings, _ = _check("GL703", job("a", **BASE), job("b", **BASE), conditional("ab", ["a"], ["b"]),
                         conditional("ba", ["b"], ["a"]))
    assert len(findings) == 1 and "cycle" in findings[0].message
    chain, _ = _check("GL703", job("a", **BASE), job("b", **BASE), conditional("ab", ["a"], ["b"]))
    assert chain == []


def test_gl704_missing_predicate_or_schedule() -> None:
    span = Span(file="x.tf")
    cond = Trigger(address="aws_glue_trigger.c", resource_type="aws_glue_trigger",
                   source_format=SourceFormat.TERRAFORM_HCL, span=span, type=Value.of("CONDITIONAL"),
                   actions=[TriggerAction(job_name=Value.of("j"))])
    sched = cond.model_copy(update={"address": "aws_glue_trigger.s", "type": Value.of("SCHEDULED")})
    findings, _ = _check("GL704", job("j", **BASE), cond, sched)
    assert {f.resource for f in findings} == {"aws_glue_trigger.c", "aws_glue_trigger.s"}
    ok, _ = _check("GL704", job("a", **BASE), job("j", **BASE), conditional("c", ["a"], ["j"]))
    assert ok == []


def test_gl705_overlap() -> None:
    hourly = scheduled("t", "cron(0 * * * ? *)", "j")
    findings, _ = _check("GL705", job("j", **{**BASE, "timeout": 120}), hourly)
    assert len(findings) == 1 and "every 60 min" in findings[0].message
    short, _ = _check("GL705", job("j", **{**BASE, "timeout": 50}), hourly)
    assert short == []
    concurrent, _ = _check("GL705", job("j", **{**BASE, "timeout": 120, "max_concurrent_runs": 3}), hourly)
    assert concurrent == []
    default_timeout, _ = _check("GL705", job("j", worker_type="G.1X", number_of_workers=2, glue_version="5.0"),
                                hourly)
    assert len(default_timeout) == 1  # 480 min default on 5.0


def test_gl706_too_many_actions() -> None:
    names = [f"j{i}" for i in range(51)]
    findings, _ = _check("GL706", scheduled("t", "cron(0 6 * * ? *)", *names))
    assert len(findings) == 1 and "51 actions" in findings[0].message
    ok, _ = _check("GL706", scheduled("t", "cron(0 6 * * ? *)", *names[:50]))
    assert ok == []


def test_gl706_default_quota_warns_the_accounts_own_quota_errs() -> None:
    from gluelint.findings import Severity

    names = [f"j{i}" for i in range(61)]
    (default,), _ = _check("GL706", scheduled("t", "cron(0 6 * * ? *)", *names))
    assert default.severity == Severity.WARNING and "L-EEC98450, adjustable" in default.message
    trigger = scheduled("t", "cron(0 6 * * ? *)", *names)
    (own,), _ = _check("GL706", trigger, config=Config(quotas={"jobs_per_trigger": 60}))
    assert own.severity == Severity.ERROR and "your account's quota of 60" in own.message
    raised, _ = _check("GL706", trigger, config=Config(quotas={"jobs_per_trigger": 100}))
    assert raised == []


def test_gl603_dsl_output_declares_no_workload(tmp_path: Any) -> None:
    """The Ruby DSL (pangea) emits no preset marker: ``worker_recommendations_for_workload("large_etl")`` only
    spreads worker_type and number_of_workers into the job, and the synthesized JSON carries no tag or key naming
    the preset. So its jobs get no GL603 — even data_transformation at G.2X x 20 = 40 DPUs — and keep the nearest
    preset as a cost-table column; a workload declared in config (by address: DSL jobs have no name) is compared."""
    import json
    import shutil
    from pathlib import Path

    from gluelint.engine import RunRequest, run
    from gluelint.parse.options import ParseOptions

    seed = Path(__file__).parents[1] / "examples" / "seed" / "dsl-json"
    shutil.copytree(seed, tmp_path / "dsl")
    emitted = json.loads((seed / "main.tf.json").read_text(encoding="utf-8"))["resource"]["aws_glue_job"]
    assert all("tags" not in body and not any("preset" in key or "workload" in key for key in body)
               for body in emitted.values())

    def gl603(config: Config) -> tuple[list[Finding], Any]:
        request = RunRequest(paths=[tmp_path / "dsl"], parse_options=ParseOptions(root=tmp_path / "dsl"),
                             select=["GL603"], today=TODAY, config=config)
        result = run(request)
        return [f for f in result.findings if f.rule == "GL603"], result.costs

    findings, costs = gl603(Config())
    assert findings == []
    transform = costs.job("aws_glue_job.data_transformation")
    assert transform.dpus == 40 and transform.workload is None and transform.preset == "large_etl"
    # Declared in config: 40 DPUs against medium_etl's G.1X x 10 = 10 DPUs is 4x.
    declared = Config(jobs={"aws_glue_job.data_transformation": JobSettings(workload="medium_etl")})
    findings, _ = gl603(declared)
    assert [f.resource for f in findings] == ["aws_glue_job.data_transformation"]
    assert "uses 40 DPUs, 4x its declared workload 'medium_etl' (10 DPUs, declared in config)" in findings[0].message
