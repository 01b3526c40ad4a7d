"""What a check receives: the rule it runs for, the config, the inventory, the check date, the cost figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from gluelint.config import Config
from gluelint.cost.model import CostReport, JobCost
from gluelint.findings import Finding, Fix, Severity, Undecided
from gluelint.findings.catalog import RuleMeta
from gluelint.model.inventory import Inventory
from gluelint.model.job import EffectiveJob
from gluelint.model.naming import Naming, naming
from gluelint.model.resources import Job, Resource
from gluelint.model.values import Span, Value


@dataclass
class RuleContext:
    meta: RuleMeta
    config: Config
    inventory: Inventory
    today: dt.date
    region: str | None = None
    # The cost estimator's results (gluelint.cost), for GL4/GL6 messages; set by the engine.
    costs: CostReport | None = None
    resource: Resource | None = None
    # The IDs of every rule this run checks: a rule stays quiet where another active rule says the same.
    active: frozenset[str] = frozenset()
    # The user's ``[tool.gluelint] severity`` for this rule, when set (it wins over the catalog).
    configured_severity: Severity | None = None

    def cost_of(self, resource: Resource) -> JobCost | None:
        """The estimator's figures for ``resource``, by identity: two folders with the same address are two jobs."""
        report = self.costs
        return report.of(resource.span.file, resource.scope, resource.address) if report is not None else None

    @property
    def severity(self) -> Severity:
        """The rule's severity in this run (the user's setting, else the catalog's)."""
        return self.meta.severity_of(None, self.configured_severity)

    def finding(self, span: Span | None, message: str, *, resource: Resource | None = None,
                attribute: str | None = None, branch: str | None = None, variant: str | None = None,
                fix: Fix | None = None) -> Finding:
        """A finding at ``span`` (the resource block when None); the message should name the resource."""
        owner = resource or self.resource
        if span is not None and owner is not None:
            span = key_of_value(owner, span)
        where = span or (owner.span if owner is not None else Span(file="<unknown>"))
        if owner is not None and "<" in owner.scope:
            # The same module file instantiated from several root folders: say which instance this is.
            message = f"{message} [as called from {owner.scope.split('<', 1)[1]}]"
        if branch:
            message = f"{message} (when {branch})"
        severity = self.meta.severity_of(variant, self.configured_severity)
        return Finding(rule=self.meta.id, name=self.meta.name, severity=severity,
                       message=message, span=where, resource=owner.address if owner else None,
                       resource_type=owner.resource_type if owner else None,
                       scope=owner.scope if owner else None, branch=branch,
                       attribute=attribute, fix=fix, source_format=owner.source_format if owner else None)

    def naming(self, resource: Resource | None = None) -> Naming:
        """How the file of ``resource`` (default: the resource being checked) names attributes, for messages."""
        owner = resource or self.resource
        if owner is None:
            raise ValueError("naming() needs a resource outside a per-resource check")
        return naming(owner)

    def undecided_all(self, pairs: list[tuple[str, Value]],
                      resource: Resource | None = None) -> Iterator[Undecided]:
        for attribute, value in pairs:
            yield self.undecided(attribute, value, resource=resource)

    def undecided(self, attribute: str, value: Value | None, *, resource: Resource | None = None) -> Undecided:
        owner = resource or self.resource
        return Undecided(rule=self.meta.id, resource=owner.address if owner else "", attribute=attribute,
                         expression=value.expression if value is not None else None,
                         reason=value.reason if value is not None else None,
                         span=value.span if value is not None else None)


def at(resource: Resource, value: Value | None) -> Span | None:
    """Where a finding about ``value`` points: the key of the attribute it is written under (the nearest key of
    ``resource`` before it), or the value itself when it is written elsewhere (a variable default)."""
    span = value.span if value is not None else None
    return nearest_key(resource, span) if span is not None else None


def attr_span(resource: Resource, name: str) -> Span:
    """Where attribute ``name`` (a model field) is written: its key; the resource block when absent."""
    wanted = naming(resource).key_path(name)
    found: Span | None = None
    for ref in resource.attribute_keys:
        if ref.span is not None and ref.path == wanted:
            found = ref.span
    if found is not None:
        return found
    value = getattr(resource, name, None)
    if isinstance(value, Value) and value.span is not None and value.span != resource.span:
        return value.span
    return resource.span


def key_of_value(resource: Resource, span: Span) -> Span:
    """Findings about an attribute point at its key (``timeout = 120`` → ``timeout``), as for every rule.

    A span that is the value of one of the resource's attributes, written inside the resource, moves to the
    nearest attribute key before it; any other span (an argument entry's key, a value written in a variable
    default elsewhere, the resource itself) is kept.
    """
    if span not in _value_spans(resource):
        return span
    return nearest_key(resource, span)


def nearest_key(resource: Resource, span: Span) -> Span:
    """The key of the attribute ``span`` is written under (the nearest key of ``resource`` before it), or
    ``span`` itself when it lies outside the resource (a value written in a variable default)."""
    res = resource.span
    pos = (span.line, span.column)
    inside = span.file == res.file and (res.line, res.column) <= pos and (
        not res.end_line or pos <= (res.end_line, res.end_column or 10**9))
    if not inside:
        return span
    keys = [k.span for k in resource.attribute_keys
            if k.span is not None and k.span.file == span.file and (k.span.line, k.span.column) <= pos]
    return max(keys, key=lambda s: (s.line, s.column)) if keys else span


def _value_spans(resource: Resource) -> set[Span]:
    spans: set[Span] = set()
    for name in type(resource).model_fields:
        value = getattr(resource, name)
        if isinstance(value, Value):
            spans.update(leaf.span for _, leaf in value.leaves() if leaf.span is not None)
            if value.span is not None:
                spans.add(value.span)
    return spans


def runs_queue(job: Job, limit: str, ctx: RuleContext) -> tuple[bool, Undecided | None]:
    """Whether a run of ``job`` over ``limit`` waits (job run queuing) instead of failing — then a rule about
    that limit has nothing to report — and the undecided result when only apply time knows the setting."""
    queued = EffectiveJob(job).queues_runs(limit)
    if queued is None and job.job_run_queuing_enabled is not None:
        return True, ctx.undecided("job_run_queuing_enabled", job.job_run_queuing_enabled, resource=job)
    return bool(queued), None



def job_region(job: Job, ctx: RuleContext) -> str | None:
    """The Region the job is deployed in, when its definition says so: the job's own ``region`` (AWS provider
    6), else the provider block or template of its file, else the configured ``region``; None when none does."""
    own = job.region.as_str() if job.region is not None else None
    if own:
        return own
    return ctx.inventory.file_region(job.span.file) or ctx.region
