"""Trigger facts (rules/glue/triggers.toml): schedules, StartOnCreation, Predicate.Logical; the per-trigger action
quota is in limits.toml."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from gluelint.knowledge import load_data


class TriggerTypes(BaseModel):
    """The API's trigger types by the role rules give them (triggers.toml ``[types]``)."""

    model_config = ConfigDict(frozen=True)

    scheduled: str
    conditional: str
    on_demand: str
    event: str
    source: str


class PredicateLogic(BaseModel):
    """Predicate.Logical values (triggers.toml ``[logical]``)."""

    model_config = ConfigDict(frozen=True)

    all: str
    any: str
    default: str
    source: str


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
    types: TriggerTypes
    logical: PredicateLogic


@cache
def trigger_facts() -> TriggerFacts:
    return TriggerFacts.model_validate(load_data("gluelint.rules", "glue/triggers.toml"))
