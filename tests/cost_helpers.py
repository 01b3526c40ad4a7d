"""Model builders for the cost tests (jobs and triggers built directly, no parser)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gluelint.config import Config
from gluelint.cost import estimate_inventory
from gluelint.cost.model import CostReport
from gluelint.model.inventory import Inventory
from gluelint.model.resources import FileReport, Job, PredicateCondition, SourceFormat, Trigger, TriggerAction
from gluelint.model.values import Entry, ObjectValue, Span, Value

SPAN = Span(file="x.tf", line=1)
# Every cost test counts schedules over the year 2026-12-01 .. 2027-12-01 (365 days, no 29 February).
TODAY = dt.date(2026, 12, 1)


def job(name: str, **kw: Any) -> Job:
    values = {k: (v if isinstance(v, Value) or k == "default_arguments" else Value.of(v)) for k, v in kw.items()}
    args = kw.get("default_arguments")
    if isinstance(args, dict):
        values["default_arguments"] = Value.of(ObjectValue(entries=[Entry(key=k, value=Value.of(v))
                                                                    for k, v in args.items()]))
    tags = values.pop("tags", None)
    if tags is not None and isinstance(kw["tags"], dict):
        tags = Value.of(ObjectValue(entries=[Entry(key=k, value=Value.of(v)) for k, v in kw["tags"].items()]))
    return Job(address=f"aws_glue_job.{name}", resource_type="aws_glue_job",
               source_format=SourceFormat.TERRAFORM_HCL, span=SPAN, name=Value.of(name), tags=tags, **values)


def scheduled(name: str, schedule: str, *jobs: str) -> Trigger:
    return Trigger(address=f"aws_glue_trigger.{name}", resource_type="aws_glue_trigger",
                   source_format=SourceFormat.TERRAFORM_HCL, span=SPAN, name=Value.of(name),
                   type=Value.of("SCHEDULED"), schedule=Value.of(schedule),
                   actions=[TriggerAction(job_name=Value.of(j)) for j in jobs])


def conditional(name: str, upstream: list[str], downstream: list[str], logical: str | None = None) -> Trigger:
    return Trigger(address=f"aws_glue_trigger.{name}", resource_type="aws_glue_trigger",
                   source_format=SourceFormat.TERRAFORM_HCL, span=SPAN, name=Value.of(name),
                   type=Value.of("CONDITIONAL"), has_predicate=True,
                   predicate_logical=Value.of(logical) if logical else None,
                   conditions=[PredicateCondition(job_name=Value.of(u), state=Value.of("SUCCEEDED")) for u in upstream],
                   actions=[TriggerAction(job_name=Value.of(d)) for d in downstream])


def inventory(*resources: Any, region: str | None = None) -> Inventory:
    return Inventory([FileReport(path="x.tf", resources=list(resources), region=region)])


def estimate(*resources: Any, config: Config | None = None, region: str | None = None) -> CostReport:
    return estimate_inventory(inventory(*resources), config or Config(), region, TODAY)
