"""The GL3-GL5 rule fixtures are exactly what scripts/gen_gl345_fixtures.py writes: a case edited in
scripts/gl345_cases.py (or a name changed in the field table) without regenerating fails here."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import gen_gl345_fixtures  # noqa: E402
from gl345_cases import CASES  # noqa: E402


def test_committed_fixtures_are_the_generator_output(tmp_path: Path) -> None:
    gen_gl345_fixtures.main(tmp_path)
    committed = ROOT / "tests" / "rules"
    for rule_id in CASES:
        for written in sorted((tmp_path / rule_id).iterdir()):
            mine = committed / rule_id / written.name
            assert mine.exists(), f"{rule_id}/{written.name} is generated but not committed"
            assert mine.read_text(encoding="utf-8") == written.read_text(encoding="utf-8"), (
                f"tests/rules/{rule_id}/{written.name} differs from the generator's output: "
                "run python scripts/gen_gl345_fixtures.py")
