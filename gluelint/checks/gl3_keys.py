"""GL301 / GL304 / GL307 / GL308 / GL309 / GL313 — argument keys: duplicates, near-misses and malformed spellings
of Glue's special parameters, internal (reserved) ones, presence flags whose value Glue ignores, and deprecated
parameters.

Key recognition (near-miss, malformed) lives in argument_names.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.argument_names import malformed_key, near_miss, near_miss_candidates
from gluelint.checks.context import RuleContext, attr_span
from gluelint.checks.fixes import merge_entries, rename_key
from gluelint.checks.registry import Result, check
from gluelint.checks.spark_conf import conf_key
from gluelint.findings import Fix
from gluelint.knowledge.parameters import parameters
from gluelint.model.arguments import entry_span
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import join_labels
from gluelint.model.resources import Job, Trigger
from gluelint.model.values import Entry, ObjectValue, Span


def _duplicates(owner: str, where: str, obj: ObjectValue, branch: str | None, fallback: Span,
                ctx: RuleContext) -> Iterator[Result]:
    """One finding per overridden occurrence, naming both lines: where the lost value is written and where the
    entry that wins is (the winner is not reported again, so each duplicate is one finding).

    Only duplicates written in one file count: a key that a module's caller (or a variable file) passes in
    and ``merge()`` lays over the module's own defaults is the override idiom, not a lost value.
    """
    groups: dict[tuple[str, str | None, str | None], list[Entry]] = {}
    for e in obj.entries:
        written_in = e.key_span.file if e.key_span is not None else None
        groups.setdefault((e.key, e.condition, written_in), []).append(e)
    for (key, condition, _file), entries in groups.items():
        if len(entries) < 2:
            continue
        last = entries[-1]
        last_at = entry_span(last, fallback)
        label = join_labels(branch, condition)
        written = ctx.naming().term(where)
        packed = key == conf_key()
        fix = _merge_conf(ctx, where, entries) if packed and branch is None and condition is None else None
        for index, e in enumerate(entries[:-1]):
            here = entry_span(e, fallback)
            yield ctx.finding(here,
                              f"{owner}: `{written}` sets `{key}` at line {here.line} and again at line "
                              f"{last_at.line}, which wins, so the value at line {here.line} is silently lost: keep "
                              f"a single `{key}` entry"
                              + (" and pack every Spark setting into its value" if packed else ""),
                              attribute=f"{where}.{key}", branch=label, fix=fix if index == 0 else None)


def _merge_conf(ctx: RuleContext, where: str, entries: list[Entry]) -> Fix | None:
    """Every ``--conf`` value packed into the last entry, as Glue reads one ``--conf`` (``a=1 --conf b=2``);
    not when the values set one Spark property twice (GL302 would follow)."""
    if ctx.resource is None:
        return None
    texts = [e.value.as_str() for e in entries]
    if any(t is None or not t.strip() for t in texts):
        return None
    properties = [p.split("=", 1)[0].strip() for t in texts for p in str(t).split(" --conf ")]
    if len(properties) != len(set(properties)):
        return None
    return merge_entries(ctx.resource, where, entries, " --conf ",
                         f"merge the {len(entries)} `--conf` entries into one value")


@check("GL301", Job)
def duplicate_argument_key(job: Job, ctx: RuleContext) -> Iterator[Result]:
    maps, unknown = EffectiveJob(job).argument_maps()
    for name, value in unknown:
        yield ctx.undecided(name, value)
    for m in maps:
        yield from _duplicates(job.address, m.field, m.obj, m.branch, attr_span(job, m.field), ctx)


@check("GL301", Trigger)
def duplicate_action_argument_key(trigger: Trigger, ctx: RuleContext) -> Iterator[Result]:
    for index, action in enumerate(trigger.actions):
        if action.arguments is None:
            continue
        for label, leaf in action.arguments.leaves():
            obj = leaf.as_object()
            if obj is None:
                if leaf.is_unknown:
                    yield ctx.undecided(f"actions[{index}].arguments", leaf)
                continue
            yield from _duplicates(trigger.address, f"actions[{index}].arguments", obj, label,
                                   action.span or trigger.span, ctx)


# -- GL304 / GL307 / GL308 / GL309: keys ----------------------------------------------------------------


@check("GL304", Job)
def unknown_special_parameter(job: Job, ctx: RuleContext) -> Iterator[Result]:
    maps, _ = EffectiveJob(job).argument_maps()
    for m in maps:
        for e in m.obj.entries:
            meant = near_miss(e.key)
            if meant is not None:
                certain = m.branch is None and near_miss_candidates(e.key) == [meant]
                yield ctx.finding(entry_span(e, job.span),
                                  f"{job.address}: `{e.key}` is not a Glue special parameter, so Glue ignores it: "
                                  f"did you mean `{meant.name}`?",
                                  attribute=f"{m.field}.{e.key}", branch=join_labels(m.branch, e.condition),
                                  fix=rename_key(job, m.field, e, meant.name) if certain else None)


@check("GL313", Job)
def deprecated_special_parameter(job: Job, ctx: RuleContext) -> Iterator[Result]:
    """No ``--fix``: the successor can change what the job does (``--disable-proxy-v2`` sends CloudWatch and Glue
    calls through the VPC too), so the rename is the author's decision, not a safe repair."""
    maps, _ = EffectiveJob(job).argument_maps()
    for m in maps:
        keys = {e.key for e in m.obj.entries}
        for e in m.obj.entries:
            p = parameters().get(e.key)
            if p is None or p.replaced_by is None:
                continue
            action = (f"remove it (`{p.replaced_by}` is already set)" if p.replaced_by in keys
                      else f"use `{p.replaced_by}` instead")
            note = f" ({p.deprecation_note})" if p.deprecation_note else ""
            yield ctx.finding(entry_span(e, job.span),
                              f"{job.address}: `{e.key}` is deprecated{note}: {action}",
                              attribute=f"{m.field}.{e.key}", branch=join_labels(m.branch, e.condition))


@check("GL307", Job)
def malformed_argument_key(job: Job, ctx: RuleContext) -> Iterator[Result]:
    maps, _ = EffectiveJob(job).argument_maps()
    for m in maps:
        for e in m.obj.entries:
            found = malformed_key(e.key)
            if found is not None:
                meant, how = found
                yield ctx.finding(entry_span(e, job.span),
                                  f"{job.address}: `{e.key}` is the special parameter `{meant.name}` {how}; Glue "
                                  f"will not recognise it: write the key as `{meant.name}`",
                                  attribute=f"{m.field}.{e.key}", branch=join_labels(m.branch, e.condition))


@check("GL308", Job)
def reserved_argument(job: Job, ctx: RuleContext) -> Iterator[Result]:
    reserved = {p.name.lower(): p for p in parameters().parameter if p.reserved}
    maps, _ = EffectiveJob(job).argument_maps()
    for m in maps:
        for e in m.obj.entries:
            p = reserved.get(e.key.lower())
            if p is not None:
                yield ctx.finding(entry_span(e, job.span),
                                  f"{job.address}: `{e.key}` is internal to AWS Glue (\"Do not set\"): Glue sets "
                                  f"`{p.name}` itself; remove this entry",
                                  attribute=f"{m.field}.{e.key}", branch=join_labels(m.branch, e.condition))


@check("GL309", Job)
def flag_value_ignored(job: Job, ctx: RuleContext) -> Iterator[Result]:
    off = set(parameters().presence_off_values)
    flags = {p.name for p in parameters().parameter if p.kind == "presence"}
    maps, _ = EffectiveJob(job).argument_maps()
    for m in maps:
        for key, e in m.obj.effective().items():
            if key not in flags:
                continue
            text = e.value.as_str()
            if text is None:
                if e.value.is_unknown:
                    yield ctx.undecided(f"{m.field}.{key}", e.value)
                continue
            if text.strip().lower() in off:
                yield ctx.finding(entry_span(e, job.span),
                                  f"{job.address}: `{ctx.naming().entry(key, text)}` still turns the feature ON (Glue "
                                  f"ignores the value of `{key}`): remove the key to turn it off, or set "
                                  f"`{ctx.naming().entry(key, 'true')}`",
                                  attribute=f"{m.field}.{key}", branch=join_labels(m.branch, e.condition))
