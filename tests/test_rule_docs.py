"""Every catalog rule has a doc page with the ruff-style headings, and docs/rules/ is generated from them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from gluelint.findings.catalog import catalog, doc

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_rule_docs", ROOT / "scripts" / "generate_rule_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("rule_id", sorted(catalog()))
def test_rule_has_doc_page(rule_id: str) -> None:
    text = doc(rule_id)
    meta = catalog()[rule_id]
    assert text, f"rules/docs/{rule_id}.md is missing"
    assert text.startswith(f"# {rule_id} {meta.name}\n"), f"{rule_id}: first line must be '# {rule_id} {meta.name}'"
    headings = _generator().HEADINGS
    positions = [text.find(f"\n{h}\n") for h in headings]
    missing = [h for h, p in zip(headings, positions, strict=True) if p < 0]
    assert not missing, f"{rule_id}: missing headings {missing}"
    assert positions == sorted(positions), f"{rule_id}: headings out of order"
    example = text[text.find("\n## Example\n"):text.find("\n## How to fix\n")]
    assert "Use instead:" in example, f"{rule_id}: the example needs a failing snippet, then 'Use instead:'"


def test_docs_rules_up_to_date() -> None:
    assert _generator().stale() == [], "docs/rules/ is out of date: run python scripts/generate_rule_docs.py"


def test_index_lists_every_rule() -> None:
    index = _generator().render_index(_generator().catalog())
    for rule_id in catalog():
        assert f"| {rule_id} " in index or f"[{rule_id}]" in index
