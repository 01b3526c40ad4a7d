"""GL3 — job arguments: duplicate keys, special parameter names and values, sizes, S3 locations.

GL302/GL303 (``--conf``) live in spark_conf.py; key recognition in argument_names.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gluelint.checks.argument_names import malformed_key, near_miss, near_miss_candidates
from gluelint.checks.context import RuleContext, attr_span
from gluelint.checks.fixes import merge_entries, rename_key, replace_in_entry_value, replace_in_value
from gluelint.checks.registry import Result, check
from gluelint.findings import Fix
from gluelint.knowledge import shapes
from gluelint.knowledge.limits import limits
from gluelint.knowledge.parameters import Parameter, parameters
from gluelint.knowledge.workers import workers
from gluelint.model.arguments import Arguments, entry_span
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import at_least, at_most, combos, first_unknown, join_labels
from gluelint.model.resources import Job, Trigger
from gluelint.model.values import Entry, ObjectValue, Span, Value

# -- S3 locations ---------------------------------------------------------------------------------------
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
S3_LIKE_SCHEMES = ("s3", "s3a", "s3n")


def classify_s3(text: str) -> tuple[str, str]:
    """("ok" | "malformed" | "not-s3", why) for one S3 location."""
    m = _SCHEME.match(text.strip())
    if m is None:
        return "not-s3", "it is not a URI (no `s3://` scheme)"
    scheme = m.group(1)
    if scheme.lower() not in S3_LIKE_SCHEMES:
        return "not-s3", f"its scheme is `{scheme}:`, not `s3:`"
    if scheme != "s3":
        return "malformed", f"the scheme `{scheme}://` must be lower-case `s3://`"
    if not text.startswith("s3://"):
        return "malformed", "it must start with `s3://`"
    if any(ch.isspace() for ch in text):
        return "malformed", "it contains whitespace"
    bucket, _, key = text[len("s3://"):].partition("/")
    if not bucket:
        return "malformed", "the bucket name is empty"
    if key.startswith("/") or "//" in key:
        return "malformed", "the key contains `//` (an empty path segment)"
    return "ok", ""


def unknown_s3_problem(value: Value) -> tuple[str, str] | None:
    """classify_s3 of a location known only at apply time: decided when every form its shape allows agrees, or
    when its literal parts are already malformed (a space, an upper-case scheme); None when undecided."""
    texts = shapes.possible_texts(value)
    if texts is not None:
        found = {classify_s3(t) for t in texts}
        if len({state for state, _ in found}) == 1:
            return sorted(found)[0]
        return None
    parts = value.parts or []
    if any(p.text is not None and any(ch.isspace() for ch in p.text) for p in parts):
        return "malformed", "its written text contains whitespace"
    start = parts[0].text if parts and parts[0].text is not None else ""
    if "://" in start:
        state, why = classify_s3(start.split("://", 1)[0] + "://x")
        if state != "ok":
            return state, why
    return None


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


# -- GL301 ----------------------------------------------------------------------------------------------


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
        fix = _merge_conf(ctx, where, entries) if key == "--conf" and branch is None and condition is None else None
        for index, e in enumerate(entries[:-1]):
            here = entry_span(e, fallback)
            yield ctx.finding(here,
                              f"{owner}: `{written}` sets `{key}` at line {here.line} and again at line "
                              f"{last_at.line}, which wins, so the value at line {here.line} is silently lost: keep "
                              f"a single `{key}` entry"
                              + (" and pack every Spark setting into its value" if key == "--conf" else ""),
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


# -- GL305 / GL306: values and support ------------------------------------------------------------------


def _value_problem(p: Parameter, text: str) -> str | None:
    t = text.strip()
    if t == "" and (p.allow_empty or p.takes_s3):
        return None
    if p.kind == "enum":
        return None if t in p.values else f"must be one of {', '.join(p.values)}"
    if p.kind == "bool":
        return None if t.lower() in ("true", "false") else "must be `true` or `false`"
    if p.kind == "enum_list":
        bad = [v for v in split_list(t) if v.lower() not in p.values]
        if bad or not split_list(t):
            return f"must be a comma-separated list of {', '.join(p.values)}" + (
                f" (not {', '.join(bad)})" if bad else "")
        return None
    if p.kind == "int":
        # any digits but not all zeros (no int(): it refuses more than 4300 digits)
        return None if re.fullmatch(r"[0-9]*[1-9][0-9]*", t) else "must be a positive integer"
    if p.kind in ("s3", "s3_list"):
        # An empty location (a module's "no files" default) is left alone.
        for part in [t] if p.kind == "s3" else split_list(t):
            state, why = classify_s3(part)
            if state == "not-s3":
                return f"must be an S3 location (`s3://bucket/key`): `{part}` is not, {why}"
        return None
    if p.kind == "env_vars":
        bad = [k for k in _env_keys(t) if not k.startswith("CUSTOMER_")]
        return f"keys {', '.join(bad)} lack the `CUSTOMER_` prefix, so Glue ignores them" if bad else None
    return None


def _env_keys(text: str) -> list[str]:
    """The keys of ``K=V,K2="v, with comma"`` (commas inside quotes do not separate)."""
    keys, current, quoted = [], "", False
    for ch in text + ",":
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            if current.strip():
                keys.append(current.split("=", 1)[0].strip())
            current = ""
        else:
            current += ch
    return keys


@check("GL305", Job)
def invalid_special_parameter_value(job: Job, ctx: RuleContext) -> Iterator[Result]:
    for view in EffectiveJob(job).arguments():
        for key, arg in view.entries.items():
            where, e = arg.field, arg.entry
            p = parameters().get(key)
            if p is None or p.reserved:
                continue
            text = e.value.as_str()
            branch = join_labels(view.branch, e.condition)
            if text is None:
                if e.value.is_unknown:
                    yield from _unknown_value(job, ctx, p, e, where, branch)
                continue
            problem = _value_problem(p, text)
            if problem is not None:
                yield ctx.finding(entry_span(e, job.span),
                                  f"{job.address}: `{ctx.naming().entry(key, text)}` is invalid: `{key}` {problem}",
                                  attribute=f"{where}.{key}", branch=branch)
                continue
            yield from _requirements(job, ctx, view, p, e, where, branch)
            if p.max_per_vcpu is not None:
                yield from _executor_cores(job, ctx, p, e, where, text, branch)


def _unknown_value(job: Job, ctx: RuleContext, p: Parameter, e: Entry, where: str,
                   branch: str | None) -> Iterator[Result]:
    """GL305 on a value known only at apply time: decided when every form its shape allows agrees."""
    valid = shapes.decide(e.value, lambda text: _value_problem(p, text) is None)
    if valid is None:
        yield ctx.undecided(f"{where}.{p.name}", e.value)
    elif not valid:
        yield ctx.finding(entry_span(e, job.span),
                          f"{job.address}: `{p.name}` = {e.value.expression} is invalid whatever it resolves to",
                          attribute=f"{where}.{p.name}", branch=branch)


def _requirements(job: Job, ctx: RuleContext, view: Arguments, p: Parameter, e: Entry, where: str,
                  branch: str | None) -> Iterator[Result]:
    for other, wanted in p.requires.items():
        found = view.get(other)
        actual = found.value.as_str() if found is not None else None
        if found is not None and actual is None:
            yield ctx.undecided(found.attribute, found.value)
            continue
        if actual != wanted:
            now = f"is \"{actual}\"" if actual is not None else "is not set (python)"
            setting = ctx.naming().entry(other, wanted)
            yield ctx.finding(entry_span(e, job.span),
                              f"{job.address}: `{p.name}` only applies with `{setting}`, but `{other}` "
                              f"{now}: set `{setting}` or remove `{p.name}`",
                              attribute=f"{where}.{p.name}", branch=branch)


def _executor_cores(job: Job, ctx: RuleContext, p: Parameter, e: Entry, where: str, text: str,
                    branch: str | None) -> Iterator[Result]:
    if job.worker_type is None or not re.fullmatch(r"[0-9]+", text.strip()):  # ASCII: int() refuses '²'
        return
    for label, (worker,) in combos(job.worker_type):
        if worker.is_unknown:
            yield ctx.undecided("worker_type", worker)
            continue
        spec = workers().get(worker.as_str() or "")
        if spec is None or p.max_per_vcpu is None:
            continue
        ceiling = p.max_per_vcpu * spec.vcpu
        digits = text.strip().lstrip("0")
        if len(digits) > 18 or int(digits or "0") > ceiling:  # no int() of thousands of digits
            yield ctx.finding(entry_span(e, job.span),
                              f"{job.address}: `{p.name}` {text.strip()} exceeds {ceiling} ({p.max_per_vcpu} x the "
                              f"{spec.vcpu} vCPUs of {spec.name}): lower it to at most {ceiling}",
                              attribute=f"{where}.{p.name}", branch=join_labels(branch, label))


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


# -- GL310 / GL311 / GL312 ------------------------------------------------------------------------------


@check("GL310", Job)
def arguments_too_large(job: Job, ctx: RuleContext) -> Iterator[Result]:
    ceiling = limits().arguments.max_total_bytes
    for view in EffectiveJob(job).arguments():
        size = 0
        unknown: list[tuple[str, Value]] = list(view.unknown)
        bound = 0  # the most bytes the unknown values can add
        for key, arg in view.entries.items():
            where, e = arg.field, arg.entry
            text = e.value.as_str()
            if text is None and e.value.is_unknown:
                most = shapes.max_length(e.value)
                if most is None:
                    unknown.append((f"{where}.{key}", e.value))
                bound += most or 0
                text = "".join(p.text or "" for p in e.value.parts or [])  # its literal parts count for sure
            size += len(key.encode()) + len((text or "").encode())
        where = "default_arguments" if job.default_arguments is not None else "non_overridable_arguments"
        if size > ceiling:
            yield ctx.finding(attr_span(job, where),
                              f"{job.address}: job arguments total {size:,} bytes, above the {ceiling // 1024} KB "
                              "Glue accepts: move large values to S3 and pass their location",
                              attribute=where, branch=view.branch)
        elif unknown or size + bound > ceiling:
            first = unknown[0] if unknown else (where, Value.unknown(where, "the unknown values may exceed the limit"))
            yield ctx.undecided(first[0], first[1])


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


def _s3_keys() -> set[str]:
    return {p.name for p in parameters().parameter if p.takes_s3}


@check("GL312", Job)
def malformed_s3_uri(job: Job, ctx: RuleContext) -> Iterator[Result]:
    if job.script_location is not None:
        for label, leaf in job.script_location.leaves():
            text = leaf.as_str()
            if text is None:
                if leaf.is_unknown:
                    found = unknown_s3_problem(leaf)
                    if found is None:
                        yield ctx.undecided("script_location", leaf)
                    elif found[0] == "malformed":
                        yield ctx.finding(attr_span(job, "script_location"),
                                          f"{job.address}: script location {leaf.expression} can never be a valid S3 "
                                          f"URI: {found[1]}; write `s3://bucket/path/script.py`",
                                          attribute="script_location", branch=label)
                continue
            # Only attempted S3 URIs: a local path is valid before `aws cloudformation package` / SAM upload it.
            state, why = classify_s3(text)
            if state == "malformed":
                scheme = _upper_scheme(text)
                fix = None if scheme is None or label is not None else replace_in_value(
                    job, "script_location", leaf, scheme, "s3", f"lower-case the scheme `{scheme}://`")
                yield ctx.finding(attr_span(job, "script_location"),
                                  f"{job.address}: `{ctx.naming().term('script_location')}` \"{text}\" is not a "
                                  f"valid S3 URI: {why}; write "
                                  "`s3://bucket/path/script.py`", attribute="script_location", branch=label, fix=fix)
    s3_keys = _s3_keys()
    for view in EffectiveJob(job).arguments():
        for key, arg in view.entries.items():
            where, e = arg.field, arg.entry
            special = key in s3_keys
            if not special and "checkpoint" not in key.lower():
                continue
            text = e.value.as_str()
            if text is None:
                continue
            for part in split_list(text) or [text]:
                state, why = classify_s3(part)
                if state == "malformed":
                    scheme = _upper_scheme(text) if part == text else None
                    fix = None if scheme is None or view.branch is not None else replace_in_entry_value(
                        job, where, e, scheme, "s3", f"lower-case the scheme `{scheme}://`")
                    yield ctx.finding(entry_span(e, job.span),
                                      f"{job.address}: `{key}` location \"{part}\" is a malformed S3 URI: {why}; "
                                      "write `s3://bucket/prefix`",
                                      attribute=f"{where}.{key}", branch=join_labels(view.branch, e.condition),
                                      fix=fix)
                    break


def _upper_scheme(text: str) -> str | None:
    """``S3`` in ``S3://bucket/key`` when lower-casing the scheme alone makes a valid S3 URI."""
    scheme, sep, _ = text.partition("://")
    if not sep or scheme == "s3" or scheme.lower() != "s3":
        return None
    return scheme if classify_s3("s3" + text[len(scheme):])[0] == "ok" else None
