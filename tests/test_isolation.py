"""Isolation: a failing rule is a GL000 finding and the run goes on; exit codes; atomic report files."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from gluelint.checks import all_checks, registry
from gluelint.checks.registry import Check
from gluelint.engine import RunRequest, run
from gluelint.findings import Finding
from gluelint.findings.result import RunResult
from gluelint.model.inventory import Inventory
from gluelint.model.resources import FileReport, Job
from gluelint.parse.options import ParseOptions
from gluelint.report import write_atomic

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TODAY = dt.date(2026, 11, 26)
GOLDEN = EXAMPLES / "golden" / "cloudformation" / "golden.yaml"


def _rule_id() -> str:
    """A rule that runs by default (no configuration needed)."""
    return next(m.id for m in registry.catalog().values() if m.pack != "GL0" and not m.needs_config)


def _run(folder: Path) -> RunResult:
    return run(RunRequest(paths=[folder], parse_options=ParseOptions(root=folder), today=TODAY, use_cache=False,
                          jobs=1))


@pytest.fixture
def failing_checks(monkeypatch: pytest.MonkeyPatch) -> str:
    """Register a job check that fails on one job only, and an inventory check that always fails."""
    all_checks()  # load the real checks first
    rule = _rule_id()

    def on_job(job: Job, ctx: Any) -> Iterator[Finding]:
        if job.address.endswith("Bad"):
            raise ZeroDivisionError("deliberate")
        return iter(())

    def on_inventory(inventory: Inventory, ctx: Any) -> Iterator[Finding]:
        raise LookupError("inventory-wide")

    monkeypatch.setattr(registry, "_CHECKS", [*registry._CHECKS, Check(rule, Job, on_job),
                                             Check(rule, None, on_inventory)])
    return rule


def _two_jobs(folder: Path) -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    (folder / "good.yaml").write_text(text, encoding="utf-8")
    (folder / "bad.yaml").write_text(text.replace("GoldenJob:", "GoldenJobBad:"), encoding="utf-8")


def test_a_failing_rule_is_gl000_and_the_run_goes_on(tmp_path: Path, failing_checks: str) -> None:
    _two_jobs(tmp_path)
    result = _run(tmp_path)
    internal = [f for f in result.findings if f.rule == "GL000"]
    assert len(internal) == 2
    on_job = next(f for f in internal if f.resource == "GoldenJobBad")
    assert on_job.span.file == "bad.yaml" and on_job.span.line > 1
    assert failing_checks in on_job.message and "GoldenJobBad" in on_job.message
    assert "ZeroDivisionError: deliberate" in on_job.message and "report" in on_job.message
    assert on_job.attribute == failing_checks
    inventory_wide = next(f for f in internal if f.resource is None)
    assert "LookupError" in inventory_wide.message and "the inventory" in inventory_wide.message
    # the run went on: the other rules still ran on both jobs (same findings as without the failing check)
    assert {r.address for r in result.inventory.resources if r.kind == "job"} == {"GoldenJob", "GoldenJobBad"}


def test_rule_failure_does_not_change_other_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOLDEN.read_text(encoding="utf-8").replace("Timeout: 60", "Timeout: 6000")
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    before = [(f.rule, f.span.line) for f in _run(tmp_path).findings]
    all_checks()

    def boom(job: Job, ctx: Any) -> Iterator[Finding]:
        raise RuntimeError("x")

    monkeypatch.setattr(registry, "_CHECKS", [Check(_rule_id(), Job, boom), *registry._CHECKS])
    after = [(f.rule, f.span.line) for f in _run(tmp_path).findings if f.rule != "GL000"]
    assert after == before


# -- exit codes ---------------------------------------------------------------------------------------------


def _invoke(folder: Path, *extra: str) -> Any:
    from gluelint.cli.check import check

    return CliRunner().invoke(check, [str(folder), "--no-cache", "--today", "2026-11-26", "--jobs", "1", *extra])


def test_exit_0_on_a_clean_file(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_bytes(GOLDEN.read_bytes())
    assert _invoke(tmp_path).exit_code == 0


def test_exit_2_when_every_file_failed_inside_gluelint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gluelint.parse.cloudformation as cfn

    def broken(path: Path, options: ParseOptions) -> FileReport:
        raise AttributeError("parser bug")

    monkeypatch.setattr(cfn, "parse_template", broken)
    _two_jobs(tmp_path)
    result = _invoke(tmp_path)
    assert result.exit_code == 2, result.output
    assert "GL001" in result.output and "AttributeError" in result.output
    assert "no file could be checked" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_exit_1_when_only_some_files_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gluelint.parse.cloudformation as cfn

    real = cfn.parse_template

    def broken(path: Path, options: ParseOptions) -> FileReport:
        if path.name == "bad.yaml":
            raise AttributeError("parser bug")
        return real(path, options)

    monkeypatch.setattr(cfn, "parse_template", broken)
    _two_jobs(tmp_path)
    assert _invoke(tmp_path).exit_code == 1


def test_exit_1_not_2_for_bad_input(tmp_path: Path) -> None:
    """A file that is broken by its own fault is a finding (1), not a failure of gluelint (2)."""
    (tmp_path / "t.yaml").write_text("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  J:\n"
                                     "    Type: AWS::Glue::Job\n    Properties: [\n", encoding="utf-8")
    result = _invoke(tmp_path)
    assert result.exit_code == 1 and "GL001" in result.output


def test_exit_1_not_2_for_a_failing_rule(tmp_path: Path, failing_checks: str) -> None:
    _two_jobs(tmp_path)
    result = _invoke(tmp_path, "--format", "json")
    assert result.exit_code == 1 and "GL000" in result.output


def test_exit_2_on_config_and_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_bytes(GOLDEN.read_bytes())
    (tmp_path / "bad.toml").write_text("select = 3\n", encoding="utf-8")
    assert _invoke(tmp_path, "--config", str(tmp_path / "bad.toml")).exit_code == 2
    assert _invoke(tmp_path / "missing").exit_code == 2
    assert _invoke(tmp_path, "--select", "NOPE999").exit_code == 2


def test_exit_2_without_traceback_on_an_engine_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gluelint.cli.check as cli_check

    def crash(request: RunRequest) -> RunResult:
        raise MemoryError("engine")

    monkeypatch.setattr(cli_check, "run", crash)
    (tmp_path / "t.yaml").write_bytes(GOLDEN.read_bytes())
    result = _invoke(tmp_path)
    assert result.exit_code == 2
    assert "internal error: MemoryError: engine" in result.output and "Traceback" not in result.output


def test_exit_2_when_an_output_file_cannot_be_written(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_bytes(GOLDEN.read_bytes())
    (tmp_path / "blocker").write_text("a file, not a folder", encoding="utf-8")
    result = _invoke(tmp_path, "--format", f"json:{tmp_path / 'blocker' / 'out.json'}")
    assert result.exit_code == 2 and "cannot write" in result.output


# -- atomic writes ------------------------------------------------------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    write_atomic(target, "first")
    assert target.read_text(encoding="utf-8") == "first"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    target.chmod(0o640)
    write_atomic(target, "second\n")
    assert target.read_bytes() == b"second\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert _leftovers(target.parent) == []


class _Interrupted(BaseException):
    pass


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), _Interrupted()])
def test_failure_mid_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              failure: BaseException) -> None:
    target = tmp_path / "report.sarif"
    target.write_text("old complete report", encoding="utf-8")
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fd: int, *args: Any, **kwargs: Any) -> None:
            self.fh = real_fdopen(fd, *args, **kwargs)

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, text: str) -> int:
            self.fh.write(text[: len(text) // 2])
            self.fh.flush()
            raise failure

    monkeypatch.setattr(os, "fdopen", HalfWriter)
    with pytest.raises(type(failure)):
        write_atomic(target, "new report " * 1000)
    assert target.read_text(encoding="utf-8") == "old complete report"
    assert _leftovers(tmp_path) == []


def test_failure_at_rename_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def fail(src: Any, dst: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(PermissionError):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


def test_a_failing_cost_estimate_does_not_end_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gluelint.cost import estimate as cost_estimate

    real = cost_estimate.Estimator.estimate

    def flaky(self: Any, job: Job) -> Any:
        if job.address.endswith("Bad"):
            raise ArithmeticError("cost bug")
        return real(self, job)

    monkeypatch.setattr(cost_estimate.Estimator, "estimate", flaky)
    _two_jobs(tmp_path)
    result = _run(tmp_path)
    assert {r.address for r in result.inventory.resources if r.kind == "job"} == {"GoldenJob", "GoldenJobBad"}


def test_a_failing_prefilter_falls_back_to_parsing_everything(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import gluelint.parse.prefilter

    def broken(*_: Any, **__: Any) -> Any:
        raise RecursionError("pre-filter bug")

    _two_jobs(tmp_path)
    expected = {r.address for r in _run(tmp_path).inventory.resources}
    monkeypatch.setattr(gluelint.parse.prefilter, "select", broken)
    assert {r.address for r in _run(tmp_path).inventory.resources} == expected
