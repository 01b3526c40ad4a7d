"""GL305 — argument values: a special parameter's value of the wrong kind (enum, bool, integer, S3 location,
`CUSTOMER_` environment keys), and what it requires of other arguments and of the worker.

GL302/GL303 (``--conf``) live in spark_conf.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gluelint.checks.context import RuleContext
from gluelint.checks.registry import Result, check
from gluelint.checks.s3_locations import classify_s3, split_list
from gluelint.knowledge import shapes
from gluelint.knowledge.parameters import Parameter, parameters
from gluelint.knowledge.workers import workers
from gluelint.model.arguments import Arguments, entry_span
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import combos, join_labels
from gluelint.model.resources import Job
from gluelint.model.values import Entry


def _value_problem(p: Parameter, text: str) -> str | None:
    t = text.strip()
    if t == "" and (p.allow_empty or p.takes_s3):
        return None
    if p.max_length is not None and len(t) > p.max_length:
        return f"must be at most {p.max_length} characters (this one has {len(t):,})"
    bad_chars = sorted({ch for ch in t if ch in p.forbidden_chars})
    if bad_chars:
        return f"must not contain {' or '.join(f'`{ch}`' for ch in bad_chars)}"
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
