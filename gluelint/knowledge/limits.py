"""Glue limits and quotas (rules/glue/limits.toml)."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from gluelint.knowledge import load_data


class _Sourced(BaseModel):
    model_config = ConfigDict(frozen=True)

    source: str
    confidence: str = "documented"


class TimeoutLimits(_Sourced):
    min_minutes: int
    max_minutes_exclusive: int


class StreamingLimits(_Sourced):
    restart_after_minutes: int


class RetryLimits(_Sourced):
    min: int
    max: int


class ConcurrencyLimits(_Sourced):
    min: int
    default: int


class NotifyLimits(_Sourced):
    min_minutes: int


class WorkerLimits(_Sourced):
    spark_min: int
    other_min: int


class CapacityLimits(_Sourced):
    pythonshell_values: list[float]
    pythonshell_default: float
    spark_min: int
    spark_max: int
    spark_default: int
    spark_legacy_max_version: str


class ArgumentLimits(_Sourced):
    max_total_bytes: int


class Quota(_Sourced):
    """One adjustable service quota: AWS's name, code and default value."""

    name: str
    code: str
    default: float
    adjustable: bool
    retrieved: str


class Quotas(BaseModel):
    """The quotas checks compare against, by the name users write under ``[tool.gluelint.quotas]``."""

    model_config = ConfigDict(frozen=True)

    concurrent_runs_per_job: Quota
    jobs_per_trigger: Quota
    task_dpus_per_account: Quota

    def get(self, name: str) -> Quota | None:
        value = getattr(self, name, None) if name in type(self).model_fields else None
        return value if isinstance(value, Quota) else None


class QueuingLimits(_Sourced):
    field: str
    waits_for: list[str]


class Limits(BaseModel):
    model_config = ConfigDict(frozen=True)

    timeout: TimeoutLimits
    streaming: StreamingLimits
    retries: RetryLimits
    concurrency: ConcurrencyLimits
    notify_delay: NotifyLimits
    workers: WorkerLimits
    capacity: CapacityLimits
    arguments: ArgumentLimits
    quotas: Quotas
    queuing: QueuingLimits


@cache
def limits() -> Limits:
    return Limits.model_validate(load_data("gluelint.rules", "glue/limits.toml"))
