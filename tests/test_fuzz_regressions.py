"""Replay every input the fuzz harness saved (tests/fixtures/fuzz/<sha>__<name>, with <sha>__<name>.txt
telling what it did): no exception escapes a parser, the pipeline or a reporter, and gluelint reports no
internal error (GL000 / internal GL001).

Inputs saved for a *hang* are replayed through the pipeline with a short parse time bound instead (the
dispatch watchdog must turn them into a GL001 "gave up" record, or they finish): replaying them in full is
what the harness does, not the normal suite. See tests/fuzz/fuzz_parsers.py.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from fuzz import fuzzlib

from gluelint.engine import RunRequest, run
from gluelint.parse import dispatch
from gluelint.parse.options import ParseOptions

FIXTURES = fuzzlib.fixtures()


def _signature(path: Path) -> str:
    note = Path(f"{path}.txt")
    first = note.read_text(encoding="utf-8").splitlines()[0] if note.is_file() else ""
    return first.removeprefix("signature: ")


@pytest.mark.skipif(not FIXTURES, reason="no saved fuzz fixture")
@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_saved_fuzz_input_is_handled(fixture: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name, data = fuzzlib.fixture_name(fixture), fixture.read_bytes()
    if ":hang" in _signature(fixture) or ":slow" in _signature(fixture):
        monkeypatch.setattr(dispatch, "BYTES_PER_EXTRA_SECOND", 1 << 40)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / name).write_bytes(data)
            result = run(RunRequest(paths=[folder], parse_options=ParseOptions(root=folder, max_parse_seconds=1),
                                    use_cache=False, jobs=1, today=fuzzlib.TODAY))
        assert [f for f in result.findings if f.rule == "GL000"] == []
        return
    with tempfile.TemporaryDirectory() as tmp:
        outcome = fuzzlib.run_input(name, data, Path(tmp))
    assert outcome.problems == []
