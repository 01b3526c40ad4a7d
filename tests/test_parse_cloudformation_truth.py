"""Every CloudFormation Glue job of the generated monorepo parses to exactly its ground truth: parameter
defaults, parameters without one, Fn::If on a condition, Fn::Sub, Fn::GetAtt, Fn::ImportValue, duplicate keys,
nested stacks binding the parent's parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import generated_corpus
from truth_support import mismatch, pairs

from gluelint.model.resources import FileReport, Job
from gluelint.parse.cloudformation import parse_template
from gluelint.parse.options import ParseOptions

CFN_FORMATS = ("cloudformation-yaml", "cloudformation-json")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=[7, 11])
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[dict[str, Any], dict[str, FileReport]]:
    root = tmp_path_factory.mktemp(f"corpus{request.param}") / "repo"
    manifest = generated_corpus(root, 300, request.param)
    options = ParseOptions(root=root)
    templates = sorted(p for p in (root / "stacks").rglob("*") if p.is_file())
    return manifest, {p.relative_to(root).as_posix(): parse_template(p, options) for p in templates}


def _jobs(reports: dict[str, FileReport]) -> dict[tuple[str, str], Job]:
    return {(f, r.address): r for f, rep in reports.items() for r in rep.resources if isinstance(r, Job)}


def test_every_template_parses_without_errors(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    _, reports = corpus
    assert [e for r in reports.values() for e in r.errors] == []


def test_every_cloudformation_job_matches_truth(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    manifest, reports = corpus
    truths = [t for t in manifest["jobs"] if t["format"] in CFN_FORMATS]
    assert {t["format"] for t in truths} == set(CFN_FORMATS)
    jobs = _jobs(reports)
    wrong: list[str] = []
    for truth in truths:
        job = jobs[(truth["file"], truth["address"])]
        for name, expected in truth["fields"].items():
            why = mismatch(getattr(job, name), expected)
            if why:
                wrong.append(f"{truth['file']} {truth['address']} {name}: {why}")
        if pairs(job.default_arguments) != truth["arguments"]:  # a key written twice keeps both entries
            wrong.append(f"{truth['address']} arguments {pairs(job.default_arguments)} != {truth['arguments']}")
    assert wrong == []


def test_no_missing_or_extra_jobs(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    manifest, reports = corpus
    expected = {(t["file"], t["address"]) for t in manifest["jobs"] if t["format"] in CFN_FORMATS}
    expected |= {(n["parent"], n["address"]) for n in manifest["nested_jobs"]}
    assert set(_jobs(reports)) == expected


def test_other_glue_resources(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    manifest, reports = corpus
    found = {(f, r.resource_type, r.address) for f, rep in reports.items() for r in rep.resources}
    others = {(o["file"], o["type"], o["address"]) for o in manifest["others"] if o["format"] in CFN_FORMATS}
    assert others and others <= found


def test_nested_stacks_bind_parent_parameters(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    manifest, reports = corpus
    assert manifest["nested_jobs"]
    for nested in manifest["nested_jobs"]:
        job = _jobs(reports)[(nested["parent"], nested["address"])]
        assert job.span.file == nested["file"]  # reported where it is written, in the child
        for name, expected in nested["fields"].items():
            assert mismatch(getattr(job, name), expected) is None, (nested["address"], name)
        assert pairs(job.default_arguments) == nested["arguments"]
        security = job.security_configuration
        if security is not None and security.reference is not None:  # resolves inside the same instance
            assert any(r.address == f"{nested['address'].split('/')[0]}/{security.reference}"
                       or (r.address == security.reference and r.scope == job.scope)
                       for r in reports[nested["parent"]].resources)


def test_serverless_application_is_not_instantiated(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    """The parser follows AWS::CloudFormation::Stack only; the pre-filter must agree (test_speed_equivalence)."""
    manifest, reports = corpus
    assert manifest["serverless_applications"]
    for app in manifest["serverless_applications"]:
        assert reports[app["file"]].resources == []
        assert any(isinstance(r, Job) for r in reports[app["child"]].resources)


def test_generated_templates_are_what_cloudformation_reads(tmp_path: Path) -> None:
    """The renderer's YAML is YAML: every template loads with PyYAML (short-form tags as plain tags)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    generated_corpus(tmp_path, 60, 5)
    for path in (tmp_path / "stacks").rglob("*.yaml"):
        assert isinstance(yaml.load(path.read_text(), Loader=Loader), dict), path
