"""The bundled examples: the golden job raises nothing; the seed notes' mistakes are caught exactly."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from gluelint.engine import RunRequest, run
from gluelint.parse.options import ParseOptions

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize("fmt", ["hcl", "json", "plan", "cloudformation"])
def test_golden_job_raises_nothing(fmt: str) -> None:
    folder = EXAMPLES / "golden" / fmt
    result = run(RunRequest(paths=[folder], parse_options=ParseOptions(root=folder), today=TODAY))
    assert result.inventory.resources
    assert [(f.rule, f.span.line, f.message) for f in result.findings] == []
    assert result.undecided == []


def _findings(folder: Path) -> list[str]:
    result = run(RunRequest(paths=[folder], parse_options=ParseOptions(root=folder), today=TODAY))
    return sorted(f"{f.span.file} {f.span.line}:{f.span.column} {f.rule} {f.resource}" for f in result.findings)


@pytest.mark.parametrize("fmt", ["hcl", "dsl-json", "cloudformation"])
def test_seed_findings_are_exact(fmt: str) -> None:
    folder = EXAMPLES / "seed" / fmt
    snapshot = EXAMPLES / "seed" / f"expected-{fmt}.txt"
    if os.environ.get("GLUELINT_UPDATE_SNAPSHOTS"):  # after a deliberate change; review the diff by hand
        header = "# file line:column rule resource - the seed notes' mistakes as gluelint reports them"
        snapshot.write_text("\n".join([header, *_findings(folder)]) + "\n", encoding="utf-8")
    expected = snapshot.read_text(encoding="utf-8").splitlines()
    assert _findings(folder) == [line for line in expected if line and not line.startswith("#")]
