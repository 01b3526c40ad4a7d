"""Orchestrator resource bodies (Terraform or CloudFormation, already resolved to Value trees) → the model's
schedules, rules, targets and state machines.

One table per format names the attributes; the meaning of a target (the universal target
``arn:aws:scheduler:::aws-sdk:glue:startJobRun`` with the job in its JSON input, a state machine ARN, a Glue
workflow ARN) is read the same way for both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Any

from gluelint.knowledge import load_data
from gluelint.model.orchestration import (
    EventRule,
    EventTarget,
    Orchestrator,
    SchedulerSchedule,
    Start,
    StateMachine,
    TargetKind,
    WhenSpec,
)
from gluelint.model.resources import SourceFormat, Suppression
from gluelint.model.values import ObjectValue, Span, Value
from gluelint.parse import asl
from gluelint.parse.json_template import decode_text
from gluelint.parse.shape import blocks, field, key_refs

MAX_DEFINITION_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class _Targets:
    job: tuple[str, ...]
    workflow: tuple[str, ...]
    crawler: tuple[str, ...]
    execution: tuple[str, ...]


@cache
def _targets() -> _Targets:
    data = load_data("gluelint.rules", "orchestration/starters.toml")["scheduler"]
    return _Targets(tuple(data["job_run_targets"]), tuple(data["workflow_run_targets"]),
                    tuple(data["crawler_targets"]), tuple(data["execution_targets"]))


@dataclass(frozen=True)
class Keys:
    """How one format spells the orchestrator attributes."""

    name: dict[str, tuple[str, ...]]
    expression: str
    timezone: str
    start_date: str
    end_date: str
    state: str
    event_pattern: str
    target: str  # the Scheduler target block
    targets: str  # CloudFormation rule Targets (empty for Terraform)
    arn: str
    input: str
    rule: str
    definition: tuple[str, ...]
    substitutions: str
    definition_files: tuple[str, ...]


TERRAFORM_KEYS = Keys(
    name={"aws_scheduler_schedule": ("name",), "aws_cloudwatch_event_rule": ("name",),
          "aws_cloudwatch_event_target": ("target_id",), "aws_sfn_state_machine": ("name",)},
    expression="schedule_expression", timezone="schedule_expression_timezone", start_date="start_date",
    end_date="end_date", state="state", event_pattern="event_pattern", target="target", targets="",
    arn="arn", input="input", rule="rule", definition=("definition",), substitutions="", definition_files=(),
)
CLOUDFORMATION_KEYS = Keys(
    name={"AWS::Scheduler::Schedule": ("Name",), "AWS::Events::Rule": ("Name",),
          "AWS::StepFunctions::StateMachine": ("StateMachineName",), "AWS::Serverless::StateMachine": ("Name",)},
    expression="ScheduleExpression", timezone="ScheduleExpressionTimezone", start_date="StartDate",
    end_date="EndDate", state="State", event_pattern="EventPattern", target="Target", targets="Targets",
    arn="Arn", input="Input", rule="", definition=("Definition", "DefinitionString"),
    substitutions="DefinitionSubstitutions", definition_files=("DefinitionS3Location", "DefinitionUri"),
)

CLASSES: dict[str, type[Orchestrator]] = {
    "aws_scheduler_schedule": SchedulerSchedule, "AWS::Scheduler::Schedule": SchedulerSchedule,
    "aws_cloudwatch_event_rule": EventRule, "AWS::Events::Rule": EventRule,
    "aws_cloudwatch_event_target": EventTarget,
    "aws_sfn_state_machine": StateMachine, "AWS::StepFunctions::StateMachine": StateMachine,
    "AWS::Serverless::StateMachine": StateMachine,
}


def is_orchestrator_type(resource_type: str) -> bool:
    return resource_type in CLASSES


def build(resource_type: str, address: str, body: ObjectValue, keys: Keys, *, span: Span,
          source_format: SourceFormat, scope: str, region: Value | None = None,
          suppressions: list[Suppression] | None = None, condition: str | None = None,
          folder: str = "") -> Orchestrator | None:
    cls = CLASSES.get(resource_type)
    if cls is None:
        return None
    common: dict[str, Any] = {
        "address": address, "scope": scope, "resource_type": resource_type, "source_format": source_format,
        "span": span, "region": region, "suppressions": suppressions or [], "condition": condition,
        "attribute_keys": key_refs(body), "name": field(body, *keys.name.get(resource_type, ("name",))),
    }
    if cls is StateMachine:
        return StateMachine(**common, **_state_machine(body, keys, folder or os.path.dirname(span.file)))
    if cls is EventTarget:
        return EventTarget(**common, rule=body.get(keys.rule),
                           starts=target_starts(body.get(keys.arn), body.get(keys.input), keys.arn, keys.input))
    when = _when(body, keys)
    pattern = body.get(keys.event_pattern)
    starts: list[Start] = []
    unresolved: Value | None = None
    if keys.targets and cls is EventRule:
        found, unresolved = blocks(body, keys.targets)
        for target, _ in found:
            starts.extend(target_starts(target.get(keys.arn), target.get(keys.input), f"{keys.targets}.{keys.arn}",
                                        f"{keys.targets}.{keys.input}"))
    else:
        found, unresolved = blocks(body, keys.target)
        for target, _ in found[:1]:
            starts.extend(target_starts(target.get(keys.arn), target.get(keys.input), f"{keys.target}.{keys.arn}",
                                        f"{keys.target}.{keys.input}"))
    return cls(**common, when=when, event_pattern=pattern, starts=starts, starts_unresolved=unresolved)


def _when(body: ObjectValue, keys: Keys) -> WhenSpec:
    return WhenSpec(attribute=keys.expression, timezone_attribute=keys.timezone,
                    expression=body.get(keys.expression), timezone=body.get(keys.timezone),
                    start_date=body.get(keys.start_date), end_date=body.get(keys.end_date),
                    enabled=body.get(keys.state) if body.get(keys.state) is not None else body.get("is_enabled"))


def _json(value: Value | None) -> ObjectValue | None:
    """The object a JSON input holds (text, an object, or an encoded value that kept its structure)."""
    if value is None:
        return None
    obj = value.as_object()
    if obj is not None:
        return obj
    if value.decoded is not None:
        return value.decoded.as_object()
    text = value.as_str()
    if text is None:
        return None
    decoded = decode_text(text, value.span or Span(file="<input>"))
    return decoded.as_object() if decoded is not None else None


def target_starts(arn: Value | None, payload: Value | None, path: str, input_path: str = "") -> list[Start]:
    """What one target starts: a Glue job or workflow (universal targets), a state machine, a workflow."""
    if arn is None:
        return []
    text = asl.integration_arn(arn, "scheduler") if arn.reference is None else None
    facts = _targets()
    body = _json(payload)

    def get(key: str) -> Value | None:
        return body.get(key) if body is not None else None

    common: dict[str, Any] = {"integration": text or "", "path": path, "span": arn.span, "attribute": path,
                              "arguments_attribute": input_path}
    if text in facts.job:
        why = None if body is not None else "the target input is not known"
        return [Start(target_kind=TargetKind.JOB, target=get("JobName"), arguments=get("Arguments"), why=why,
                      **common)]
    if text in facts.workflow:
        return [Start(target_kind=TargetKind.WORKFLOW, target=get("Name"), arguments=get("RunProperties"),
                      **common)]
    if text in facts.crawler:
        return [Start(target_kind=TargetKind.CRAWLER, target=get("Name"), **common)]
    if text in facts.execution:
        return [Start(target_kind=TargetKind.STATE_MACHINE, target=get("StateMachineArn"), **common)]
    if text is not None:
        if ":states:" in text and ":stateMachine:" in text:
            return [Start(target_kind=TargetKind.STATE_MACHINE, target=arn, **common)]
        if ":glue:" in text and ":workflow/" in text:
            return [Start(target_kind=TargetKind.WORKFLOW, target=arn, **common)]
        return []
    if arn.reference is not None:  # the referenced resource says what it is (resolved by the inventory)
        return [Start(target_kind=TargetKind.STATE_MACHINE, target=arn, **common)]
    return []


def _state_machine(body: ObjectValue, keys: Keys, folder: str) -> dict[str, Any]:
    substitutions: dict[str, Value] = {}
    subs = body.get(keys.substitutions) if keys.substitutions else None
    subs_obj = subs.as_object() if subs is not None else None
    if subs_obj is not None:
        substitutions = {e.key: e.value for e in subs_obj.effective().values()}
    definition: Value | None = None
    attribute = keys.definition[0]
    for key in keys.definition:
        if definition is None and body.get(key) is not None:
            definition, attribute = body.get(key), key
    if definition is None:
        for key in keys.definition_files:
            location = body.get(key)
            if location is not None:
                definition, attribute = _local_definition(location, folder), key
                break
    result = asl.read(definition, substitutions)
    result.starts[:] = [s.model_copy(update={"attribute": attribute}) for s in result.starts]
    result.async_reads[:] = [r.model_copy(update={"attribute": attribute}) for r in result.async_reads]
    schedules, event_sources = _sam_events(body)
    return {"starts": result.starts, "starts_unresolved": result.unresolved,
            "async_result_reads": result.async_reads, "schedules": schedules, "event_sources": event_sources}


def _local_definition(location: Value, folder: str) -> Value:
    """A definition file next to the template (``DefinitionUri: statemachine/etl.asl.json`` before
    ``sam package`` / ``aws cloudformation package`` uploads it); an S3 location is unknown here."""
    text = location.as_str()
    if text is None:
        return Value.unknown(str(location.plain()), "the definition is stored in S3, not in the scanned files",
                             location.span)
    if text.startswith("s3://"):
        return Value.unknown(text, "the definition is stored in S3, not in the scanned files", location.span)
    path = os.path.join(folder, text)
    try:
        if os.path.getsize(path) > MAX_DEFINITION_BYTES:
            return Value.unknown(text, "the definition file is too large to read", location.span)
        with open(path, encoding="utf-8") as fh:
            content = fh.read()
    except (OSError, UnicodeDecodeError, ValueError):
        return Value.unknown(text, f"the definition file {text} is not in the scanned files", location.span)
    decoded = _decode_file(content, location.span.file if location.span else text)
    if decoded is None:
        return Value.unknown(text, f"the definition file {text} is not JSON or YAML", location.span)
    return decoded


def _decode_file(content: str, path: str) -> Value | None:
    value = decode_text(content, Span(file=path))
    if value is not None:
        return value
    try:
        import yaml

        data = yaml.safe_load(content)
    except Exception:  # any YAML error: the definition stays unknown
        return None
    from gluelint.parse.json_template import to_value

    return to_value(data, Span(file=path)) if isinstance(data, dict) else None


def _sam_events(body: ObjectValue) -> tuple[list[WhenSpec], list[str]]:
    """SAM ``Events``: Schedule / ScheduleV2 (an EventBridge rule / Scheduler schedule made by SAM), and the
    names of the other, event-driven ones."""
    events = body.get("Events")
    events_obj = events.as_object() if events is not None else None
    out: list[WhenSpec] = []
    driven: list[str] = []
    for entry in events_obj.entries if events_obj is not None else []:
        event = entry.value.as_object()
        kind = event.get("Type") if event is not None else None
        props = event.get("Properties") if event is not None else None
        props_obj = props.as_object() if props is not None else None
        if kind is None or props_obj is None or kind.as_str() not in ("Schedule", "ScheduleV2"):
            driven.append(f"{entry.key} ({kind.as_str() if kind is not None else '?'})")
            continue
        enabled = props_obj.get("State") or props_obj.get("Enabled")
        key = "Schedule" if props_obj.get("Schedule") is not None else "ScheduleExpression"
        where = f"Events.{entry.key}.Properties"
        out.append(WhenSpec(attribute=f"{where}.{key}", timezone_attribute=f"{where}.ScheduleExpressionTimezone",
                            expression=props_obj.get(key),
                            timezone=props_obj.get("ScheduleExpressionTimezone"),
                            start_date=props_obj.get("StartDate"), end_date=props_obj.get("EndDate"),
                            enabled=enabled))
    return out, driven
