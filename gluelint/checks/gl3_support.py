"""GL306 — a special parameter the job's command, Glue version or Python version does not support."""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.context import RuleContext
from gluelint.checks.registry import Result, check
from gluelint.knowledge.parameters import Parameter, parameters
from gluelint.model.arguments import entry_span
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import at_least, at_most, combos, first_unknown, join_labels
from gluelint.model.resources import Job
from gluelint.model.values import Value


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
                missing = first_unknown((cmd, version, py))
                if missing is not None:
                    yield ctx.undecided(f"{where}.{key}", missing)
                    continue
                why = _unsupported(p, cmd.as_str() or "", version.as_str() or "", py.as_str())
                if why is not None and cmd.as_str() in p.excluded_commands \
                        and e.value.as_str() in p.harmless_unsupported_values:
                    continue  # asks for what the job does anyway (job-bookmark-disable on Python shell)
                if why is not None:
                    yield ctx.finding(entry_span(e, job.span),
                                      f"{job.address}: `{key}` is not supported {why}, so Glue ignores it: remove "
                                      "it or change the job",
                                      attribute=f"{where}.{key}", branch=join_labels(view.branch, e.condition, label))


def _unsupported(p: Parameter, command: str, version: str, python: str | None) -> str | None:
    if p.commands and command not in p.commands:
        return f"on `{command}` jobs (only {', '.join(p.commands)})"
    if command in p.excluded_commands:
        return f"on `{command}` jobs"
    if p.min_version is not None and at_least(version, p.min_version) is False:
        return f"on Glue {version} (needs {p.min_version} or later)"
    if p.max_version is not None and at_most(version, p.max_version) is False:
        return f"on Glue {version} (only up to {p.max_version})"
    if python is not None and python in p.unsupported_python:
        return f"with Python {python}"
    return None
