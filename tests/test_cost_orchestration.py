"""Runs per month from the orchestrators that start jobs, in Terraform and CloudFormation, with the arithmetic
done by hand.

The reference month is the 30 days from 2026-11-01T00:00Z to 2026-12-01T00:00Z (pricing/billing.toml).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gluelint.config import Config
from gluelint.cost import estimate_inventory
from gluelint.cost.model import JobCost
from gluelint.engine import RunRequest, run
from gluelint.parse.options import ParseOptions

TF_JOB = """
resource "aws_glue_job" "{name}" {{
  name              = "{job}"
  role_arn          = "arn:aws:iam::123456789012:role/glue"
  glue_version      = "5.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  timeout           = 60
  command {{
    script_location = "s3://acme/{name}.py"
  }}
}}
"""

CFN_JOB = """
  {logical}:
    Type: AWS::Glue::Job
    Properties:
      Name: {job}
      Role: arn:aws:iam::123456789012:role/glue
      GlueVersion: "5.0"
      WorkerType: G.1X
      NumberOfWorkers: 2
      Timeout: 60
      Command:
        Name: glueetl
        ScriptLocation: s3://acme/{job}.py
"""


# Runs per month are the runs of the year 2026-12-01 .. 2027-12-01 (365 days; it starts on a Tuesday, so it
# holds 53 Tuesdays and 52 of every other weekday) / 12. A rate(...) runs evenly: a 730-hour month / interval.
TODAY = dt.date(2026, 12, 1)


def costs(tmp_path: Path, files: dict[str, str]) -> dict[str, JobCost]:
    for name, text in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    result = run(RunRequest(paths=[tmp_path], parse_options=ParseOptions(root=tmp_path)))
    assert not result.inventory.parse_errors, result.inventory.parse_errors
    report = estimate_inventory(result.inventory, Config(), None, TODAY)
    return {j.address: j for j in report.jobs}


def tf_jobs(*names: str) -> str:
    return "".join(TF_JOB.format(name=n, job=n.replace("_", "-")) for n in names)


def cfn(resources: str, *jobs: str) -> str:
    body = "".join(CFN_JOB.format(logical=j.title().replace("-", ""), job=j) for j in jobs)
    return 'AWSTemplateFormatVersion: "2010-09-09"\nResources:' + body + resources


def sfn(name: str, definition: str) -> str:
    return f"""
resource "aws_sfn_state_machine" "{name}" {{
  name       = "{name.replace('_', '-')}"
  role_arn   = "arn:aws:iam::123456789012:role/sfn"
  definition = {definition}
}}
"""


def schedule(name: str, expression: str, arn: str, extra: str = "", input_: str = "") -> str:
    target_input = f"\n    input = {input_}" if input_ else ""
    return f"""
resource "aws_scheduler_schedule" "{name}" {{
  name                = "{name.replace('_', '-')}"
  schedule_expression = "{expression}"{extra}
  flexible_time_window {{
    mode = "OFF"
  }}
  target {{
    arn      = {arn}
    role_arn = "arn:aws:iam::123456789012:role/scheduler"{target_input}
  }}
}}
"""


ONE_TASK = """jsonencode({
    StartAt = "Export"
    States = {
      Export = {
        Type       = "Task"
        Resource   = "arn:aws:states:::glue:startJobRun.sync"
        Parameters = { JobName = aws_glue_job.export.name, Arguments = { "--day" = "yesterday" } }
        End        = true
      }
    }
  })"""


# -- EventBridge Scheduler ----------------------------------------------------------------------------------

def test_scheduler_to_state_machine_names_the_chain(tmp_path: Path) -> None:
    # cron(0 3 * * ? *): once a day at 03:00 UTC; 365 days / 12 = 30.42 runs.
    files = {"main.tf": tf_jobs("export") + sfn("sales_pipeline", ONE_TASK)
             + schedule("orders_export_nightly", "cron(0 3 * * ? *)", "aws_sfn_state_machine.sales_pipeline.arn")}
    job = costs(tmp_path, files)["aws_glue_job.export"]
    assert job.runs_per_month == pytest.approx(365 / 12)
    assert job.runs_source == ("EventBridge Scheduler orders-export-nightly cron(0 3 * * ? *) → state machine "
                               "sales-pipeline → glue:startJobRun.sync")
    assert job.monthly_usd is not None and not job.upper_bound
    assert job.runs_scheduled  # a schedule, through a state machine


def test_scheduler_universal_target_rate(tmp_path: Path) -> None:
    # rate(6 hours): 730 h / 6 h = 121.67 runs.
    files = {"main.tf": tf_jobs("export") + schedule(
        "every_six", "rate(6 hours)", '"arn:aws:scheduler:::aws-sdk:glue:startJobRun"',
        input_='jsonencode({ JobName = aws_glue_job.export.name, Arguments = { "--mode" = "incremental" } })')}
    job = costs(tmp_path, files)["aws_glue_job.export"]
    assert job.runs_per_month == pytest.approx(730 / 6)
    assert job.runs_source == "EventBridge Scheduler every-six rate(6 hours)"
    assert job.runs_scheduled  # rate() is a schedule as much as cron()


def test_scheduler_time_zone_counts_local_days(tmp_path: Path) -> None:
    # cron(0 21 30 * ? *) = the 30th at 21:00: every month but February has a 30th, in any time zone:
    # 11 a year / 12; the time zone is named in the source.
    utc = schedule("utc", "cron(0 21 30 * ? *)", '"arn:aws:scheduler:::aws-sdk:glue:startJobRun"',
                   input_='jsonencode({ JobName = "a" })')
    hawaii = schedule("hawaii", "cron(0 21 30 * ? *)", '"arn:aws:scheduler:::aws-sdk:glue:startJobRun"',
                      extra='\n  schedule_expression_timezone = "Pacific/Honolulu"',
                      input_='jsonencode({ JobName = "b" })')
    found = costs(tmp_path, {"main.tf": tf_jobs("a", "b") + utc + hawaii})
    assert found["aws_glue_job.a"].runs_per_month == pytest.approx(11 / 12)
    assert found["aws_glue_job.b"].runs_per_month == pytest.approx(11 / 12)
    assert "Pacific/Honolulu" in found["aws_glue_job.b"].runs_source


def test_scheduler_start_date_and_state(tmp_path: Path) -> None:
    # rate(1 day) from 2027-06-01T00:00Z: June 1 .. November 30 2027 = 183 days of the year → 183 / 12 runs.
    # A DISABLED schedule: 0 runs. One run on 2027-03-15, inside the year: 1 / 12.
    late = schedule("late", "rate(1 day)", '"arn:aws:scheduler:::aws-sdk:glue:startJobRun"',
                    extra='\n  start_date = "2027-06-01T00:00:00Z"', input_='jsonencode({ JobName = "a" })')
    off = schedule("off", "rate(1 day)", '"arn:aws:scheduler:::aws-sdk:glue:startJobRun"',
                   extra='\n  state = "DISABLED"', input_='jsonencode({ JobName = "b" })')
    once = schedule("once", "at(2027-03-15T10:00:00)", '"arn:aws:scheduler:::aws-sdk:glue:startJobRun"',
                    input_='jsonencode({ JobName = "c" })')
    found = costs(tmp_path, {"main.tf": tf_jobs("a", "b", "c") + late + off + once})
    assert found["aws_glue_job.a"].runs_per_month == pytest.approx(183 / 12)
    assert found["aws_glue_job.b"].runs_per_month == 0
    assert found["aws_glue_job.c"].runs_per_month == pytest.approx(1 / 12)  # one-time, inside the year


def test_cloudformation_scheduler_universal_target(tmp_path: Path) -> None:
    # cron(0 */2 ? * MON-FRI *): 12 runs a weekday; the year holds 52 x 4 + 53 (Tuesdays) = 261 weekdays →
    # 12 x 261 / 12 = 261 runs.
    resources = """
  Every2h:
    Type: AWS::Scheduler::Schedule
    Properties:
      Name: export-every-2h
      ScheduleExpression: cron(0 */2 ? * MON-FRI *)
      FlexibleTimeWindow: {Mode: "OFF"}
      Target:
        Arn: arn:aws:scheduler:::aws-sdk:glue:startJobRun
        RoleArn: arn:aws:iam::123456789012:role/scheduler
        Input: !Sub '{"JobName": "${OrdersExport}", "Arguments": {"--day": "today"}}'
"""
    job = costs(tmp_path, {"t.yaml": cfn(resources, "orders-export")})["OrdersExport"]
    assert job.runs_per_month == pytest.approx(261)
    assert job.runs_source == "EventBridge Scheduler export-every-2h cron(0 */2 ? * MON-FRI *)"


# -- EventBridge rules ----------------------------------------------------------------------------------------

def test_terraform_rule_and_target_to_state_machine(tmp_path: Path) -> None:
    # rate(12 hours): 730 h / 12 h = 60.83 runs.
    rule = """
resource "aws_cloudwatch_event_rule" "twice" {
  name                = "twice-daily"
  schedule_expression = "rate(12 hours)"
}

resource "aws_cloudwatch_event_target" "sfn" {
  rule     = aws_cloudwatch_event_rule.twice.name
  arn      = aws_sfn_state_machine.pipeline.arn
  role_arn = "arn:aws:iam::123456789012:role/events"
}
"""
    job = costs(tmp_path, {"main.tf": tf_jobs("export") + sfn("pipeline", ONE_TASK) + rule})["aws_glue_job.export"]
    assert job.runs_per_month == pytest.approx(730 / 12)
    assert job.runs_source == ("EventBridge rule twice-daily rate(12 hours) → state machine pipeline → "
                               "glue:startJobRun.sync")


def test_event_pattern_rule_is_event_driven(tmp_path: Path) -> None:
    rule = """
resource "aws_cloudwatch_event_rule" "on_upload" {
  name          = "on-upload"
  event_pattern = jsonencode({ source = ["aws.s3"] })
}

resource "aws_cloudwatch_event_target" "sfn" {
  rule = aws_cloudwatch_event_rule.on_upload.name
  arn  = aws_sfn_state_machine.pipeline.arn
}
"""
    job = costs(tmp_path, {"main.tf": tf_jobs("export") + sfn("pipeline", ONE_TASK) + rule})["aws_glue_job.export"]
    assert job.runs_per_month is None and job.monthly_usd is None
    assert "event-driven" in job.runs_source and "runs unknown" in job.runs_source
    assert not job.runs_scheduled


def test_cloudformation_rule_choice_branch_is_an_upper_bound(tmp_path: Path) -> None:
    # rate(1 day) → 30 executions; Export runs in every one (30), Report only on one Choice branch (≤ 30).
    resources = """
  Pipeline:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineName: sales-pipeline
      RoleArn: arn:aws:iam::123456789012:role/sfn
      DefinitionString: !Sub |
        {"StartAt": "Export",
         "States": {
           "Export": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync",
                      "Parameters": {"JobName": "${OrdersExport}"}, "Next": "Big?"},
           "Big?": {"Type": "Choice", "Choices": [{"Variable": "$.big", "BooleanEquals": true, "Next": "Report"}],
                    "Default": "Done"},
           "Report": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync",
                      "Parameters": {"JobName": "orders-report"}, "Next": "Done"},
           "Done": {"Type": "Succeed"}}}
  Daily:
    Type: AWS::Events::Rule
    Properties:
      Name: sales-daily
      ScheduleExpression: rate(1 day)
      Targets:
        - Id: pipeline
          Arn: !Ref Pipeline
"""
    found = costs(tmp_path, {"t.yaml": cfn(resources, "orders-export", "orders-report")})
    export, report = found["OrdersExport"], found["OrdersReport"]
    assert export.runs_per_month == pytest.approx(365 / 12) and not export.upper_bound
    assert report.runs_per_month == pytest.approx(365 / 12) and report.upper_bound
    assert "at most" in report.runs_source


# -- Step Functions shapes ------------------------------------------------------------------------------------

def test_parallel_branches_and_map_over_unknown_items(tmp_path: Path) -> None:
    # rate(1 day): 30 executions; both Parallel branches run in each (30 + 30); the Map iterates $.files,
    # known only at run time → unknown.
    definition = """jsonencode({
    StartAt = "Both"
    States = {
      Both = {
        Type = "Parallel"
        Branches = [
          { StartAt = "A", States = { A = { Type = "Task", Resource = "arn:aws:states:::glue:startJobRun.sync",
                                             Parameters = { JobName = "a" }, End = true } } },
          { StartAt = "B", States = { B = { Type = "Task", Resource = "arn:aws:states:::glue:startJobRun.sync",
                                             Parameters = { JobName = "b" }, End = true } } }
        ]
        Next = "Each"
      }
      Each = {
        Type      = "Map"
        ItemsPath = "$.files"
        ItemProcessor = { StartAt = "C", States = { C = { Type = "Task",
          Resource = "arn:aws:states:::glue:startJobRun.sync", Parameters = { JobName = "c" }, End = true } } }
        End = true
      }
    }
  })"""
    files = {"main.tf": tf_jobs("a", "b", "c") + sfn("fan", definition)
             + schedule("daily", "rate(1 day)", "aws_sfn_state_machine.fan.arn")}
    found = costs(tmp_path, files)
    assert found["aws_glue_job.a"].runs_per_month == pytest.approx(730 / 24)  # rate(1 day)
    assert found["aws_glue_job.b"].runs_per_month == pytest.approx(730 / 24)
    assert found["aws_glue_job.c"].runs_per_month is None
    assert "each item" in found["aws_glue_job.c"].runs_source


def test_templatefile_and_file_definitions(tmp_path: Path) -> None:
    # Two state machines read from local files, each started by cron(0 6 ? * MON *): the Mondays of the month
    # (Nov 2, 9, 16, 23, 30) → 5 runs each.
    template = ('{"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": '
                '"arn:aws:states:::glue:startJobRun.sync", "Parameters": {"JobName": "${job}"}, "End": true}}}')
    plain = template.replace("${job}", "b")
    main = (tf_jobs("a", "b")
            + sfn("templated", 'templatefile("${path.module}/run.json.tpl", { job = aws_glue_job.a.name })')
            + sfn("plain", 'file("${path.module}/run.asl.json")')
            + schedule("weekly_a", "cron(0 6 ? * MON *)", "aws_sfn_state_machine.templated.arn")
            + schedule("weekly_b", "cron(0 6 ? * MON *)", "aws_sfn_state_machine.plain.arn"))
    found = costs(tmp_path, {"main.tf": main, "run.json.tpl": template, "run.asl.json": plain})
    assert found["aws_glue_job.a"].runs_per_month == pytest.approx(52 / 12)  # 52 Mondays in the year
    assert found["aws_glue_job.b"].runs_per_month == pytest.approx(52 / 12)


def test_sam_state_machine_with_local_definition_and_schedule_event(tmp_path: Path) -> None:
    # A SAM state machine whose DefinitionUri is a local file with ${ExportName} substituted, scheduled by its
    # own Events (rate(30 minutes)): 730 h x 2 = 1460 runs.
    resources = """
  Pipeline:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: sales-pipeline
      DefinitionUri: statemachine/pipeline.asl.json
      DefinitionSubstitutions:
        ExportName: !Ref OrdersExport
      Events:
        Every30:
          Type: Schedule
          Properties:
            Schedule: rate(30 minutes)
"""
    definition = ('{"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": '
                  '"arn:aws:states:::glue:startJobRun.sync", "Parameters": {"JobName": "${ExportName}"}, '
                  '"End": true}}}')
    text = cfn(resources, "orders-export").replace('AWSTemplateFormatVersion: "2010-09-09"',
                                                   'AWSTemplateFormatVersion: "2010-09-09"\n'
                                                   "Transform: AWS::Serverless-2016-10-31")
    found = costs(tmp_path, {"t.yaml": text, "statemachine/pipeline.asl.json": definition})
    job = found["OrdersExport"]
    assert job.runs_per_month == pytest.approx(1460)
    assert job.runs_source == ("state machine sales-pipeline Events schedule rate(30 minutes) → state machine "
                               "sales-pipeline → glue:startJobRun.sync")


# -- Glue workflows and several starters --------------------------------------------------------------------

def test_workflow_crawler_then_job(tmp_path: Path) -> None:
    # cron(0 1 * * ? *) starts the crawler daily (365 / 12); the job runs after the crawler succeeds: at most that.
    workflow = """
resource "aws_glue_workflow" "ingest" {
  name = "ingest"
}

resource "aws_glue_crawler" "raw" {
  name          = "raw-crawler"
  role          = "arn:aws:iam::123456789012:role/glue"
  database_name = "raw"
  s3_target {
    path = "s3://acme/raw/"
  }
}

resource "aws_glue_trigger" "start" {
  name          = "ingest-start"
  type          = "SCHEDULED"
  schedule      = "cron(0 1 * * ? *)"
  workflow_name = aws_glue_workflow.ingest.name
  actions {
    crawler_name = aws_glue_crawler.raw.name
  }
}

resource "aws_glue_trigger" "after_crawl" {
  name          = "after-crawl"
  type          = "CONDITIONAL"
  workflow_name = aws_glue_workflow.ingest.name
  predicate {
    conditions {
      crawler_name = aws_glue_crawler.raw.name
      crawl_state  = "SUCCEEDED"
    }
  }
  actions {
    job_name = aws_glue_job.export.name
  }
}
"""
    job = costs(tmp_path, {"main.tf": tf_jobs("export") + workflow})["aws_glue_job.export"]
    assert job.runs_per_month == pytest.approx(365 / 12) and job.upper_bound
    assert job.runs_source == ("aws_glue_trigger.start cron(0 1 * * ? *) (UTC, average month over a year from "
                               "2026-12-01) → crawler raw-crawler → "
                               "aws_glue_trigger.after_crawl after upstream runs (at most)")


def test_workflow_started_by_scheduler(tmp_path: Path) -> None:
    # The Scheduler starts the workflow (aws-sdk:glue:startWorkflowRun) at rate(8 hours): 730 / 8 = 91.25 runs of
    # its ON_DEMAND start trigger, which starts the job.
    workflow = """
resource "aws_glue_workflow" "ingest" {
  name = "ingest"
}

resource "aws_glue_trigger" "start" {
  name          = "ingest-start"
  type          = "ON_DEMAND"
  workflow_name = aws_glue_workflow.ingest.name
  actions {
    job_name = aws_glue_job.export.name
  }
}
""" + schedule("ingest", "rate(8 hours)", '"arn:aws:scheduler:::aws-sdk:glue:startWorkflowRun"',
               input_="jsonencode({ Name = aws_glue_workflow.ingest.name })")
    job = costs(tmp_path, {"main.tf": tf_jobs("export") + workflow})["aws_glue_job.export"]
    assert job.runs_per_month == pytest.approx(91.25)
    assert job.runs_source == ("EventBridge Scheduler ingest rate(8 hours) → workflow ingest → "
                               "aws_glue_trigger.start")
    assert job.runs_scheduled


def test_several_starters_sum_and_unknown_parts_are_named(tmp_path: Path) -> None:
    # a: a Glue trigger cron(0 2 * * ? *) (365 / 12) + a Scheduler rate(12 hours) (730 / 12) = 1095 / 12 = 91.25.
    # b: the same Scheduler part (60) plus an ON_DEMAND trigger (unknown) → unknown, "60 runs known".
    triggers = """
resource "aws_glue_trigger" "nightly" {
  name     = "nightly"
  type     = "SCHEDULED"
  schedule = "cron(0 2 * * ? *)"
  actions {
    job_name = aws_glue_job.a.name
  }
}

resource "aws_glue_trigger" "manual" {
  name = "manual"
  type = "ON_DEMAND"
  actions {
    job_name = aws_glue_job.b.name
  }
}
"""
    sched = schedule("twice_a", "rate(12 hours)", '"arn:aws:scheduler:::aws-sdk:glue:startJobRun"',
                     input_='jsonencode({ JobName = "a" })') + schedule(
        "twice_b", "rate(12 hours)", '"arn:aws:scheduler:::aws-sdk:glue:startJobRun"',
        input_='jsonencode({ JobName = "b" })')
    found = costs(tmp_path, {"main.tf": tf_jobs("a", "b") + triggers + sched})
    assert found["aws_glue_job.a"].runs_per_month == pytest.approx(91.25)
    assert found["aws_glue_job.a"].runs_scheduled  # a Glue cron trigger and a Scheduler rate: both schedules
    b = found["aws_glue_job.b"]
    assert b.runs_per_month is None
    assert not b.runs_scheduled  # also started on demand: not a schedule-only job
    assert b.runs_source.startswith("60.8333 runs known (EventBridge Scheduler twice-b rate(12 hours)) plus runs "
                                    "unknown (aws_glue_trigger.manual: ON_DEMAND trigger")


@pytest.mark.parametrize(("expression", "runs"), [
    ("cron(0 3 * * ? *)", 365 / 12),    # daily
    ("rate(1 minute)", 43_800),         # 730 x 60
    ("rate(15 minutes)", 2_920),        # 730 x 4
    ("cron(0 9 1,15 * ? *)", 2),        # the 1st and the 15th
    ("cron(0 0 L * ? *)", 1),           # the last day
])
def test_rule_expressions(tmp_path: Path, expression: str, runs: int) -> None:
    rule = f"""
resource "aws_cloudwatch_event_rule" "r" {{
  name                = "r"
  schedule_expression = "{expression}"
}}

resource "aws_cloudwatch_event_target" "t" {{
  rule = aws_cloudwatch_event_rule.r.name
  arn  = aws_sfn_state_machine.pipeline.arn
}}
"""
    job = costs(tmp_path, {"main.tf": tf_jobs("export") + sfn("pipeline", ONE_TASK) + rule})["aws_glue_job.export"]
    assert job.runs_per_month == pytest.approx(runs)


# -- Airflow ----------------------------------------------------------------------------------------------------

DAGS = '''
from datetime import datetime, timedelta

import pendulum
from airflow import DAG
from airflow.decorators import dag
from airflow.providers.amazon.aws.operators.glue import GlueJobOperator

JOB = "weekday"

with DAG(dag_id="weekdays", schedule="30 2 * * 1-5",
         start_date=pendulum.datetime(2024, 1, 1, tz="Europe/Paris")) as weekdays:
    GlueJobOperator(task_id="run", job_name=JOB, script_args={"--day": "{{ ds }}"})

with DAG("every_six", schedule_interval=timedelta(hours=6), start_date=datetime(2024, 1, 1)):
    GlueJobOperator(task_id="run", job_name="six")

@dag(schedule="@daily", start_date=datetime(2024, 1, 1))
def nightly():
    GlueJobOperator(task_id="run", job_name="daily")

nightly()

with DAG("manual", schedule=None, start_date=datetime(2024, 1, 1)):
    GlueJobOperator(task_id="run", job_name="manual")
'''


def test_airflow_dags(tmp_path: Path) -> None:
    # weekdays: 02:30 Europe/Paris on Mon-Fri: 52 x 4 + 53 Tuesdays = 261 in the year / 12 = 21.75 runs.
    # every_six: timedelta(hours=6): 730 h / 6 h = 121.67. @daily: 365 / 12. schedule=None: unknown.
    found = costs(tmp_path, {"main.tf": tf_jobs("weekday", "six", "daily", "manual"), "dags/glue.py": DAGS})
    assert found["aws_glue_job.weekday"].runs_per_month == pytest.approx(261 / 12)
    assert found["aws_glue_job.weekday"].runs_source == "Airflow DAG weekdays 30 2 * * 1-5 (Europe/Paris)"
    assert found["aws_glue_job.six"].runs_per_month == pytest.approx(730 / 6)
    assert found["aws_glue_job.daily"].runs_per_month == pytest.approx(365 / 12)
    assert found["aws_glue_job.daily"].runs_source == "Airflow DAG nightly @daily"
    assert found["aws_glue_job.manual"].runs_per_month is None
    assert "triggered manually" in found["aws_glue_job.manual"].runs_source


def test_orchestrator_arguments_are_run_layers(tmp_path: Path) -> None:
    # The state machine task and the DAG task pass Arguments: each is a run layer over the job's defaults.
    from gluelint.model.job import EffectiveJob
    from gluelint.model.resources import Job

    for name, text in {"main.tf": tf_jobs("export", "weekday") + sfn("pipeline", ONE_TASK), "dags/glue.py": DAGS
                       }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run(RunRequest(paths=[tmp_path], parse_options=ParseOptions(root=tmp_path)))
    jobs = {j.address: EffectiveJob(j) for j in result.inventory.of(Job)}
    export = jobs["aws_glue_job.export"]
    (layer,) = export.run_layers(result.inventory)
    assert layer.owner.address == "aws_sfn_state_machine.pipeline"
    assert layer.field == "States.Export.Parameters.Arguments"
    assert export.arguments(layer)[0].text("--day") == "yesterday"
    (dag_layer,) = jobs["aws_glue_job.weekday"].run_layers(result.inventory)
    assert dag_layer.field == "script_args"
    assert jobs["aws_glue_job.weekday"].arguments(dag_layer)[0].text("--day") == "{{ ds }}"


def test_cdk_definition_string_join(tmp_path: Path) -> None:
    # CDK synthesizes DefinitionString as Fn::Join of JSON text around Refs, the task ARN with
    # ${AWS::Partition}; rate(1 hour): a 730-hour month = 730 runs.
    template = {
        "Resources": {
            "Job": {"Type": "AWS::Glue::Job", "Properties": {
                "Name": "cdk-job", "Role": "arn:aws:iam::123456789012:role/glue", "GlueVersion": "4.0",
                "WorkerType": "G.1X", "NumberOfWorkers": 2, "Timeout": 30,
                "Command": {"Name": "glueetl", "ScriptLocation": "s3://acme/s.py"}}},
            "Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
                "RoleArn": "arn:aws:iam::123456789012:role/sfn",
                "DefinitionString": {"Fn::Join": ["", [
                    '{"StartAt":"Run","States":{"Run":{"End":true,"Type":"Task","Resource":"arn:',
                    {"Ref": "AWS::Partition"},
                    ':states:::glue:startJobRun.sync","Parameters":{"JobName":"', {"Ref": "Job"}, '"}}}}']]}}},
            "Hourly": {"Type": "AWS::Events::Rule", "Properties": {
                "ScheduleExpression": "rate(1 hour)", "State": "ENABLED",
                "Targets": [{"Id": "machine", "Arn": {"Ref": "Machine"}}]}},
        }
    }
    import json

    job = costs(tmp_path, {"stack.template.json": json.dumps(template, indent=1)})["Job"]
    assert job.runs_per_month == pytest.approx(730)
    assert job.runs_source == "EventBridge rule Hourly rate(1 hour) → state machine Machine → glue:startJobRun.sync"


def test_orchestration_wired_through_module_outputs(tmp_path: Path) -> None:
    # The job, the state machine and the rule live in three modules wired by outputs; the state machine names
    # the job through join(",", aws_glue_job.etl.*.id) of a single instance. rate(10 minutes): 730 h x 6 = 4380.
    root = """
module "glue" {
  source = "./modules/glue"
}

module "pipeline" {
  source   = "./modules/pipeline"
  job_name = module.glue.job_name
}

module "schedule" {
  source      = "./modules/schedule"
  machine_arn = module.pipeline.arn
}
"""
    glue = TF_JOB.format(name="etl", job="nightly-etl").replace(
        'resource "aws_glue_job" "etl" {', 'resource "aws_glue_job" "etl" {\n  count = 1') + """
output "job_name" {
  value = join(",", aws_glue_job.etl.*.id)
}
"""
    pipeline = """
variable "job_name" {}

resource "aws_sfn_state_machine" "this" {
  name     = "nightly"
  role_arn = "arn:aws:iam::123456789012:role/sfn"
  definition = <<JSON
{"StartAt": "Run",
 "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync",
                    "Parameters": {"JobName": "${var.job_name}"}, "End": true}}}
JSON
}

output "arn" {
  value = aws_sfn_state_machine.this.arn
}
"""
    events = """
variable "machine_arn" {}

resource "aws_cloudwatch_event_rule" "every_ten" {
  name                = "every-ten"
  schedule_expression = "rate(10 minutes)"
}

resource "aws_cloudwatch_event_target" "machine" {
  rule = aws_cloudwatch_event_rule.every_ten.name
  arn  = var.machine_arn
}
"""
    found = costs(tmp_path, {"main.tf": root, "modules/glue/main.tf": glue, "modules/pipeline/main.tf": pipeline,
                             "modules/schedule/main.tf": events})
    job = found["module.glue.aws_glue_job.etl[0]"]
    assert job.runs_per_month == pytest.approx(4380)
    assert job.runs_source == ("EventBridge rule every-ten rate(10 minutes) → state machine nightly → "
                               "glue:startJobRun.sync")
