"""GL5 — runtimes: Python versions (GL506, GL520), commands and their Glue versions and Ray runtimes (GL507)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from gluelint.checks.context import RuleContext, attr_span
from gluelint.checks.registry import Result, check
from gluelint.knowledge import version_key
from gluelint.knowledge.commands import ShellRuntime, commands
from gluelint.knowledge.versions import versions
from gluelint.model.branches import Branch
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import combos, first_unknown
from gluelint.model.resources import Job
from gluelint.model.values import Value


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


def _runtime(job: Job, ctx: RuleContext, runtimes: list[str], command: str, label: Branch | None) -> Iterator[Result]:
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
