"""The fast path (pre-filter, parallel parse, parse cache) gives exactly what a plain full parse gives.

No timing here: speed is measured by ``bench/``. These tests only check that every shortcut is invisible.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import generated_corpus

from gluelint.discover import discover
from gluelint.engine import RunRequest, run
from gluelint.findings.result import RunResult
from gluelint.parse import dispatch
from gluelint.parse.cache import FORMAT
from gluelint.parse.options import ParseOptions
from gluelint.parse.prefilter import select

pytestmark = pytest.mark.slow

TODAY = dt.date(2026, 11, 26)


def _run(root: Path, **kwargs: object) -> RunResult:
    request = RunRequest(paths=[root], parse_options=ParseOptions(root=root), today=TODAY)
    for name, value in kwargs.items():
        setattr(request, name, value)
    return run(request)


def _resources(result: RunResult) -> list[tuple[str, str, str]]:
    return sorted((r.scope, r.address, r.model_dump_json()) for r in result.inventory.resources)


def _findings(result: RunResult) -> list[str]:
    return [f.model_dump_json() for f in result.findings]


def _files(result: RunResult) -> list[str]:
    return sorted(f.path for f in result.inventory.files)


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("GLUELINT_CACHE_DIR", str(cache))
    return cache


@pytest.fixture(scope="module", params=[1, 7], ids=["seed1", "seed7"])
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"corpus{request.param}") / "repo"
    generated_corpus(out, 300, request.param)
    return out.resolve()


@pytest.fixture(scope="module")
def full(corpus: Path) -> RunResult:
    return _run(corpus, prefilter=False, use_cache=False, jobs=1)


def test_fast_path_matches_full_parse(corpus: Path, full: RunResult) -> None:
    fast = _run(corpus, use_cache=False, jobs=1)
    assert full.inventory.resources, "the corpus should hold Glue resources"
    assert _resources(fast) == _resources(full)
    assert _findings(fast) == _findings(full)
    assert _files(fast) == _files(full)
    assert fast.files_scanned == full.files_scanned


def test_parallel_parse_matches_full_parse(corpus: Path, full: RunResult) -> None:
    parallel = _run(corpus, use_cache=False, jobs=2)
    assert _resources(parallel) == _resources(full)
    assert _findings(parallel) == _findings(full)


def test_prefilter_skips_but_keeps_feeders(corpus: Path) -> None:
    candidates = discover([corpus])
    selection = select(candidates, options=ParseOptions(root=corpus))
    kept = {c.path.relative_to(corpus).as_posix() for c in selection.kept}
    assert selection.skipped, "a 300-file corpus has files without Glue"
    callers = [p for p in kept if p.startswith("envs/")]
    assert callers, "module callers must be kept"


def test_cache_hit_gives_identical_results(corpus: Path, full: RunResult, _cache_dir: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _run(corpus, jobs=1)
    assert any(_cache_dir.joinpath(FORMAT).rglob("*.pkl"))

    def no_parsing(*args: object, **kwargs: object) -> object:
        raise AssertionError("a warm run must not parse")

    monkeypatch.setattr(dispatch, "_parse_batch", no_parsing)
    warm = _run(corpus, jobs=1)
    for result in (cold, warm):
        assert _resources(result) == _resources(full)
        assert _findings(result) == _findings(full)


def test_corrupt_cache_entries_are_ignored(corpus: Path, full: RunResult, _cache_dir: Path) -> None:
    _run(corpus, jobs=1)
    entries = sorted(_cache_dir.joinpath(FORMAT).rglob("*.pkl"))
    assert entries
    for number, entry in enumerate(entries):
        data = entry.read_bytes()
        # garbage, a truncated pickle, an empty file, and a valid pickle of the wrong thing
        entry.write_bytes([b"not a pickle", data[: len(data) // 2], b"", b"\x80\x04K\x01."][number % 4])
    again = _run(corpus, jobs=1)
    assert _resources(again) == _resources(full)
    assert _findings(again) == _findings(full)
    assert entries[0].read_bytes()[:2] == b"\x80\x05"  # rewritten with a valid entry


def test_no_cache_option_neither_reads_nor_writes(tmp_path: Path, _cache_dir: Path) -> None:
    from gluelint.cli import main

    folder = tmp_path / "tf"
    folder.mkdir()
    (folder / "main.tf").write_text('resource "aws_glue_job" "a" {\n  name     = "a"\n  role_arn = "r"\n'
                                    '  command {\n    script_location = "s3://b/a.py"\n  }\n}\n')
    result = CliRunner().invoke(main, ["check", str(folder), "--no-cache", "--exit-zero", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert not _cache_dir.exists() or not any(_cache_dir.rglob("*.pkl"))
    result = CliRunner().invoke(main, ["check", str(folder), "--exit-zero", "--format", "json", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert any(_cache_dir.rglob("*.pkl"))


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_prefilter_follows_modules_tfvars_and_nested_stacks(tmp_path: Path) -> None:
    _write(tmp_path / "modules/pipeline/main.tf", 'resource "aws_glue_job" "this" {\n  name = var.name\n}\n'
           'variable "name" {}\n')
    _write(tmp_path / "modules/wrapper/main.tf", 'module "p" {\n  source = "../pipeline"\n  name = var.n\n}\n'
           'variable "n" {}\n')
    _write(tmp_path / "modules/vpc/main.tf", 'resource "aws_vpc" "v" {}\n')
    caller = _write(tmp_path / "envs/prod/main.tf", 'module "w" {\n  source = "../../modules/wrapper"\n'
                    '  n = var.n\n}\nmodule "vpc" {\n  source = "../../modules/vpc"\n}\nvariable "n" {}\n')
    _write(tmp_path / "envs/prod/terraform.tfvars", 'n = "prod"\n')
    other = _write(tmp_path / "envs/web/main.tf", 'module "vpc" {\n  source = "../../modules/vpc"\n}\n')
    noted = _write(tmp_path / "envs/ops/main.tf", '# gluelint:ignore GL301\nresource "aws_s3_bucket" "b" {}\n')
    child = _write(tmp_path / "stacks/etl.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
                   "  J:\n    Type: AWS::Glue::Job\n")
    parent = _write(tmp_path / "stacks/root.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
                    "  S:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
                    "      TemplateURL: !Sub https://s3.amazonaws.com/${B}/stacks/etl.yaml\n")
    plain = _write(tmp_path / "stacks/topic.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
                   "  T:\n    Type: AWS::SNS::Topic\n")
    selection = select(discover([tmp_path]), options=ParseOptions(root=tmp_path))
    kept = {c.path.resolve() for c in selection.kept}
    skipped = {c.path.resolve() for c in selection.skipped}
    for path in (caller, noted, child, parent, tmp_path / "modules/pipeline/main.tf",
                 tmp_path / "modules/wrapper/main.tf"):
        assert path.resolve() in kept, path
    assert {other.resolve(), plain.resolve(), (tmp_path / "modules/vpc/main.tf").resolve()} <= skipped
    # The callers of a Glue module are parsed with it; the tfvars and called modules key the cache.
    unit = next(u for u in selection.units if caller in u.paths)
    assert (tmp_path / "modules/pipeline/main.tf") in unit.paths
    names = {Path(name).name for name, _ in unit.inputs}
    assert "terraform.tfvars" in names
    assert any(name.endswith("modules/vpc/main.tf") for name, _ in unit.inputs)


def test_cache_key_changes_with_a_variable_file(tmp_path: Path) -> None:
    from gluelint.parse.cache import ParseCache

    _write(tmp_path / "main.tf", 'resource "aws_glue_job" "a" {\n  name = var.n\n}\nvariable "n" {}\n')
    tfvars = _write(tmp_path / "terraform.tfvars", 'n = "a"\n')
    cache = ParseCache(tmp_path / "cache", ParseOptions(root=tmp_path))

    def key() -> str:
        unit = select(discover([tmp_path])).units[0]
        return cache.key(unit.kind, unit.paths, unit.inputs)

    before = key()
    tfvars.write_text('n = "b"\n')
    assert key() != before


def test_prefilter_does_not_read_oversized_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gluelint.parse.prefilter as prefilter
    from gluelint.discover import discover

    big = tmp_path / "big.tf"
    big.write_text("# not glue\n" * 200, encoding="utf-8")
    monkeypatch.setattr(prefilter, "MAX_PREFILTER_BYTES", 100)
    opened: list[str] = []
    real_open = open

    def spy(file: object, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", spy)
    selection = prefilter.select(discover([tmp_path]))
    assert str(big) not in opened
    assert [c.path for c in selection.kept] == [big]  # kept: the parser's size guard reports it


def _stack(path: Path, stack_type: str, location_key: str, location: str) -> Path:
    return _write(path, "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n"
                  f"Resources:\n  S:\n    Type: {stack_type}\n    Properties:\n      {location_key}: {location}\n")


def test_prefilter_follows_exactly_the_links_the_parser_follows(tmp_path: Path) -> None:
    """The pre-filter asks the parser's nested-stack resolver: a template the parser instantiates as a nested
    stack keeps its parent; an AWS::Serverless::Application, which the parser does not instantiate, does not
    (its child is still parsed on its own); a child outside the scanned paths still keeps its parent."""
    child = _write(tmp_path / "stacks/nested/etl.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
                   "  J:\n    Type: AWS::Glue::Job\n    Properties:\n      Command: {Name: glueetl}\n")
    stack = _stack(tmp_path / "stacks/root.yaml", "AWS::CloudFormation::Stack", "TemplateURL", "nested/etl.yaml")
    by_url = _stack(tmp_path / "stacks/by-url.yaml", "AWS::CloudFormation::Stack", "TemplateURL",
                    "https://bucket.s3.amazonaws.com/stacks/nested/etl.yaml")
    app = _stack(tmp_path / "stacks/app.yaml", "AWS::Serverless::Application", "Location", "nested/etl.yaml")
    outside = _write(tmp_path / "vendor/etl.yaml", child.read_text())
    far = _stack(tmp_path / "stacks/far.yaml", "AWS::CloudFormation::Stack", "TemplateURL", "../vendor/etl.yaml")
    options = ParseOptions(root=tmp_path)
    candidates = discover([tmp_path / "stacks"])
    selection = select(candidates, options=options)
    kept = {c.path.resolve() for c in selection.kept}
    assert {child.resolve(), stack.resolve(), by_url.resolve(), far.resolve()} <= kept
    assert app.resolve() in {c.path.resolve() for c in selection.skipped}
    far_unit = next(u for u in selection.units if far in u.paths)
    assert str(outside.resolve()) in {name for name, _ in far_unit.inputs}  # its content keys the cache
    fast = _run(tmp_path, paths=[tmp_path / "stacks"], use_cache=False, jobs=1)
    full = _run(tmp_path, paths=[tmp_path / "stacks"], prefilter=False, use_cache=False, jobs=1)
    assert _resources(fast) == _resources(full) and _findings(fast) == _findings(full)
    scopes = {r.scope for r in full.inventory.resources if r.kind == "job" and r.address == "S/J"}
    assert any(s.endswith("stacks/root.yaml/S") for s in scopes)
    assert not any("stacks/app.yaml" in s for s in scopes)
