"""GL5 — what AWS offers where and to whom: Flex (GL508), worker types by Region (GL509), Ray to existing
customers only (GL510), dev endpoints being retired (GL511)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from gluelint.checks.context import RuleContext, attr_span, job_region
from gluelint.checks.registry import Result, check
from gluelint.knowledge.commands import commands, worker_regions
from gluelint.knowledge.versions import versions
from gluelint.model.branches import Branch
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import at_least, combos, first_unknown
from gluelint.model.resources import DevEndpoint, Job


@check("GL508", Job)
def flex_not_supported(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.execution_class is None:
        return
    for label, (cls, cmd, version) in combos(job.execution_class, EffectiveJob(job).command(),
                                             EffectiveJob(job).glue_version()):
        if cls.is_unknown:
            yield ctx.undecided("execution_class", cls)
            continue
        if not commands().execution_class.is_flex(cls.as_str()):
            continue
        missing = first_unknown((cmd, version))
        if missing is not None:
            yield ctx.undecided("execution_class", missing)
            continue
        command, ver = cmd.as_str() or "", version.as_str() or ""
        spec = commands().get(command)
        why = None
        if spec is None or not spec.flex:
            why = f"is only for {' / '.join(commands().flex_commands)} jobs, not {command}"
        elif spec.flex_min_version is not None and at_least(ver, spec.flex_min_version) is False:
            why = f"needs Glue {spec.flex_min_version} or later, not {ver}"
        if why is not None:
            n, classes = ctx.naming(), commands().execution_class
            yield ctx.finding(attr_span(job, "execution_class"),
                              f"{job.address}: `{n.term('execution_class')}` {classes.flex} {why}: use "
                              f"`{n.setting('execution_class', classes.default)}` or change the job",
                              attribute="execution_class", branch=label)
            continue
        yield from _flex_worker_type(job, ctx, label)


def _flex_worker_type(job: Job, ctx: RuleContext, label: Branch | None) -> Iterator[Result]:
    """Flex runs only on the worker types AWS lists (commands.toml ``flex_worker_types``)."""
    if job.worker_type is None:
        return
    classes = commands().execution_class
    allowed = classes.flex_worker_types
    for w_label, leaf in job.worker_type.leaves():
        name = leaf.as_str()
        if name is None:
            if leaf.is_unknown:
                yield ctx.undecided("worker_type", leaf)
            continue
        if name not in allowed:
            n = ctx.naming()
            yield ctx.finding(attr_span(job, "execution_class"),
                              f"{job.address}: `{n.term('execution_class')}` {classes.flex} runs only on "
                              f"{' or '.join(allowed)} workers, not {name}: use "
                              f"`{n.setting('execution_class', classes.default)}` or a {' / '.join(allowed)} "
                              f"`{n.term('worker_type')}`", attribute="execution_class", branch=label or w_label)


@check("GL509", Job)
def worker_type_not_in_region(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.worker_type is None:
        return
    region = job_region(job, ctx)
    if job.region is not None and job.region.is_unknown:
        yield ctx.undecided("region", job.region)
        return
    if region is None:
        return
    table = worker_regions()
    for label, leaf in job.worker_type.leaves():
        name = leaf.as_str()
        if name is None:
            if leaf.is_unknown:
                yield ctx.undecided("worker_type", leaf)
            continue
        entry = table.get(name)
        if entry is None or not entry.known or region in entry.regions:
            continue
        yield ctx.finding(attr_span(job, "worker_type"),
                          f"{job.address}: `{ctx.naming().term('worker_type')}` {name} is not offered in {region} "
                          "(only "
                          f"{', '.join(entry.regions)}): choose another worker type or Region",
                          attribute="worker_type", branch=label)


@check("GL510", Job)
def ray_closed_to_new_customers(job: Job, ctx: RuleContext) -> Iterator[Result]:
    for label, leaf in EffectiveJob(job).command().leaves():
        spec = commands().get(leaf.as_str() or "")
        if spec is not None and spec.closed_to_new_customers:
            yield ctx.finding(attr_span(job, "command_name"),
                              f"{job.address} is a {spec.name} job: AWS Glue for Ray is closed to new customers"
                              f"{_since(spec.closed_to_new_customers_from)}; accounts without prior Ray use cannot run "
                              "it (existing customers can), plan a move to Spark or another Ray service",
                              attribute="command_name", branch=label)


def _since(day: dt.date | None) -> str:
    return f" from {day}" if day is not None else ""


@check("GL511", DevEndpoint)
def dev_endpoint_end_of_life(endpoint: DevEndpoint, ctx: RuleContext) -> Iterator[Result]:
    facts = versions().dev_endpoints
    written = endpoint.glue_version
    for label, leaf in (written.leaves() if written is not None else [(None, None)]):
        text = facts.default_version if leaf is None else leaf.as_str()
        if text is None:
            if leaf is not None and leaf.is_unknown:
                yield ctx.undecided("glue_version", leaf)
            continue
        spec = versions().get(text)
        which = f"Glue {text}" + (" (the default without a Glue version)" if leaf is None else "")
        runs_on = " and ".join(facts.versions)
        advice = (f"dev endpoints run only on Glue {runs_on}, and AWS removed their console on "
                  f"{facts.console_removed}; delete the endpoint and develop in {facts.replacement} on a supported "
                  f"version (e.g. {versions().default_version})")
        span = attr_span(endpoint, "glue_version") if leaf is not None else endpoint.span
        if spec is None or text not in facts.versions:
            yield ctx.finding(span, f"{endpoint.address}: {which} is not a version dev endpoints run on: {advice}",
                              attribute="glue_version", branch=label)
        elif spec.end_of_life is not None and ctx.today >= spec.end_of_life:
            yield ctx.finding(span, f"{endpoint.address} is a development endpoint on {which}, which reached end of "
                                    f"life on {spec.end_of_life} (removed from the Glue API): {advice}",
                              attribute="glue_version", branch=label)
        else:
            until = f" until its end of life on {spec.end_of_life}" if spec.end_of_life is not None else ""
            yield ctx.finding(span, f"{endpoint.address} is a development endpoint on {which}, past end of support "
                                    f"({spec.end_of_support}){until}: {advice}",
                              attribute="glue_version", branch=label, variant="end_of_support")
