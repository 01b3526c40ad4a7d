"""Every real-world file in shared/corpus/real parses without GL001, and its findings match the reviewed
snapshot (tests/snapshots/real_corpus.txt). After a deliberate change, regenerate with
``GLUELINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_real_corpus.py`` and review the diff by hand."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from gluelint.engine import RunRequest, run
from gluelint.parse.options import ParseOptions
from conftest import REAL_CORPUS

SNAPSHOT = Path(__file__).parent / "snapshots" / "real_corpus.txt"
TODAY = dt.date(2026, 11, 26)

pytestmark = pytest.mark.skipif(not REAL_CORPUS.is_dir(), reason=f"shared corpus not found at {REAL_CORPUS}")


def _run() -> list[str]:
    result = run(RunRequest(paths=[REAL_CORPUS], parse_options=ParseOptions(root=REAL_CORPUS), today=TODAY))
    return [f"{f.span.file}:{f.span.line}:{f.span.column} {f.rule} {f.resource or '-'} {f.message}"
            for f in result.findings]


def test_real_corpus_has_no_parse_error() -> None:
    assert [line for line in _run() if " GL001 " in line or " GL000 " in line] == []


def test_real_corpus_findings_match_snapshot() -> None:
    lines = _run()
    if os.environ.get("GLUELINT_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines == SNAPSHOT.read_text(encoding="utf-8").splitlines()
