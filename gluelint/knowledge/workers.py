"""Glue worker types (pricing/workers.toml)."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from gluelint.knowledge import load_data


class WorkerType(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    dpu: float
    vcpu: int
    memory_gb: int
    family: str
    commands: list[str]
    min_version: str | None = None
    max_version: str | None = None
    source: str


@cache
def workers() -> dict[str, WorkerType]:
    raw = load_data("gluelint.pricing", "workers.toml")["worker"]
    return {name: WorkerType(name=name, **spec) for name, spec in raw.items()}
