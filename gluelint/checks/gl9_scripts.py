"""GL9 script-aware checks: each job against its own script (found and read by gluelint.parse.scripts).

A job whose script is not in the scanned tree, or whose location is known only at apply time, is undecided
for every rule here: nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from gluelint.checks.context import RuleContext, attr_span
from gluelint.checks.registry import Result, check
from gluelint.knowledge import load_data
from gluelint.knowledge.commands import Command, commands
from gluelint.knowledge.parameters import Roles, parameters
from gluelint.knowledge.workers import workers
from gluelint.model.branches import Branch
from gluelint.model.inventory import Inventory, LinkStatus
from gluelint.model.job import EffectiveJob
from gluelint.model.orchestration import Orchestrator, TargetKind
from gluelint.model.outcomes import single_str
from gluelint.model.resources import Job, Trigger
from gluelint.model.scripts import ScriptFacts, ScriptLanguage, ScriptLink, ScriptStatus
from gluelint.model.values import Span, Value


def _roles() -> Roles:
    return parameters().roles


def _default_language() -> str:
    """The job language when ``--job-language`` is absent (parameters.toml)."""
    return parameters().role("job_language").default or ""


@cache
def _data() -> dict[str, dict[str, object]]:
    return load_data("gluelint.rules", "glue/scripts.toml")


def _names(section: str, key: str) -> list[str]:
    value = _data()[section][key]
    assert isinstance(value, list)
    return [str(v) for v in value]


def _arguments_attr(job: Job) -> str:
    """The finding's attribute: the model field, the same in every format (reporters spell it per format)."""
    return "default_arguments"


# -- what the job receives --------------------------------------------------------------------------------
def _unlinked_starts(inventory: Inventory) -> list[Value]:
    """The arguments of start calls whose job is known only at apply time: any of them may start this job."""
    found: list[Value] = []
    for trigger in inventory.of(Trigger):
        for action in trigger.actions:
            if action.job_name is not None and action.arguments is not None and any(
                    inventory.job_link(trigger, leaf).status is LinkStatus.UNKNOWN
                    for _, leaf in action.job_name.leaves()):
                found.append(action.arguments)
    for orchestrator in inventory.of(Orchestrator):
        for start in orchestrator.starts:
            if start.target_kind is TargetKind.JOB and start.arguments is not None and \
                    inventory.start_link(orchestrator, start).status is LinkStatus.UNKNOWN:
                found.append(start.arguments)
    return found


def _keys(value: Value) -> tuple[set[str], Value | None]:
    """The argument keys a layer passes on any branch, and a part of it only known at apply time."""
    keys: set[str] = set()
    unknown: Value | None = None
    for _, leaf in value.leaves():
        obj = leaf.as_object()
        if obj is not None:
            keys.update(e.key for e in obj.entries)
            unknown = unknown or (obj.unresolved[0] if obj.unresolved else None)
        elif leaf.is_unknown:
            unknown = unknown or leaf
    return keys, unknown


@dataclass
class Received:
    """The argument keys one branch of a job's definition passes, with those its starters pass."""

    branch: Branch | None
    keys: set[str] = field(default_factory=set)
    # A part that may pass more keys (an unknown map, a starter whose arguments or job are unknown), or None.
    unknown: Value | None = None


def received(job: Job, inventory: Inventory) -> list[Received]:
    """Per branch of the job's own arguments: every key a run may get (its own, or from any starter)."""
    effective = EffectiveJob(job)
    passed: set[str] = set()
    unknown: Value | None = None
    for layer in effective.run_layers(inventory):
        keys, part = _keys(layer.value)
        passed |= keys
        unknown = unknown or part
    maybe: set[str] = set()
    for arguments in inventory.derived("gl9_unlinked_starts", lambda: _unlinked_starts(inventory)):
        keys, part = _keys(arguments)
        maybe |= keys
        unknown = unknown or part
    out: list[Received] = []
    for view in effective.arguments():
        own_unknown = view.unknown[0][1] if view.unknown else None
        out.append(Received(branch=view.branch, keys=set(view.entries) | passed,
                            unknown=own_unknown or unknown or (_maybe(maybe) if maybe else None)))
    return out


def _maybe(keys: set[str]) -> Value:
    return Value.unknown(", ".join(sorted(keys)), "a start call whose job is known only at apply time passes "
                         "these arguments")


# -- the script ---------------------------------------------------------------------------------------------
def _script(job: Job, ctx: RuleContext) -> Iterator[Result | ScriptFacts]:
    """The job's read script, or an undecided result saying why there is none."""
    link: ScriptLink | None = ctx.inventory.script_of(job)
    if link is None:
        return
    if link.status is not ScriptStatus.FOUND or link.facts is None:
        reason = link.reason or "the script is not in the scanned tree"
        yield ctx.undecided("script_location", Value.unknown(_location_text(job), reason, span=job.span))
        return
    if link.facts.unreadable is not None:
        yield ctx.undecided("script_location", Value.unknown(link.facts.path, f"the script cannot be read as "
                                                             f"Python: {link.facts.unreadable}", span=job.span))
        return
    yield link.facts


def _location_text(job: Job) -> str:
    value = job.script_location
    if value is None:
        return "script_location"
    return value.as_str() or value.expression or "script_location"


def _python_script(job: Job, ctx: RuleContext) -> tuple[list[Result], ScriptFacts | None]:
    """The undecided results to report, and the job's script facts when it is a read Python script."""
    pending: list[Result] = []
    for item in _script(job, ctx):
        if isinstance(item, ScriptFacts):
            return pending, item if item.language is ScriptLanguage.PYTHON else None
        pending.append(item)
    return pending, None


def _command(job: Job) -> str | None:
    return single_str(EffectiveJob(job).command())


def _spec(job: Job) -> Command | None:
    """The job's command as rules/glue/commands.toml describes it, when known."""
    return commands().get(_command(job) or "")


def _spark_job(job: Job) -> bool:
    spec = _spec(job)
    return spec is not None and spec.is_spark


def _python_shell(job: Job) -> bool:
    spec = _spec(job)
    return spec is not None and spec.is_python_shell


# -- GL901 ----------------------------------------------------------------------------------------------------
@check("GL901", Job)
def missing_required_argument(job: Job, ctx: RuleContext) -> Iterator[Result]:
    pending, facts = _python_script(job, ctx)
    yield from pending
    if facts is None:
        return
    if facts.arguments_unknown is not None and not facts.arguments:
        yield ctx.undecided("script_location", Value.unknown(facts.path, facts.arguments_unknown, span=job.span))
        return
    free = set(_names("arguments", "provided_by_glue")) | set(_names("arguments", "never_required"))
    wanted = [a for a in facts.arguments if a.unconditional and a.name not in free]
    for view in received(job, ctx.inventory):
        missing = [a for a in wanted if f"--{a.name}" not in view.keys]
        if missing and view.unknown is not None and (view.unknown.reason or "").startswith("a start call") and \
                not any(f"--{a.name}" in (view.unknown.expression or "").split(", ") for a in missing):
            view.unknown = None  # the unlinked starts pass none of the missing names
        if missing and view.unknown is not None:
            yield ctx.undecided(_arguments_attr(job), view.unknown)
            continue
        for read in dict((a.name, a) for a in missing).values():
            attr = _arguments_attr(job)
            written = ctx.naming().term(attr)
            yield ctx.finding(attr_span(job, "default_arguments"),
                              f"{job.address}: its script {facts.path} asks getResolvedOptions for `{read.name}` "
                              f"(line {read.span.line}), but no `{written}` entry and no trigger action passes "
                              f"`--{read.name}`: every run fails at start with \"GlueArgumentError: the following "
                              f"arguments are required: --{read.name}\"; add \"--{read.name}\" to `{written}`",
                              attribute=attr, branch=view.branch)


# -- GL902 ----------------------------------------------------------------------------------------------------
@check("GL902", Job)
def argument_never_read(job: Job, ctx: RuleContext) -> Iterator[Result]:
    pending, facts = _python_script(job, ctx)
    yield from pending
    if facts is None or not facts.reads_arguments:
        return
    if facts.arguments_unknown is not None:
        yield ctx.undecided("script_location", Value.unknown(facts.path, facts.arguments_unknown, span=job.span))
        return
    read = {a.name for a in facts.arguments}
    table = parameters()
    for view in EffectiveJob(job).arguments():
        if any(key in view.entries for key in _names("arguments_read_elsewhere", "when_set")):
            yield ctx.undecided(_arguments_attr(job), Value.unknown(
                facts.path, "modules the job adds (--extra-py-files, --additional-python-modules) may read "
                "arguments too", span=job.span))
            continue
        for key, argument in view.entries.items():
            if not key.startswith("--") or table.get(key) is not None or key[2:] in read:
                continue
            yield ctx.finding(argument.span(attr_span(job, "default_arguments")),
                              f"{job.address} passes `{key}`, which its script {facts.path} never reads "
                              f"(getResolvedOptions asks only for {_listed(read)}): a leftover or a misspelt "
                              "name; remove it or read it", attribute=_arguments_attr(job), branch=view.branch)


def _listed(names: set[str]) -> str:
    return ", ".join(f"`{n}`" for n in sorted(names)) if names else "nothing"


# -- GL903 / GL904: bookmarks ------------------------------------------------------------------------------------
def _bookmark_entries(job: Job) -> Iterator[tuple[Branch | None, Span]]:
    """Each branch on which the job turns bookmarks on, with where the option is written."""
    for view in EffectiveJob(job).arguments():
        found = view.get(_roles().bookmarks)
        if found is not None and found.value.as_str() == _roles().bookmarks_on:
            yield view.branch, found.span(attr_span(job, "default_arguments"))


@check("GL903", Job)
def bookmark_without_commit(job: Job, ctx: RuleContext) -> Iterator[Result]:
    enabled = list(_bookmark_entries(job)) if _spark_job(job) else []
    if not enabled:
        return
    pending, facts = _python_script(job, ctx)
    yield from pending
    if facts is None:
        return
    missing = [call for call, seen in (("job.init(...)", facts.calls_job_init),
                                       ("job.commit()", facts.calls_job_commit)) if not seen]
    if not missing:
        return
    for branch, span in enabled:
        yield ctx.finding(span, f"{job.address} enables job bookmarks, but its script {facts.path} never calls "
                          f"{' or '.join(missing)} on an awsglue.job.Job: the bookmark never advances and every "
                          "run reprocesses the same data; call job.init(args['JOB_NAME'], args) first and "
                          "job.commit() last", attribute=_roles().bookmarks, branch=branch)


@check("GL904", Job)
def source_without_context(job: Job, ctx: RuleContext) -> Iterator[Result]:
    enabled = list(_bookmark_entries(job)) if _spark_job(job) else []
    if not enabled:
        return
    pending, facts = _python_script(job, ctx)
    yield from pending
    if facts is None:
        return
    bare = [s for s in facts.sources if not s.has_context]
    if not bare:
        return
    lines = ", ".join(f"{s.call.rsplit('.', 2)[-2]}.{s.call.rsplit('.', 1)[-1]} at line {s.span.line}"
                      for s in bare[:3]) + (f" and {len(bare) - 3} more" if len(bare) > 3 else "")
    for branch, span in enabled:
        yield ctx.finding(span, f"{job.address} enables job bookmarks, but its script {facts.path} reads "
                          f"{lines} without transformation_ctx: bookmarks keep no state for that source, so "
                          "it is read in full on every run; pass transformation_ctx=\"<unique name>\"",
                          attribute=_roles().bookmarks, branch=branch)


# -- GL905-GL909: runtime mismatches -----------------------------------------------------------------------------
@check("GL905", Job)
def spark_import_in_python_shell(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if not _python_shell(job):
        return
    pending, facts = _python_script(job, ctx)
    yield from pending
    if facts is None:
        return
    found = facts.imports_any(_names("runtimes", "spark_only_imports"))
    if found is None:
        return
    line = facts.import_spans[found].line
    yield ctx.finding(attr_span(job, "command_name"),
                      f"{job.address} is a Python shell job, but its script {facts.path} imports {found} (line "
                      f"{line}), which needs Spark: Python shell runs no Spark driver, so the run fails at "
                      f"import; make it a {commands().batch_command('spark')} job or drop the Spark code",
                      attribute="command_name")


def _language(job: Job) -> list[tuple[Branch | None, str, Span]]:
    """The job language per branch (``--job-language``, default python) and where it is written."""
    out: list[tuple[Branch | None, str, Span]] = []
    for view in EffectiveJob(job).arguments():
        found = view.get(_roles().job_language)
        text = found.value.as_str() if found is not None else _default_language()
        span = found.span(attr_span(job, "default_arguments")) if found is not None else attr_span(
            job, "default_arguments")
        if text is not None:
            out.append((view.branch, text.lower(), span))
    return out


def _script_language(job: Job, ctx: RuleContext) -> ScriptLanguage | None:
    """The script's language from its file, or from the suffix of a known location."""
    link = ctx.inventory.script_of(job)
    if link is not None and link.facts is not None:
        return link.facts.language
    text = job.script_location.as_str() if job.script_location is not None else None
    if text is None:
        return None
    lowered = text.lower()
    if any(lowered.endswith(s) for s in _names("runtimes", "scala_suffixes")):
        return ScriptLanguage.SCALA
    if any(lowered.endswith(s) for s in _names("runtimes", "python_suffixes")):
        return ScriptLanguage.PYTHON
    return None


@check("GL906", Job)
def scala_script_as_python(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if not _spark_job(job) or _script_language(job, ctx) is not ScriptLanguage.SCALA:
        return
    for branch, language, span in _language(job):
        roles = _roles()
        if language != roles.scala:
            shown = "not set" if language == _default_language() else language
            yield ctx.finding(span, f"{job.address} runs the Scala script {_location_text(job)} as {language} "
                              f"(`{roles.job_language}` is {shown}, so Glue starts a Python interpreter on it): set "
                              f"`{roles.job_language}` to `{roles.scala}` and `{roles.scala_class}` to the script's "
                              "main class", attribute=roles.job_language, branch=branch)


@check("GL907", Job)
def scala_job_without_class(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if not _spark_job(job) or _script_language(job, ctx) is not ScriptLanguage.SCALA:
        return
    for view in EffectiveJob(job).arguments():
        found = view.get(_roles().job_language)
        language = (found.value.as_str() or "") if found is not None else _default_language()
        if language.lower() != _roles().scala or view.get(_roles().scala_class) is not None:
            continue
        if not view.complete:
            yield ctx.undecided(_arguments_attr(job), view.unknown[0][1])
            continue
        span = found.span(attr_span(job, "default_arguments")) if found is not None else attr_span(
            job, "default_arguments")
        option = _roles().scala_class
        yield ctx.finding(span, f"{job.address} runs the Scala script {_location_text(job)} without `{option}`: "
                                f"Glue cannot tell which class to start and the run fails; set `{option}` to the "
                                "script's main object", attribute=option, branch=view.branch)


@check("GL908", Job)
def python_script_as_scala(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if not _spark_job(job) or _script_language(job, ctx) is not ScriptLanguage.PYTHON:
        return
    for branch, language, span in _language(job):
        option = _roles().job_language
        if language == _roles().scala:
            yield ctx.finding(span, f"{job.address} sets `{option}` to {language}, but its script "
                              f"{_location_text(job)} is Python: Glue compiles it as Scala and the run fails; "
                              f"remove `{option}` ({_default_language()} is the default)", attribute=option,
                              branch=branch)


@check("GL909", Job)
def ray_script_on_spark(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if not _spark_job(job):
        return
    pending, facts = _python_script(job, ctx)
    yield from pending
    if facts is None:
        return
    ray = facts.imports_any(_names("runtimes", "ray_imports"))
    if ray is None or facts.imports_any(_names("runtimes", "spark_only_imports")) is not None:
        return
    ray_command = commands().batch_command("ray")
    ray_workers = " / ".join(w.name for w in workers().values() if ray_command in w.commands)
    yield ctx.finding(attr_span(job, "command_name"),
                      f"{job.address} runs on {_command(job)} (Spark), but its script {facts.path} is a Ray "
                      f"script (imports {ray} at line {facts.import_spans[ray].line}, no Spark): Spark workers "
                      f"have no Ray runtime; use the {ray_command} command with {ray_workers} workers, or port the "
                      "script",
                      attribute="command_name")
