"""The field table (rules/glue/fields.toml): each model field and where each source format writes it.

The parsers map resource bodies to the model with it, the checks find where an attribute is written with it,
and messages name attributes with it, so the three can never disagree about a name.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gluelint.knowledge import load_data


class Dialect(StrEnum):
    """The two attribute naming schemes: the Terraform provider's (HCL, JSON, plan) and CloudFormation's."""

    TERRAFORM = "terraform"
    CLOUDFORMATION = "cloudformation"


class FieldPaths(BaseModel):
    model_config = ConfigDict(frozen=True)

    terraform: str | None = None
    cloudformation: str | None = None
    # "value": the attribute's value; "presence": whether the block is written; "items": a list of model objects.
    kind: Literal["value", "presence", "items"] = "value"

    def get(self, dialect: Dialect) -> str | None:
        return self.terraform if dialect is Dialect.TERRAFORM else self.cloudformation


class ResourceFields(BaseModel):
    """One Glue resource type in both dialects: its model class name, type names and field paths."""

    model_config = ConfigDict(frozen=True)

    model: str
    terraform: str | None = None
    cloudformation: str | None = None
    terraform_blocks: list[str] = Field(default_factory=list)
    cloudformation_blocks: list[str] = Field(default_factory=list)
    fields: dict[str, FieldPaths]
    source: str

    def type_name(self, dialect: Dialect) -> str | None:
        return self.terraform if dialect is Dialect.TERRAFORM else self.cloudformation

    def blocks(self, dialect: Dialect) -> frozenset[str]:
        return frozenset(self.terraform_blocks if dialect is Dialect.TERRAFORM else self.cloudformation_blocks)

    def path(self, field: str, dialect: Dialect) -> str | None:
        """Where ``field`` is written in ``dialect`` (dotted); None when the dialect has no such attribute."""
        paths = self.fields.get(field)
        return paths.get(dialect) if paths is not None else None

    def field_map(self, dialect: Dialect, kind: str = "value") -> dict[str, tuple[str, ...]]:
        """Model field → key path, for the resource's own fields of ``kind`` that the dialect writes."""
        return {name: tuple(path.split(".")) for name, paths in self.fields.items()
                if "." not in name and paths.kind == kind and (path := paths.get(dialect)) is not None}

    def item_keys(self, item: str, dialect: Dialect) -> dict[str, str]:
        """Model field → key inside each item of list block ``item`` (``actions``: ``job_name`` → ``JobName``)."""
        prefix = f"{item}."
        return {name.removeprefix(prefix): path.rsplit(".", 1)[-1] for name, paths in self.fields.items()
                if name.startswith(prefix) and (path := paths.get(dialect)) is not None}

    def field_at(self, path: str, dialect: Dialect) -> str | None:
        """The model field written at ``path`` in ``dialect`` (the inverse of :meth:`path`)."""
        return next((name for name, paths in self.fields.items() if paths.get(dialect) == path), None)


class FieldTable(BaseModel):
    model_config = ConfigDict(frozen=True)

    resources: list[ResourceFields]

    def by_type(self, resource_type: str) -> ResourceFields | None:
        return next((spec for spec in self.resources if resource_type in (spec.terraform, spec.cloudformation)),
                    None)

    def dialect_of(self, resource_type: str) -> Dialect | None:
        spec = self.by_type(resource_type)
        if spec is None:
            return None
        return Dialect.TERRAFORM if spec.terraform == resource_type else Dialect.CLOUDFORMATION

    def model_field(self, resource_type: str, path: str) -> str | None:
        """The model field ``resource_type`` writes at ``path`` in its own dialect (``WorkerType`` and
        ``worker_type`` are both ``worker_type``); None where the model has no such field."""
        spec, dialect = self.by_type(resource_type), self.dialect_of(resource_type)
        return spec.field_at(path, dialect) if spec is not None and dialect is not None else None


@cache
def field_table() -> FieldTable:
    return FieldTable(resources=load_data("gluelint.rules", "glue/fields.toml")["resource"])


@cache
def resource_fields(resource_type: str) -> ResourceFields | None:
    """The table row of ``aws_glue_job`` / ``AWS::Glue::Job``; None for a type gluelint does not model."""
    return field_table().by_type(resource_type)
