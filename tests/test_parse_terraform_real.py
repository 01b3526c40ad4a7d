"""The real Terraform files of the shared corpus (SOURCES.md) parse cleanly and give the hand-read values.

Files are stored flat as ``owner__repo__path__file.tf``; the test rebuilds each repository's folder layout
so module calls with a local source (``../../modules/glue-job``) resolve as they do upstream.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import REAL_CORPUS, needs_real_corpus

from gluelint.model.resources import FileReport, Job, Resource
from gluelint.model.values import Origin, Value
from gluelint.parse.options import ParseOptions
from gluelint.parse.terraform import parse_terraform

TF_DIR = REAL_CORPUS / "terraform"
pytestmark = needs_real_corpus


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FileReport]:
    root = tmp_path_factory.mktemp("real")
    paths = []
    for source in sorted(TF_DIR.glob("*.tf")):
        target = root.joinpath(*source.name.split("__"))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        paths.append(target)
    return {r.path: r for r in parse_terraform(paths, ParseOptions(root=root))}


def _find(reports: dict[str, FileReport], file_end: str, address: str) -> Resource:
    for path, report in reports.items():
        if path.endswith(file_end):
            for r in report.resources:
                if r.address == address:
                    return r
    found = [(p, [x.address for x in r.resources]) for p, r in reports.items() if p.endswith(file_end)]
    raise AssertionError(f"{address} not found in {file_end}: {found}")


def _data(value: Value | None) -> object:
    assert value is not None
    assert value.known, value.plain()
    return value.data


def test_every_file_parses_without_errors(reports: dict[str, FileReport]) -> None:
    assert len([p for p in reports if p.endswith(".tf")]) >= len(list(TF_DIR.glob("*.tf")))
    assert {p: r.errors for p, r in reports.items() if r.errors} == {}


def test_cds_snc_duplicate_additional_python_modules(reports: dict[str, FileReport]) -> None:
    job = _find(reports, "glue/etl.tf", "aws_glue_job.platform_gc_notify_job")
    assert isinstance(job, Job) and job.default_arguments is not None
    args = job.default_arguments.as_object()
    assert args is not None
    dupes = args.all("--additional-python-modules")
    assert len(dupes) == 2
    assert dupes[0].value.data == "great_expectations==0.18.22"
    assert dupes[1].value.is_unknown and "aws_s3_object.platform_gc_notify_requirements.key" in str(
        dupes[1].value.expression)
    assert dupes[0].key_span is not None and dupes[1].key_span is not None
    assert dupes[1].key_span.line - dupes[0].key_span.line == 13
    assert _data(job.worker_type) == "G.4X" and _data(job.number_of_workers) == 2
    sec = job.security_configuration
    assert sec is not None and sec.reference == "aws_glue_security_configuration.encryption_at_rest"


def test_cds_snc_pythonshell_glue_5(reports: dict[str, FileReport]) -> None:
    jobs = [r for p, rep in reports.items() if p.endswith("glue/etl.tf") for r in rep.resources if isinstance(r, Job)]
    assert len(jobs) == 4
    shell = [j for j in jobs if j.command_name is not None and j.command_name.data == "pythonshell"]
    assert shell and all(_data(j.glue_version) == "5.0" for j in shell)
    assert sorted(_data(j.max_capacity) for j in shell) == [0.0625, 1, 1]  # type: ignore[type-var]


def test_schubergphilis_example_upper_case_script_scheme(reports: dict[str, FileReport]) -> None:
    job = _find(reports, "terraform-aws-mcaf-glue-job/main.tf", "module.example_glue_job.aws_glue_job.default")
    assert isinstance(job, Job)
    assert _data(job.script_location) == "S3://example-bucket/location/script.py"
    assert job.script_location is not None and job.script_location.origin == Origin.MODULE_INPUT
    assert _data(job.worker_type) == "Standard"
    assert _data(job.number_of_workers) == "2"  # the module declares number_of_workers with type = string
    assert _data(job.glue_version) == "4.0"
    assert job.glue_version is not None and job.glue_version.origin == Origin.VARIABLE_DEFAULT


def test_cloudposse_example_job_via_module(reports: dict[str, FileReport]) -> None:
    job = _find(reports, "modules/glue-job/main.tf", "module.glue_job.aws_glue_job.this")
    assert isinstance(job, Job)
    assert _data(job.worker_type) == "Standard" and _data(job.number_of_workers) == 2
    assert _data(job.glue_version) == "2.0"  # var.glue_version of the example, default "2.0"
    assert _data(job.timeout) == 20 and _data(job.command_name) == "glueetl"
    assert job.condition is not None and "local.enabled" in job.condition  # count = local.enabled ? 1 : 0
    assert job.glue_version is not None and job.glue_version.span is not None
    assert job.glue_version.span.file.endswith("modules/glue-job/main.tf")
    assert job.glue_version.expression == "var.glue_version"


def test_quixoticmonk_minimal_module_call(reports: dict[str, FileReport]) -> None:
    found = [r for p, rep in reports.items() if "quixoticmonk" in p for r in rep.resources
             if isinstance(r, Job) and r.address.startswith("module.")]
    assert found, "module instances of quixoticmonk/terraform-aws-glue"
    for job in found:
        kind = _data(job.command_name)
        # the module writes glue_version = var.job_type == "pythonshell" ? null : var.glue_version
        assert job.glue_version is None if kind == "pythonshell" else _data(job.glue_version) == "4.0", job.address
    shell = [j for j in found if _data(j.command_name) == "pythonshell"]
    assert shell and _data(shell[0].max_capacity) == 0.0625


def test_infracost_fixture_values(reports: dict[str, FileReport]) -> None:
    jobs = [r for p, rep in reports.items() if "infracost" in p for r in rep.resources if isinstance(r, Job)]
    assert len(jobs) == 6
    capacities = [j.max_capacity.data for j in jobs if j.max_capacity is not None]
    assert "0.0625" in capacities  # written as a string
    assert all(j.glue_version is None for j in jobs)


def test_checkov_fixture_security_configuration(reports: dict[str, FileReport]) -> None:
    resources = [r for p, rep in reports.items() if "checkov" in p for r in rep.resources]
    kinds = {r.resource_type for r in resources}
    assert {"aws_glue_job", "aws_glue_crawler", "aws_glue_dev_endpoint"} <= kinds
    with_sec = [r for r in resources if getattr(r, "security_configuration", None) is not None]
    assert with_sec and all(_data(r.security_configuration) for r in with_sec)  # type: ignore[attr-defined]


def test_boldlink_for_each_and_count(reports: dict[str, FileReport]) -> None:
    resources = [r for p, rep in reports.items() if "boldlink" in p for r in rep.resources]
    assert resources
    assert any(r.resource_type == "aws_glue_security_configuration" for r in resources)
