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
    max: int
    quota_code: str


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


class TriggerLimits(_Sourced):
    max_actions: int
    quota_code: str


class AccountLimits(_Sourced):
    max_task_dpus: int
    quota_code: str


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
    triggers: TriggerLimits
    account: AccountLimits
    queuing: QueuingLimits


@cache
def limits() -> Limits:
    return Limits.model_validate(load_data("gluelint.rules", "glue/limits.toml"))
