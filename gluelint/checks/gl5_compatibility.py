"""GL5 — compatibility: Glue versions, worker types, capacity, Python, commands, Flex, Regions, Ray, dev endpoints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from gluelint.checks.context import RuleContext, attr_span, job_region
from gluelint.checks.registry import Result, check
from gluelint.knowledge import version_key
from gluelint.knowledge.commands import ShellRuntime, commands, worker_regions
from gluelint.knowledge.limits import limits
from gluelint.knowledge.versions import versions
from gluelint.knowledge.workers import workers
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import at_least, at_most, combos, first_unknown
from gluelint.model.resources import DevEndpoint, Job, SourceFormat
from gluelint.model.values import Value

CLOUDFORMATION = (SourceFormat.CLOUDFORMATION_YAML, SourceFormat.CLOUDFORMATION_JSON)


def _version_ignored(command: Value) -> bool:
    """True when every branch of the command ignores GlueVersion (Python shell, commands.toml)."""
    outcomes = {bool(spec and spec.glue_version_ignored)
                for spec in (commands().get(leaf.as_str() or "") for _, leaf in command.leaves())}
    return outcomes == {True}


def _released() -> str:
    return ", ".join(v.id for v in versions().version)


@check("GL501", Job)
def unknown_glue_version(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.glue_version is None:
        return
    table = versions()
    for label, leaf in job.glue_version.leaves():
        text = leaf.as_str()
        if text is None:
            if leaf.is_unknown:
                yield ctx.undecided("glue_version", leaf)
            continue
        span = attr_span(job, "glue_version")
        if text == table.auto_value:
            if job.source_format in CLOUDFORMATION:
                yield ctx.finding(span, f"{job.address}: `GlueVersion` \"{text}\" is accepted by the API but not by "
                                        "CloudFormation's `GlueVersion` pattern: pin a released version",
                                  attribute="glue_version", branch=label)
        elif table.get(text) is None:
            if _newer_than_known(text):
                yield ctx.finding(span, f"{job.address}: `{ctx.naming().term('glue_version')}` \"{text}\" is unknown "
                                        f"to this data vintage (newest known: {_newest()}): if AWS released it, update "
                                        f"gluelint; else use one of {_released()}", attribute="glue_version",
                                  branch=label, variant="newer_than_data")
                continue
            yield ctx.finding(span, f"{job.address}: `{ctx.naming().term('glue_version')}` \"{text}\" is not a "
                                    "released Glue version "
                                    f"({_released()}, or `{table.auto_value}`): use one of them",
                              attribute="glue_version", branch=label)


def _newest() -> str:
    return max(versions().version, key=lambda v: v.key).id


def _newer_than_known(text: str) -> bool:
    """A dotted version above every known one (``6.1``): maybe released after this data, not a typo."""
    key = version_key(text)
    newest = max(v.key for v in versions().version)
    return key is not None and len(key) == 2 and key > newest and key[0] <= newest[0] + 1


@check("GL502", Job)
def glue_version_end_of_life(job: Job, ctx: RuleContext) -> Iterator[Result]:
    effective = EffectiveJob(job)
    for label, (cmd, leaf) in combos(effective.command(), effective.glue_version()):
        if _version_ignored(cmd):
            continue  # Python shell: the Glue version is ignored, so no Spark support date applies (GL506)
        text = leaf.as_str()
        if text is None:
            if leaf.is_unknown:
                yield ctx.undecided("glue_version", leaf)
            continue
        spec = versions().get(text)
        if spec is None:
            continue
        span = attr_span(job, "glue_version")
        newest = versions().default_version
        if spec.end_of_life is not None and ctx.today >= spec.end_of_life:
            yield ctx.finding(span, f"{job.address}: Glue {text} reached end of life on {spec.end_of_life}: runs "
                                    f"can no longer start; migrate to a supported version (e.g. {newest})",
                              attribute="glue_version", branch=label)
        elif spec.end_of_support is not None and ctx.today >= spec.end_of_support:
            eol = f"; end of life {spec.end_of_life}" if spec.end_of_life is not None else ""
            yield ctx.finding(span, f"{job.address}: Glue {text} is past end of support ({spec.end_of_support}{eol}): "
                                    f"no security patches; migrate to a supported version (e.g. {newest})",
                              attribute="glue_version", branch=label, variant="end_of_support")


@check("GL503", Job)
def glue_version_not_pinned(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.glue_version is None and not _version_ignored(EffectiveJob(job).command()):
        table = versions()
        n = ctx.naming()
        yield ctx.finding(job.span, f"{job.address} sets no `{n.term('glue_version')}`: AWS picks its default at "
                                    f"create time ({table.default_version} today), so the same code deploys different "
                                    "runtimes over time; pin it, e.g. "
                                    f"`{n.setting('glue_version', table.default_version)}`",
                          attribute="glue_version")


@check("GL504", Job)
def worker_type_incompatible(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.worker_type is None:
        return
    span = attr_span(job, "worker_type")
    for label, (worker, cmd, version) in combos(job.worker_type, EffectiveJob(job).command(),
                                                EffectiveJob(job).glue_version()):
        missing = first_unknown((worker, cmd, version))
        if missing is not None:
            yield ctx.undecided("worker_type", missing)
            continue
        name, command, ver = worker.as_str() or "", cmd.as_str() or "", version.as_str() or ""
        spec = workers().get(name)
        if spec is None:
            continue  # not a worker type at all: GL010 (invalid-enum-value) reports it
        why = None
        if command not in spec.commands:
            why = f"is not available to `{command}` jobs (only {', '.join(spec.commands)})"
        elif spec.min_version is not None and at_least(ver, spec.min_version) is False:
            why = f"needs Glue {spec.min_version} or later, not {ver}"
        elif spec.max_version is not None and at_most(ver, spec.max_version) is False:
            why = f"is a legacy type for Glue {spec.max_version} and earlier, not {ver}"
        if why is not None:
            yield ctx.finding(span, f"{job.address}: `{ctx.naming().term('worker_type')}` {name} {why}: choose a "
                                    "worker type the job "
                                    "allows", attribute="worker_type", branch=label)


@check("GL505", Job)
def capacity_conflict(job: Job, ctx: RuleContext) -> Iterator[Result]:
    has_workers = job.worker_type is not None or job.number_of_workers is not None
    n = ctx.naming()
    capacity, worker_type, count = n.term("max_capacity"), n.term("worker_type"), n.term("number_of_workers")
    if job.max_capacity is not None and has_workers:
        yield ctx.finding(attr_span(job, "max_capacity"),
                          f"{job.address} sets `{capacity}` together with `{worker_type}`/`{count}`; AWS says do not "
                          f"set a maximum capacity with workers: remove `{capacity}`", attribute="max_capacity")
    elif job.max_capacity is not None:
        legacy = limits().capacity.spark_legacy_max_version
        for label, (cmd, version) in combos(EffectiveJob(job).command(), EffectiveJob(job).glue_version()):
            spec = commands().get(cmd.as_str() or "")
            if first_unknown((cmd, version)) is not None or spec is None or not spec.is_spark:
                continue
            if at_most(version.as_str() or "", legacy) is False:
                yield ctx.finding(attr_span(job, "max_capacity"),
                                  f"{job.address}: a Glue {version.as_str()} Spark job cannot use `{capacity}`: set "
                                  f"`{worker_type}` and `{count}` instead", attribute="max_capacity", branch=label)
    if job.worker_type is not None and job.number_of_workers is None:
        yield ctx.finding(attr_span(job, "worker_type"), f"{job.address} sets `{worker_type}` without "
                                                         f"`{count}`: set both", attribute="worker_type")
    if job.number_of_workers is not None and job.worker_type is None:
        yield ctx.finding(attr_span(job, "number_of_workers"), f"{job.address} sets `{count}` without "
                                                               f"`{worker_type}`: set both",
                          attribute="number_of_workers")
    # Terraform: the provider removed `allocated_capacity` in 3.0, so GL003 reports it as not accepted.
    if job.allocated_capacity is not None and job.source_format in CLOUDFORMATION:
        yield ctx.finding(attr_span(job, "allocated_capacity"),
                          f"{job.address} sets `{n.term('allocated_capacity')}`, which AWS deprecated: use "
                          f"`{worker_type}` and `{count}` (or `{capacity}` for "
                          f"{' / '.join(c.name for c in commands().command.values() if c.sized_by_max_capacity)})",
                          attribute="allocated_capacity")


@check("GL506", Job)
def python_version_incompatible(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.python_version is None:
        return
    span = attr_span(job, "python_version")
    n = ctx.naming()
    python_name = n.term("python_version")
    for label, (py, cmd, version) in combos(job.python_version, EffectiveJob(job).command(),
                                            EffectiveJob(job).glue_version()):
        missing = first_unknown((py, cmd, version))
        if missing is not None:
            yield ctx.undecided("python_version", missing)
            continue
        python, command, ver = py.as_str() or "", cmd.as_str() or "", version.as_str() or ""
        spec = commands().get(command)
        if spec is None:
            continue
        if spec.is_spark:
            release = versions().get(ver)
            allowed = release.python if release is not None else None
            if allowed is not None and python not in allowed:
                yield ctx.finding(span, f"{job.address}: `{python_name}` \"{python}\" is not available for "
                                        f"{command} on Glue {ver} (allowed: {', '.join(allowed)})",
                                  attribute="python_version", branch=label)
            continue
        # Python shell: python_version alone picks the runtime (the Glue version is ignored), and every listed
        # one is allowed; whether it is still supported is GL520's.


@check("GL520", Job)
def python_shell_runtime_past_support(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.python_version is None:
        return
    for label, (py, cmd) in combos(job.python_version, EffectiveJob(job).command()):
        missing = first_unknown((py, cmd))
        if missing is not None:
            yield ctx.undecided("python_version", missing)
            continue
        spec = commands().get(cmd.as_str() or "")
        if spec is None or not spec.is_python_shell:
            continue
        message = _shell_past_support(job, ctx, py.as_str() or "")
        if message is not None:
            yield ctx.finding(attr_span(job, "python_version"), message, attribute="python_version", branch=label)


def _shell_past_support(job: Job, ctx: RuleContext, python: str) -> str | None:
    """The message when the Python shell runtime ``python`` is past its end of support, else None."""
    runtime = commands().shell(python)
    if runtime is None or runtime.end_of_support is None or ctx.today < runtime.end_of_support:
        return None
    n = ctx.naming()
    when = str(runtime.end_of_support)
    if runtime.end_of_support_other is not None:
        when = f"{when}; AWS's support-policy table says {runtime.end_of_support_other}"
    life = ("no end of life is announced, so existing jobs still run" if not runtime.end_of_life_announced
            else "runs stop at its end of life")
    current = _supported_shell(ctx.today)
    move = f"; move to `{n.setting('python_version', current.python_version)}`" if current is not None else ""
    return (f"{job.address}: `{n.term('python_version')}` \"{python}\" runs the Python {runtime.interpreter} shell, "
            f"past end of support ({when}): no security patches; {life}{move}")


def _supported_shell(today: dt.date) -> ShellRuntime | None:
    """The newest Python shell runtime still supported on ``today`` (commands.toml ``shell_runtime``)."""
    live = [r for r in commands().shell_runtime if r.end_of_support is None or today < r.end_of_support]
    return max(live, key=lambda r: version_key(r.interpreter) or (), default=None)


@check("GL507", Job)
def command_version_incompatible(job: Job, ctx: RuleContext) -> Iterator[Result]:
    for label, (cmd, version) in combos(EffectiveJob(job).command(), EffectiveJob(job).glue_version()):
        if cmd.is_unknown:
            yield ctx.undecided("command_name", cmd)
            continue
        command = cmd.as_str() or ""
        spec = commands().get(command)
        if spec is None:
            yield ctx.finding(attr_span(job, "command_name"),
                              f"{job.address}: `{ctx.naming().term('command_name')}` \"{command}\" is not a Glue "
                              "command "
                              f"({', '.join(commands().command)})", attribute="command_name", branch=label)
            continue
        if spec.glue_version_ignored:
            pass  # Python shell: "Any version specified will be ignored", so no pairing to judge
        elif version.is_unknown:
            yield ctx.undecided("glue_version", version)
        else:
            ver = version.as_str() or ""
            # Without glue_version (GL503) the version AWS picks for a Python shell job is not documented, so
            # only a pinned version is judged; an unconfirmed command/version table gives warnings.
            unsure = spec.confidence != "documented"
            if (job.glue_version is not None or not unsure) and ver != versions().auto_value \
                    and not spec.allows_version(ver):
                allowed = ", ".join(spec.versions) if spec.versions else f"{spec.min_version} or later"
                yield ctx.finding(attr_span(job, "glue_version"),
                                  f"{job.address}: AWS documents {command} jobs on Glue {allowed}, not {ver}: use "
                                  f"{allowed}", attribute="glue_version", branch=label,
                                  variant="unconfirmed_pairing" if unsure else None)
        yield from _runtime(job, ctx, spec.runtimes, command, label)


def _runtime(job: Job, ctx: RuleContext, runtimes: list[str], command: str, label: str | None) -> Iterator[Result]:
    runtime: Value | None = job.runtime
    name = ctx.naming().term("runtime")
    if not runtimes:
        if runtime is not None:
            yield ctx.finding(attr_span(job, "runtime"), f"{job.address}: `{name}` is only used by Ray "
                                                         f"jobs, not {command}: remove it",
                              attribute="runtime", branch=label)
        return
    if runtime is None:
        yield ctx.finding(job.span, f"{job.address}: a {command} job needs `{name}`: set it, e.g. "
                                    f"`{ctx.naming().setting('runtime', runtimes[0])}`", attribute="runtime",
                          branch=label)
        return
    for r_label, leaf in runtime.leaves():
        text = leaf.as_str()
        if text is None:
            if leaf.is_unknown:
                yield ctx.undecided("runtime", leaf)
            continue
        if text not in runtimes:
            yield ctx.finding(attr_span(job, "runtime"), f"{job.address}: `{name}` \"{text}\" is not a Ray "
                                                         f"runtime Glue offers ({', '.join(runtimes)})",
                              attribute="runtime", branch=label or r_label)


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


def _flex_worker_type(job: Job, ctx: RuleContext, label: str | None) -> Iterator[Result]:
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
