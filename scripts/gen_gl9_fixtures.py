"""Generate the rule fixtures of pack GL9 (tests/rules/GL9xx): each job with its script beside it.

Each case is one job rendered three ways — Terraform HCL and Terraform JSON (the script uploaded by an
``aws_s3_object`` whose ``source`` is the local file, the job's ``script_location`` naming that object's key)
and CloudFormation YAML (a local relative ``ScriptLocation``, as ``aws cloudformation package`` takes it) —
optionally with a trigger whose action passes arguments. The renderer records where the expected finding's
key lands (argument entries: the key string's opening quote), so expected.txt is written with the files.

    python scripts/gen_gl9_fixtures.py           # write tests/rules/GL9xx
    python scripts/gen_gl9_fixtures.py --check   # exit 1 when the committed fixtures differ
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "tests" / "rules"
BUCKET = "acme-glue-scripts"


@dataclass
class Case:
    name: str  # fail, pass, pass_trigger ...
    script: str  # file under scripts/
    arguments: dict[str, str] = field(default_factory=dict)
    command: str = "glueetl"
    # What starts the job with extra arguments: "trigger", "state_machine" (a Step Functions task) or
    # "schedule" (EventBridge Scheduler's universal target), and what it passes.
    starter: str | None = None
    starter_arguments: dict[str, str] = field(default_factory=dict)
    # What the expected finding points at: an argument key, "arguments" (the map's own key), "command".
    expect: str | None = None
    note: str = ""


@dataclass
class Rule:
    id: str
    scripts: dict[str, str]
    cases: list[Case]
    comment: str


# Words every expected message of the rule contains (tests/test_rule_fixtures.py asserts them).
SAYS = {
    "GL901": "asks getResolvedOptions for `target_path`",
    "GL902": "passes `--targetpath`, which its script",
    "GL903": "enables job bookmarks, but its script scripts/no_commit.py never calls",
    "GL904": "enables job bookmarks, but its script scripts/no_context.py reads",
    "GL905": "is a Python shell job, but its script scripts/shell_spark.py imports",
    "GL906": "runs the Scala script",
    "GL907": "without `--class`",
    "GL908": "sets `--job-language` to scala, but its script",
    "GL909": "runs on glueetl (Spark), but its script scripts/ray_job.py is a Ray",
}


# A rule whose finding is about another attribute than the one it points at (a missing --job-language or --class,
# reported at the arguments or at --job-language).
ATTRIBUTE = {"GL902": "default_arguments", "GL906": "--job-language", "GL907": "--class"}


def expected_attribute(rule_id: str, expect: str) -> str:
    """The finding's model attribute for what a case expects it at."""
    return ATTRIBUTE.get(rule_id) or {"arguments": "default_arguments", "command": "command_name"}.get(expect, expect)


ETL_ARGS = '''import sys

from awsglue.utils import getResolvedOptions

ARGS = ["JOB_NAME", "source_table", "target_path"]
args = getResolvedOptions(sys.argv, ARGS)
print(args["source_table"], args["target_path"])
'''
NO_COMMIT = '''import sys

from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glue = GlueContext(SparkContext.getOrCreate())
orders = glue.create_dynamic_frame.from_catalog(database="raw", table_name="orders", transformation_ctx="orders")
orders.toDF().write.parquet("s3://acme-lake/orders/")
'''
WITH_COMMIT = '''import sys

from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
glue = GlueContext(SparkContext.getOrCreate())
job = Job(glue)
job.init(args["JOB_NAME"], args)
orders = glue.create_dynamic_frame.from_catalog(database="raw", table_name="orders", transformation_ctx="orders")
orders.toDF().write.parquet("s3://acme-lake/orders/")
job.commit()
'''
NO_CONTEXT = WITH_COMMIT.replace(', transformation_ctx="orders")', ")")
SHELL_SPARK = '''import sys

from awsglue.context import GlueContext
from awsglue.utils import getResolvedOptions

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
'''
SHELL_OK = '''import sys

import boto3
from awsglue.utils import getResolvedOptions

args = getResolvedOptions(sys.argv, ["JOB_NAME"])
boto3.client("s3").list_objects_v2(Bucket="acme-lake")
'''
SCALA = '''import com.amazonaws.services.glue.GlueContext
import org.apache.spark.SparkContext

object GlueApp {
  def main(sysArgs: Array[String]): Unit = {
    val glueContext = new GlueContext(SparkContext.getOrCreate())
  }
}
'''
PYTHON_ETL = WITH_COMMIT
RAY = '''import ray

ray.init("auto")


@ray.remote
def square(x: int) -> int:
    return x * x


print(sum(ray.get([square.remote(i) for i in range(100)])))
'''

RULES = [
    Rule("GL901", {"etl.py": ETL_ARGS}, [
        Case("fail", "etl.py", {"--source_table": "orders"}, expect="arguments"),
        Case("pass", "etl.py", {"--source_table": "orders", "--target_path": "s3://acme-lake/orders/"}),
        Case("pass_trigger", "etl.py", {"--source_table": "orders"}, starter="trigger",
             starter_arguments={"--target_path": "s3://acme-lake/orders/"}),
        Case("pass_state_machine", "etl.py", {"--source_table": "orders"}, starter="state_machine",
             starter_arguments={"--target_path": "s3://acme-lake/orders/"}),
        Case("pass_schedule", "etl.py", {"--source_table": "orders"}, starter="schedule",
             starter_arguments={"--target_path": "s3://acme-lake/orders/"}),
    ], "the script asks for target_path; the passing twins pass it in the job's arguments, or from the trigger "
       "action, the Step Functions task or the EventBridge Scheduler schedule that starts the job"),
    Rule("GL902", {"etl.py": ETL_ARGS}, [
        Case("fail", "etl.py", {"--source_table": "orders", "--target_path": "s3://acme-lake/orders/",
                                "--targetpath": "s3://acme-lake/orders/", "--enable-metrics": "true"},
             expect="--targetpath"),
        Case("pass", "etl.py", {"--source_table": "orders", "--target_path": "s3://acme-lake/orders/",
                                "--enable-metrics": "true"}),
    ], "--targetpath is never read (the script reads target_path); Glue's own --enable-metrics is not flagged"),
    Rule("GL903", {"no_commit.py": NO_COMMIT, "with_commit.py": WITH_COMMIT}, [
        Case("fail", "no_commit.py", {"--job-bookmark-option": "job-bookmark-enable"},
             expect="--job-bookmark-option"),
        Case("pass", "with_commit.py", {"--job-bookmark-option": "job-bookmark-enable"}),
        Case("pass_disabled", "no_commit.py", {"--job-bookmark-option": "job-bookmark-disable"}),
    ], "bookmarks enabled, but the script never calls job.init/job.commit"),
    Rule("GL904", {"no_context.py": NO_CONTEXT, "with_context.py": WITH_COMMIT}, [
        Case("fail", "no_context.py", {"--job-bookmark-option": "job-bookmark-enable"},
             expect="--job-bookmark-option"),
        Case("pass", "with_context.py", {"--job-bookmark-option": "job-bookmark-enable"}),
    ], "bookmarks enabled, but a source is read without transformation_ctx"),
    Rule("GL905", {"shell_spark.py": SHELL_SPARK, "shell_ok.py": SHELL_OK}, [
        Case("fail", "shell_spark.py", {}, command="pythonshell", expect="command"),
        Case("pass", "shell_ok.py", {}, command="pythonshell"),
    ], "a Python shell script that imports awsglue.context (Spark)"),
    Rule("GL906", {"GlueApp.scala": SCALA}, [
        Case("fail", "GlueApp.scala", {"--class": "GlueApp"}, expect="arguments"),
        Case("pass", "GlueApp.scala", {"--job-language": "scala", "--class": "GlueApp"}),
    ], "a Scala script without --job-language scala (python is the default)"),
    Rule("GL907", {"GlueApp.scala": SCALA}, [
        Case("fail", "GlueApp.scala", {"--job-language": "scala"}, expect="--job-language"),
        Case("pass", "GlueApp.scala", {"--job-language": "scala", "--class": "GlueApp"}),
    ], "a Scala job without --class"),
    Rule("GL908", {"etl.py": PYTHON_ETL}, [
        Case("fail", "etl.py", {"--job-language": "scala", "--class": "GlueApp"}, expect="--job-language"),
        Case("pass", "etl.py", {"--job-language": "python"}),
    ], "a Python script on a job whose --job-language is scala"),
    Rule("GL909", {"ray_job.py": RAY}, [
        Case("fail", "ray_job.py", {}, command="glueetl", expect="command"),
        Case("pass", "ray_job.py", {}, command="glueray"),
    ], "a Ray script on a glueetl job; the passing twin runs it on glueray"),
]


@dataclass
class Out:
    lines: list[str] = field(default_factory=list)
    at: tuple[int, int] | None = None

    def add(self, text: str, mark: bool = False, column: int | None = None) -> None:
        self.lines.append(text)
        if mark:
            self.at = (len(self.lines), column if column is not None else len(text) - len(text.lstrip()) + 1)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _workers(case: Case) -> tuple[str, int]:
    if case.command == "glueray":
        return "Z.2X", 2
    return "G.1X", 2


def render_hcl(case: Case) -> Out:
    out = Out()
    out.add('resource "aws_s3_object" "script" {')
    out.add(f'  bucket = "{BUCKET}"')
    out.add(f'  key    = "jobs/{case.script}"')
    out.add(f'  source = "${{path.module}}/scripts/{case.script}"')
    out.add("}")
    out.add("")
    out.add('resource "aws_glue_job" "orders" {')
    out.add('  name     = "orders-etl"')
    out.add('  role_arn = "arn:aws:iam::123456789012:role/glue-orders"')
    if case.command == "pythonshell":
        out.add('  glue_version = "3.0"')
        out.add("  max_capacity = 0.0625")
    elif case.command == "glueray":
        out.add('  glue_version      = "4.0"')
        out.add('  worker_type       = "Z.2X"')
        out.add("  number_of_workers = 2")
    else:
        out.add('  glue_version      = "5.0"')
        out.add('  worker_type       = "G.1X"')
        out.add("  number_of_workers = 2")
    out.add("  timeout  = 60")
    out.add("  command {")
    out.add(f'    name            = "{case.command}"', mark=case.expect == "command")
    out.add(f'    script_location = "s3://{BUCKET}/${{aws_s3_object.script.key}}"')
    if case.command == "pythonshell":
        out.add('    python_version  = "3.9"')
    if case.command == "glueray":
        out.add('    runtime         = "Ray2.4"')
    out.add("  }")
    if case.arguments:
        out.add("  default_arguments = {", mark=case.expect == "arguments")
        for key, value in case.arguments.items():
            out.add(f'    "{key}" = "{value}"', mark=case.expect == key)
        out.add("  }")
    out.add("}")
    if case.starter is not None:
        out.add("")
        out.lines.extend(HCL_STARTERS[case.starter](case.starter_arguments).splitlines())
    return out


def _hcl_map(arguments: dict[str, str], indent: str) -> str:
    return "\n".join(f'{indent}"{key}" = "{value}"' for key, value in arguments.items())


def _hcl_trigger(arguments: dict[str, str]) -> str:
    return f"""resource "aws_glue_trigger" "nightly" {{
  name     = "orders-nightly"
  type     = "SCHEDULED"
  schedule = "cron(0 2 * * ? *)"
  actions {{
    job_name  = aws_glue_job.orders.name
    arguments = {{
{_hcl_map(arguments, "      ")}
    }}
  }}
}}"""


def _hcl_state_machine(arguments: dict[str, str]) -> str:
    return f"""resource "aws_sfn_state_machine" "orders" {{
  name     = "orders-pipeline"
  role_arn = "arn:aws:iam::123456789012:role/sfn-orders"
  definition = jsonencode({{
    StartAt = "Load"
    States = {{
      Load = {{
        Type     = "Task"
        Resource = "arn:aws:states:::glue:startJobRun.sync"
        Parameters = {{
          JobName = aws_glue_job.orders.name
          Arguments = {{
{_hcl_map(arguments, "            ")}
          }}
        }}
        End = true
      }}
    }}
  }})
}}"""


def _hcl_schedule(arguments: dict[str, str]) -> str:
    return f"""resource "aws_scheduler_schedule" "nightly" {{
  name                = "orders-nightly"
  schedule_expression = "cron(0 2 * * ? *)"
  flexible_time_window {{
    mode = "OFF"
  }}
  target {{
    arn      = "arn:aws:scheduler:::aws-sdk:glue:startJobRun"
    role_arn = "arn:aws:iam::123456789012:role/scheduler-glue"
    input = jsonencode({{
      JobName = aws_glue_job.orders.name
      Arguments = {{
{_hcl_map(arguments, "        ")}
      }}
    }})
  }}
}}"""


HCL_STARTERS = {"trigger": _hcl_trigger, "state_machine": _hcl_state_machine, "schedule": _hcl_schedule}


def _json_job(case: Case) -> dict[str, object]:
    job: dict[str, object] = {"name": "orders-etl", "role_arn": "arn:aws:iam::123456789012:role/glue-orders"}
    if case.command == "pythonshell":
        job.update({"glue_version": "3.0", "max_capacity": 0.0625})
    elif case.command == "glueray":
        job.update({"glue_version": "4.0", "worker_type": "Z.2X", "number_of_workers": 2})
    else:
        job.update({"glue_version": "5.0", "worker_type": "G.1X", "number_of_workers": 2})
    job["timeout"] = 60
    command: dict[str, object] = {"name": case.command,
                                  "script_location": f"s3://{BUCKET}/${{aws_s3_object.script.key}}"}
    if case.command == "pythonshell":
        command["python_version"] = "3.9"
    if case.command == "glueray":
        command["runtime"] = "Ray2.4"
    job["command"] = command
    if case.arguments:
        job["default_arguments"] = dict(case.arguments)
    return job


def render_json(case: Case) -> Out:
    resource: dict[str, object] = {
        "aws_s3_object": {"script": {"bucket": BUCKET, "key": f"jobs/{case.script}",
                                     "source": f"${{path.module}}/scripts/{case.script}"}},
        "aws_glue_job": {"orders": _json_job(case)},
    }
    if case.starter == "trigger":
        resource["aws_glue_trigger"] = {"nightly": {
            "name": "orders-nightly", "type": "SCHEDULED", "schedule": "cron(0 2 * * ? *)",
            "actions": [{"job_name": "${aws_glue_job.orders.name}", "arguments": dict(case.starter_arguments)}]}}
    elif case.starter == "state_machine":
        definition = {"StartAt": "Load", "States": {"Load": {
            "Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync",
            "Parameters": {"JobName": "orders-etl", "Arguments": dict(case.starter_arguments)}, "End": True}}}
        resource["aws_sfn_state_machine"] = {"orders": {
            "name": "orders-pipeline", "role_arn": "arn:aws:iam::123456789012:role/sfn-orders",
            "definition": json.dumps(definition)}}
    elif case.starter == "schedule":
        resource["aws_scheduler_schedule"] = {"nightly": {
            "name": "orders-nightly", "schedule_expression": "cron(0 2 * * ? *)",
            "flexible_time_window": {"mode": "OFF"},
            "target": {"arn": "arn:aws:scheduler:::aws-sdk:glue:startJobRun",
                       "role_arn": "arn:aws:iam::123456789012:role/scheduler-glue",
                       "input": json.dumps({"JobName": "orders-etl", "Arguments": dict(case.starter_arguments)})}}}
    out = Out()
    lines = json.dumps({"resource": resource}, indent=2).splitlines()
    in_job = False
    for line in lines:
        stripped = line.strip()
        in_job = in_job or stripped.startswith('"aws_glue_job"')
        if in_job and stripped.startswith('"aws_glue_trigger"'):
            in_job = False
        mark = in_job and case.expect is not None and (
            (case.expect == "arguments" and stripped.startswith('"default_arguments"'))
            or (case.expect == "command" and stripped.startswith('"name": "' + case.command))
            or stripped.startswith(f'"{case.expect}":'))
        out.add(line, mark=mark)
    return out


def render_yaml(case: Case) -> Out:
    out = Out()
    out.add('AWSTemplateFormatVersion: "2010-09-09"')
    out.add("Resources:")
    out.add("  OrdersJob:")
    out.add("    Type: AWS::Glue::Job")
    out.add("    Properties:")
    out.add("      Name: orders-etl")
    out.add("      Role: arn:aws:iam::123456789012:role/glue-orders")
    if case.command == "pythonshell":
        out.add('      GlueVersion: "3.0"')
        out.add("      MaxCapacity: 0.0625")
    elif case.command == "glueray":
        out.add('      GlueVersion: "4.0"')
        out.add("      WorkerType: Z.2X")
        out.add("      NumberOfWorkers: 2")
    else:
        out.add('      GlueVersion: "5.0"')
        out.add("      WorkerType: G.1X")
        out.add("      NumberOfWorkers: 2")
    out.add("      Timeout: 60")
    out.add("      Command:")
    out.add(f"        Name: {case.command}", mark=case.expect == "command")
    out.add(f"        ScriptLocation: scripts/{case.script}")
    if case.command == "pythonshell":
        out.add('        PythonVersion: "3.9"')
    if case.command == "glueray":
        out.add("        Runtime: Ray2.4")
    if case.arguments:
        out.add("      DefaultArguments:", mark=case.expect == "arguments")
        for key, value in case.arguments.items():
            out.add(f'        "{key}": "{value}"', mark=case.expect == key)
    if case.starter is not None:
        out.lines.extend(YAML_STARTERS[case.starter](case.starter_arguments).splitlines())
    return out


def _yaml_trigger(arguments: dict[str, str]) -> str:
    lines = "\n".join(f'            "{key}": "{value}"' for key, value in arguments.items())
    return f"""  NightlyTrigger:
    Type: AWS::Glue::Trigger
    Properties:
      Name: orders-nightly
      Type: SCHEDULED
      Schedule: "cron(0 2 * * ? *)"
      StartOnCreation: true
      Actions:
        - JobName: !Ref OrdersJob
          Arguments:
{lines}"""


def _yaml_state_machine(arguments: dict[str, str]) -> str:
    lines = "\n".join(f'                "{key}": "{value}"' for key, value in arguments.items())
    return f"""  OrdersPipeline:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineName: orders-pipeline
      RoleArn: arn:aws:iam::123456789012:role/sfn-orders
      Definition:
        StartAt: Load
        States:
          Load:
            Type: Task
            Resource: arn:aws:states:::glue:startJobRun.sync
            Parameters:
              JobName: !Ref OrdersJob
              Arguments:
{lines}
            End: true"""


def _yaml_schedule(arguments: dict[str, str]) -> str:
    text = json.dumps({"JobName": "orders-etl", "Arguments": arguments})
    return f"""  NightlySchedule:
    Type: AWS::Scheduler::Schedule
    Properties:
      Name: orders-nightly
      ScheduleExpression: cron(0 2 * * ? *)
      FlexibleTimeWindow:
        Mode: "OFF"
      Target:
        Arn: arn:aws:scheduler:::aws-sdk:glue:startJobRun
        RoleArn: arn:aws:iam::123456789012:role/scheduler-glue
        Input: '{text}'"""


YAML_STARTERS = {"trigger": _yaml_trigger, "state_machine": _yaml_state_machine, "schedule": _yaml_schedule}


RENDERERS = ((".tf", render_hcl), (".tf.json", render_json), (".yaml", render_yaml))


def files() -> dict[Path, str]:
    """Every fixture file of every GL9 rule, by path."""
    written: dict[Path, str] = {}
    for rule in RULES:
        folder = ROOT / rule.id
        expected = [f"# generated by scripts/gen_gl9_fixtures.py: {rule.comment}"]
        for case in rule.cases:
            for suffix, render in RENDERERS:
                out = render(case)
                written[folder / f"{case.name}{suffix}"] = out.text()
                if case.expect is not None:
                    assert out.at is not None, (rule.id, case.name, suffix)
                    expected.append(f"{case.name}{suffix} {out.at[0]}:{out.at[1]} "
                                    f"{expected_attribute(rule.id, case.expect)} | {SAYS[rule.id]}")
        written[folder / "expected.txt"] = "\n".join(expected) + "\n"
        for name, text in rule.scripts.items():
            written[folder / "scripts" / name] = text
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed fixtures differ")
    args = parser.parse_args()
    stale = []
    for path, text in files().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(str(path.relative_to(ROOT.parent.parent)))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (run python scripts/gen_gl9_fixtures.py):\n  " + "\n  ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
