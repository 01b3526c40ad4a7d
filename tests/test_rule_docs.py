"""Every catalog rule has a doc page with the ruff-style headings, docs/rules/ is generated from them, and every
example on a page is true: the failing one raises the rule, the fixed one does not (how examples are written:
tests/rule_doc_examples.py and CONTRIBUTING.md, "Rule doc pages")."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from rule_doc_examples import (
    FAMILIES,
    NOT_APPLICABLE,
    SYNTAX_RULES,
    cases,
    example,
    example_section,
    families,
    run_example,
)

from gluelint.findings.catalog import ENGINE_RULES, catalog, doc
from gluelint.knowledge.fields import field_table

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
    assert "\nUse instead:\n" in example_section(text), \
        f"{rule_id}: the example needs a failing snippet, then 'Use instead:'"


@pytest.mark.parametrize("rule_id", sorted(catalog()))
def test_example_in_every_format_the_rule_applies_to(rule_id: str) -> None:
    """A failing and a fixed example per format family the rule applies to; for a family it cannot apply to,
    the page says so and why ("CloudFormation: does not apply — ...")."""
    ex = example(rule_id)
    text = example_section(doc(rule_id))
    applies = families(rule_id)
    for family in FAMILIES:
        if family not in applies:
            assert NOT_APPLICABLE[family].search(text), \
                f"{rule_id}: say why the rule cannot apply to {family} (a line '{family}: does not apply ...')"
            continue
        if rule_id in ENGINE_RULES and rule_id not in SYNTAX_RULES:
            continue  # GL000 / GL004 are about gluelint and its suppressions; their blocks are checked below
        for side, blocks in (("failing", ex.failing), ("fixed", ex.passing)):
            assert any(b.family == family for b in blocks), f"{rule_id}: no {side} {family} example"
    for block in ex.failing + ex.passing:
        assert block.name or block.illustrative is not None, \
            f"{rule_id}: a ```{block.language} block needs file=NAME (or illustrative <reason>)"
        if block.illustrative is not None:
            assert len(block.illustrative) >= 12, f"{rule_id}: say why the block is illustrative"


@pytest.mark.parametrize(("rule_id", "side", "family"), cases())
def test_example_is_true(rule_id: str, side: str, family: str, tmp_path: Path) -> None:
    """The failing example raises the page's rule and the fixed one does not; both parse, every attribute they name
    exists and none the resource requires is missing (no GL001 / GL002 / GL003), so a page cannot show what
    Terraform, CloudFormation or Glue would not accept."""
    result = run_example(rule_id, side, family, tmp_path)
    rules = {f.rule for f in result.findings}
    shown = "\n".join(f"{f.rule} {f.span.line}:{f.span.column} {f.message}" for f in result.findings)
    if rule_id not in SYNTAX_RULES:
        assert not result.inventory.parse_errors, result.inventory.parse_errors
        assert not {"GL002", "GL003"} & (rules - {rule_id}), shown  # every attribute real, none missing
    if side == "fails":
        assert rule_id in rules, f"{rule_id}: the failing {family} example does not raise it\n{shown}"
    else:
        assert rule_id not in rules, f"{rule_id}: the fixed {family} example still raises it\n{shown}"


def test_docs_rules_up_to_date() -> None:
    assert _generator().stale() == [], "docs/rules/ is out of date: run python scripts/generate_rule_docs.py"


def test_index_lists_every_rule() -> None:
    index = _generator().render_index(_generator().catalog())
    for rule_id in catalog():
        assert f"| {rule_id} " in index or f"[{rule_id}]" in index


def _cloudformation_names() -> dict[str, set[str]]:
    """Terraform attribute path → the CloudFormation paths of the same model field, where the two differ."""
    out: dict[str, set[str]] = {}
    for spec in field_table().resources:
        for paths in spec.fields.values():
            if paths.terraform and paths.cloudformation and paths.terraform != paths.cloudformation:
                out.setdefault(paths.terraform, set()).add(paths.cloudformation)
    return out


@pytest.mark.parametrize("rule_id", [r for r in sorted(catalog()) if "cloudformation" in families(r)])
def test_prose_names_both_formats(rule_id: str) -> None:
    """A page of a rule that applies to CloudFormation names, beside every Terraform attribute its prose names, the
    CloudFormation property too (somewhere on the page), so a template's author reads their own words."""
    text = doc(rule_id)
    prose = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    names = _cloudformation_names()
    missing = sorted(n for n in set(re.findall(r"`([a-z_][a-z_.]*)`", prose)) & names.keys()
                     if not any(c in text for c in names[n]))
    assert not missing, f"{rule_id}: name the CloudFormation property of {missing} too (`{names[missing[0]]}`)"
