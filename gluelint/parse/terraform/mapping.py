"""Terraform resource bodies (from HCL, Terraform JSON or a plan) → the common model.

One declarative table per resource type maps model fields to the provider's attribute paths, so all three
Terraform parsers share it and agree by construction.
"""

from __future__ import annotations

from typing import Any

from gluelint.model.resources import (
    Connection,
    Crawler,
    DataCatalogEncryptionSettings,
    DevEndpoint,
    IamPolicy,
    IamRole,
    Job,
    Resource,
    ResourcePolicy,
    SecurityConfiguration,
    SourceFormat,
    Suppression,
    Trigger,
    Workflow,
)
from gluelint.model.values import ObjectValue, Span, Value
from gluelint.parse import orchestration
from gluelint.parse.orchestration import is_orchestrator_type
from gluelint.parse.shape import FormatKeys, TriggerKeys, field, key_refs, presence_parts

FieldMap = dict[str, tuple[str, ...]]

_COMMON: FieldMap = {"name": ("name",), "tags": ("tags",), "region": ("region",)}

_JOB: FieldMap = {
    "role": ("role_arn",),
    "description": ("description",),
    "command_name": ("command", "name"),
    "script_location": ("command", "script_location"),
    "python_version": ("command", "python_version"),
    "runtime": ("command", "runtime"),
    "glue_version": ("glue_version",),
    "worker_type": ("worker_type",),
    "number_of_workers": ("number_of_workers",),
    "max_capacity": ("max_capacity",),
    "allocated_capacity": ("allocated_capacity",),
    "timeout": ("timeout",),
    "max_retries": ("max_retries",),
    "execution_class": ("execution_class",),
    "max_concurrent_runs": ("execution_property", "max_concurrent_runs"),
    "notify_delay_after": ("notification_property", "notify_delay_after"),
    "security_configuration": ("security_configuration",),
    "connections": ("connections",),
    "default_arguments": ("default_arguments",),
    "non_overridable_arguments": ("non_overridable_arguments",),
    "maintenance_window": ("maintenance_window",),
    "job_run_queuing_enabled": ("job_run_queuing_enabled",),
    "source_control_auth_token": ("source_control_details", "auth_token"),
}

_ENC = ("encryption_configuration",)
_SECURITY: FieldMap = {
    "s3_encryption_mode": (*_ENC, "s3_encryption", "s3_encryption_mode"),
    "s3_kms_key_arn": (*_ENC, "s3_encryption", "kms_key_arn"),
    "cloudwatch_encryption_mode": (*_ENC, "cloudwatch_encryption", "cloudwatch_encryption_mode"),
    "cloudwatch_kms_key_arn": (*_ENC, "cloudwatch_encryption", "kms_key_arn"),
    "job_bookmarks_encryption_mode": (*_ENC, "job_bookmarks_encryption", "job_bookmarks_encryption_mode"),
    "job_bookmarks_kms_key_arn": (*_ENC, "job_bookmarks_encryption", "kms_key_arn"),
}

_TRIGGER: FieldMap = {
    "type": ("type",), "schedule": ("schedule",), "enabled": ("enabled",),
    "workflow_name": ("workflow_name",), "start_on_creation": ("start_on_creation",),
    "predicate_logical": ("predicate", "logical"),
}

_CRAWLER: FieldMap = {
    "role": ("role",), "database_name": ("database_name",), "schedule": ("schedule",),
    "security_configuration": ("security_configuration",),
}

_CONNECTION: FieldMap = {"connection_type": ("connection_type",), "properties": ("connection_properties",)}

_CATALOG = ("data_catalog_encryption_settings",)
_CATALOG_FIELDS: FieldMap = {
    "catalog_id": ("catalog_id",),
    "encryption_at_rest_mode": (*_CATALOG, "encryption_at_rest", "catalog_encryption_mode"),
    "sse_kms_key_id": (*_CATALOG, "encryption_at_rest", "sse_aws_kms_key_id"),
    "return_connection_password_encrypted": (
        *_CATALOG, "connection_password_encryption", "return_connection_password_encrypted"),
    "connection_password_kms_key_id": (*_CATALOG, "connection_password_encryption", "aws_kms_key_id"),
}

_DEV_ENDPOINT: FieldMap = {
    "role": ("role_arn",), "security_configuration": ("security_configuration",),
    "glue_version": ("glue_version",), "worker_type": ("worker_type",),
    "number_of_workers": ("number_of_workers",),
}

# resource type → (model class, field map, nested block names listed in attribute_keys)
TYPES: dict[str, tuple[type[Resource], FieldMap, frozenset[str]]] = {
    "aws_glue_job": (Job, _JOB, frozenset({"command", "execution_property", "notification_property",
                                           "source_control_details"})),
    "aws_glue_security_configuration": (SecurityConfiguration, _SECURITY, frozenset({
        "encryption_configuration", "s3_encryption", "cloudwatch_encryption", "job_bookmarks_encryption"})),
    "aws_glue_trigger": (Trigger, _TRIGGER, frozenset({"actions", "predicate", "conditions",
                                                       "event_batching_condition", "notification_property"})),
    "aws_glue_crawler": (Crawler, _CRAWLER, frozenset()),
    "aws_glue_connection": (Connection, _CONNECTION, frozenset({"physical_connection_requirements"})),
    "aws_glue_data_catalog_encryption_settings": (DataCatalogEncryptionSettings, _CATALOG_FIELDS, frozenset({
        "data_catalog_encryption_settings", "encryption_at_rest", "connection_password_encryption"})),
    "aws_glue_resource_policy": (ResourcePolicy, {"policy": ("policy",)}, frozenset()),
    "aws_glue_dev_endpoint": (DevEndpoint, _DEV_ENDPOINT, frozenset()),
    "aws_glue_workflow": (Workflow, {"max_concurrent_runs": ("max_concurrent_runs",)}, frozenset()),
    # IAM, read as the context of Glue resources (GL8).
    "aws_iam_role": (IamRole, {"assume_role_policy": ("assume_role_policy",),
                               "managed_policy_arns": ("managed_policy_arns",)}, frozenset({"inline_policy"})),
    "aws_iam_policy": (IamPolicy, {"policy": ("policy",)}, frozenset()),
    "aws_iam_role_policy": (IamPolicy, {"policy": ("policy",), "roles": ("role",)}, frozenset()),
    "aws_iam_user_policy": (IamPolicy, {"policy": ("policy",)}, frozenset()),
    "aws_iam_group_policy": (IamPolicy, {"policy": ("policy",)}, frozenset()),
    "aws_iam_role_policy_attachment": (IamPolicy, {"policy_arn": ("policy_arn",), "roles": ("role",)}, frozenset()),
    "aws_iam_policy_attachment": (IamPolicy, {"policy_arn": ("policy_arn",), "roles": ("roles",)}, frozenset()),
}


def is_glue_type(resource_type: str) -> bool:
    """A type the model reads: a Glue resource, or an orchestrator that starts Glue jobs."""
    return resource_type in TYPES or is_orchestrator_type(resource_type)


def build(resource_type: str, address: str, body: ObjectValue, *, span: Span, source_format: SourceFormat,
          scope: str = "", region: Value | None = None, suppressions: list[Suppression] | None = None,
          condition: str | None = None) -> Resource | None:
    """Map one Terraform resource body to its model resource; None for non-Glue types."""
    spec = TYPES.get(resource_type)
    if spec is None:
        return orchestration.build(resource_type, address, body, orchestration.TERRAFORM_KEYS, span=span,
                                   source_format=source_format, scope=scope, region=region,
                                   suppressions=suppressions, condition=condition)
    cls, fields, nested = spec
    values: dict[str, Any] = {name: field(body, *path) for name, path in {**_COMMON, **fields}.items()}
    if values["region"] is None:
        values["region"] = region
    values.update(presence_parts(cls, body, _KEYS))
    return cls(address=address, scope=scope, resource_type=resource_type, source_format=source_format,
               span=span, attribute_keys=key_refs(body, nested=nested), suppressions=suppressions or [],
               condition=condition, body=body, **values)


_TRIGGER_KEYS = TriggerKeys(
    actions="actions", predicate="predicate", conditions="conditions",
    action_fields={"job_name": "job_name", "crawler_name": "crawler_name", "arguments": "arguments",
                   "timeout": "timeout", "security_configuration": "security_configuration"},
    condition_fields={"job_name": "job_name", "crawler_name": "crawler_name", "state": "state",
                      "crawl_state": "crawl_state", "logical_operator": "logical_operator"},
)
_KEYS = FormatKeys(command="command", encryption_configuration="encryption_configuration", trigger=_TRIGGER_KEYS)
