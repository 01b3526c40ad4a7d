"""The field table and the names and snippets findings use, per source format."""

from __future__ import annotations

import pytest
import yaml

from gluelint.knowledge.fields import Dialect, field_table
from gluelint.knowledge.security import attributes
from gluelint.model.naming import Naming
from gluelint.model.resources import RESOURCE_CLASSES, SourceFormat

HCL, TF_JSON, PLAN = SourceFormat.TERRAFORM_HCL, SourceFormat.TERRAFORM_JSON, SourceFormat.TERRAFORM_PLAN
YAML, CFN_JSON = SourceFormat.CLOUDFORMATION_YAML, SourceFormat.CLOUDFORMATION_JSON


def _job(fmt: SourceFormat) -> Naming:
    return Naming("AWS::Glue::Job" if fmt in (YAML, CFN_JSON) else "aws_glue_job", fmt)


@pytest.mark.parametrize(("fmt", "field", "want"), [
    (HCL, "max_concurrent_runs", "execution_property.max_concurrent_runs"),
    (PLAN, "max_concurrent_runs", "execution_property[0].max_concurrent_runs"),
    (YAML, "max_concurrent_runs", "ExecutionProperty.MaxConcurrentRuns"),
    (CFN_JSON, "timeout", "Timeout"),
    (YAML, "command.name", "Command.Name"),  # a Terraform path is accepted as the field's name
    (HCL, "default_arguments.--conf", 'default_arguments["--conf"]'),
    (YAML, "default_arguments.--conf", "DefaultArguments.--conf"),
    (YAML, "connections", "Connections.Connections"),
])
def test_job_terms(fmt: SourceFormat, field: str, want: str) -> None:
    assert _job(fmt).term(field) == want


def test_item_indexes_follow_the_format() -> None:
    assert Naming("aws_glue_trigger", PLAN).term("conditions[1].state") == "predicate[0].conditions[1].state"
    assert Naming("AWS::Glue::Trigger", YAML).term("actions[0].arguments.--x") == "Actions[0].Arguments.--x"


@pytest.mark.parametrize(("fmt", "want"), [
    (HCL, "execution_property { max_concurrent_runs = 1 }"),
    (TF_JSON, '"execution_property": {"max_concurrent_runs": 1}'),
    (PLAN, '"execution_property": [{"max_concurrent_runs": 1}]'),
    (YAML, "ExecutionProperty: {MaxConcurrentRuns: 1}"),
    (CFN_JSON, '"ExecutionProperty": {"MaxConcurrentRuns": 1}'),
])
def test_settings_are_snippets_of_the_format(fmt: SourceFormat, want: str) -> None:
    assert _job(fmt).setting("max_concurrent_runs", 1) == want


def test_yaml_snippets_parse_to_what_they_say() -> None:
    naming = _job(YAML)
    assert yaml.safe_load(naming.setting("default_arguments", {"--enable-metrics": "true"})) == {
        "DefaultArguments": {"--enable-metrics": "true"}}
    assert yaml.safe_load(naming.entry("--enable-continuous-cloudwatch-log", "true")) == {
        "--enable-continuous-cloudwatch-log": "true"}
    assert yaml.safe_load(naming.setting("glue_version", "5.0")) == {"GlueVersion": "5.0"}


def test_every_model_field_is_in_the_table() -> None:
    table = {spec.model: spec for spec in field_table().resources}
    identity = {"address", "scope", "resource_type", "source_format", "span", "attribute_keys", "suppressions",
                "condition", "body", "actions_unresolved", "conditions_unresolved", "has_predicate"}
    for cls in RESOURCE_CLASSES:
        spec = table[cls.__name__]
        plain = {name for name in spec.fields if "." not in name}
        # name / tags / region are on every model resource; a type neither format gives one (a Terraform
        # security configuration has no tags) leaves it out.
        missing = set(cls.model_fields) - identity - plain - {"name", "tags", "region"}
        assert not missing, (cls.__name__, missing)


def test_every_table_path_is_a_valid_attribute() -> None:
    for spec in field_table().resources:
        for dialect in Dialect:
            type_name = spec.type_name(dialect)
            if type_name is None:
                continue
            known = attributes().get(type_name)
            assert known is not None, type_name
            # An argument the provider removed (allocated_capacity) is still read, so GL003 and cost see it.
            valid = set(known.attributes) | set(known.removed)
            for name, paths in spec.fields.items():
                path = paths.get(dialect)
                assert path is None or path in valid, (type_name, name, path)
