"""Airflow DAG files → the Glue jobs their ``GlueJobOperator`` tasks start, and the DAG's schedule.

The file is read with Python's ``ast`` and never executed (a DAG file may import anything and run code at
import). Recognised: ``DAG(...)`` calls and ``with DAG(...)`` blocks, ``@dag(...)``-decorated functions, the
``schedule`` / ``schedule_interval`` argument as a cron string, a preset (``@daily``, ...), ``None``/``@once``
or ``timedelta(...)``; ``GlueJobOperator(job_name=..., script_args=...)`` (also the older
``AwsGlueJobOperator``) with literal arguments, module-level constants and f-strings of constants. A task is
attached to the DAG it is created in (inside ``with DAG``, a ``@dag`` function, or ``dag=``); with a single DAG
in the file, to that one. Anything else is unknown and says so.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from gluelint.knowledge import load_data
from gluelint.model.orchestration import AirflowDag, Start, TargetKind, WhenSpec
from gluelint.model.resources import FileReport, ParseError, SourceFormat
from gluelint.model.values import Entry, ObjectValue, Span, Value
from gluelint.parse.options import ParseOptions
from gluelint.parse.source import SourceError, read_text

MARKER = b"GlueJobOperator"


@dataclass(frozen=True)
class _Facts:
    operators: frozenset[str]
    job_name: str
    arguments: str
    presets: dict[str, str]


@cache
def _facts() -> _Facts:
    data = load_data("gluelint.rules", "orchestration/starters.toml")["airflow"]
    return _Facts(frozenset(data["operators"]), data["job_name_keyword"], data["arguments_keyword"],
                  dict(data["presets"]))


@dataclass
class _Dag:
    name: Value | None
    schedule: Value | None
    timezone: Value | None
    span: Span
    starts: list[Start] = field(default_factory=list)


def parse_dag_file(path: Path, options: ParseOptions) -> FileReport:
    display = options.display_path(path)
    report = FileReport(path=display, source_format=SourceFormat.AIRFLOW_PYTHON)
    try:
        text = read_text(path, options.max_file_bytes)
    except SourceError as exc:
        report.errors.append(exc.record(display))
        return report
    try:
        tree = ast.parse(text, filename=display)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        line = getattr(exc, "lineno", None) or 1
        column = getattr(exc, "offset", None) or 1
        report.errors.append(ParseError(span=Span(file=display, line=line, column=column),
                                        message=f"invalid Python (Airflow DAG file): {getattr(exc, 'msg', exc)}"))
        return report
    reader = _Reader(display)
    reader.module(tree)
    report.resources = [_resource(dag, display, i) for i, dag in enumerate(reader.dags)
                        if dag.starts]
    return report


def _resource(dag: _Dag, display: str, index: int) -> AirflowDag:
    name = dag.name.as_str() if dag.name is not None else None
    address = f"dag.{name}" if name else f"dag[{index}]"
    return AirflowDag(address=address, scope=display, resource_type="airflow_dag",
                      source_format=SourceFormat.AIRFLOW_PYTHON, span=dag.span, name=dag.name,
                      when=WhenSpec(attribute="schedule", timezone_attribute="start_date", expression=dag.schedule,
                                    timezone=dag.timezone), starts=dag.starts)


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.constants: dict[str, Value] = {}
        self.dags: list[_Dag] = []
        self.by_variable: dict[str, _Dag] = {}
        self.orphans: list[Start] = []

    def span(self, node: ast.AST) -> Span:
        line = getattr(node, "lineno", 1)
        column = getattr(node, "col_offset", 0) + 1
        return Span(file=self.file, line=line, column=column, end_line=getattr(node, "end_lineno", None) or line,
                    end_column=(getattr(node, "end_col_offset", None) or column - 1) + 1)

    # -- walking ------------------------------------------------------------------------------------
    def module(self, tree: ast.Module) -> None:
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                value = self.value(stmt.value)
                if value.known:
                    self.constants[stmt.targets[0].id] = value
        self.block(tree.body, None)
        if self.orphans and len(self.dags) == 1:
            self.dags[0].starts.extend(self.orphans)

    def block(self, body: list[ast.stmt], current: _Dag | None) -> None:
        for stmt in body:
            self.statement(stmt, current)

    def statement(self, stmt: ast.stmt, current: _Dag | None) -> None:
        if isinstance(stmt, ast.With):
            inner = current
            for item in stmt.items:
                dag = self.dag_call(item.context_expr)
                if dag is not None:
                    inner = dag
                    if isinstance(item.optional_vars, ast.Name):
                        self.by_variable[item.optional_vars.id] = dag
            self.block(stmt.body, inner)
            return
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            decorated = next((self.dag_call(d, decorator=stmt) for d in stmt.decorator_list
                              if self.dag_call(d, decorator=stmt, probe=True)), None)
            self.block(stmt.body, decorated or current)
            return
        if isinstance(stmt, (ast.If, ast.For, ast.While, ast.Try)):
            for part in ("body", "orelse", "finalbody"):
                self.block(getattr(stmt, part, []) or [], current)
            for handler in getattr(stmt, "handlers", []):
                self.block(handler.body, current)
            return
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            dag = self.dag_call(stmt.value)
            if dag is not None:
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        self.by_variable[target.id] = dag
                return
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call) and _callee(node) in _facts().operators:
                self.operator(node, current)

    # -- DAGs and operators -------------------------------------------------------------------------
    def dag_call(self, node: ast.expr, decorator: ast.AST | None = None, probe: bool = False) -> _Dag | None:
        if isinstance(node, ast.Name) and node.id == "dag" and decorator is not None:
            call_args: list[ast.keyword] = []
            positional: list[ast.expr] = []
        elif isinstance(node, ast.Call) and _callee(node) in (("dag",) if decorator is not None else ("DAG",)):
            call_args, positional = node.keywords, node.args
        else:
            return None
        if probe:
            return _Dag(None, None, None, self.span(node))
        keywords = {k.arg: k.value for k in call_args if k.arg is not None}
        name_node = keywords.get("dag_id") or (positional[0] if positional else None)
        if name_node is not None:
            name = self.value(name_node)
        elif isinstance(decorator, (ast.FunctionDef, ast.AsyncFunctionDef)):
            name = Value.of(decorator.name, self.span(decorator))
        else:
            name = None
        schedule_node = keywords.get("schedule", keywords.get("schedule_interval"))
        schedule = self.schedule(schedule_node) if schedule_node is not None else None
        timezone = self.timezone(keywords.get("start_date"))
        dag = _Dag(name, schedule, timezone, self.span(node))
        self.dags.append(dag)
        return dag

    def operator(self, node: ast.Call, current: _Dag | None) -> None:
        facts = _facts()
        keywords = {k.arg: k.value for k in node.keywords if k.arg is not None}
        job = keywords.get(facts.job_name)
        task_id = keywords.get("task_id")
        task = self.value(task_id).as_str() if task_id is not None else None
        start = Start(target_kind=TargetKind.JOB, target=self.value(job) if job is not None else None,
                      arguments=self.value(keywords[facts.arguments]) if facts.arguments in keywords else None,
                      integration=_callee(node) or "", path=task or f"line {node.lineno}",
                      span=self.span(job) if job is not None else self.span(node), attribute=facts.job_name,
                      arguments_attribute=facts.arguments)
        owner = current
        dag_ref = keywords.get("dag")
        if isinstance(dag_ref, ast.Name) and dag_ref.id in self.by_variable:
            owner = self.by_variable[dag_ref.id]
        if owner is not None:
            owner.starts.append(start)
        else:
            self.orphans.append(start)

    # -- values -------------------------------------------------------------------------------------
    def value(self, node: ast.expr) -> Value:
        span = self.span(node)
        text = ast.unparse(node)
        if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, (str, int, float, bool))):
            return Value.of(node.value, span)
        if isinstance(node, ast.Name) and node.id in self.constants:
            return self.constants[node.id].model_copy(update={"span": span, "expression": text})
        if isinstance(node, ast.JoinedStr):
            parts: list[str] = []
            for piece in node.values:
                if isinstance(piece, ast.Constant):
                    parts.append(str(piece.value))
                    continue
                inner = self.value(piece.value) if isinstance(piece, ast.FormattedValue) else None
                found = inner.as_str() if inner is not None else None
                if found is None or (isinstance(piece, ast.FormattedValue) and piece.format_spec is not None):
                    return Value.unknown(text, "an f-string part is known only when the DAG runs", span)
                parts.append(found)
            return Value.of("".join(parts), span, expression=text)
        if isinstance(node, ast.Dict):
            entries: list[Entry] = []
            unresolved: list[Value] = []
            for key, item in zip(node.keys, node.values, strict=True):
                key_value = self.value(key) if key is not None else None
                key_text = key_value.as_str() if key_value is not None else None
                if key_text is None:
                    unresolved.append(self.value(item))
                else:
                    entries.append(Entry(key=key_text, value=self.value(item), key_span=self.span(key or item)))
            return Value.of(ObjectValue(entries=entries, unresolved=unresolved), span)
        if isinstance(node, (ast.List, ast.Tuple)):
            return Value.of([self.value(e) for e in node.elts], span)
        return Value.unknown(text, "computed when the DAG file is imported", span)

    def schedule(self, node: ast.expr) -> Value:
        """A cron string, a preset as AWS cron, None, or a timedelta as minutes (a number)."""
        span = self.span(node)
        text = ast.unparse(node)
        if isinstance(node, ast.Call) and _callee(node) == "timedelta":
            minutes = _timedelta_minutes(node)
            if minutes is None:
                return Value.unknown(text, "a timedelta with non-literal arguments", span)
            return Value.of(minutes, span, expression=text)
        value = self.value(node)
        raw = value.as_str()
        if raw is None:
            return value
        preset = _facts().presets.get(raw.strip())
        if preset is not None:
            return Value.of(preset, span, expression=raw)
        return value

    def timezone(self, node: ast.expr | None) -> Value | None:
        """The time zone of ``start_date=pendulum.datetime(..., tz="Europe/Paris")``, when given."""
        if not isinstance(node, ast.Call):
            return None
        for keyword in node.keywords:
            if keyword.arg in ("tz", "tzinfo"):
                found = self.value(keyword.value)
                return found if found.as_str() is not None else None
        return None


def _callee(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


_TIMEDELTA_MINUTES = {"weeks": 7 * 1440, "days": 1440, "hours": 60, "minutes": 1, "seconds": 1 / 60}


def _timedelta_minutes(node: ast.Call) -> float | None:
    total = 0.0
    if node.args:
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, (int, float))):
            return None
        total += float(first.value) * 1440  # the first positional argument is days
    for keyword in node.keywords:
        factor = _TIMEDELTA_MINUTES.get(keyword.arg or "")
        if factor is None or not (isinstance(keyword.value, ast.Constant)
                                  and isinstance(keyword.value.value, (int, float))):
            return None
        total += float(keyword.value.value) * factor
    return total if total > 0 else None
