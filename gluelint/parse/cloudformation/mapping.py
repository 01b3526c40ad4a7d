"""CloudFormation ``AWS::Glue::*`` Properties (already resolved to Value trees) → the common model."""

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

_JOB: FieldMap = {
    "name": ("Name",), "tags": ("Tags",),
    "role": ("Role",),
    "description": ("Description",),
    "command_name": ("Command", "Name"),
    "script_location": ("Command", "ScriptLocation"),
    "python_version": ("Command", "PythonVersion"),
    "runtime": ("Command", "Runtime"),
    "glue_version": ("GlueVersion",),
    "worker_type": ("WorkerType",),
    "number_of_workers": ("NumberOfWorkers",),
    "max_capacity": ("MaxCapacity",),
    "allocated_capacity": ("AllocatedCapacity",),
    "timeout": ("Timeout",),
    "max_retries": ("MaxRetries",),
    "execution_class": ("ExecutionClass",),
    "max_concurrent_runs": ("ExecutionProperty", "MaxConcurrentRuns"),
    "notify_delay_after": ("NotificationProperty", "NotifyDelayAfter"),
    "security_configuration": ("SecurityConfiguration",),
    "connections": ("Connections", "Connections"),
    "default_arguments": ("DefaultArguments",),
    "non_overridable_arguments": ("NonOverridableArguments",),
    "maintenance_window": ("MaintenanceWindow",),
    "job_run_queuing_enabled": ("JobRunQueuingEnabled",),
}

_ENC = ("EncryptionConfiguration",)
_SECURITY: FieldMap = {
    "name": ("Name",),
    "s3_encryption_mode": (*_ENC, "S3Encryptions", "S3EncryptionMode"),
    "s3_kms_key_arn": (*_ENC, "S3Encryptions", "KmsKeyArn"),
    "cloudwatch_encryption_mode": (*_ENC, "CloudWatchEncryption", "CloudWatchEncryptionMode"),
    "cloudwatch_kms_key_arn": (*_ENC, "CloudWatchEncryption", "KmsKeyArn"),
    "job_bookmarks_encryption_mode": (*_ENC, "JobBookmarksEncryption", "JobBookmarksEncryptionMode"),
    "job_bookmarks_kms_key_arn": (*_ENC, "JobBookmarksEncryption", "KmsKeyArn"),
}

_TRIGGER: FieldMap = {
    "name": ("Name",), "tags": ("Tags",), "type": ("Type",), "schedule": ("Schedule",),
    "workflow_name": ("WorkflowName",), "start_on_creation": ("StartOnCreation",),
    "predicate_logical": ("Predicate", "Logical"),
}

_CRAWLER: FieldMap = {
    "name": ("Name",), "tags": ("Tags",), "role": ("Role",), "database_name": ("DatabaseName",),
    "schedule": ("Schedule", "ScheduleExpression"),
    "security_configuration": ("CrawlerSecurityConfiguration",),
}

_CONNECTION: FieldMap = {
    "name": ("ConnectionInput", "Name"), "connection_type": ("ConnectionInput", "ConnectionType"),
    "properties": ("ConnectionInput", "ConnectionProperties"),
    "authentication": ("ConnectionInput", "AuthenticationConfiguration"),
}

_CAT = ("DataCatalogEncryptionSettings",)
_CATALOG: FieldMap = {
    "catalog_id": ("CatalogId",),
    "encryption_at_rest_mode": (*_CAT, "EncryptionAtRest", "CatalogEncryptionMode"),
    "sse_kms_key_id": (*_CAT, "EncryptionAtRest", "SseAwsKmsKeyId"),
    "return_connection_password_encrypted": (
        *_CAT, "ConnectionPasswordEncryption", "ReturnConnectionPasswordEncrypted"),
    "connection_password_kms_key_id": (*_CAT, "ConnectionPasswordEncryption", "KmsKeyId"),
}

_DEV_ENDPOINT: FieldMap = {
    "name": ("EndpointName",), "tags": ("Tags",), "role": ("RoleArn",),
    "security_configuration": ("SecurityConfiguration",), "glue_version": ("GlueVersion",),
    "worker_type": ("WorkerType",), "number_of_workers": ("NumberOfWorkers",),
}

TYPES: dict[str, tuple[type[Resource], FieldMap, frozenset[str]]] = {
    "AWS::Glue::Job": (Job, _JOB, frozenset({"Command", "ExecutionProperty", "NotificationProperty",
                                             "Connections"})),
    "AWS::Glue::SecurityConfiguration": (SecurityConfiguration, _SECURITY, frozenset({
        "EncryptionConfiguration", "S3Encryptions", "CloudWatchEncryption", "JobBookmarksEncryption"})),
    "AWS::Glue::Trigger": (Trigger, _TRIGGER, frozenset({"Actions", "Predicate", "Conditions",
                                                         "EventBatchingCondition"})),
    "AWS::Glue::Crawler": (Crawler, _CRAWLER, frozenset({"Schedule"})),
    "AWS::Glue::Connection": (Connection, _CONNECTION, frozenset({"ConnectionInput"})),
    "AWS::Glue::DataCatalogEncryptionSettings": (DataCatalogEncryptionSettings, _CATALOG, frozenset({
        "DataCatalogEncryptionSettings", "EncryptionAtRest", "ConnectionPasswordEncryption"})),
    "AWS::Glue::DevEndpoint": (DevEndpoint, _DEV_ENDPOINT, frozenset()),
    "AWS::Glue::Workflow": (Workflow, {"name": ("Name",), "tags": ("Tags",),
                                       "max_concurrent_runs": ("MaxConcurrentRuns",)}, frozenset()),
    # IAM, read as the context of Glue resources (GL8).
    "AWS::IAM::Role": (IamRole, {"name": ("RoleName",), "assume_role_policy": ("AssumeRolePolicyDocument",),
                                 "managed_policy_arns": ("ManagedPolicyArns",)}, frozenset({"Policies"})),
    "AWS::IAM::Policy": (IamPolicy, {"name": ("PolicyName",), "policy": ("PolicyDocument",), "roles": ("Roles",)},
                         frozenset()),
    "AWS::IAM::ManagedPolicy": (IamPolicy, {"name": ("ManagedPolicyName",), "policy": ("PolicyDocument",),
                                            "roles": ("Roles",)}, frozenset()),
}


def is_glue_type(resource_type: str) -> bool:
    """A type the model reads: a Glue resource, or an orchestrator that starts Glue jobs."""
    return resource_type in TYPES or is_orchestrator_type(resource_type)


def build(resource_type: str, logical_id: str, properties: ObjectValue, *, span: Span,
          source_format: SourceFormat, scope: str, region: Value | None = None,
          suppressions: list[Suppression] | None = None, condition: str | None = None,
          folder: str = "") -> Resource | None:
    """Map one CloudFormation resource's Properties to its model resource; None for non-Glue types.

    ``folder`` is the template's folder on disk, where a state machine's local definition file is read."""
    spec = TYPES.get(resource_type)
    if spec is None:
        return orchestration.build(resource_type, logical_id, properties, orchestration.CLOUDFORMATION_KEYS,
                                   span=span, source_format=source_format, scope=scope, region=region,
                                   suppressions=suppressions, condition=condition, folder=folder)
    cls, fields, nested = spec
    values: dict[str, Any] = {name: field(properties, *path) for name, path in fields.items()}
    values["region"] = region
    values.update(presence_parts(cls, properties, _KEYS))
    return cls(address=logical_id, scope=scope, resource_type=resource_type, source_format=source_format,
               span=span, attribute_keys=key_refs(properties, nested=nested), suppressions=suppressions or [],
               condition=condition, body=properties, **values)


_TRIGGER_KEYS = TriggerKeys(
    actions="Actions", predicate="Predicate", conditions="Conditions",
    action_fields={"job_name": "JobName", "crawler_name": "CrawlerName", "arguments": "Arguments",
                   "timeout": "Timeout", "security_configuration": "SecurityConfiguration"},
    condition_fields={"job_name": "JobName", "crawler_name": "CrawlerName", "state": "State",
                      "crawl_state": "CrawlState", "logical_operator": "LogicalOperator"},
)
_KEYS = FormatKeys(command="Command", encryption_configuration="EncryptionConfiguration", trigger=_TRIGGER_KEYS)
