"""One parametrised test over every rule fixture folder: tests/rules/<ID>/.

Each folder holds failing and passing cases per format (``fail.tf``, ``pass.tf``, ``fail.tf.json``,
``pass.tf.json``, ``fail.yaml``, ``pass.yaml``, optionally ``fail.plan.json`` / ``pass.plan.json`` and a
``config.toml``), and ``expected.txt``: one line per expected finding of the folder's rule,
``<file> <line>:<column>`` (``#`` comments allowed). Files not listed there must give no finding of the rule.
Each file is checked alone, with only that rule selected, on the fixed date in ``today.txt`` if present.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from gluelint.config import load_config
from gluelint.engine import RunRequest, run
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


def _expected(folder: Path) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    text = (folder / "expected.txt").read_text(encoding="utf-8") if (folder / "expected.txt").exists() else ""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, position = line.split()
        row, col = position.split(":")
        out.setdefault(name, []).append((int(row), int(col)))
    return out


@pytest.mark.parametrize(("rule_id", "file_name"), _cases())
def test_rule_fixture(rule_id: str, file_name: str, tmp_path: Path) -> None:
    folder = RULES / rule_id
    # Each case runs alone in its own folder, so Terraform files of the other cases do not merge into it.
    target = tmp_path / file_name
    shutil.copy(folder / file_name, target)
    if (folder / "scripts").is_dir():  # job scripts beside the definition (GL9)
        shutil.copytree(folder / "scripts", tmp_path / "scripts")
    config = load_config(folder / "config.toml", tmp_path) if (folder / "config.toml").exists() else None
    today = dt.date.fromisoformat((folder / "today.txt").read_text().strip()) if (
        folder / "today.txt").exists() else FIXED_TODAY
    request = RunRequest(paths=[target], parse_options=ParseOptions(root=tmp_path), select=[rule_id], today=today)
    if config is not None:
        request.config = config
    result = run(request)
    if rule_id != "GL001":  # GL001's failing cases are files that do not parse
        assert not result.inventory.parse_errors, result.inventory.parse_errors
        assert result.inventory.resources, f"{file_name}: no Glue resource parsed"
    got = sorted((f.span.line, f.span.column) for f in result.findings if f.rule == rule_id)
    want = sorted(_expected(folder).get(file_name, []))
    assert got == want, "\n".join(f"{f.span.line}:{f.span.column} {f.message}" for f in result.findings)
    if file_name.startswith("fail"):
        assert want, f"{file_name} is a failing case but expected.txt lists no finding for it"
