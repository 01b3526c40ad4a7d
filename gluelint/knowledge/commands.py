"""Glue job commands and worker-type Regions (rules/glue/commands.toml, rules/glue/worker_regions.toml)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gluelint.knowledge import load_data, version_key


class Command(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    # What the command runs (commands.toml ``kind``) and how it is sized (``capacity``): a closed vocabulary, so a
    # typo in the data fails at load and code asks the properties below instead of comparing strings.
    kind: Literal["spark", "pythonshell", "ray"]
    streaming: bool
    capacity: Literal["workers", "max_capacity"]
    flex: bool
    flex_min_version: str | None = None
    versions: list[str] = Field(default_factory=list)
    min_version: str | None = None
    python_versions: dict[str, list[str]] = Field(default_factory=dict)
    runtimes: list[str] = Field(default_factory=list)
    closed_to_new_customers: bool = False
    closed_to_new_customers_from: dt.date | None = None
    # Python shell: GlueVersion does not apply ("Any version specified will be ignored").
    glue_version_ignored: bool = False
    glue_version_ignored_source: str = ""
    default_timeout_minutes: int | None = None
    default_timeout_source: str = ""
    source: str
    confidence: str = "documented"

    @property
    def is_spark(self) -> bool:
        return self.kind == "spark"

    @property
    def is_python_shell(self) -> bool:
        return self.kind == "pythonshell"

    @property
    def is_ray(self) -> bool:
        return self.kind == "ray"

    @property
    def sized_by_max_capacity(self) -> bool:
        """Sized by MaxCapacity alone (no worker type and count)."""
        return self.capacity == "max_capacity"

    def allows_version(self, version: str) -> bool:
        if self.versions:
            return version in self.versions
        if self.min_version is not None:
            key, floor = version_key(version), version_key(self.min_version)
            return key is not None and floor is not None and key >= floor
        return True


class ShellRuntime(BaseModel):
    model_config = ConfigDict(frozen=True)

    python_version: str
    interpreter: str
    end_of_support: dt.date | None = None
    # Where another AWS page gives another day for the same end of support.
    end_of_support_other: dt.date | None = None
    end_of_support_other_source: str = ""
    end_of_life_announced: bool = True
    source: str
    confidence: str = "documented"


class ExecutionClasses(BaseModel):
    model_config = ConfigDict(frozen=True)

    default: str
    flex: str
    values: list[str]
    source: str
    flex_worker_types: list[str]
    flex_worker_types_source: str

    def is_flex(self, value: str | None) -> bool:
        return (value or "").upper() == self.flex


class AutoScaling(BaseModel):
    """Where ``--enable-auto-scaling`` works (AWS's auto-scaling page)."""

    model_config = ConfigDict(frozen=True)

    argument: str
    min_version: str
    worker_types: list[str]
    streaming_only: list[str]
    source: str
    confidence: str
    # gluelint policy (GL605), not an AWS fact: the fewest fixed workers worth suggesting auto scaling for.
    suggest_from_workers: int

    def supports(self, worker_type: str, streaming: bool) -> bool:
        return worker_type in self.worker_types and (streaming or worker_type not in self.streaming_only)


class CommandTable(BaseModel):
    model_config = ConfigDict(frozen=True)

    default: str
    default_source: str
    execution_class: ExecutionClasses
    auto_scaling: AutoScaling
    command: dict[str, Command]
    shell_runtime: list[ShellRuntime]
    ray_regions: list[str]
    ray_regions_source: str

    def get(self, name: str) -> Command | None:
        return self.command.get(name)

    def batch_command(self, kind: Literal["spark", "pythonshell", "ray"]) -> str:
        """The name of the batch (non-streaming) command of a kind: what a message suggests instead."""
        return next(c.name for c in self.command.values() if c.kind == kind and not c.streaming)

    @property
    def flex_commands(self) -> list[str]:
        """The commands ExecutionClass FLEX is allowed for."""
        return [c.name for c in self.command.values() if c.flex]

    def shell(self, python_version: str) -> ShellRuntime | None:
        return next((r for r in self.shell_runtime if r.python_version == python_version), None)


class WorkerRegions(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    regions: list[str]
    confidence: str
    source: str

    @property
    def known(self) -> bool:
        return bool(self.regions) and self.confidence != "unknown"


@cache
def commands() -> CommandTable:
    raw = load_data("gluelint.rules", "glue/commands.toml")
    cmds = {name: Command(name=name, **spec) for name, spec in raw["command"].items()}
    return CommandTable(default=raw["default"], default_source=raw["default_source"],
                        execution_class=ExecutionClasses.model_validate(raw["execution_class"]),
                        auto_scaling=AutoScaling.model_validate(raw["auto_scaling"]), command=cmds,
                        shell_runtime=[ShellRuntime.model_validate(r) for r in raw["shell_runtime"]],
                        ray_regions=list(raw["regions"]["glueray"]), ray_regions_source=raw["regions"]["source"])


@cache
def worker_regions() -> dict[str, WorkerRegions]:
    raw = load_data("gluelint.rules", "glue/worker_regions.toml")["worker"]
    return {name: WorkerRegions(name=name, **spec) for name, spec in raw.items()}
