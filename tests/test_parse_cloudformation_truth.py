"""Every CloudFormation Glue job of the generated corpus parses to exactly its ground truth (gen_corpus.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import GEN_CORPUS

from gluelint.model.resources import FileReport, Job
from gluelint.model.values import Origin, Value
from gluelint.parse.cloudformation import parse_template
from gluelint.parse.options import ParseOptions

GENERATOR = GEN_CORPUS
CFN_FORMATS = ("cloudformation-yaml", "cloudformation-json")
# The generator's template parameters: Environment and WorkerType have defaults, ArtifactBucket has none.
DEFAULTS = {"Environment": "dev", "KmsKeyArn": "", "WorkerType": "G.1X"}
ATTRIBUTES = ("command_name", "script_location", "python_version", "glue_version", "worker_type",
              "number_of_workers", "max_capacity", "timeout", "max_retries", "execution_class",
              "max_concurrent_runs", "security_configuration")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not GENERATOR.exists(), reason="corpus generator not available")]


@pytest.fixture(scope="module", params=[7, 11])
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp(f"corpus{request.param}")
    manifest = out / "truth.json"
    subprocess.run([sys.executable, str(GENERATOR), str(out / "repo"), "--files", "300", "--seed",
                    str(request.param), "--manifest", str(manifest)], check=True)
    return out / "repo", json.loads(manifest.read_text())


def _reports(root: Path, files: set[str]) -> dict[str, FileReport]:
    options = ParseOptions(root=root)
    return {f: parse_template(root / f, options) for f in sorted(files)}


def expected(spec: Any) -> Any:
    """What the parser must make of a manifest value: literal, branches by label, or ("unknown", reference)."""
    if isinstance(spec, dict) and "intrinsic" in spec:
        return _intrinsic(spec["intrinsic"])
    return spec


def _intrinsic(fn: dict[str, Any]) -> Any:
    ((name, arg),) = fn.items()
    if name == "Ref":
        if arg in DEFAULTS:
            return DEFAULTS[arg]
        return ("unknown", arg if arg not in ("ArtifactBucket",) and not arg.startswith("AWS::") else None)
    if name == "Fn::If":
        cond, yes, no = arg
        return {cond: expected(yes if not isinstance(yes, dict) else {"intrinsic": yes}),
                f"!{cond}": expected(no if not isinstance(no, dict) else {"intrinsic": no})}
    if name == "Fn::Sub":
        assert isinstance(arg, str)
        if "${ArtifactBucket}" in arg or "${AWS::" in arg:
            return ("unknown", None)
        for key, value in DEFAULTS.items():
            arg = arg.replace("${" + key + "}", value)
        return arg
    if name in ("Fn::ImportValue", "Fn::GetAtt"):
        return ("unknown", arg[0] if name == "Fn::GetAtt" else None)
    raise AssertionError(f"unexpected intrinsic in the manifest: {fn}")


def actual(value: Value | None) -> Any:
    if value is None:
        return None
    if value.is_branching:
        assert value.alternatives is not None
        return {alt.label: actual(alt.value) for alt in value.alternatives}
    if not value.known:
        return ("unknown", value.reference)
    assert not isinstance(value.data, list)
    return value.data


def test_every_cloudformation_job_matches_truth(corpus: tuple[Path, dict[str, Any]]) -> None:
    root, truth = corpus
    jobs = [j for j in truth["jobs"] if j["format"] in CFN_FORMATS]
    assert jobs, "the corpus should hold CloudFormation jobs"
    reports = _reports(root, {j["file"] for j in jobs})
    for report in reports.values():
        assert report.errors == []
    parsed = {(f, r.address): r for f, rep in reports.items() for r in rep.resources if isinstance(r, Job)}
    assert set(parsed) == {(j["file"], j["logical_name"]) for j in jobs}  # no missing or extra jobs
    for job in jobs:
        model = parsed[(job["file"], job["logical_name"])]
        attrs = job["attributes"]
        for name in ATTRIBUTES:
            assert actual(getattr(model, name)) == expected(attrs[name]), (job["logical_name"], name)
        args = model.default_arguments.as_object() if model.default_arguments else None
        assert args is not None
        assert [[e.key, e.value.data] for e in args.entries] == attrs["default_arguments"]
        worker = attrs["worker_type"]
        if isinstance(worker, dict):  # !Ref WorkerType: known from the parameter default
            assert model.worker_type is not None and model.worker_type.origin == Origin.PARAMETER_DEFAULT
            assert model.worker_type.expression == "!Ref WorkerType"


def test_other_glue_resources_and_no_errors_anywhere(corpus: tuple[Path, dict[str, Any]]) -> None:
    root, truth = corpus
    templates = {str(p.relative_to(root)) for p in (root / "stacks").rglob("*") if p.is_file()}
    reports = _reports(root, templates)
    assert all(not r.errors for r in reports.values())
    found = {(f, r.resource_type, r.address) for f, rep in reports.items() for r in rep.resources}
    for other in truth["other"]:
        if other["format"] in CFN_FORMATS and other["type"] != "AWS::Glue::Database":
            assert (other["file"], other["type"], other["logical_name"]) in found
    # Jobs only where the manifest has them (nested-stack instances, "Stack/Job", are checked below)
    jobs = {(j["file"], j["logical_name"]) for j in truth["jobs"] if j["format"] in CFN_FORMATS}
    assert {(f, a) for f, t, a in found if t == "AWS::Glue::Job" and "/" not in a} == jobs


def test_nested_stacks_bind_parent_parameters(corpus: tuple[Path, dict[str, Any]]) -> None:
    root, truth = corpus
    assert truth["nested_stacks"]
    for nested in truth["nested_stacks"]:
        report = parse_template(root / nested["file"], ParseOptions(root=root))
        assert report.errors == []
        child_jobs = [j for j in truth["jobs"] if j["file"] == nested["child"]]
        instances = {r.address.split("/", 1)[1]: r for r in report.resources if isinstance(r, Job)}
        assert set(instances) == {j["logical_name"] for j in child_jobs}
        for job in child_jobs:
            model = instances[job["logical_name"]]
            assert model.span.file == nested["child"] and model.address.count("/") == 1
            # ArtifactBucket has no default in the child; the parent passes "artifacts-bucket".
            script = job["attributes"]["script_location"]["intrinsic"]["Fn::Sub"]
            assert model.script_location is not None
            assert model.script_location.data == script.replace("${ArtifactBucket}", "artifacts-bucket")
            assert model.script_location.origin == Origin.MODULE_INPUT
            security = model.security_configuration
            if security is not None and security.reference is not None:
                assert any(r.address == security.reference and r.scope == model.scope for r in report.resources)


def test_duplicate_conf_keys_survive(corpus: tuple[Path, dict[str, Any]]) -> None:
    root, truth = corpus
    dup = [j for j in truth["jobs"] if j["format"] in CFN_FORMATS and "duplicate_conf_key" in j["defects_intended"]]
    for job in dup:
        report = parse_template(root / job["file"], ParseOptions(root=root))
        model = next(r for r in report.resources if r.address == job["logical_name"])
        assert isinstance(model, Job) and model.default_arguments is not None
        args = model.default_arguments.as_object()
        assert args is not None and len(args.all("--conf")) == 2
