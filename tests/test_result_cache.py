"""Whole-run result cache: an unchanged run is served from the cache, identically; any change re-runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import gluelint.cli.check as check_command
from gluelint.cli import main

JOB = """\
resource "aws_glue_job" "etl" {
  name     = "etl"
  role_arn = "arn:aws:iam::123456789012:role/glue"
  command {
    script_location = "s3://bucket/script.py"
  }
}
"""


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GLUELINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "main.tf").write_text(JOB, encoding="utf-8")
    return tmp_path


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "infra", "--today", "2026-11-26", *args])
    return result.exit_code, result.output


def _forbid_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_run(*_: object, **__: object) -> None:
        raise AssertionError("the run was not served from the cache")

    monkeypatch.setattr(check_command, "run", no_run)


def test_unchanged_run_is_served_from_the_cache(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _check("--format", "json:out.json", "--format", "text")
    out = (tree / "out.json").read_text(encoding="utf-8")
    (tree / "out.json").unlink()
    _forbid_runs(monkeypatch)
    assert _check("--format", "json:out.json", "--format", "text") == first
    assert first[0] == 1
    assert (tree / "out.json").read_text(encoding="utf-8") == out


def test_a_changed_file_or_option_runs_again(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    baseline = _check()
    (tree / "infra" / "main.tf").write_text(JOB.replace('"etl"', '"etl2"', 1), encoding="utf-8")
    changed = _check()
    assert changed != baseline and "etl2" not in baseline[1]
    assert _check("--select", "GL401") != changed
    _forbid_runs(monkeypatch)
    assert _check() == changed


def test_no_cache_and_corrupt_entries_run_normally(tree: Path) -> None:
    first = _check()
    for entry in (tree / "cache" / "results").glob("*.pkl"):
        entry.write_bytes(b"not a pickle")
    assert _check() == first
    assert _check("--no-cache") == first
