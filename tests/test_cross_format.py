"""The same definition written as Terraform HCL, Terraform JSON, a plan and CloudFormation gives equal models,
apart from addresses, spans and how a value was written (origin, expression); and the same defects give the same
findings, each in its own format's words (the rule fixtures, and every rule page's two failing examples)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from rule_doc_examples import cases as doc_cases
from rule_doc_examples import run_example
from test_rule_fixtures import RULES, run_case
from vocabulary_words import CODE, WORD, foreign_words

from gluelint.engine import RunRequest, load
from gluelint.findings import Finding
from gluelint.knowledge.fields import Dialect, field_table
from gluelint.model.inventory import Inventory
from gluelint.model.resources import Resource, SourceFormat
from gluelint.model.values import ObjectValue, Value
from gluelint.parse.options import ParseOptions

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# Identity and provenance differ by format by design; everything else must agree.
IGNORED = {"body", "address", "scope", "resource_type", "source_format", "span", "attribute_keys", "suppressions",
           "condition", "region"}


def normalise(inventory: Inventory, owner: Resource, value: Any) -> Any:
    if isinstance(value, Value):
        value = inventory.resolve_name(owner, value)
        if value.alternatives:
            return {"alternatives": sorted(str(normalise(inventory, owner, a.value)) for a in value.alternatives)}
        if not value.known:
            return {"unknown": True}
        if isinstance(value.data, ObjectValue):
            return [(e.key, normalise(inventory, owner, e.value)) for e in value.data.entries]
        if isinstance(value.data, list):
            return [normalise(inventory, owner, v) for v in value.data]
        scalar = value.data
        if isinstance(scalar, bool):
            return scalar
        if isinstance(scalar, (int, float)):
            return float(scalar)
        if isinstance(scalar, str):
            try:
                return float(scalar)  # "10" in CloudFormation YAML is the number 10 in Terraform
            except ValueError:
                return {"true": True, "false": False}.get(scalar, scalar)
        return scalar
    if isinstance(value, list):
        return [normalise(inventory, owner, v) for v in value]
    if hasattr(type(value), "model_fields"):
        return {k: normalise(inventory, owner, getattr(value, k)) for k in type(value).model_fields
                if k not in IGNORED and k != "span"}
    return value


def model_of(folder: Path) -> dict[tuple[str, str | None], Any]:
    inventory = load(RunRequest(paths=[folder], parse_options=ParseOptions(root=folder)))
    assert not inventory.parse_errors, inventory.parse_errors
    out: dict[tuple[str, str | None], Any] = {}
    for resource in inventory.resources:
        fields = {k: normalise(inventory, resource, getattr(resource, k)) for k in type(resource).model_fields
                  if k not in IGNORED}
        out[(resource.kind, resource.literal_name())] = fields
    return out


@pytest.mark.parametrize("other", ["json", "plan", "cloudformation"])
def test_golden_models_agree(other: str) -> None:
    reference = model_of(EXAMPLES / "golden" / "hcl")
    assert {k for k, _ in reference} == {"job", "security_configuration", "trigger"}
    compared = model_of(EXAMPLES / "golden" / other)
    assert compared.keys() == reference.keys()
    for key, fields in reference.items():
        theirs = compared[key]
        # CloudFormation has no Trigger.Enabled and a plan fills provider defaults: compare what both state.
        shared = {k for k in fields if fields[k] is not None and theirs.get(k) is not None}
        assert {k: fields[k] for k in shared} == {k: theirs[k] for k in shared}, key
        assert {k for k in fields if fields[k] is not None} - shared <= {"enabled", "start_on_creation"}, key


def test_seed_hcl_and_cloudformation_agree() -> None:
    hcl = model_of(EXAMPLES / "seed" / "hcl")
    cfn = model_of(EXAMPLES / "seed" / "cloudformation")
    assert hcl.keys() == cfn.keys()
    for key in hcl:
        if key[0] == "job":
            assert hcl[key] == cfn[key], key


# --- The same defects give the same findings, each in its own vocabulary -------------------------------------------



def _paths(dialect: Dialect) -> dict[str, set[str]]:
    """Attribute path as ``dialect`` writes it → the model fields it is (``Timeout`` → ``timeout``)."""
    out: dict[str, set[str]] = {}
    for spec in field_table().resources:
        for name, paths in spec.fields.items():
            path = paths.get(dialect)
            if path is not None:
                out.setdefault(path, set()).add(name)
    return out


PATHS = {Dialect.TERRAFORM: _paths(Dialect.TERRAFORM), Dialect.CLOUDFORMATION: _paths(Dialect.CLOUDFORMATION)}


def _dialect(finding: Finding) -> Dialect:
    cloudformation = finding.source_format in (SourceFormat.CLOUDFORMATION_YAML, SourceFormat.CLOUDFORMATION_JSON)
    return Dialect.CLOUDFORMATION if cloudformation else Dialect.TERRAFORM


def named_fields(finding: Finding) -> set[str]:
    """The model fields a message names in code spans, read in the finding's own dialect only."""
    own = PATHS[_dialect(finding)]
    return {field for code in CODE.findall(finding.message) for word in WORD.findall(code)
            for field in own.get(word, ())}


def _about(finding: Finding) -> str:
    """What a finding is about, comparable across formats: its model field, or — for a key the model has no field
    for (an unknown attribute, an orchestrator's property) — that key with case and separators folded
    (``worker_typ`` / ``WorkerTyp``, ``schedule_expression`` / ``ScheduleExpression``)."""
    return re.sub(r"[\W_]", "", (finding.attribute or "-").lower())


def _assert_own_words(findings: list[Finding]) -> None:
    for finding in findings:
        assert not foreign_words(finding.message, finding.source_format), (finding.span.file, finding.message)


def _fixture_findings(rule_id: str, name: str, tmp_path: Path) -> list[Finding]:
    work = tmp_path / name.replace(".", "_")
    work.mkdir()
    return [f for f in run_case(rule_id, name, work).findings if f.rule == rule_id]


def _fixture_pairs() -> list[tuple[str, str]]:
    """(rule, case) for every failing case written both as Terraform HCL and as a CloudFormation template."""
    return [(folder.name, tf.name.removesuffix(".tf")) for folder in sorted(p for p in RULES.iterdir() if p.is_dir())
            for tf in sorted(folder.glob("fail*.tf")) if (folder / tf.name.replace(".tf", ".yaml")).exists()]


@pytest.mark.parametrize(("rule_id", "case"), _fixture_pairs())
def test_fixture_defect_found_in_both_formats(rule_id: str, case: str, tmp_path: Path) -> None:
    """A rule's failing case fires in Terraform and in CloudFormation, every message in its own file's words; where
    the two files hold the same defects (the same attributes), the messages name the same model fields."""
    terraform = _fixture_findings(rule_id, f"{case}.tf", tmp_path)
    cloudformation = _fixture_findings(rule_id, f"{case}.yaml", tmp_path)
    assert terraform, f"{rule_id}/{case}.tf raises no {rule_id}"
    assert cloudformation, f"{rule_id}/{case}.yaml raises no {rule_id}"
    _assert_own_words(terraform + cloudformation)
    if sorted(map(_about, terraform)) == sorted(map(_about, cloudformation)):
        named = [set().union(*map(named_fields, side)) for side in (terraform, cloudformation)]
        assert named[0] == named[1], f"{rule_id}/{case}: Terraform names {named[0]}, CloudFormation {named[1]}"


def _doc_pairs() -> list[str]:
    runs = set(doc_cases())
    return sorted({rule for rule, side, _ in runs if side == "fails" and {(rule, "fails", "terraform"),
                                                                          (rule, "fails", "cloudformation")} <= runs})


@pytest.mark.parametrize("rule_id", _doc_pairs())
def test_doc_example_same_findings_in_both_formats(rule_id: str, tmp_path: Path) -> None:
    """A rule page's failing example, written once for Terraform and once for CloudFormation with the same defect,
    gives the same findings of the rule: as many, about the same attributes, naming the same model fields, each
    in its own format's words."""
    findings = []
    for family in ("terraform", "cloudformation"):
        (tmp_path / family).mkdir()
        result = run_example(rule_id, "fails", family, tmp_path / family)
        findings.append([f for f in result.findings if f.rule == rule_id])
    terraform, cloudformation = findings
    _assert_own_words(terraform + cloudformation)
    assert sorted(map(_about, terraform)) == sorted(map(_about, cloudformation)), \
        [(f.attribute, f.message) for f in terraform + cloudformation]
    named = [sorted(named_fields(f) for f in side) for side in (terraform, cloudformation)]
    assert sorted(map(sorted, named[0])) == sorted(map(sorted, named[1])), \
        [f.message for f in terraform + cloudformation]
