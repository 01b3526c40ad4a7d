"""AWS's billing terms for one run: which rate kind a job is billed at, and the minimum billed per run (both
read from data: commands, versions, pricing/billing.toml)."""

from __future__ import annotations

from gluelint.cost.tables import billing
from gluelint.knowledge.commands import commands
from gluelint.knowledge.versions import versions
from gluelint.model.outcomes import at_least


def rate_kind(command: str, family: str, execution_class: str | None, version: str | None) -> str:
    spec = commands().get(command)
    fixed = billing().command_rate_kinds.get(spec.kind) if spec is not None else None
    if fixed is not None:
        return fixed
    if family == "ray":  # a Ray worker type (Z.2X) named on another command: billed as Ray
        return billing().command_rate_kinds["ray"]
    gen2 = at_least(version or "", billing().gen2_min_version) is True
    if commands().execution_class.is_flex(execution_class):
        return "etl_flex_gen2" if gen2 else "etl_flex"
    if family == "memory_optimized":
        return "memory_optimized"
    return "gen2" if gen2 else "etl"


def flex_kind(kind: str) -> str:
    return "etl_flex_gen2" if kind == "gen2" else "etl_flex"


def min_billed_minutes(command: str, version: str | None) -> tuple[float | None, str | None]:
    """The billing minimum per run, and a note when it is assumed."""
    command_spec = commands().get(command)
    if command_spec is not None and command_spec.is_spark:
        spec = versions().get(version or "")
        return (float(spec.min_billed_minutes), None) if spec is not None else (None, None)
    minimum = billing().minimum.get(command)
    if minimum is None:
        return None, None
    note = f"{command} billing minimum {minimum.minutes:g} min ({minimum.confidence})"
    return minimum.minutes, note if minimum.confidence != "confirmed" else None


def billed_minutes(minutes: float, minimum: float | None) -> float:
    """Per-second billing with a minimum per run."""
    return max(minutes, minimum or 0.0)
