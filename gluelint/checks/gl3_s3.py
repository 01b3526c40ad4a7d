"""GL312 — S3 locations (the script and the special parameters that take one): malformed URIs, and the
classification of a location (``classify_s3``) the value checks share."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gluelint.checks.context import RuleContext, attr_span
from gluelint.checks.fixes import replace_in_entry_value, replace_in_value
from gluelint.checks.registry import Result, check
from gluelint.knowledge import shapes
from gluelint.knowledge.parameters import parameters
from gluelint.model.job import (
    EffectiveJob,
    entry_span,
    join_labels,
)
from gluelint.model.resources import Job
from gluelint.model.values import Value

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
