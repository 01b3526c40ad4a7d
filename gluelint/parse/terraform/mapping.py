"""Terraform resource bodies (from HCL, Terraform JSON or a plan) → the common model.

The field table (rules/glue/fields.toml) maps model fields to the provider's attribute paths, so all three
Terraform parsers, CloudFormation and the checks' messages share one mapping and agree by construction.
Orchestrators that start Glue jobs (Step Functions, ...) are read by parse/orchestration.py.
"""

from __future__ import annotations

from gluelint.knowledge.fields import Dialect, resource_fields
from gluelint.model.resources import Resource, SourceFormat, Suppression
from gluelint.model.values import ObjectValue, Span, Value
from gluelint.parse import orchestration
from gluelint.parse.iam import build_iam, is_iam_type
from gluelint.parse.orchestration import is_orchestrator_type
from gluelint.parse.shape import build_resource


def _is_glue(resource_type: str) -> bool:
    spec = resource_fields(resource_type)
    return spec is not None and spec.terraform == resource_type


def is_glue_type(resource_type: str) -> bool:
    """A type the model reads: a Glue resource, or an orchestrator that starts Glue jobs."""
    return _is_glue(resource_type) or is_orchestrator_type(resource_type) or is_iam_type(resource_type)


# Resources that are not Glue's but feed the checks: objects that upload a job's script from a local file.
UPLOAD_TYPES = frozenset({"aws_s3_object", "aws_s3_bucket_object"})
# Data sources whose attributes Terraform knows at plan time from the configuration alone.
LOCAL_DATA_TYPES = frozenset({"local_file"})


def build(resource_type: str, address: str, body: ObjectValue, *, span: Span, source_format: SourceFormat,
          scope: str = "", region: Value | None = None, suppressions: list[Suppression] | None = None,
          condition: str | None = None) -> Resource | None:
    """Map one Terraform resource body to its model resource; None for non-Glue types."""
    if is_iam_type(resource_type):
        return build_iam(resource_type, address, body, span=span, source_format=source_format, scope=scope,
                         suppressions=suppressions, condition=condition)
    if not _is_glue(resource_type):
        return orchestration.build(resource_type, address, body, orchestration.TERRAFORM_KEYS, span=span,
                                   source_format=source_format, scope=scope, region=region,
                                   suppressions=suppressions, condition=condition)
    return build_resource(Dialect.TERRAFORM, resource_type, address, body, span=span, source_format=source_format,
                          scope=scope, region=region, suppressions=suppressions, condition=condition)
