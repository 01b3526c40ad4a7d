"""Real-world templates (../shared/corpus/real, see SOURCES.md): all parse, key attributes hand-checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REAL_CORPUS, needs_real_corpus

from gluelint.model.resources import FileReport, Job, SecurityConfiguration
from gluelint.parse.cloudformation import parse_template
from gluelint.parse.options import ParseOptions

REAL = REAL_CORPUS
FILES = sorted(p for d in ("cloudformation-yaml", "sam", "cdk") for p in (REAL / d).glob("*") if p.is_file())

pytestmark = needs_real_corpus


def parse(fragment: str) -> FileReport:
    (path,) = [p for p in FILES if fragment in p.name]
    return parse_template(path, ParseOptions(root=REAL))


def jobs(report: FileReport) -> dict[str, Job]:
    return {r.address: r for r in report.resources if isinstance(r, Job)}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name[:60])
def test_every_real_template_parses(path: Path) -> None:
    report = parse_template(path, ParseOptions(root=REAL))
    assert report.errors == []
    assert report.resources, "every file in the corpus holds Glue resources"


def test_dmscdc_unquoted_versions_keep_their_text() -> None:
    found = jobs(parse("DMSCDC_CloudTemplate_Reusable"))
    assert len(found) == 4
    etl = found["GlueJobLoadIncremental"]
    assert etl.glue_version is not None and etl.glue_version.data == "3.0"  # written unquoted: 3.0
    assert etl.allocated_capacity is not None and etl.allocated_capacity.data == 2
    assert etl.max_concurrent_runs is not None and etl.max_concurrent_runs.data == 50
    assert etl.timeout is None
    shell = found["GlueJobController"]
    assert shell.command_name is not None and shell.command_name.data == "pythonshell"
    assert shell.python_version is not None and shell.python_version.data == "3"


def test_sam_template_parameter_defaults() -> None:
    job = jobs(parse("sam-dynamodb-glue-transform"))["ImportLoadJob"]
    assert job.worker_type is not None and job.worker_type.data == "G.2X"
    assert job.number_of_workers is not None and job.number_of_workers.data == 145
    assert job.glue_version is not None and job.glue_version.data == "4.0"
    assert job.script_location is not None and job.script_location.data == ""


def test_cdk_python_shell_jobs() -> None:
    found = jobs(parse("job-python-shell"))
    assert len(found) == 4
    capacities = sorted(j.max_capacity.data for j in found.values() if j.max_capacity is not None)  # type: ignore[type-var]
    assert capacities == [0.0625, 0.0625, 0.0625, 1]
    versions = sorted(str(j.glue_version.data) for j in found.values() if j.glue_version is not None)
    assert versions == ["1.0", "3.0", "3.0", "3.0"]
    for job in found.values():
        assert job.script_location is not None and job.script_location.is_unknown  # CDK asset bucket


def test_cdk_streaming_job_and_security_configuration() -> None:
    report = parse("kinglu-code-asset-job")
    job = next(iter(jobs(report).values()))
    assert job.command_name is not None and job.command_name.data == "gluestreaming"
    assert job.worker_type is not None and job.worker_type.data == "G.1X"
    args = job.default_arguments.as_object() if job.default_arguments else None
    assert args is not None and args.get("--enable-metrics") is not None
    assert args.get("--enable-metrics").data is True  # type: ignore[union-attr]  # a JSON boolean
    sec = next(r for r in report.resources if isinstance(r, SecurityConfiguration))
    assert sec.s3_encryption_mode is not None and sec.s3_encryption_mode.data == "SSE-S3"
    assert sec.cloudwatch_encryption_mode is None


def test_language_extensions_for_each() -> None:
    found = jobs(parse("sdlf-cicd__template-glue-job"))
    (job,) = found.values()
    assert job.condition == "GlueJobsNotEmpty"
    assert job.max_capacity is not None and job.max_capacity.data == 2.0
    assert job.glue_version is not None and job.glue_version.data == "4.0"
    assert job.worker_type is None
    assert job.default_arguments is not None and job.default_arguments.is_branching
    assert job.security_configuration is not None and job.security_configuration.is_unknown


def test_msk_template_parameter_default_worker() -> None:
    job = next(iter(jobs(parse("msk-with-schema-registry")).values()))
    assert job.worker_type is not None and job.worker_type.data == "Standard"
    assert job.glue_version is not None and job.glue_version.data == "4.0"
