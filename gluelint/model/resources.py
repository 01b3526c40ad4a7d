"""The Glue resources of the common model, and the inventory that holds one run's worth of them."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from gluelint.model.branches import Branch
from gluelint.model.scripts import S3Upload
from gluelint.model.values import ObjectValue, Span, Value


class InputKind(StrEnum):
    """Which parser reads a file: what discovery decides from its name and a look at its content."""

    TERRAFORM = "terraform"  # .tf and .tf.json, parsed a module folder at a time
    PLAN = "plan"  # terraform show -json
    CLOUDFORMATION = "cloudformation"  # YAML / JSON templates, SAM, CDK output
    AIRFLOW = "airflow"  # DAG files that start Glue jobs


class SourceFormat(StrEnum):
    """The syntax one file is written in; each belongs to one input kind (:attr:`input_kind`)."""

    TERRAFORM_HCL = "terraform-hcl"
    TERRAFORM_JSON = "terraform-json"
    TERRAFORM_PLAN = "terraform-plan"
    CLOUDFORMATION_YAML = "cloudformation-yaml"
    CLOUDFORMATION_JSON = "cloudformation-json"
    # Airflow DAG files (Python), read for the Glue jobs their tasks start.
    AIRFLOW_PYTHON = "airflow-python"

    @property
    def input_kind(self) -> InputKind:
        return _INPUT_KIND[self]

    @property
    def is_cloudformation(self) -> bool:
        return _INPUT_KIND[self] is InputKind.CLOUDFORMATION


_INPUT_KIND = {SourceFormat.TERRAFORM_HCL: InputKind.TERRAFORM, SourceFormat.TERRAFORM_JSON: InputKind.TERRAFORM,
               SourceFormat.TERRAFORM_PLAN: InputKind.PLAN, SourceFormat.CLOUDFORMATION_YAML: InputKind.CLOUDFORMATION,
               SourceFormat.CLOUDFORMATION_JSON: InputKind.CLOUDFORMATION,
               SourceFormat.AIRFLOW_PYTHON: InputKind.AIRFLOW}


class KeyRef(BaseModel):
    """An attribute key as written (``worker_typ``, ``command.name``), for unknown-attribute checks."""

    model_config = ConfigDict(frozen=True)

    path: str
    span: Span | None = None


class Suppression(BaseModel):
    """A ``gluelint:ignore`` directive: the rule IDs or names it silences, and why."""

    model_config = ConfigDict(frozen=True)

    rules: list[str]
    reason: str = ""
    span: Span | None = None


class Resource(BaseModel):
    """What every Glue resource has: identity, origin, location."""

    model_config = ConfigDict(frozen=True)

    kind: ClassVar[str] = "resource"
    # False for what is read only as context of Glue resources (IAM roles and policies, remote modules): checked,
    # but not counted, listed or priced as a Glue resource.
    glue: ClassVar[bool] = True

    address: str
    # References resolve within a scope: the Terraform module instance or the CloudFormation template file.
    scope: str = ""
    resource_type: str
    source_format: SourceFormat
    span: Span
    name: Value | None = None
    tags: Value | None = None
    region: Value | None = None
    attribute_keys: list[KeyRef] = Field(default_factory=list)
    suppressions: list[Suppression] = Field(default_factory=list)
    # Expressions that gate the resource's existence (count / for_each / CloudFormation Condition) when unknown.
    condition: str | None = None
    # The attributes as written (the format's own names), for the checks that validate every attribute against
    # its schema (GL010/GL011); other checks read the model fields above.
    body: ObjectValue | None = Field(default=None, repr=False)

    @property
    def display_name(self) -> str:
        return self.address

    def literal_name(self) -> str | None:
        return self.name.as_str() if self.name is not None else None

    def tag_map(self) -> ObjectValue | None:
        return self.tags.as_object() if self.tags is not None else None

    def tag_outcomes(self) -> tuple[list[tuple[Branch | None, dict[str, Value]]], list[Value]]:
        """Per branch, the tags (a map, or a CloudFormation list of Key/Value); the parts unknown until apply."""
        if self.tags is None:
            return [(None, {})], []
        out: list[tuple[Branch | None, dict[str, Value]]] = []
        leaves = list(self.tags.leaves())
        unknown = [leaf for _, leaf in leaves if leaf.is_unknown]
        for label, leaf in leaves:
            if leaf.is_unknown:
                continue
            obj = leaf.as_object()
            tags: dict[str, Value] = {}
            if obj is not None:
                unknown.extend(obj.unresolved)
                tags = {k: e.value for k, e in obj.effective().items()}
            for item in leaf.as_list() or []:
                pair = item.as_object()
                key = pair.get("Key") if pair is not None else None
                val = pair.get("Value") if pair is not None else None
                if key is not None and key.as_str() is not None and val is not None:
                    tags[key.as_str() or ""] = val
                else:
                    unknown.append(item)
            out.append((label, tags))
        return out, unknown


class Job(Resource):
    kind: ClassVar[str] = "job"

    role: Value | None = None
    description: Value | None = None
    command_name: Value | None = None
    script_location: Value | None = None
    python_version: Value | None = None
    runtime: Value | None = None
    has_command: bool = True
    glue_version: Value | None = None
    worker_type: Value | None = None
    number_of_workers: Value | None = None
    max_capacity: Value | None = None
    allocated_capacity: Value | None = None
    timeout: Value | None = None
    max_retries: Value | None = None
    execution_class: Value | None = None
    max_concurrent_runs: Value | None = None
    notify_delay_after: Value | None = None
    security_configuration: Value | None = None
    connections: Value | None = None
    default_arguments: Value | None = None
    non_overridable_arguments: Value | None = None
    maintenance_window: Value | None = None
    job_run_queuing_enabled: Value | None = None
    # Terraform source_control_details.auth_token: a Git provider token (GL108 when literal).
    source_control_auth_token: Value | None = None


class SecurityConfiguration(Resource):
    kind: ClassVar[str] = "security_configuration"

    has_encryption_configuration: bool = True
    s3_encryption_mode: Value | None = None
    s3_kms_key_arn: Value | None = None
    cloudwatch_encryption_mode: Value | None = None
    cloudwatch_kms_key_arn: Value | None = None
    job_bookmarks_encryption_mode: Value | None = None
    job_bookmarks_kms_key_arn: Value | None = None


class TriggerAction(BaseModel):
    model_config = ConfigDict(frozen=True)

    job_name: Value | None = None
    crawler_name: Value | None = None
    arguments: Value | None = None
    timeout: Value | None = None
    security_configuration: Value | None = None
    span: Span | None = None


class PredicateCondition(BaseModel):
    model_config = ConfigDict(frozen=True)

    job_name: Value | None = None
    crawler_name: Value | None = None
    state: Value | None = None
    crawl_state: Value | None = None
    logical_operator: Value | None = None
    span: Span | None = None


class Trigger(Resource):
    kind: ClassVar[str] = "trigger"

    type: Value | None = None
    schedule: Value | None = None
    enabled: Value | None = None
    workflow_name: Value | None = None
    start_on_creation: Value | None = None
    actions: list[TriggerAction] = Field(default_factory=list)
    # Set when the actions list itself is an unresolved expression (dynamic block over an unknown, ...).
    actions_unresolved: Value | None = None
    has_predicate: bool = False
    predicate_logical: Value | None = None
    conditions: list[PredicateCondition] = Field(default_factory=list)
    conditions_unresolved: Value | None = None


class Crawler(Resource):
    kind: ClassVar[str] = "crawler"

    role: Value | None = None
    database_name: Value | None = None
    schedule: Value | None = None
    security_configuration: Value | None = None


class Connection(Resource):
    kind: ClassVar[str] = "connection"

    connection_type: Value | None = None
    properties: Value | None = None
    # CloudFormation ConnectionInput.AuthenticationConfiguration (basic auth, OAuth2, SecretArn).
    authentication: Value | None = None


class DataCatalogEncryptionSettings(Resource):
    kind: ClassVar[str] = "data_catalog_encryption_settings"

    catalog_id: Value | None = None
    encryption_at_rest_mode: Value | None = None
    sse_kms_key_id: Value | None = None
    return_connection_password_encrypted: Value | None = None
    connection_password_kms_key_id: Value | None = None


class ResourcePolicy(Resource):
    kind: ClassVar[str] = "resource_policy"

    # The policy document: a JSON string or an object, possibly unknown.
    policy: Value | None = None


class DevEndpoint(Resource):
    kind: ClassVar[str] = "dev_endpoint"

    role: Value | None = None
    security_configuration: Value | None = None
    glue_version: Value | None = None
    worker_type: Value | None = None
    number_of_workers: Value | None = None


class Workflow(Resource):
    kind: ClassVar[str] = "workflow"

    max_concurrent_runs: Value | None = None


RESOURCE_CLASSES: tuple[type[Resource], ...] = (
    Job, SecurityConfiguration, Trigger, Crawler, Connection, DataCatalogEncryptionSettings,
    ResourcePolicy, DevEndpoint, Workflow,
)


class ExternalModule(Resource):
    """A Terraform module call whose source is not a local folder (registry, git, S3): its resources are not
    read, only reported (GL005) when the call looks like it creates Glue resources."""

    kind: ClassVar[str] = "external_module"
    glue: ClassVar[bool] = False

    source: Value | None = None
    version: Value | None = None
    # Instances of the call (count / for_each), None when not known before apply.
    instances: int | None = None
    # Inputs that look like Glue arguments, and the largest known list/map of objects passed in (jobs = [...]).
    glue_inputs: list[str] = Field(default_factory=list)
    largest_collection: int | None = None


class IamRole(Resource):
    """An IAM role declared next to the Glue resources (GL8 reads the roles jobs run as)."""

    kind: ClassVar[str] = "iam_role"
    glue: ClassVar[bool] = False

    assume_role_policy: Value | None = None
    managed_policy_arns: Value | None = None

    def inline_documents(self) -> list[Value]:
        """Inline policy documents (Terraform ``inline_policy`` blocks' ``policy``, CloudFormation
        ``Policies[].PolicyDocument``)."""
        out: list[Value] = []
        if self.body is None:
            return out
        for entry in self.body.all("inline_policy"):
            for item in entry.value.as_list() or [entry.value]:
                obj = item.as_object()
                doc = obj.get("policy") if obj is not None else None
                if doc is not None:
                    out.append(doc)
        listed = self.body.get("Policies")
        for item in (listed.as_list() or []) if listed is not None else []:
            obj = item.as_object()
            doc = obj.get("PolicyDocument") if obj is not None else None
            if doc is not None:
                out.append(doc)
        return out


class IamPolicy(Resource):
    """An IAM policy (managed or inline for a role, user or group), or an attachment of a managed policy."""

    kind: ClassVar[str] = "iam_policy"
    glue: ClassVar[bool] = False

    policy: Value | None = None
    policy_arn: Value | None = None
    # The roles it applies to (names, ARNs or references; one for Terraform's aws_iam_role_policy).
    roles: Value | None = None


class ParseError(BaseModel):
    """A file that could not be read or parsed: becomes a GL001 finding."""

    model_config = ConfigDict(frozen=True)

    span: Span
    message: str


class FileReport(BaseModel):
    """What parsing one file produced."""

    path: str
    source_format: SourceFormat | None = None
    resources: list[Resource] = Field(default_factory=list)
    errors: list[ParseError] = Field(default_factory=list)
    # Comment suppressions found in the file (HCL / YAML comments), by line.
    suppressions: list[Suppression] = Field(default_factory=list)
    # The region the file's provider block or template pins, when known.
    region: str | None = None
    # Local files the file uploads to S3 (Terraform ``aws_s3_object``): where job scripts come from.
    uploads: list[S3Upload] = Field(default_factory=list)
