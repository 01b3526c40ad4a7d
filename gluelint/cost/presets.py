"""Sizing presets: the DSL's named workloads (pricing/presets.toml) plus the user's config ``[presets]``."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from gluelint.config import Config
from gluelint.config import Preset as ConfigPreset
from gluelint.knowledge import load_data
from gluelint.knowledge.commands import commands
from gluelint.knowledge.workers import workers


class Preset(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    worker_type: str | None = None
    number_of_workers: int | None = None
    max_capacity: float | None = None
    # A preset that names no command sizes the default command (rules/glue/commands.toml ``default``).
    command: str = Field(default_factory=lambda: commands().default)
    description: str = ""
    origin: str = "builtin"

    @property
    def dpus(self) -> float | None:
        if self.worker_type is not None and self.number_of_workers is not None:
            spec = workers().get(self.worker_type)
            return spec.dpu * self.number_of_workers if spec is not None else None
        return self.max_capacity

    @property
    def family(self) -> str:
        spec = workers().get(self.worker_type or "")
        return spec.family if spec is not None else "dpu"

    @property
    def shape(self) -> str:
        if self.worker_type is not None:
            return f"{self.worker_type} x {self.number_of_workers}"
        return f"max_capacity {self.max_capacity:g}" if self.max_capacity is not None else "?"


@cache
def builtin_presets() -> tuple[Preset, ...]:
    raw = load_data("gluelint.pricing", "presets.toml")["preset"]
    return tuple(Preset(name=name, **spec) for name, spec in raw.items())


def _from_config(name: str, p: ConfigPreset) -> Preset:
    return Preset(name=name, worker_type=p.worker_type, number_of_workers=p.number_of_workers,
                  max_capacity=p.max_capacity, command=p.command or commands().default, description=p.description,
                  origin="config")


def presets(config: Config | None = None) -> dict[str, Preset]:
    """Every preset by name; config presets override built-in ones of the same name."""
    out = {p.name: p for p in builtin_presets()}
    if config is not None:
        out.update({name: _from_config(name, p) for name, p in config.presets.items()})
    return out


def nearest(dpus: float, command: str, table: dict[str, Preset]) -> Preset | None:
    """The preset for ``command`` whose DPUs are closest to ``dpus`` (ties: the smaller)."""
    same = [p for p in table.values() if p.command == command and p.dpus is not None]
    if not same:
        return None
    return min(same, key=lambda p: (abs((p.dpus or 0.0) - dpus), p.dpus or 0.0, p.name))

