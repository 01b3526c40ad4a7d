"""One parametrised test over every rule fixture folder: tests/rules/<ID>/.

Each folder holds failing and passing cases per format (``fail.tf``, ``pass.tf``, ``fail.tf.json``,
``pass.tf.json``, ``fail.yaml``, ``pass.yaml``, optionally ``fail.plan.json`` / ``pass.plan.json``, a
``config.toml`` or a case's own ``<case>.config.toml``, a ``scripts/`` folder of job scripts and a ``usage/``
folder of run histories — ``aws glue get-job-runs`` output in the API's documented shape, given to every case as
``--usage`` is), and ``expected.txt``: one line per expected finding of the folder's rule,
``<file> <line>:<column> <attribute> | <message fragment>`` (lines starting with ``#`` are comments): the
place, the model attribute the finding is about, and words its message must contain — in the file's own
format (``Timeout`` in a template, ``timeout`` in Terraform), so a rule that fires for the wrong reason or in
the wrong format's words fails. Files not listed there must give no finding of the rule; no message may use
the other format's attribute names.
Each file is checked alone, with only that rule selected, on the fixed date in ``today.txt`` if present.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from vocabulary_words import foreign_words

from gluelint.config import load_config
from gluelint.cost.usage import read_usage
from gluelint.engine import RunRequest, run
from gluelint.findings.result import RunResult
from gluelint.parse.options import ParseOptions

RULES = Path(__file__).parent / "rules"
FIXED_TODAY = dt.date(2026, 11, 26)
CASE_SUFFIXES = (".tf", ".tf.json", ".yaml", ".yml", ".json", ".py")


def _cases() -> list[tuple[str, str]]:
    cases = []
    for folder in sorted(p for p in RULES.iterdir() if p.is_dir()):
        for file in sorted(folder.iterdir()):
            if file.name.startswith(("fail", "pass")) and file.name.endswith(CASE_SUFFIXES):
                cases.append((folder.name, file.name))
    return cases


@dataclass(frozen=True, order=True)
class Expected:
    line: int
    column: int
    attribute: str | None
    fragment: str


def _expected(folder: Path) -> dict[str, list[Expected]]:
    out: dict[str, list[Expected]] = {}
    text = (folder / "expected.txt").read_text(encoding="utf-8") if (folder / "expected.txt").exists() else ""
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        head, sep, fragment = raw.partition(" | ")
        assert sep and fragment.strip(), f"{folder.name}/expected.txt: no message fragment in {raw!r}"
        name, position, attribute = head.split()
        row, col = position.split(":")
        out.setdefault(name, []).append(Expected(int(row), int(col), None if attribute == "-" else attribute,
                                                 fragment.strip()))
    return out


def run_case(rule_id: str, file_name: str, tmp_path: Path) -> RunResult:
    """One fixture file checked alone in ``tmp_path``, with only its rule selected (also used by
    tests/test_cross_format.py)."""
    folder = RULES / rule_id
    # Each case runs alone in its own folder, so Terraform files of the other cases do not merge into it.
    target = tmp_path / file_name
    shutil.copy(folder / file_name, target)
    if (folder / "scripts").is_dir():  # job scripts beside the definition (GL9)
        shutil.copytree(folder / "scripts", tmp_path / "scripts")
    # The folder's config.toml, or the case's own (``pass_account.config.toml`` for ``pass_account.tf``).
    own = folder / f"{file_name.split('.', 1)[0]}.config.toml"
    config_file = own if own.exists() else folder / "config.toml"
    config = load_config(config_file, tmp_path) if config_file.exists() else None
    today = dt.date.fromisoformat((folder / "today.txt").read_text().strip()) if (
        folder / "today.txt").exists() else FIXED_TODAY
    request = RunRequest(paths=[target], parse_options=ParseOptions(root=tmp_path), select=[rule_id], today=today)
    if (folder / "usage").is_dir():  # run histories (GL610): matched to the jobs by name, like --usage
        request.usage = read_usage(folder / "usage")
    if config is not None:
        request.config = config
    return run(request)


@pytest.mark.parametrize(("rule_id", "file_name"), _cases())
def test_rule_fixture(rule_id: str, file_name: str, tmp_path: Path) -> None:
    folder = RULES / rule_id
    result = run_case(rule_id, file_name, tmp_path)
    if rule_id != "GL001":  # GL001's failing cases are files that do not parse
        assert not result.inventory.parse_errors, result.inventory.parse_errors
        assert result.inventory.resources, f"{file_name}: no Glue resource parsed"
    found = sorted((f for f in result.findings if f.rule == rule_id),
                   key=lambda f: (f.span.line, f.span.column, f.attribute or "", f.message))
    want = sorted(_expected(folder).get(file_name, []))
    shown = "\n".join(f"{f.span.line}:{f.span.column} {f.attribute} | {f.message}" for f in found)
    assert [(f.span.line, f.span.column, f.attribute) for f in found] == [
        (e.line, e.column, e.attribute) for e in want], shown
    unmatched = list(found)
    for e in want:  # each expected line is met by its own finding at that place whose message says it
        match = next((f for f in unmatched if (f.span.line, f.span.column, f.attribute) == (e.line, e.column,
                                                                                              e.attribute)
                      and e.fragment in f.message), None)
        assert match is not None, f"{file_name} {e.line}:{e.column}: no message with {e.fragment!r}\n{shown}"
        unmatched.remove(match)
    for f in found:
        assert not foreign_words(f.message, f.source_format), (file_name, f.message)
    if file_name.startswith("fail"):
        assert want, f"{file_name} is a failing case but expected.txt lists no finding for it"
