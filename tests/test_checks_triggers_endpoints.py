"""GL707 / GL708 (trigger shapes the Glue API rejects) and GL511 (dev endpoints) on model objects: the cases the
fixtures cannot show — values known only at apply time, branches, the check date before end of life."""

from __future__ import annotations

import datetime as dt

from checks_support import branch, run, span, unknown, val, when_on

from gluelint.findings import Severity
from gluelint.model.resources import DevEndpoint, PredicateCondition, SourceFormat, Trigger


def trigger(kind: object = "ON_DEMAND", source_format: SourceFormat = SourceFormat.TERRAFORM_HCL,
            conditions: list[PredicateCondition] | None = None, **fields: object) -> Trigger:
    """A trigger of type ``kind``; ``fields`` are attribute values (a Value, or data made one)."""
    return Trigger(address="aws_glue_trigger.t", resource_type="aws_glue_trigger", source_format=source_format,
                   span=span(1, 1), type=val(kind), conditions=conditions or [], has_predicate=bool(conditions),
                   **{k: val(v) for k, v in fields.items()})


def test_gl707_start_on_creation_true_on_demand_only() -> None:
    assert len(run("GL707", trigger(start_on_creation=True))[0]) == 1
    assert len(run("GL707", trigger(start_on_creation="true"))[0]) == 1  # a string, as a variable may carry it
    assert run("GL707", trigger(start_on_creation=False))[0] == []
    assert run("GL707", trigger())[0] == []
    assert run("GL707", trigger("SCHEDULED", start_on_creation=True))[0] == []
    assert run("GL707", trigger("CONDITIONAL", start_on_creation=True))[0] == []


def test_gl707_apply_time_values_are_undecided_and_branches_named() -> None:
    findings, undecided = run("GL707", trigger(start_on_creation=unknown("var.start")))
    assert findings == [] and [u.attribute for u in undecided] == ["start_on_creation"]
    findings, undecided = run("GL707", trigger(unknown("var.kind"), start_on_creation=True))
    assert findings == [] and [u.attribute for u in undecided] == ["type"]
    findings, _ = run("GL707", trigger(branch(manual="ON_DEMAND", nightly="SCHEDULED"), start_on_creation=True))
    assert [f.branch for f in findings] == [when_on("manual")]


def _conditions(count: int) -> list[PredicateCondition]:
    return [PredicateCondition(job_name=val(f"extract-{i}"), state=val("SUCCEEDED")) for i in range(count)]


def test_gl708_cloudformation_only_and_from_two_conditions() -> None:
    cfn = SourceFormat.CLOUDFORMATION_YAML
    (found,), _ = run("GL708", trigger("CONDITIONAL", cfn, conditions=_conditions(2)))
    assert found.severity == Severity.ERROR and "`Predicate.Logical`" in found.message
    assert run("GL708", trigger("CONDITIONAL", cfn, conditions=_conditions(1)))[0] == []
    assert run("GL708", trigger("CONDITIONAL", cfn, conditions=_conditions(3), predicate_logical="ANY"))[0] == []
    # Terraform: the provider's predicate.logical default ("AND") is always sent.
    assert run("GL708", trigger("CONDITIONAL", conditions=_conditions(2)))[0] == []
    # A Logical known only at deploy time is there all the same (its value is GL010's business).
    assert run("GL708", trigger("CONDITIONAL", cfn, conditions=_conditions(2),
                                predicate_logical=unknown("Logical")))[0] == []


def test_gl708_conditions_known_only_at_deploy_time_are_undecided() -> None:
    cfn = SourceFormat.CLOUDFORMATION_YAML
    findings, undecided = run("GL708", trigger("CONDITIONAL", cfn, conditions_unresolved=unknown("Conditions")))
    assert findings == [] and [u.attribute for u in undecided] == ["conditions"]


def endpoint(**fields: object) -> DevEndpoint:
    return DevEndpoint(address="aws_glue_dev_endpoint.e", resource_type="aws_glue_dev_endpoint",
                       source_format=SourceFormat.TERRAFORM_HCL, span=span(1, 1),
                       **{k: val(v) for k, v in fields.items()})


def test_gl511_end_of_life_is_an_error_end_of_support_a_warning() -> None:
    (after,), _ = run("GL511", endpoint(glue_version="1.0"))
    assert after.severity == Severity.ERROR and "end of life on 2026-04-01" in after.message
    (before,), _ = run("GL511", endpoint(glue_version="1.0"), today=dt.date(2025, 6, 1))
    assert before.severity == Severity.WARNING and "past end of support (2022-09-30)" in before.message
    (default,), _ = run("GL511", endpoint())
    assert "Glue 0.9 (the default without a Glue version)" in default.message


def test_gl511_other_versions_and_apply_time_values() -> None:
    (other,), _ = run("GL511", endpoint(glue_version="2.0"))
    assert other.severity == Severity.ERROR and "not a version dev endpoints run on" in other.message
    findings, undecided = run("GL511", endpoint(glue_version=unknown("var.glue_version")))
    assert findings == [] and [u.attribute for u in undecided] == ["glue_version"]
