"""Drift guard: the shipped Glue data against the maintained sources it is generated from or checked against.

botocore (dev/test extra) is the oracle for the Glue API; cfn-lint's bundled schemas are read at run time. The
weekly workflow (.github/workflows/glue-drift.yml) upgrades both and runs this file, so the day AWS adds a worker
type, a connection type or changes a limit, CI names the fact and both values.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("botocore")

import drift_support

from gluelint.knowledge import schemas
from gluelint.knowledge.security import attributes

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import generate_glue_schema_data  # noqa: E402


@pytest.fixture(scope="module")
def model() -> drift_support.Model:
    return drift_support.load_model()


def test_rules_glue_agrees_with_botocore(model: drift_support.Model) -> None:
    assert drift_support.differences(model) == []


def test_an_added_worker_type_is_named_with_both_values(model: drift_support.Model) -> None:
    altered = copy.deepcopy(model)
    altered["shapes"]["WorkerType"]["enum"].append("G.32X")
    found = drift_support.differences(altered)
    assert len(found) == 1
    assert found[0].startswith("worker types: botocore says [")
    assert "'G.32X'" in found[0] and "pricing/workers.toml says [" in found[0]


def test_a_changed_limit_in_the_doc_text_is_named(model: drift_support.Model) -> None:
    altered = copy.deepcopy(model)
    member = altered["shapes"]["CreateJobRequest"]["members"]["Timeout"]
    member["documentation"] = member["documentation"].replace("10080 minutes", "20160 minutes")
    assert drift_support.differences(altered) == [
        "job timeout ceiling (minutes, exclusive): botocore says 20160, rules/glue/limits.toml says 10080"]


def test_altered_data_fails_the_oracle(model: drift_support.Model, monkeypatch: pytest.MonkeyPatch) -> None:
    from gluelint.knowledge.security import SecurityFacts, security

    facts = security()
    part = facts.part_by_id("s3")
    shrunk = part.model_copy(update={"modes": ["DISABLED", "SSE-KMS"]})
    parts = [shrunk if p.id == "s3" else p for p in facts.part]
    monkeypatch.setattr(drift_support, "security", lambda: SecurityFacts.model_validate(
        {**facts.model_dump(), "part": [p.model_dump() for p in parts]}))
    assert drift_support.differences(model) == [
        "s3 encryption modes: botocore says ['DISABLED', 'SSE-KMS', 'SSE-S3'], rules/glue/security.toml says "
        "['DISABLED', 'SSE-KMS']"]


def test_a_changed_trigger_rule_in_the_api_text_is_named(model: drift_support.Model) -> None:
    altered = copy.deepcopy(model)
    member = altered["shapes"]["CreateTriggerRequest"]["members"]["StartOnCreation"]
    member["documentation"] = member["documentation"].replace("<code>ON_DEMAND</code> triggers",
                                                              "<code>EVENT</code> triggers")
    assert drift_support.differences(altered) == [
        "trigger types StartOnCreation true is rejected for: botocore says ['EVENT'], rules/glue/triggers.toml says "
        "['ON_DEMAND']"]


def test_an_altered_fact_in_a_copy_of_a_data_file_fails_naming_both_values(
        model: drift_support.Model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard catches a wrong fact in rules/glue/ itself: a copy of limits.toml with the job timeout ceiling
    edited (10080 → 10800) is loaded in place of the shipped file, and the oracle names the fact and both values."""
    import tomllib

    from gluelint.knowledge.limits import Limits

    copy_of = tmp_path / "limits.toml"
    text = (ROOT / "rules" / "glue" / "limits.toml").read_text(encoding="utf-8")
    assert "max_minutes_exclusive = 10080" in text
    copy_of.write_text(text.replace("max_minutes_exclusive = 10080", "max_minutes_exclusive = 10800"),
                       encoding="utf-8")
    altered = Limits.model_validate(tomllib.loads(copy_of.read_text(encoding="utf-8")))
    monkeypatch.setattr(drift_support, "limits", lambda: altered)
    assert drift_support.differences(model) == [
        "job timeout ceiling (minutes, exclusive): botocore says 10080, rules/glue/limits.toml says 10800"]


def test_generated_data_file_is_current() -> None:
    """rules/glue/api_fields.json is what the script writes from the installed botocore and cfn-lint."""
    shipped = generate_glue_schema_data.facts_of((ROOT / "rules" / "glue" / "api_fields.json").read_text())
    fresh = generate_glue_schema_data.facts_of(generate_glue_schema_data.current())
    for resource_type in sorted(set(shipped["terraform"]) | set(fresh["terraform"])):
        ours, theirs = shipped["terraform"].get(resource_type, {}), fresh["terraform"].get(resource_type, {})
        for path in sorted(set(ours) | set(theirs)):
            assert ours.get(path) == theirs.get(path), (
                f"{resource_type}.{path}: the installed botocore/cfn-lint say {theirs.get(path)}, "
                f"rules/glue/api_fields.json says {ours.get(path)}: run scripts/generate_glue_schema_data.py")
    assert shipped == fresh, "rules/glue/api_fields.json is out of date: run scripts/generate_glue_schema_data.py"


def test_generated_data_records_the_versions_it_was_built_from() -> None:
    data = json.loads((ROOT / "rules" / "glue" / "api_fields.json").read_text(encoding="utf-8"))
    for key in ("botocore_version", "cfn_lint_version"):
        assert str(data[key]).count(".") >= 2, key
    assert data["botocore_version"] in data["sources"]["botocore"]


def test_cloudformation_lists_come_from_the_installed_cfn_lint() -> None:
    job = attributes().get("AWS::Glue::Job")
    connection = attributes().get("AWS::Glue::Connection")
    assert job is not None and connection is not None
    assert set(job.attributes) == set(schemas.cfn_fields("AWS::Glue::Job"))
    assert "Tags" in connection.attributes  # the current schema's top-level Tags (once called unknown)
    assert "WorkerType" in job.attributes and "Command.ScriptLocation" in job.attributes


def _modelled(dialect: str) -> list[str]:
    """Every resource type of the field table (rules/glue/fields.toml) in one dialect."""
    from gluelint.knowledge.fields import field_table

    return [name for spec in field_table().resources if (name := getattr(spec, dialect))]


def test_every_modelled_terraform_type_has_generated_fields() -> None:
    types = _modelled("terraform")
    assert types and set(types) <= set(generate_glue_schema_data.ROOTS)
    for resource_type in types:
        assert schemas.terraform_fields(resource_type), resource_type


def test_every_modelled_cloudformation_type_has_a_schema() -> None:
    types = _modelled("cloudformation")
    assert types
    for resource_type in types:
        assert schemas.cfn_fields(resource_type), resource_type


def test_schemas_are_read_without_importing_cfn_lint() -> None:
    code = ("import sys; from gluelint.knowledge.schemas import cfn_fields; "
            "assert cfn_fields('AWS::Glue::Job'); assert 'cfnlint' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
    assert importlib.util.find_spec("cfnlint") is not None
