"""Terraform plan JSON (``terraform show -json``) → the model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gluelint.discover import classify
from gluelint.model.resources import FileReport, Job, SecurityConfiguration, SourceFormat, Trigger
from gluelint.model.values import Origin
from gluelint.parse.options import ParseOptions
from gluelint.parse.plan import AFTER_APPLY, parse_plan

FIXTURE = Path(__file__).parent / "fixtures" / "plan" / "plan.json"


@pytest.fixture()
def report(tmp_path: Path) -> FileReport:
    path = tmp_path / "plan.json"
    shutil.copy(FIXTURE, path)
    return parse_plan(path, ParseOptions(root=tmp_path))


def test_discovered_as_a_plan() -> None:
    candidate = classify(FIXTURE)
    assert candidate is not None and candidate.kind == "plan"


def test_resources_and_addresses(report: FileReport) -> None:
    assert report.errors == []
    assert report.source_format == SourceFormat.TERRAFORM_PLAN
    assert [(r.resource_type, r.address) for r in report.resources if r.glue] == [
        ("aws_glue_security_configuration", "aws_glue_security_configuration.main"),
        ("aws_glue_trigger", "aws_glue_trigger.nightly"),
        ("aws_glue_job", "module.etl.aws_glue_job.this[0]"),
    ]
    assert all(r.source_format == SourceFormat.TERRAFORM_PLAN for r in report.resources)


def test_job_values_are_resolved(report: FileReport) -> None:
    job = next(r for r in report.resources if isinstance(r, Job))
    assert job.literal_name() == "prod-orders-ingest"
    assert job.command_name is not None and job.command_name.data == "glueetl"
    assert job.script_location is not None and job.script_location.data.startswith("s3://prod-artifacts/")  # type: ignore[union-attr]
    assert job.worker_type is not None and job.worker_type.data == "G.1X" and job.worker_type.origin == Origin.PLAN
    assert job.number_of_workers is not None and job.number_of_workers.data == 10
    assert job.timeout is not None and job.timeout.data == 120
    assert job.max_concurrent_runs is not None and job.max_concurrent_runs.data == 2
    assert job.security_configuration is not None and job.security_configuration.data == "prod-etl-security"
    assert job.notify_delay_after is None and job.connections is None  # empty block / null: absent
    args = job.default_arguments.as_object() if job.default_arguments else None
    assert args is not None and args.keys() == ["--enable-metrics", "--job-bookmark-option", "--TempDir"]
    assert job.region is not None and job.region.data == "eu-west-1"


def test_unknown_after_apply(report: FileReport) -> None:
    job = next(r for r in report.resources if isinstance(r, Job))
    assert job.role is not None and job.role.is_unknown and job.role.expression == AFTER_APPLY
    assert job.role.reference == "module.etl.aws_iam_role.glue"
    assert job.max_capacity is not None and job.max_capacity.is_unknown


def test_spans_point_into_the_plan(report: FileReport) -> None:
    lines = FIXTURE.read_text().split("\n")
    job = next(r for r in report.resources if isinstance(r, Job))
    assert job.span.file == "plan.json"
    assert lines[job.span.line - 1].strip() == "{"
    assert '"address": "module.etl.aws_glue_job.this[0]"' in lines[job.span.line]
    wt = job.worker_type
    assert wt is not None and wt.span is not None
    assert lines[wt.span.line - 1][wt.span.column - 1:wt.span.end_column - 1] == '"G.1X"'


def test_security_configuration_and_trigger(report: FileReport) -> None:
    sec = next(r for r in report.resources if isinstance(r, SecurityConfiguration))
    assert sec.s3_encryption_mode is not None and sec.s3_encryption_mode.data == "SSE-S3"
    assert sec.s3_kms_key_arn is None
    assert sec.cloudwatch_encryption_mode is not None and sec.cloudwatch_encryption_mode.data == "SSE-KMS"
    trigger = next(r for r in report.resources if isinstance(r, Trigger))
    assert trigger.schedule is not None and trigger.schedule.data == "cron(0 3 * * ? *)"
    assert len(trigger.actions) == 1 and trigger.actions[0].job_name is not None
    assert trigger.actions[0].job_name.data == "prod-orders-ingest"
    assert not trigger.has_predicate
    assert report.region == "eu-west-1"


@pytest.mark.parametrize("content", [b"", b"{", b'{"format_version": "1.2"}', b"[1, 2]", b"\x00\x01",
                                     b'{"format_version": "1.2", "planned_values": {"root_module": 5}}'])
def test_malformed_plans_give_at_most_one_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(content)
    report = parse_plan(path, ParseOptions(root=tmp_path))
    assert len(report.errors) <= 1 and report.resources == []
    if content != b'{"format_version": "1.2", "planned_values": {"root_module": 5}}':
        assert len(report.errors) == 1


def test_plan_without_root_module_is_a_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text('{"format_version": "1.2", "planned_values": {"outputs": {}}}', encoding="utf-8")
    report = parse_plan(path, ParseOptions(root=tmp_path))
    assert [e.message for e in report.errors] == ["not a Terraform plan: planned_values has no root_module"]
