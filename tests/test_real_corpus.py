"""Every real-world file in shared/corpus/real parses without GL001, and its findings match the reviewed
snapshot (tests/snapshots/real_corpus.txt). After a deliberate change, regenerate with
``GLUELINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_real_corpus.py`` and review the diff by hand.

The corpus stores each file flat as ``owner__repo__path__to__file``; the files are laid out again as
``owner/repo/path/to/file`` so that each repository's Terraform module folders (and their ``../modules``
sources) are what their authors wrote, instead of one folder mixing the variables of twenty projects."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from conftest import REAL_CORPUS, needs_real_corpus

from gluelint.engine import RunRequest, run
from gluelint.parse.options import ParseOptions
from gluelint.report.branches import shown_message

SNAPSHOT = Path(__file__).parent / "snapshots" / "real_corpus.txt"
# The checks that stay undecided (a value known only at apply time) and why: this count should only fall.
UNDECIDED = Path(__file__).parent / "snapshots" / "real_corpus_undecided.txt"
TODAY = dt.date(2026, 11, 26)

pytestmark = needs_real_corpus


def _layout(target: Path) -> Path:
    for source in sorted(REAL_CORPUS.glob("*/*")):
        if source.name == "SOURCES.md" or not source.is_file():
            continue
        destination = target.joinpath(*source.name.split("__"))
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
    return target


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _layout(tmp_path_factory.mktemp("real"))


def _run(root: Path) -> list[str]:
    result = run(RunRequest(paths=[root], parse_options=ParseOptions(root=root), today=TODAY))
    return [f"{f.span.file}:{f.span.line}:{f.span.column} {f.rule} {f.resource or '-'} {shown_message(f)}"
            for f in result.findings]


def _undecided(root: Path) -> list[str]:
    result = run(RunRequest(paths=[root], parse_options=ParseOptions(root=root), today=TODAY))
    lines = []
    for u in result.undecided:
        where = f"{u.span.file}:{u.span.line}" if u.span is not None else "-"
        lines.append(f"{where} {u.rule} {u.resource} {u.attribute} | {u.expression} | {u.reason}")
    return lines


def test_real_corpus_has_no_parse_error(corpus: Path) -> None:
    assert [line for line in _run(corpus) if " GL001 " in line or " GL000 " in line] == []


def test_real_corpus_findings_match_snapshot(corpus: Path) -> None:
    lines = _run(corpus)
    if os.environ.get("GLUELINT_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines == SNAPSHOT.read_text(encoding="utf-8").splitlines()


def test_real_corpus_undecided_match_snapshot(corpus: Path) -> None:
    lines = _undecided(corpus)
    if os.environ.get("GLUELINT_UPDATE_SNAPSHOTS"):
        UNDECIDED.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines == UNDECIDED.read_text(encoding="utf-8").splitlines()
