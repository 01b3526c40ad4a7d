"""Builders for check unit tests: model objects made directly, no parser involved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gluelint.checks import all_checks
from gluelint.checks.context import RuleContext
from gluelint.config import Config
from gluelint.findings import Finding, Undecided
from gluelint.findings.catalog import catalog
from gluelint.model.branches import Branch, Condition, When
from gluelint.model.inventory import Inventory
from gluelint.model.resources import FileReport, Job, Resource, SourceFormat
from gluelint.model.values import Alternative, Entry, ObjectValue, Span, Value

TODAY = dt.date(2026, 11, 26)


def span(line: int, column: int = 3) -> Span:
    return Span(file="main.tf", line=line, column=column)


def val(data: Any) -> Value:
    return data if isinstance(data, Value) else Value.of(data)


def unknown(expr: str = "var.x") -> Value:
    return Value.unknown(expr, "variable without default")


def branch(**outcomes: Any) -> Value:
    return Value.branches([Alternative(condition=Condition(k.replace("_", " ")), value=val(v))
                           for k, v in outcomes.items()], expression="cond ? a : b")


def when_on(expression: str, holds: bool = True) -> When:
    """The branch of a finding that holds where one condition does (``holds``) or does not."""
    return When((Branch.of(Condition(expression, holds)),))


def args(*pairs: tuple[str, Any], first_line: int = 20) -> Value:
    entries = [Entry(key=k, value=val(v), key_span=span(first_line + i, 5)) for i, (k, v) in enumerate(pairs)]
    return Value.of(ObjectValue(entries=entries))


def job(source_format: SourceFormat = SourceFormat.TERRAFORM_HCL, **fields: Any) -> Job:
    values = {k: val(v) if v is not None else None for k, v in fields.items()}
    values.setdefault("glue_version", Value.of("4.0"))
    return Job(address="aws_glue_job.t", resource_type="aws_glue_job", source_format=source_format,
               span=span(1, 1), **values)


def run(rule: str, resource: Resource, *, today: dt.date = TODAY, region: str | None = None,
        **config: Any) -> tuple[list[Finding], list[Undecided]]:
    meta = catalog()[rule]
    inventory = Inventory([FileReport(path="main.tf", resources=[resource])])
    ctx = RuleContext(meta=meta, config=Config(**config), inventory=inventory, today=today,
                      region=region, resource=resource)
    findings: list[Finding] = []
    undecided: list[Undecided] = []
    for chk in all_checks():
        if chk.rule_id == rule and chk.target is not None and isinstance(resource, chk.target):
            for result in chk.fn(resource, ctx):
                (findings if isinstance(result, Finding) else undecided).append(result)
    return findings, undecided


def lines(findings: list[Finding]) -> list[int]:
    return sorted(f.span.line for f in findings)
