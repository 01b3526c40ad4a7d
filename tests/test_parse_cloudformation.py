"""CloudFormation parser: values, intrinsics, spans, suppressions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gluelint.model.branches import Condition
from gluelint.model.resources import FileReport, Job, SecurityConfiguration, Trigger
from gluelint.model.values import Origin, Value
from gluelint.parse.cloudformation import parse_template
from gluelint.parse.options import ParseOptions

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Environment:
    Type: String
    Default: dev
  WorkerType:
    Type: String
  Version:
    Type: String
    Default: 4.0
Mappings:
  Sizes:
    dev:
      Workers: 2
    prod:
      Workers: 20
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
  Always: !Equals [a, a]
Resources:
  SecConf:
    Type: AWS::Glue::SecurityConfiguration
    Properties:
      Name: !Sub "${AWS::StackName}-sec"
      EncryptionConfiguration:
        S3Encryptions:
          - S3EncryptionMode: SSE-KMS
  # gluelint:ignore GL102 timeout is set by the scheduler
  EtlJob:
    Type: AWS::Glue::Job
    Condition: IsProd
    Metadata:
      gluelint:
        ignore:
          - id: GL101
            reason: encrypted at the bucket
    Properties:
      Name: !Sub ${Environment}-etl
      Role: !GetAtt GlueRole.Arn
      Command:
        Name: glueetl
        ScriptLocation: s3://bucket/etl.py
        PythonVersion: 3
      GlueVersion: !Ref Version
      WorkerType: !Ref WorkerType
      NumberOfWorkers: !FindInMap [Sizes, !Ref Environment, Workers]
      Timeout: !If [IsProd, 60, !Ref AWS::NoValue]
      MaxRetries: !If [Always, 1, 2]
      SecurityConfiguration: !Ref SecConf
      ExecutionProperty:
        MaxConcurrentRuns: !Select [1, [1, 3, 5]]
      DefaultArguments:
        --conf: spark.a=1
        --job-bookmark-option: !Join ["-", [job, bookmark, enable]]
        --conf: spark.b=2
        --TempDir: !Sub
          - s3://${B}/tmp/
          - B: literal-bucket
        --region: !Ref AWS::Region
        --secret: "{{resolve:ssm:/x/y}}"
      Tags:
        team: data
  Nightly:
    Type: AWS::Glue::Trigger
    Properties:
      Type: SCHEDULED
      Schedule: cron(0 3 * * ? *)
      Actions:
        - JobName: !Ref EtlJob
          Arguments: {"--mode": full}
  GlueRole:
    Type: AWS::IAM::Role
    Properties: {}
"""


def parse(tmp_path: Path, text: str, name: str = "t.yaml", **opts: Any) -> FileReport:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_template(path, ParseOptions(root=tmp_path, **opts))


def job(report: FileReport, address: str = "EtlJob") -> Job:
    found = next(r for r in report.resources if r.address == address)
    assert isinstance(found, Job)
    return found


def test_resources_and_literal_values(tmp_path: Path) -> None:
    report = parse(tmp_path, TEMPLATE)
    assert report.errors == []
    assert [(r.resource_type, r.address) for r in report.resources if r.glue] == [
        ("AWS::Glue::SecurityConfiguration", "SecConf"), ("AWS::Glue::Job", "EtlJob"),
        ("AWS::Glue::Trigger", "Nightly")]
    etl = job(report)
    assert etl.command_name is not None and etl.command_name.data == "glueetl"
    assert etl.python_version is not None and etl.python_version.data == "3"  # string-typed: text kept
    assert etl.scope == "t.yaml" and etl.condition == "IsProd"
    assert etl.script_location is not None and etl.script_location.data == "s3://bucket/etl.py"


def test_parameters_mappings_and_pseudo_parameters(tmp_path: Path) -> None:
    etl = job(parse(tmp_path, TEMPLATE))
    assert etl.name is not None and etl.name.data == "dev-etl" and etl.name.origin == Origin.PARAMETER_DEFAULT
    assert etl.glue_version is not None and etl.glue_version.data == "4.0"  # unquoted default, text kept
    assert etl.glue_version.origin == Origin.PARAMETER_DEFAULT
    assert etl.worker_type is not None and etl.worker_type.is_unknown
    assert etl.worker_type.expression == "!Ref WorkerType"
    assert etl.number_of_workers is not None and etl.number_of_workers.data == 2
    assert etl.number_of_workers.origin == Origin.PARAMETER_DEFAULT  # the map key came from a default
    assert etl.max_concurrent_runs is not None and etl.max_concurrent_runs.data == 3
    assert etl.role is not None and etl.role.is_unknown and etl.role.reference == "GlueRole"
    assert etl.security_configuration is not None and etl.security_configuration.reference == "SecConf"
    args = etl.default_arguments.as_object() if etl.default_arguments else None
    assert args is not None
    region = args.get("--region")
    assert region is not None and region.is_unknown
    assert args.get("--secret") is not None and args.get("--secret").is_unknown  # type: ignore[union-attr]
    with_region = job(parse(tmp_path, TEMPLATE, region="eu-west-1"))
    assert with_region.default_arguments is not None
    region_obj = with_region.default_arguments.as_object()
    assert region_obj is not None and region_obj.get("--region") == Value.of(
        "eu-west-1", region_obj.get("--region").span, Origin.CONFIG, "!Ref AWS::Region")  # type: ignore[union-attr]
    assert with_region.region is not None and with_region.region.data == "eu-west-1"


def test_conditions_branch_unless_decidable(tmp_path: Path) -> None:
    etl = job(parse(tmp_path, TEMPLATE))
    assert etl.timeout is not None and etl.timeout.is_branching
    assert etl.timeout.alternatives is not None
    (yes, no) = etl.timeout.alternatives
    assert (yes.condition, yes.value.data) == (Condition("IsProd"), 60)
    assert no.condition == Condition("IsProd", holds=False)
    assert no.value.data is None and no.value.expression == "AWS::NoValue"
    assert etl.timeout.expression == "!If [IsProd, 60, !Ref AWS::NoValue]"
    # A condition over constants only is decided.
    assert etl.max_retries is not None and etl.max_retries.data == 1


def test_duplicate_keys_and_functions_in_arguments(tmp_path: Path) -> None:
    etl = job(parse(tmp_path, TEMPLATE))
    args = etl.default_arguments.as_object() if etl.default_arguments else None
    assert args is not None
    assert [e.key for e in args.entries] == ["--conf", "--job-bookmark-option", "--conf", "--TempDir", "--region",
                                             "--secret"]
    assert [e.value.data for e in args.all("--conf")] == ["spark.a=1", "spark.b=2"]
    assert args.get("--job-bookmark-option").data == "job-bookmark-enable"  # type: ignore[union-attr]
    assert args.get("--TempDir").data == "s3://literal-bucket/tmp/"  # type: ignore[union-attr]


def test_spans_are_exact(tmp_path: Path) -> None:
    report = parse(tmp_path, TEMPLATE)
    lines = TEMPLATE.split("\n")
    etl = job(report)
    assert (etl.span.line, etl.span.column) == (lines.index("  EtlJob:") + 1, 3)
    assert etl.span.end_line == lines.index("        team: data") + 1
    wt = etl.worker_type
    assert wt is not None and wt.span is not None
    line = lines[wt.span.line - 1]
    assert line[wt.span.column - 1: wt.span.end_column - 1] == "!Ref WorkerType"
    args = etl.default_arguments.as_object() if etl.default_arguments else None
    assert args is not None
    second = args.all("--conf")[1]
    assert second.key_span is not None and second.value.span is not None
    assert lines[second.key_span.line - 1].strip() == "--conf: spark.b=2"
    assert lines[second.value.span.line - 1][second.value.span.column - 1:second.value.span.end_column - 1] == \
        "spark.b=2"


def test_suppressions_from_metadata_and_comments(tmp_path: Path) -> None:
    report = parse(tmp_path, TEMPLATE)
    etl = job(report)
    assert [(s.rules, s.reason) for s in etl.suppressions] == [(["GL101"], "encrypted at the bucket")]
    assert [(s.rules, s.reason) for s in report.suppressions] == [(["GL102"], "timeout is set by the scheduler")]
    assert report.suppressions[0].span is not None
    assert report.suppressions[0].span.line == TEMPLATE.split("\n").index(
        "  # gluelint:ignore GL102 timeout is set by the scheduler") + 1


def test_trigger_and_security_configuration(tmp_path: Path) -> None:
    report = parse(tmp_path, TEMPLATE)
    trigger = next(r for r in report.resources if isinstance(r, Trigger))
    assert trigger.schedule is not None and trigger.schedule.data == "cron(0 3 * * ? *)"
    assert len(trigger.actions) == 1 and trigger.actions[0].job_name is not None
    assert trigger.actions[0].job_name.reference == "EtlJob"
    sec = next(r for r in report.resources if isinstance(r, SecurityConfiguration))
    assert sec.s3_encryption_mode is not None and sec.s3_encryption_mode.data == "SSE-KMS"
    assert sec.name is not None and sec.name.is_unknown and sec.name.expression == '!Sub "${AWS::StackName}-sec"'


JSON_TEMPLATE = """{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {"Workers": {"Type": "Number"}},
  "Conditions": {"Big": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}},
  "Resources": {
    "Job": {
      "Type": "AWS::Glue::Job",
      "Metadata": {"gluelint": {"ignore": [{"id": "GL101,GL102", "reason": "legacy"}]}},
      "Properties": {
        "Command": {"Name": "pythonshell", "ScriptLocation": {"Fn::Sub": "s3://${AWS::AccountId}/x.py"}},
        "MaxCapacity": 0.0625,
        "NumberOfWorkers": {"Ref": "Workers"},
        "Timeout": {"Fn::If": ["Big", 30, 10]},
        "DefaultArguments": "{\\"--conf\\": \\"a=1\\", \\"--conf\\": \\"b=2\\"}"
      }
    }
  }
}
"""


def test_json_template(tmp_path: Path) -> None:
    report = parse(tmp_path, JSON_TEMPLATE, name="t.template.json")
    assert report.errors == [] and report.source_format is not None
    assert report.source_format.value == "cloudformation-json"
    j = job(report, "Job")
    assert j.max_capacity is not None and j.max_capacity.data == 0.0625
    assert j.number_of_workers is not None and j.number_of_workers.expression == "!Ref Workers"
    assert j.number_of_workers.reason == "parameter Workers has no default"
    assert j.script_location is not None and j.script_location.is_unknown
    assert j.timeout is not None and j.timeout.is_branching  # region unknown: undecidable
    assert [(s.rules, s.reason) for s in j.suppressions] == [(["GL101", "GL102"], "legacy")]
    args = j.default_arguments.as_object() if j.default_arguments else None
    assert args is not None and [e.value.data for e in args.all("--conf")] == ["a=1", "b=2"]
    assert j.span.line == 6 and j.span.column == 5
    # With a region the condition over AWS::Region is decided.
    decided = job(parse(tmp_path, JSON_TEMPLATE, name="t.template.json", region="us-east-1"), "Job")
    assert decided.timeout is not None and decided.timeout.data == 30


def test_template_without_resources_is_fine(tmp_path: Path) -> None:
    report = parse(tmp_path, "AWSTemplateFormatVersion: '2010-09-09'\nDescription: nothing\n")
    assert report.errors == [] and report.resources == []


def test_for_each_with_known_and_unknown_collections(tmp_path: Path) -> None:
    text = """\
Transform: AWS::LanguageExtensions
Parameters:
  Names: {Type: CommaDelimitedList, Default: "a-b,c"}
  Other: {Type: CommaDelimitedList}
Resources:
  Fn::ForEach::Jobs:
    - Name
    - !Ref Names
    - "Job&{Name}":
        Type: AWS::Glue::Job
        Properties:
          Name: !Sub "job-${Name}"
          Command: {Name: glueetl, ScriptLocation: s3://b/x.py}
  Fn::ForEach::More:
    - Name
    - !Ref Other
    - "More${Name}":
        Type: AWS::Glue::Job
        Properties:
          Name: !Ref Name
          Command: {Name: glueetl, ScriptLocation: s3://b/x.py}
"""
    report = parse(tmp_path, text)
    assert report.errors == []
    names = {r.address: r.name for r in report.resources}
    assert set(names) == {"Jobab", "Jobc", "More${Name}"}
    assert names["Jobab"] is not None and names["Jobab"].data == "job-a-b"
    assert names["More${Name}"] is not None and names["More${Name}"].is_unknown


def test_bom_and_crlf_are_read(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + TEMPLATE.replace("\n", "\r\n").encode())
    report = parse_template(path, ParseOptions(root=tmp_path))
    assert report.errors == []
    etl = job(report)
    assert etl.worker_type is not None and etl.worker_type.span is not None
    assert etl.worker_type.span.column == 19 and etl.worker_type.span.end_column == 34


def test_nested_stack_with_relative_template_url(tmp_path: Path) -> None:
    (tmp_path / "child").mkdir()
    (tmp_path / "child" / "glue.yaml").write_text("""\
Parameters:
  Workers: {Type: Number}
  Sec: {Type: String, Default: fallback}
Resources:
  Conf:
    Type: AWS::Glue::SecurityConfiguration
    Properties: {Name: conf, EncryptionConfiguration: {}}
  Job:
    Type: AWS::Glue::Job
    Properties:
      Command: {Name: glueetl, ScriptLocation: s3://b/x.py}
      NumberOfWorkers: !Ref Workers
      SecurityConfiguration: !Ref Conf
""")
    report = parse(tmp_path, """\
Resources:
  Data:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child/glue.yaml
      Parameters:
        Workers: 12
""", name="parent.yaml")
    assert report.errors == []
    nested = job(report, "Data/Job")
    assert nested.span.file == "child/glue.yaml"
    assert nested.number_of_workers is not None and nested.number_of_workers.data == 12
    assert nested.number_of_workers.origin == Origin.MODULE_INPUT
    assert nested.security_configuration is not None and nested.security_configuration.reference == "Data/Conf"
    conf = next(r for r in report.resources if r.address == "Data/Conf")
    assert conf.scope == nested.scope != "parent.yaml"
