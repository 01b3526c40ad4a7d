"""The same definition written as Terraform HCL, Terraform JSON, a plan and CloudFormation gives equal models,
apart from addresses, spans and how a value was written (origin, expression)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gluelint.engine import RunRequest, load
from gluelint.model.inventory import Inventory
from gluelint.model.resources import Resource
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
