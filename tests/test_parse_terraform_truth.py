"""Every Terraform (HCL and JSON) Glue job of the generated corpus parses to exactly its ground truth."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from conftest import GEN_CORPUS

from gluelint.model.resources import FileReport, Job
from gluelint.model.values import Origin, Value
from gluelint.parse.options import ParseOptions
from gluelint.parse.terraform import parse_terraform

TF_FORMATS = ("terraform", "terraform-json")
ATTRIBUTES = ("command_name", "script_location", "python_version", "glue_version", "worker_type",
              "number_of_workers", "max_capacity", "timeout", "max_retries", "execution_class",
              "max_concurrent_runs", "security_configuration")
# gen_corpus.py: module folder → (job resource name, the input that sets glue_version)
MODULES = {"etl-pipeline": ("this", "runtime_version"), "glue-job": ("job", "glue_version")}
MODULE_DEFAULTS = {"worker_type": "G.1X", "number_of_workers": 2, "glue_version": "4.0", "timeout": 60,
                   "max_concurrent_runs": 1, "command_name": "glueetl"}

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not GEN_CORPUS.exists(), reason="corpus generator not available")]


@pytest.fixture(scope="module", params=[7, 11])
def corpus(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, FileReport]]:
    out = tmp_path_factory.mktemp(f"tfcorpus{request.param}")
    manifest = out / "truth.json"
    subprocess.run([sys.executable, str(GEN_CORPUS), str(out / "repo"), "--files", "300", "--seed",
                    str(request.param), "--manifest", str(manifest)], check=True)
    root = out / "repo"
    paths = sorted(p for p in root.rglob("*") if p.name.endswith((".tf", ".tf.json")))
    reports = parse_terraform(paths, ParseOptions(root=root))
    return json.loads(manifest.read_text()), {r.path: r for r in reports}


def _jobs(reports: dict[str, FileReport]) -> dict[tuple[str, str], Job]:
    return {(path, r.address): r for path, rep in reports.items() for r in rep.resources if isinstance(r, Job)}


def _check(value: Value | None, expected: Any, what: str) -> None:
    if expected is None:
        assert value is None, f"{what}: expected absent, got {value.plain() if value else None}"
        return
    assert value is not None, f"{what}: missing"
    if isinstance(expected, dict) and "expr" in expected:
        assert value.expression == expected["expr"], f"{what}: expression {value.expression!r}"
        return
    assert value.known and value.data == expected, f"{what}: {value.plain()!r} != {expected!r}"
    assert type(value.data) is type(expected) or isinstance(expected, float), what


def _pairs(value: Value | None) -> list[list[Any]]:
    assert value is not None
    obj = value.as_object()
    assert obj is not None, value.plain()
    return [[e.key, e.value.data] for e in obj.entries]


def test_every_file_parses_without_errors(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    _, reports = corpus
    assert [e for r in reports.values() for e in r.errors] == []


def test_jobs_match_ground_truth(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    manifest, reports = corpus
    jobs = _jobs(reports)
    checked = 0
    for truth in manifest["jobs"]:
        if truth["format"] not in TF_FORMATS or not isinstance(truth["attributes"], dict):
            continue
        key = (truth["file"], f"aws_glue_job.{truth['logical_name']}")
        assert key in jobs, f"missing {key}"
        job, attrs = jobs[key], truth["attributes"]
        for name in ATTRIBUTES:
            _check(getattr(job, name), attrs[name], f"{key} {name}")
        args = attrs["default_arguments"]
        if isinstance(args, dict):  # merge(local.glue_default_arguments, {...}): the local is in the same file
            assert job.default_arguments is not None
            assert (job.default_arguments.expression or "").startswith("merge(local.glue_default_arguments, ")
            assert _pairs(job.default_arguments) == [["--enable-glue-datacatalog", "true"],
                                                     ["--enable-job-insights", "true"], *args["literal_part"]]
        else:
            assert _pairs(job.default_arguments) == args, key
        for entry in (job.default_arguments.as_object() or []).entries if job.default_arguments else []:
            assert entry.key_span is not None and entry.key_span.line >= job.span.line
        checked += 1
    assert checked > 10


def test_no_extra_jobs(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    manifest, reports = corpus
    expected = {(t["file"], f"aws_glue_job.{t['logical_name']}") for t in manifest["jobs"]
                if t["format"] in TF_FORMATS and isinstance(t["attributes"], dict)}
    for call in manifest["module_calls"]:
        folder = call["source"].rsplit("/", 1)[1]
        expected.add((f"modules/{folder}/main.tf", f"module.{call['module']}.aws_glue_job.{MODULES[folder][0]}"))
    templates = {t["file"] for t in manifest["jobs"] if t["attributes"] == "module template (var.*)"}
    found = set(_jobs(reports))
    for file, address in found - expected:  # only module templates no call instantiates are reported alone
        assert file in templates and not address.startswith("module."), (file, address)
        assert not any(c["source"].endswith(file.rsplit("/", 2)[1]) for c in manifest["module_calls"])
    assert expected <= found


def test_module_calls_bind_inputs(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    manifest, reports = corpus
    jobs = _jobs(reports)
    assert manifest["module_calls"]
    for call in manifest["module_calls"]:
        folder = call["source"].rsplit("/", 1)[1]
        res, version_input = MODULES[folder]
        job = jobs[(f"modules/{folder}/main.tf", f"module.{call['module']}.aws_glue_job.{res}")]
        inputs = call["inputs"]
        assert job.scope.startswith(f"module.{call['module']}@")
        for name in ("worker_type", "number_of_workers", "timeout", "max_concurrent_runs"):
            value = getattr(job, name)
            assert value is not None and value.data == inputs.get(name, MODULE_DEFAULTS[name]), (call, name)
            assert value.origin == (Origin.MODULE_INPUT if name in inputs else Origin.VARIABLE_DEFAULT)
            assert value.span is not None and value.span.file == f"modules/{folder}/main.tf"
        assert job.glue_version is not None and job.glue_version.data == inputs.get(version_input, "4.0")
        assert job.command_name is not None and job.command_name.data == "glueetl"
        assert job.script_location is not None and job.script_location.is_unknown  # var.artifact_bucket
        if "security_configuration" in inputs:
            assert job.security_configuration is not None and job.security_configuration.is_unknown
        else:
            assert job.security_configuration is None  # variable default null: not set
        args = [["--enable-metrics", "true"], ["--job-language", "python"], *inputs["job_arguments"]]
        assert _pairs(job.default_arguments) == args
        caller = call["file"]
        entries = job.default_arguments.as_object().entries if job.default_arguments else []
        assert entries[-1].key_span is not None and entries[-1].key_span.file == caller


def _walk(value: Value, where: str, bad: list[str]) -> None:
    if value.span is None or not value.span.file.endswith((".tf", ".tf.json")):
        bad.append(where)
    for alt in value.alternatives or []:
        _walk(alt.value, where, bad)
    for item in value.as_list() or []:
        _walk(item, where, bad)
    obj = value.as_object()
    for entry in obj.entries if obj is not None else []:
        if entry.key_span is None:
            bad.append(f"{where}.{entry.key} (key)")
        _walk(entry.value, f"{where}.{entry.key}", bad)


def test_every_value_and_entry_has_a_span(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    _, reports = corpus
    bad: list[str] = []
    for report in reports.values():
        for resource in report.resources:
            assert resource.span.file == report.path
            for name, value in resource:
                if isinstance(value, Value):
                    _walk(value, f"{resource.address}.{name}", bad)
    assert bad == []
