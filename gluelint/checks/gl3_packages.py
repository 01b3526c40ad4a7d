"""GL311 — Python module lists: package specifiers in the pip-options key, packages installed unpinned."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gluelint.checks.context import RuleContext
from gluelint.checks.registry import Result, check
from gluelint.checks.s3_locations import split_list
from gluelint.model.arguments import entry_span
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import join_labels
from gluelint.model.resources import Job

_SPECIFIER = re.compile(r"(^|[\s,])[A-Za-z0-9][A-Za-z0-9._\-]*(\[[^\]]*\])?\s*(===|==|>=|<=|~=|!=)\s*[0-9]")


def _pinned(item: str) -> bool:
    lowered = item.lower()
    return ("==" in item or lowered.startswith(("s3://", "http://", "https://")) or "@" in item
            or lowered.endswith((".whl", ".tar.gz", ".zip", ".egg")))


@check("GL311", Job)
def misplaced_python_modules(job: Job, ctx: RuleContext) -> Iterator[Result]:
    for view in EffectiveJob(job).arguments():
        for key, arg in view.entries.items():
            where, e = arg.field, arg.entry
            if key not in ("--python-modules-installer-option", "--additional-python-modules"):
                continue
            text = e.value.as_str()
            if text is None:
                if e.value.is_unknown:
                    yield ctx.undecided(f"{where}.{key}", e.value)
                continue
            branch = join_labels(view.branch, e.condition)
            if key == "--python-modules-installer-option" and _SPECIFIER.search(text):
                yield ctx.finding(entry_span(e, job.span),
                                  f"{job.address}: `{key}` holds package specifiers (\"{text}\"), but it takes pip "
                                  "options (e.g. `--upgrade`): list the packages in `--additional-python-modules`",
                                  attribute=f"{where}.{key}", branch=branch)
            if key == "--additional-python-modules":
                loose = [item for item in split_list(text) if not _pinned(item)]
                if loose:
                    yield ctx.finding(entry_span(e, job.span),
                                      f"{job.address}: `{key}` installs {', '.join(loose)} without a pinned version, "
                                      "so runs can get different packages: pin each (`pkg==1.2.3`)",
                                      attribute=f"{where}.{key}", branch=branch, variant="unpinned")
