"""GL312 — malformed S3 URIs: the script location and the special parameters that take an S3 location.

The classification itself (``classify_s3``) lives in s3_locations.py."""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.context import RuleContext, attr_span
from gluelint.checks.fixes import replace_in_entry_value, replace_in_value
from gluelint.checks.registry import Result, check
from gluelint.checks.s3_locations import classify_s3, split_list, unknown_s3_problem
from gluelint.knowledge.parameters import parameters
from gluelint.model.arguments import entry_span
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import join_labels
from gluelint.model.resources import Job


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
