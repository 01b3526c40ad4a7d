"""Trigger facts (rules/glue/triggers.toml): schedules, StartOnCreation, Predicate.Logical; the per-trigger action
quota is in limits.toml."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from gluelint.knowledge import load_data


class TriggerFacts(BaseModel):
    model_config = ConfigDict(frozen=True)

    min_schedule_interval_minutes: int
    min_schedule_interval_confidence: str
    # Trigger types the API rejects StartOnCreation = true for (GL707).
    start_on_creation_rejected_types: list[str]
    start_on_creation_rejected_types_source: str
    # A predicate with at least this many conditions must say Logical (GL708).
    logical_required_from_conditions: int
    logical_required_from_conditions_source: str


@cache
def trigger_facts() -> TriggerFacts:
    return TriggerFacts.model_validate(load_data("gluelint.rules", "glue/triggers.toml"))
