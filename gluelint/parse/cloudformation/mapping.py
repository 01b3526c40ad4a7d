"""CloudFormation ``AWS::Glue::*`` Properties (already resolved to Value trees) → the common model.

The field table (rules/glue/fields.toml) maps model fields to the Properties paths; Terraform reads the same
table, so both formats and the checks' messages agree by construction. Orchestrators that start Glue jobs
(Step Functions, ...) are read by parse/orchestration.py.
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
    return spec is not None and spec.cloudformation == resource_type


def is_glue_type(resource_type: str) -> bool:
    """A type the model reads: a Glue resource, or an orchestrator that starts Glue jobs."""
    return _is_glue(resource_type) or is_orchestrator_type(resource_type) or is_iam_type(resource_type)


def build(resource_type: str, logical_id: str, properties: ObjectValue, *, span: Span,
          source_format: SourceFormat, scope: str, region: Value | None = None,
          suppressions: list[Suppression] | None = None, condition: str | None = None,
          folder: str = "") -> Resource | None:
    """Map one CloudFormation resource's Properties to its model resource; None for non-Glue types.

    ``folder`` is the template's folder on disk, where a state machine's local definition file is read."""
    if is_iam_type(resource_type):
        return build_iam(resource_type, logical_id, properties, span=span, source_format=source_format, scope=scope,
                         suppressions=suppressions, condition=condition)
    if not _is_glue(resource_type):
        return orchestration.build(resource_type, logical_id, properties, orchestration.CLOUDFORMATION_KEYS,
                                   span=span, source_format=source_format, scope=scope, region=region,
                                   suppressions=suppressions, condition=condition, folder=folder)
    return build_resource(Dialect.CLOUDFORMATION, resource_type, logical_id, properties, span=span,
                          source_format=source_format, scope=scope, region=region, suppressions=suppressions,
                          condition=condition)
