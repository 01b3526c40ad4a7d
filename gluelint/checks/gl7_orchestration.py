"""GL7 orchestration checks: triggers, their schedules and the job graph they build."""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.context import RuleContext, attr_span, runs_queue
from gluelint.checks.quotas import quota
from gluelint.checks.registry import Result, check
from gluelint.cost.cron import ScheduleError, UnsupportedSchedule, min_interval_minutes, parse_schedule
from gluelint.knowledge.triggers import trigger_facts
from gluelint.model.inventory import Inventory, LinkStatus
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import combos, first_unknown, max_number
from gluelint.model.resources import Crawler, Job, Resource, Trigger
from gluelint.model.values import Value

Node = tuple[str, str]


def _kind(trigger: Trigger) -> str | None:
    value = trigger.type.as_str() if trigger.type is not None else None
    return value.upper() if value is not None else None


@check("GL701", Trigger)
def trigger_unknown_job(trigger: Trigger, ctx: RuleContext) -> Iterator[Result]:
    names: list[tuple[str, Value]] = [("actions.job_name", a.job_name) for a in trigger.actions if a.job_name]
    names += [("conditions.job_name", c.job_name) for c in trigger.conditions if c.job_name]
    for attribute, value in names:
        for label, leaf in value.leaves():
            link = ctx.inventory.job_link(trigger, leaf)
            if link.status is LinkStatus.UNKNOWN:
                yield ctx.undecided(attribute, leaf)
            elif link.status is LinkStatus.UNDEFINED and link.name is not None:
                yield ctx.finding(leaf.span or value.span, f"{trigger.address} names job {link.name!r} in "
                                  f"`{ctx.naming().term(attribute)}`, which no "
                                  "scanned file defines: fix the name, or list it in `external_jobs` if it is "
                                  "managed elsewhere", attribute=attribute, branch=label)


def _schedule_findings(owner: Resource, value: Value | None, ctx: RuleContext) -> Iterator[Result]:
    if value is None:
        return
    for label, leaf in value.leaves():
        text = leaf.as_str()
        if text is None:
            yield ctx.undecided("schedule", leaf, resource=owner)
            continue
        try:
            parse_schedule(text)
        except ScheduleError as exc:
            yield ctx.finding(leaf.span or value.span, f"{owner.address}: invalid "
                              f"`{ctx.naming(owner).term('schedule')}`: {exc}",
                              resource=owner, attribute="schedule", branch=label)


@check("GL702", Trigger)
def invalid_trigger_schedule(trigger: Trigger, ctx: RuleContext) -> Iterator[Result]:
    yield from _schedule_findings(trigger, trigger.schedule, ctx)


@check("GL702", Crawler)
def invalid_crawler_schedule(crawler: Crawler, ctx: RuleContext) -> Iterator[Result]:
    yield from _schedule_findings(crawler, crawler.schedule, ctx)


def _job_node(ctx_inventory: Inventory, owner: Trigger, value: Value | None) -> Job | None:
    if value is None:
        return None
    link = ctx_inventory.job_link(owner, value)
    return link.target if isinstance(link.target, Job) else None


@check("GL703")
def trigger_cycle(inventory: Inventory, ctx: RuleContext) -> Iterator[Result]:
    edges: dict[Node, list[tuple[Node, Trigger]]] = {}
    for trigger in inventory.of(Trigger):
        if _kind(trigger) != trigger_facts().types.conditional:
            continue
        upstream = [j for c in trigger.conditions if (j := _job_node(inventory, trigger, c.job_name))]
        downstream = [j for a in trigger.actions if (j := _job_node(inventory, trigger, a.job_name))]
        for up in upstream:
            for down in downstream:
                edges.setdefault((up.scope, up.address), []).append(((down.scope, down.address), trigger))
    reported: set[frozenset[Node]] = set()
    for start in sorted(edges):
        yield from _cycles_from(start, edges, reported, ctx)


def _cycles_from(start: Node, edges: dict[Node, list[tuple[Node, Trigger]]], reported: set[frozenset[Node]],
                 ctx: RuleContext) -> Iterator[Result]:
    stack: list[tuple[Node, list[Node], list[Trigger]]] = [(start, [start], [])]
    while stack:
        node, path, triggers = stack.pop()
        for nxt, trigger in edges.get(node, []):
            if nxt == start:
                members = frozenset(path)
                if members in reported:
                    continue
                reported.add(members)
                chain = " -> ".join(n[1] for n in [*path, start])
                first = min([*triggers, trigger], key=lambda t: (t.span.file, t.span.line))
                yield ctx.finding(first.span, f"conditional triggers form a cycle: {chain}; once started, the "
                                  "jobs restart each other until one fails: break the loop", resource=first,
                                  attribute="predicate")
            elif nxt not in path and len(path) < 200:
                stack.append((nxt, [*path, nxt], [*triggers, trigger]))


@check("GL704", Trigger)
def trigger_without_predicate(trigger: Trigger, ctx: RuleContext) -> Iterator[Result]:
    kind = _kind(trigger)
    if kind is None:
        if trigger.type is not None:
            yield ctx.undecided("type", trigger.type)
        return
    types = trigger_facts().types
    if kind == types.conditional and not trigger.conditions and trigger.conditions_unresolved is None:
        yield ctx.finding(trigger.type.span if trigger.type else None,
                          f"{trigger.address} is a {kind} trigger without predicate conditions: add "
                          f"`{ctx.naming().term('conditions')}` with the job or crawler states that should start it",
                          attribute="predicate")
    if kind == types.scheduled and trigger.schedule is None:
        yield ctx.finding(trigger.type.span if trigger.type else None,
                          f"{trigger.address} is a {kind} trigger without a schedule: add "
                          f"`{ctx.naming().setting('schedule', 'cron(...)')}`", attribute="schedule")


def _scheduled_by_job(inventory: Inventory) -> dict[int, list[Trigger]]:
    """The SCHEDULED triggers that start each job (by the job's id), computed once per inventory."""
    return inventory.derived("GL705.scheduled_by_job", lambda: _index_scheduled(inventory))


def _index_scheduled(inventory: Inventory) -> dict[int, list[Trigger]]:
    index: dict[int, list[Trigger]] = {}
    for trigger in inventory.of(Trigger):
        if _kind(trigger) != trigger_facts().types.scheduled:
            continue
        for action in trigger.actions:
            node = _job_node(inventory, trigger, action.job_name)
            if node is not None and trigger not in index.setdefault(id(node), []):
                index[id(node)].append(trigger)
    return index


@check("GL705", Job)
def schedule_overlaps_runs(job: Job, ctx: RuleContext) -> Iterator[Result]:
    triggers = _scheduled_by_job(ctx.inventory).get(id(job), [])
    if not triggers:
        return
    timeout, _ = max_number(EffectiveJob(job).timeout_minutes())
    concurrency, _ = max_number(EffectiveJob(job).max_concurrent_runs())
    if timeout is None or concurrency is None:
        yield ctx.undecided("timeout", job.timeout or job.glue_version)
        return
    if concurrency > 1:
        return
    queued, undecided = runs_queue(job, "max_concurrent_runs", ctx)
    if queued:  # over-limit runs wait (WAITING) instead of failing, or only apply time can tell
        if undecided is not None:
            yield undecided
        return
    for trigger in triggers:
        text = trigger.schedule.as_str() if trigger.schedule is not None else None
        if text is None:
            continue
        try:
            gap = min_interval_minutes(parse_schedule(text))
        except (ScheduleError, UnsupportedSchedule):
            continue
        if gap is not None and gap < timeout:
            span = job.timeout.span if job.timeout is not None and job.timeout.span else None
            n = ctx.naming()
            runs = n.term("max_concurrent_runs")
            yield ctx.finding(span, f"{job.address} is started every {gap:g} min by {trigger.address} "
                                    f"({text}) but may run {timeout:g} min with `{runs}` 1: a slow run makes the "
                                    f"next start fail; lower `{n.term('timeout')}` below the interval, raise "
                                    f"`{runs}`, or turn on `{n.term('job_run_queuing_enabled')}`",
                              attribute="timeout")
            return


@check("GL706", Trigger)
def trigger_too_many_actions(trigger: Trigger, ctx: RuleContext) -> Iterator[Result]:
    per_trigger = quota(ctx.config, "jobs_per_trigger")
    if len(trigger.actions) > per_trigger.value:
        yield ctx.finding(None, f"{trigger.address} has {len(trigger.actions)} actions, above "
                                f"{per_trigger.described()}: Glue rejects a trigger above the account's quota; "
                                f"split it into several triggers{per_trigger.how_to_set()}",
                          attribute="actions", variant=None if per_trigger.configured else "default_quota")
    elif trigger.actions_unresolved is not None:
        yield ctx.undecided("actions", trigger.actions_unresolved)


def _on(value: Value) -> bool | None:
    """A written boolean as both tools read it (``true`` / ``"true"``); None when unknown or not a boolean."""
    raw = value.scalar()
    if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
        return raw.strip().lower() == "true"
    return raw if isinstance(raw, bool) else None


@check("GL707", Trigger)
def start_on_creation_on_demand(trigger: Trigger, ctx: RuleContext) -> Iterator[Result]:
    if trigger.start_on_creation is None or trigger.type is None:
        return
    rejected = trigger_facts().start_on_creation_rejected_types
    for label, (kind_v, start_v) in combos(trigger.type, trigger.start_on_creation):
        missing = first_unknown((kind_v, start_v))
        if missing is not None:
            yield ctx.undecided("start_on_creation" if missing is start_v else "type", missing)
            continue
        kind = (kind_v.as_str() or "").upper()
        if _on(start_v) is True and kind in rejected:
            n = ctx.naming()
            yield ctx.finding(start_v.span or trigger.start_on_creation.span,
                              f"{trigger.address} is an {kind} trigger with `{n.setting('start_on_creation', True)}`: "
                              f"Glue's CreateTrigger rejects it (true is not supported for {kind} triggers, which fire "
                              f"only when someone starts them); remove `{n.term('start_on_creation')}`",
                              attribute="start_on_creation", branch=label)


@check("GL708", Trigger)
def predicate_logical_missing(trigger: Trigger, ctx: RuleContext) -> Iterator[Result]:
    # Terraform's provider writes predicate.logical = "AND" when it is left out; only a template can omit it.
    if not trigger.source_format.is_cloudformation or trigger.predicate_logical is not None:
        return
    if trigger.conditions_unresolved is not None:
        yield ctx.undecided("conditions", trigger.conditions_unresolved)
        return
    needed, logic = trigger_facts().logical_required_from_conditions, trigger_facts().logical
    if len(trigger.conditions) < needed:
        return
    n = ctx.naming()
    yield ctx.finding(attr_span(trigger, "has_predicate"),
                      f"{trigger.address} lists {len(trigger.conditions)} `{n.term('conditions')}` without "
                      f"`{n.term('predicate_logical')}`, which the Glue API requires once a predicate has more than "
                      f"one condition: the stack fails to create the trigger; add "
                      f"`{n.setting('predicate_logical', logic.all)}` (all must hold) or `{logic.any}` (one is "
                      "enough)",
                      attribute="predicate_logical")
