"""Schedule facts of triggers (rules/glue/triggers.toml); the per-trigger action quota is in limits.toml."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict

from gluelint.knowledge import load_data


class TriggerFacts(BaseModel):
    model_config = ConfigDict(frozen=True)

    min_schedule_interval_minutes: int
    min_schedule_interval_confidence: str


@cache
def trigger_facts() -> TriggerFacts:
    return TriggerFacts.model_validate(load_data("gluelint.rules", "glue/triggers.toml"))
