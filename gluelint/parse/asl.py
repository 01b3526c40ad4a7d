"""Amazon States Language definitions → the Glue starts of a state machine.

Walks the states (also inside ``Parallel`` branches and ``Map`` item processors) and lists every task that
starts a Glue job, workflow, crawler or nested state machine, with its ``JobName`` and ``Arguments``
(JSONPath ``Parameters`` or JSONata ``Arguments``). A task that some runs do not reach (only after a
``Choice`` branch or a ``Catch``) starts the job at most once per execution; a ``Map`` over items known
only at run time starts it an unknown number of times. Spec: https://states-language.net/spec.html
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gluelint.knowledge import load_data
from gluelint.model.orchestration import Multiplicity, Start, StateTransition, TargetKind
from gluelint.model.values import ObjectValue, Span, Value
from gluelint.parse.json_template import decode_text

_PLACEHOLDER = re.compile(r"\$\{([^}]+)\}")


@dataclass(frozen=True)
class _Facts:
    job_run: tuple[str, ...]
    sync_suffix: str
    workflow: tuple[str, ...]
    crawler: tuple[str, ...]
    execution: tuple[str, ...]
    result_fields: tuple[str, ...]


@cache
def _facts() -> _Facts:
    data = load_data("gluelint.rules", "orchestration/starters.toml")["stepfunctions"]
    return _Facts(tuple(data["job_run_resources"]), data["sync_suffix"], tuple(data["workflow_run_resources"]),
                  tuple(data["crawler_resources"]), tuple(data["execution_resources"]),
                  tuple(data["job_run_result_fields"]))


@dataclass
class Definition:
    starts: list[Start]
    async_reads: list[StateTransition]
    unresolved: Value | None = None


def read(definition: Value | None, substitutions: dict[str, Value] | None = None) -> Definition:
    """The Glue starts of a definition (an object, JSON text, or an encoded value that kept its structure)."""
    out = Definition([], [])
    if definition is None:
        return out
    body = _structure(definition)
    if body is None:
        out.unresolved = definition
        return out
    walker = _Walker(substitutions or {}, out)
    walker.machine(body, "States", Multiplicity.ONCE, 1)
    return out


def _structure(value: Value) -> ObjectValue | None:
    obj = value.as_object()
    if obj is not None:
        return obj
    if value.decoded is not None:
        return value.decoded.as_object()
    text = value.as_str()
    if text is None or not text.lstrip().startswith("{"):
        return None
    decoded = decode_text(text, value.span or Span(file="<definition>"))
    return decoded.as_object() if decoded is not None else None


def _str(value: Value | None) -> str | None:
    return value.as_str() if value is not None else None


class _Walker:
    def __init__(self, substitutions: dict[str, Value], out: Definition) -> None:
        self.substitutions = substitutions
        self.out = out

    def machine(self, body: ObjectValue, path: str, outer: Multiplicity, factor: int) -> None:
        states = body.get("States")
        states_obj = states.as_object() if states is not None else None
        if states_obj is None:
            if states is not None:
                self.out.unresolved = states
            return
        table = {e.key: e.value.as_object() for e in states_obj.entries}
        always = _always_run(table, _str(body.get("StartAt")))
        for name, state in table.items():
            if state is None:
                continue
            reached = outer if name in always else Multiplicity.AT_MOST
            if outer is Multiplicity.UNKNOWN:
                reached = Multiplicity.UNKNOWN
            self.state(name, state, f"{path}.{name}", reached, factor, table)

    def state(self, name: str, state: ObjectValue, path: str, reached: Multiplicity, factor: int,
              table: dict[str, ObjectValue | None]) -> None:
        kind = _str(state.get("Type"))
        if kind == "Task":
            self.task(state, path, reached, factor, table)
        elif kind == "Parallel":
            branches = state.get("Branches")
            for i, branch in enumerate((branches.as_list() or []) if branches is not None else [], 1):
                obj = branch.as_object()
                if obj is not None:
                    self.machine(obj, f"{path} / branch {i}", reached, factor)
        elif kind == "Map":
            inner = state.get("ItemProcessor") or state.get("Iterator")
            obj = inner.as_object() if inner is not None else None
            if obj is None:
                return
            items = state.get("Items")
            listed = items.as_list() if items is not None else None
            if listed is not None:
                self.machine(obj, f"{path} / each of {len(listed)} items", reached, factor * len(listed))
            else:
                self.machine(obj, f"{path} / each item", Multiplicity.UNKNOWN, factor)

    def task(self, state: ObjectValue, path: str, reached: Multiplicity, factor: int,
             table: dict[str, ObjectValue | None]) -> None:
        resource = state.get("Resource")
        arn = self.substitute(resource) if resource is not None else None
        text = integration_arn(arn, "states")
        if text is None:
            return
        facts = _facts()
        base, sync = (text[: -len(facts.sync_suffix)], True) if text.endswith(facts.sync_suffix) else (text, False)
        base = base.removesuffix(":2")  # startExecution.sync:2
        params = state.get("Parameters") or state.get("Arguments")
        params_obj = params.as_object() if params is not None else None
        if base in facts.job_run:
            kind, name_key, arg_key = TargetKind.JOB, "JobName", "Arguments"
        elif base in facts.workflow:
            kind, name_key, arg_key = TargetKind.WORKFLOW, "Name", "RunProperties"
        elif base in facts.crawler:
            kind, name_key, arg_key = TargetKind.CRAWLER, "Name", ""
        elif base.removesuffix(".sync") in facts.execution:
            kind, name_key, arg_key = TargetKind.STATE_MACHINE, "StateMachineArn", "Input"
        else:
            return
        target = self.parameter(params_obj, name_key, params)
        arguments = self.parameter(params_obj, arg_key, params) if arg_key else None
        why = None
        if reached is Multiplicity.AT_MOST:
            why = "only some executions reach it (a Choice branch or a Catch)"
        elif reached is Multiplicity.UNKNOWN:
            why = "inside a Map over items known only at run time"
        self.out.starts.append(Start(
            target_kind=kind, target=target, arguments=arguments, sync=sync, integration=text, path=path,
            multiplicity=reached, factor=factor, why=why, span=(resource.span if resource is not None else None),
            arguments_attribute=f"{path}.{'Parameters' if state.get('Parameters') is not None else 'Arguments'}."
                                f"{arg_key}"))
        if kind is TargetKind.JOB and not sync:
            self.async_read(state, path, table)

    def parameter(self, params: ObjectValue | None, key: str, whole: Value | None) -> Value | None:
        if params is None:
            return whole if whole is not None and not whole.known else None
        value = params.get(key)
        if value is not None:
            return self.substitute(value)
        dynamic = params.get(f"{key}.$")
        if dynamic is not None:
            return Value.unknown(_str(dynamic) or f"{key}.$", "taken from the execution input at run time",
                                 dynamic.span)
        return None

    def substitute(self, value: Value) -> Value:
        """``${name}`` placeholders of DefinitionSubstitutions, replaced by the values bound to them."""
        text = value.as_str()
        if text is None or "${" not in text or not self.substitutions:
            return value
        whole = _PLACEHOLDER.fullmatch(text)
        if whole and whole.group(1) in self.substitutions:
            return self.substitutions[whole.group(1)]
        out: list[str] = []
        pos = 0
        for m in _PLACEHOLDER.finditer(text):
            bound = self.substitutions.get(m.group(1))
            piece = bound.as_str() if bound is not None else m.group(0)
            if piece is None:
                return Value.unknown(text, f"DefinitionSubstitutions {m.group(1)} is known at deploy time",
                                     value.span)
            out.append(text[pos:m.start()] + piece)
            pos = m.end()
        return Value.of("".join(out) + text[pos:], value.span, expression=text)

    def async_read(self, state: ObjectValue, path: str, table: dict[str, ObjectValue | None]) -> None:
        """A state right after an asynchronous start that reads what only a finished run reports."""
        nxt = _str(state.get("Next"))
        follower = table.get(nxt) if nxt is not None else None
        if follower is None or nxt is None:
            return
        resource = _str(follower.get("Resource")) or ""
        if "getJobRun" in resource:
            return  # polling the run: the right pattern
        for field in _facts().result_fields:
            found = _mentions(follower, field)
            if found is not None:
                self.out.async_reads.append(StateTransition(task_path=path, next_state=nxt, reads=field,
                                                            span=found))
                return


def integration_arn(value: Value | None, service: str) -> str | None:
    """A service-integration ARN as ``arn:aws:<service>:::<integration>``, also when its partition is written
    as a reference (CDK: ``arn:${AWS::Partition}:states:::glue:startJobRun.sync``): the integration is the
    same in every partition."""
    if value is None:
        return None
    text = value.as_str() if value.known else value.expression
    if text is None:
        return None
    marker = f":{service}:::"
    if marker not in text or not text.startswith("arn:"):
        return value.as_str()
    return f"arn:aws{marker}{text.split(marker, 1)[1]}"


def _mentions(obj: ObjectValue, word: str) -> Span | None:
    """The span of a string or key in ``obj`` that names ``word`` as a JSONPath / JSONata step."""
    pattern = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])")
    for entry in obj.entries:
        if pattern.search(entry.key) and entry.key not in ("Comment",):
            return entry.key_span or entry.value.span
        if entry.key == "Comment":
            continue
        found = _mentions_value(entry.value, pattern)
        if found is not None:
            return found
    return None


def _mentions_value(value: Value, pattern: re.Pattern[str]) -> Span | None:
    obj = value.as_object()
    if obj is not None:
        for entry in obj.entries:
            if entry.key == "Comment":
                continue
            found = _mentions_value(entry.value, pattern)
            if found is not None:
                return found
        return None
    items = value.as_list()
    if items is not None:
        for item in items:
            found = _mentions_value(item, pattern)
            if found is not None:
                return found
        return None
    text = value.as_str()
    if text is not None and ("$" in text or "{%" in text) and pattern.search(text):
        return value.span
    return None


def _edges(state: ObjectValue) -> tuple[list[str], bool]:
    """Successors on the success path, and whether the state can end the execution."""
    kind = _str(state.get("Type"))
    nxt: list[str] = []
    if kind == "Choice":
        choices = state.get("Choices")
        for choice in (choices.as_list() or []) if choices is not None else []:
            obj = choice.as_object()
            target = _str(obj.get("Next")) if obj is not None else None
            if target is not None:
                nxt.append(target)
        default = _str(state.get("Default"))
        if default is not None:
            nxt.append(default)
        return nxt, default is None  # no Default: an unmatched input ends the execution (States.NoChoiceMatched)
    if kind in ("Succeed", "Fail"):
        return [], True
    target = _str(state.get("Next"))
    end = state.get("End")
    if target is not None:
        nxt.append(target)
    return nxt, target is None or (end is not None and end.scalar() is True)


def _always_run(table: dict[str, ObjectValue | None], start: str | None) -> set[str]:
    """States every successful execution passes through: removing one cuts the start off every end."""
    if start is None or start not in table:
        return set()
    edges = {name: _edges(state) if state is not None else ([], True) for name, state in table.items()}

    def ends_without(skip: str) -> bool:
        if start == skip:
            return False
        seen, todo = {start}, [start]
        while todo:
            name = todo.pop()
            successors, can_end = edges.get(name, ([], True))
            if can_end:
                return True
            for nxt in successors:
                if nxt != skip and nxt not in seen and nxt in edges:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    reachable = {start}
    todo = [start]
    while todo:
        for nxt in edges.get(todo.pop(), ([], True))[0]:
            if nxt not in reachable and nxt in edges:
                reachable.add(nxt)
                todo.append(nxt)
    return {name for name in reachable if not ends_without(name)}
