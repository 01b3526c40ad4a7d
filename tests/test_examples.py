"""The bundled examples: the golden job raises nothing; the seed notes' mistakes are caught exactly."""

from __future__ import annotations

import datetime as dt
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
    expected = (EXAMPLES / "seed" / f"expected-{fmt}.txt").read_text(encoding="utf-8").splitlines()
    assert _findings(folder) == [line for line in expected if line and not line.startswith("#")]
