"""GL306 / GL314 / GL315 — a special parameter the job cannot use: its command, Glue version or Python version
does not support it (GL306), it has too few workers for the feature (GL314), or the feature is not offered in
the job's Region (GL315)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from gluelint.checks.context import RuleContext, job_region
from gluelint.checks.registry import Result, check
from gluelint.knowledge.commands import commands
from gluelint.knowledge.parameters import Parameter, parameters
from gluelint.model.arguments import entry_span
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import at_least, at_most, combos, first_unknown, join_labels
from gluelint.model.resources import Job
from gluelint.model.values import Entry, Value


@check("GL306", Job)
def parameter_not_supported(job: Job, ctx: RuleContext) -> Iterator[Result]:
    python = job.python_version or Value.of(None)
    effective = EffectiveJob(job)
    for view in effective.arguments():
        for key, arg in view.entries.items():
            where, e = arg.field, arg.entry
            p = parameters().get(key)
            if p is None or p.reserved:
                continue
            for label, (cmd, version, py) in combos(effective.command(), effective.glue_version(), python):
                ignored = _version_ignored(cmd)
                missing = first_unknown((cmd, py) if ignored else (cmd, version, py))
                if missing is not None:
                    yield ctx.undecided(f"{where}.{key}", missing)
                    continue
                why = _unsupported(p, cmd.as_str() or "", None if ignored else version.as_str() or "", py.as_str())
                if why is not None and cmd.as_str() in p.excluded_commands \
                        and e.value.as_str() in p.harmless_unsupported_values:
                    continue  # asks for what the job does anyway (job-bookmark-disable on Python shell)
                if why is not None:
                    yield ctx.finding(entry_span(e, job.span),
                                      f"{job.address}: `{key}` is not supported {why}, so Glue ignores it: remove "
                                      "it or change the job",
                                      attribute=f"{where}.{key}", branch=join_labels(view.branch, e.condition, label))


def _version_ignored(command: Value) -> bool:
    """Python shell: "Any version specified will be ignored" (commands.toml), so no version floor applies."""
    spec = commands().get(command.as_str() or "") if command.known else None
    return spec is not None and spec.glue_version_ignored


def _unsupported(p: Parameter, command: str, version: str | None, python: str | None) -> str | None:
    if p.commands and command not in p.commands:
        return f"on `{command}` jobs (only {', '.join(p.commands)})"
    if command in p.excluded_commands:
        return f"on `{command}` jobs"
    if version is not None:  # None: the command ignores the Glue version
        if p.min_version is not None and at_least(version, p.min_version) is False:
            return f"on Glue {version} (needs {p.min_version} or later)"
        if p.max_version is not None and at_most(version, p.max_version) is False:
            return f"on Glue {version} (only up to {p.max_version})"
    if python is not None and python in p.unsupported_python:
        return f"with Python {python}"
    return None


# -- GL314 / GL315: what a parameter's feature needs of the job ------------------------------------------


def _features_on(job: Job, ctx: RuleContext, wanted: Callable[[Parameter], bool]
                 ) -> Iterator[Result | tuple[Parameter, Entry, str, str | None]]:
    """Each special parameter matching ``wanted`` that turns its feature on (a bool parameter set to `true`,
    any other kind present), as (parameter, entry, field, branch); undecided when only apply time knows."""
    for view in EffectiveJob(job).arguments():
        for key, arg in view.entries.items():
            p = parameters().get(key)
            if p is None or not wanted(p):
                continue
            e = arg.entry
            text = e.value.as_str()
            if text is None:
                if e.value.is_unknown:
                    yield ctx.undecided(f"{arg.field}.{key}", e.value)
                continue
            if p.kind == "bool" and text.strip().lower() != "true":
                continue  # `false` (or an invalid value, GL305's) leaves the feature off
            yield p, e, arg.field, join_labels(view.branch, e.condition)


@check("GL314", Job)
def parameter_needs_more_workers(job: Job, ctx: RuleContext) -> Iterator[Result]:
    for found in _features_on(job, ctx, lambda p: p.min_workers is not None):
        if not isinstance(found, tuple):
            yield found
            continue
        p, e, where, branch = found
        if job.number_of_workers is None or p.min_workers is None:
            continue  # no worker count written: GL505 / GL504 speak about the capacity
        term = ctx.naming().term("number_of_workers")
        for label, leaf in job.number_of_workers.leaves():
            count = leaf.as_number()
            if count is None:
                if leaf.is_unknown:
                    yield ctx.undecided("number_of_workers", leaf)
                continue
            if count < p.min_workers:
                yield ctx.finding(entry_span(e, job.span),
                                  f"{job.address}: `{p.name}` needs at least {p.min_workers} workers, but "
                                  f"`{term}` is {count:g}: set `{term}` to {p.min_workers} or more, or remove "
                                  f"`{p.name}`",
                                  attribute=f"{where}.{p.name}", branch=join_labels(branch, label))


@check("GL315", Job)
def parameter_not_in_region(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.region is not None and job.region.is_unknown:
        yield ctx.undecided("region", job.region)
        return
    region = job_region(job, ctx)
    if region is None:
        return  # no provider, template or config names the Region: not guessed
    for found in _features_on(job, ctx, lambda p: bool(p.unavailable_regions)):
        if not isinstance(found, tuple):
            yield found
            continue
        p, e, where, branch = found
        if region in p.unavailable_regions:
            yield ctx.finding(entry_span(e, job.span),
                              f"{job.address}: `{p.name}` is not available in {region} (AWS Glue offers it in "
                              f"every Region except {', '.join(p.unavailable_regions)}): remove it, or deploy the "
                              "job in another Region",
                              attribute=f"{where}.{p.name}", branch=branch)
