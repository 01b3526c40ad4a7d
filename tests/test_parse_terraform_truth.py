"""Every Terraform (HCL and JSON) Glue job of the generated monorepo parses to exactly its ground truth:
literals, variable defaults, terraform.tfvars, module inputs, merge(local...) arguments, references."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import generated_corpus
from corpus_gen import LOCAL_ARGUMENTS
from truth_support import mismatch, pairs

from gluelint.model.resources import FileReport, Job
from gluelint.parse.options import ParseOptions
from gluelint.parse.terraform import parse_terraform

TF_FORMATS = ("terraform", "terraform-json")
LOCAL_KEYS = {k for k, _ in LOCAL_ARGUMENTS}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=[7, 11])
def corpus(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, FileReport]]:
    root = tmp_path_factory.mktemp(f"tfcorpus{request.param}") / "repo"
    manifest = generated_corpus(root, 300, request.param)
    paths = sorted(p for p in root.rglob("*") if p.name.endswith((".tf", ".tf.json")))
    reports = parse_terraform(paths, ParseOptions(root=root))
    return manifest, {r.path: r for r in reports}


def _jobs(reports: dict[str, FileReport]) -> dict[tuple[str, str], Job]:
    return {(path, r.address): r for path, rep in reports.items() for r in rep.resources if isinstance(r, Job)}


def test_every_file_parses_without_errors(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    _, reports = corpus
    assert [e for r in reports.values() for e in r.errors] == []


def test_jobs_match_ground_truth(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    manifest, reports = corpus
    jobs = _jobs(reports)
    wrong: list[str] = []
    truths = [t for t in manifest["jobs"] if t["format"] in TF_FORMATS]
    assert len(truths) > 10 and {t["format"] for t in truths} == set(TF_FORMATS)
    for truth in truths:
        key = (truth["file"], truth["address"])
        assert key in jobs, f"missing {key}"
        job = jobs[key]
        for name, expected in truth["fields"].items():
            why = mismatch(getattr(job, name), expected)
            if why:
                wrong.append(f"{key} {name}: {why}")
        if pairs(job.default_arguments) != truth["arguments"]:
            wrong.append(f"{key} default_arguments: {pairs(job.default_arguments)} != {truth['arguments']}")
        local = len(truth["arguments"]) - len([e for e in truth["arguments"] if e[0] not in LOCAL_KEYS])
        entries = job.default_arguments.as_object().entries if job.default_arguments else []
        for number, entry in enumerate(entries):  # where each key is written: the locals block, or the job
            assert entry.key_span is not None and entry.key_span.file == job.span.file
            assert (entry.key_span.line < job.span.line) == (number < local), (key, entry.key)
    assert wrong == []


def test_no_missing_or_extra_jobs(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    manifest, reports = corpus
    expected = {(t["file"], t["address"]) for t in manifest["jobs"] if t["format"] in TF_FORMATS}
    expected |= {(m["file"], m["address"]) for m in manifest["module_jobs"]}
    assert set(_jobs(reports)) == expected  # the module's own folder is called, so never a root of its own


def test_module_calls_bind_inputs(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    manifest, reports = corpus
    jobs = _jobs(reports)
    assert manifest["module_jobs"]
    for truth in manifest["module_jobs"]:
        job = jobs[(truth["file"], truth["address"])]
        assert job.scope.startswith(f"module.{truth['call']}@")
        for name, expected in truth["fields"].items():
            assert mismatch(getattr(job, name), expected) is None, (truth["address"], name)
            value = getattr(job, name)
            if name != "command_name":  # the value is written in the module, wherever it came from
                assert value.span is not None and value.span.file in (truth["file"], truth["caller"],
                                                                      "modules/glue-job/variables.tf")
        assert pairs(job.default_arguments) == truth["arguments"]
        assert job.script_location is not None and job.script_location.known  # default bucket, input name
        entries = job.default_arguments.as_object().entries if job.default_arguments else []
        assert entries[-1].key_span is not None and entries[-1].key_span.file == truth["caller"]


def test_other_glue_resources(corpus: tuple[dict[str, Any], dict[str, FileReport]]) -> None:
    manifest, reports = corpus
    found = {(path, r.address) for path, rep in reports.items() for r in rep.resources}
    others = [(o["file"], o["address"]) for o in manifest["others"] if o["format"] in TF_FORMATS]
    assert others and set(others) <= found


def _walk(value: Any, where: str, bad: list[str]) -> None:
    if value.span is None or not value.span.file.endswith((".tf", ".tf.json", ".tfvars")):
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
    from gluelint.model.values import Value

    _, reports = corpus
    bad: list[str] = []
    for report in reports.values():
        for resource in report.resources:
            assert resource.span.file == report.path
            for name, value in resource:
                if isinstance(value, Value):
                    _walk(value, f"{resource.address}.{name}", bad)
    assert bad == []


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first = generated_corpus(tmp_path / "a", 40, 3)
    second = generated_corpus(tmp_path / "b", 40, 3)
    assert first == second
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
