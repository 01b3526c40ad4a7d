"""Glue special parameters (rules/glue/parameters.toml): names, value domains, where they work."""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from gluelint.knowledge import load_data


class Parameter(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    kind: str
    values: list[str] = Field(default_factory=list)
    # What Glue does when the parameter is absent (as one of ``values``).
    default: str | None = None
    allow_empty: bool = False
    requires: dict[str, str] = Field(default_factory=dict)
    commands: list[str] = Field(default_factory=list)
    excluded_commands: list[str] = Field(default_factory=list)
    harmless_unsupported_values: list[str] = Field(default_factory=list)
    min_version: str | None = None
    max_version: str | None = None
    unsupported_python: list[str] = Field(default_factory=list)
    reserved: bool = False
    misspellings: list[str] = Field(default_factory=list)
    max_per_vcpu: int | None = None
    replaced_by: str | None = None  # deprecated in favour of this parameter
    deprecation_note: str = ""
    min_workers: int | None = None  # the feature needs at least this many workers
    unavailable_regions: list[str] = Field(default_factory=list)
    max_length: int | None = None  # characters
    forbidden_chars: str = ""
    source: str
    confidence: str = "documented"

    @property
    def takes_s3(self) -> bool:
        return self.kind in ("s3", "s3_list")


class ConfSyntax(BaseModel):
    model_config = ConfigDict(frozen=True)

    property_prefixes: list[str]
    separator: str
    source: str


class Roles(BaseModel):
    """The parameters (and values) rules reason about by meaning (parameters.toml ``[roles]``)."""

    model_config = ConfigDict(frozen=True)

    bookmarks: str
    bookmarks_on: str
    job_language: str
    scala: str
    scala_class: str
    spark_conf: str
    python_modules: str
    pip_options: str


class NearMiss(BaseModel):
    model_config = ConfigDict(frozen=True)

    short_name_length: int
    cutoff: float


class ParameterTable(BaseModel):
    model_config = ConfigDict(frozen=True)

    parameter: list[Parameter]
    roles: Roles
    conf: ConfSyntax
    presence_off_values: list[str]
    near_miss: NearMiss

    @model_validator(mode="after")
    def _roles_name_listed_parameters(self) -> ParameterTable:
        names = {p.name: p for p in self.parameter}
        values = {"bookmarks_on": self.roles.bookmarks, "scala": self.roles.job_language}
        for role, name in self.roles.model_dump().items():
            if role in values:
                owner = names.get(values[role])
                if owner is None or name not in owner.values:
                    raise ValueError(f"parameters.toml [roles] {role} = {name!r} is no value of {values[role]}")
            elif name not in names:
                raise ValueError(f"parameters.toml [roles] {role} = {name!r} is no listed parameter")
        return self

    def get(self, name: str) -> Parameter | None:
        return next((p for p in self.parameter if p.name == name), None)

    def role(self, name: str) -> Parameter:
        """The parameter that plays ``name`` in ``[roles]`` (``parameters().role("bookmarks").name``)."""
        found = self.get(getattr(self.roles, name))
        assert found is not None, f"parameters.toml [roles] {name} names no listed parameter"
        return found

    def misspelling(self, key: str) -> Parameter | None:
        """The parameter a known misspelling (exact, or ignoring case) stands for."""
        lowered = key.lower()
        for p in self.parameter:
            if any(m.lower() == lowered for m in p.misspellings):
                return p
        return None


def mangle(key: str) -> str:
    """What the pangea Ruby DSL emits for an argument key: ``key.gsub(/[^a-zA-Z0-9_]/, '_').downcase``."""
    return re.sub(r"[^a-zA-Z0-9_]", "_", key).lower()


@cache
def parameters() -> ParameterTable:
    raw = load_data("gluelint.rules", "glue/parameters.toml")
    return ParameterTable(parameter=[Parameter.model_validate(p) for p in raw["parameter"]],
                          roles=Roles.model_validate(raw["roles"]), conf=ConfSyntax.model_validate(raw["conf"]),
                          presence_off_values=list(raw["presence"]["off_values"]),
                          near_miss=NearMiss.model_validate(raw["near_miss"]))
