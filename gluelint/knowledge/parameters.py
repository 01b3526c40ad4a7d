"""Glue special parameters (rules/glue/parameters.toml): names, value domains, where they work."""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from gluelint.knowledge import load_data


class Parameter(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    kind: str
    values: list[str] = Field(default_factory=list)
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


class NearMiss(BaseModel):
    model_config = ConfigDict(frozen=True)

    short_name_length: int
    cutoff: float


class ParameterTable(BaseModel):
    model_config = ConfigDict(frozen=True)

    parameter: list[Parameter]
    conf: ConfSyntax
    presence_off_values: list[str]
    near_miss: NearMiss

    def get(self, name: str) -> Parameter | None:
        return next((p for p in self.parameter if p.name == name), None)

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
                          conf=ConfSyntax.model_validate(raw["conf"]),
                          presence_off_values=list(raw["presence"]["off_values"]),
                          near_miss=NearMiss.model_validate(raw["near_miss"]))
