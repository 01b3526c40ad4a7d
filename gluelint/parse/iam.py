"""IAM roles and policies (Terraform ``aws_iam_*``, CloudFormation ``AWS::IAM::*``) → model IamRole / IamPolicy.

Not Glue resources: read as the context the GL8 checks need (the role a job runs as, the policies that grant
Glue actions), so they live outside the Glue field table (rules/glue/fields.toml).
"""

from __future__ import annotations

from gluelint.model.resources import IamPolicy, IamRole, Resource, SourceFormat, Suppression
from gluelint.model.values import ObjectValue, Span, Value
from gluelint.parse.shape import field, key_refs

# resource type → (model class, model field → attribute path)
_TYPES: dict[str, tuple[type[IamRole] | type[IamPolicy], dict[str, tuple[str, ...]]]] = {
    "aws_iam_role": (IamRole, {"name": ("name",), "assume_role_policy": ("assume_role_policy",),
                               "managed_policy_arns": ("managed_policy_arns",)}),
    "aws_iam_policy": (IamPolicy, {"name": ("name",), "policy": ("policy",)}),
    "aws_iam_role_policy": (IamPolicy, {"name": ("name",), "policy": ("policy",), "roles": ("role",)}),
    "aws_iam_user_policy": (IamPolicy, {"name": ("name",), "policy": ("policy",)}),
    "aws_iam_group_policy": (IamPolicy, {"name": ("name",), "policy": ("policy",)}),
    "aws_iam_role_policy_attachment": (IamPolicy, {"policy_arn": ("policy_arn",), "roles": ("role",)}),
    "aws_iam_policy_attachment": (IamPolicy, {"name": ("name",), "policy_arn": ("policy_arn",),
                                              "roles": ("roles",)}),
    "AWS::IAM::Role": (IamRole, {"name": ("RoleName",), "assume_role_policy": ("AssumeRolePolicyDocument",),
                                 "managed_policy_arns": ("ManagedPolicyArns",)}),
    "AWS::IAM::Policy": (IamPolicy, {"name": ("PolicyName",), "policy": ("PolicyDocument",), "roles": ("Roles",)}),
    "AWS::IAM::ManagedPolicy": (IamPolicy, {"name": ("ManagedPolicyName",), "policy": ("PolicyDocument",),
                                            "roles": ("Roles",)}),
}


def is_iam_type(resource_type: str) -> bool:
    return resource_type in _TYPES


def build_iam(resource_type: str, address: str, body: ObjectValue, *, span: Span, source_format: SourceFormat,
              scope: str, suppressions: list[Suppression] | None = None,
              condition: str | None = None) -> Resource | None:
    spec = _TYPES.get(resource_type)
    if spec is None:
        return None
    cls, fields = spec
    values: dict[str, Value | None] = {name: field(body, *path) for name, path in fields.items()}
    return cls(address=address, scope=scope, resource_type=resource_type, source_format=source_format, span=span,
               attribute_keys=key_refs(body), suppressions=suppressions or [], condition=condition, body=body,
               **values)
