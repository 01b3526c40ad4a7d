"""Glue versions (rules/glue/versions.toml)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from pydantic import BaseModel, ConfigDict

from gluelint.knowledge import load_data, version_key


class GlueVersion(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    spark: str
    python: list[str]
    end_of_support: dt.date | None = None
    end_of_life: dt.date | None = None
    default_timeout_minutes: int
    min_billed_minutes: int
    source: str

    @property
    def key(self) -> tuple[int, ...]:
        return version_key(self.id) or ()


class DevEndpointFacts(BaseModel):
    """The Glue versions development endpoints run on (GL511)."""

    model_config = ConfigDict(frozen=True)

    versions: list[str]
    default_version: str
    console_removed: dt.date
    replacement: str
    source: str


class VersionTable(BaseModel):
    model_config = ConfigDict(frozen=True)

    default_version: str
    default_version_source: str
    auto_value: str
    dev_endpoints: DevEndpointFacts
    version: list[GlueVersion]

    def get(self, version_id: str) -> GlueVersion | None:
        return next((v for v in self.version if v.id == version_id), None)

    @property
    def default(self) -> GlueVersion:
        found = self.get(self.default_version)
        assert found is not None, "versions.toml: default_version must be listed"
        return found


@cache
def versions() -> VersionTable:
    return VersionTable.model_validate(load_data("gluelint.rules", "glue/versions.toml"))
