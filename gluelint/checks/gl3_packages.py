"""GL311 / GL322 — Python module lists: package specifiers in the pip-options key (GL311), packages installed
unpinned (GL322)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gluelint.checks.context import RuleContext
from gluelint.checks.registry import Result, check
from gluelint.checks.s3_locations import split_list
from gluelint.knowledge.parameters import parameters
from gluelint.model.arguments import entry_span
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import join_labels
from gluelint.model.resources import Job
from gluelint.model.values import Entry

_SPECIFIER = re.compile(r"(^|[\s,])[A-Za-z0-9][A-Za-z0-9._\-]*(\[[^\]]*\])?\s*(===|==|>=|<=|~=|!=)\s*[0-9]")


def _pinned(item: str) -> bool:
    lowered = item.lower()
    return ("==" in item or lowered.startswith(("s3://", "http://", "https://")) or "@" in item
            or lowered.endswith((".whl", ".tar.gz", ".zip", ".egg")))


def _argument_texts(job: Job, ctx: RuleContext, role: str) -> Iterator[Result | tuple[str, str, Entry, str | None]]:
    """The effective entry of the argument playing ``role`` (parameters.toml ``[roles]``) on each branch, as
    (attribute, text, entry, branch); a value known only at apply time is an undecided result instead."""
    key = getattr(parameters().roles, role)
    for view in EffectiveJob(job).arguments():
        arg = view.entries.get(key)
        if arg is None:
            continue
        attribute, text = f"{arg.field}.{key}", arg.entry.value.as_str()
        if text is None:
            if arg.entry.value.is_unknown:
                yield ctx.undecided(attribute, arg.entry.value)
            continue
        yield attribute, text, arg.entry, join_labels(view.branch, arg.entry.condition)


@check("GL311", Job)
def misplaced_python_modules(job: Job, ctx: RuleContext) -> Iterator[Result]:
    modules = parameters().roles.python_modules
    for found in _argument_texts(job, ctx, "pip_options"):
        if not isinstance(found, tuple):
            yield found
            continue
        attribute, text, entry, branch = found
        if _SPECIFIER.search(text):
            key = attribute.split(".", 1)[1]
            yield ctx.finding(entry_span(entry, job.span),
                              f"{job.address}: `{key}` holds package specifiers (\"{text}\"), but it takes pip "
                              f"options (e.g. `--upgrade`): list the packages in `{modules}`",
                              attribute=attribute, branch=branch)


@check("GL322", Job)
def unpinned_python_modules(job: Job, ctx: RuleContext) -> Iterator[Result]:
    for found in _argument_texts(job, ctx, "python_modules"):
        if not isinstance(found, tuple):
            yield found
            continue
        attribute, text, entry, branch = found
        loose = [item for item in split_list(text) if not _pinned(item)]
        if loose:
            key = attribute.split(".", 1)[1]
            yield ctx.finding(entry_span(entry, job.span),
                              f"{job.address}: `{key}` installs {', '.join(loose)} without a pinned version, so "
                              "runs can get different packages: pin each (`pkg==1.2.3`)",
                              attribute=attribute, branch=branch)
