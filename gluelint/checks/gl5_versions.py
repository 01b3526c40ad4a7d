"""GL5 — Glue versions: known to Glue (GL501), still supported (GL502) and pinned (GL503)."""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.context import RuleContext, attr_span
from gluelint.checks.registry import Result, check
from gluelint.knowledge import version_key
from gluelint.knowledge.commands import commands
from gluelint.knowledge.versions import versions
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import combos
from gluelint.model.resources import Job
from gluelint.model.values import Value


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
            if job.source_format.is_cloudformation:
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
