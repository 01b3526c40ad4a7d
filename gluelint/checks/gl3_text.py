"""GL320 / GL321 — argument text that reads right but is not: whitespace inside path lists, look-alike
characters (Unicode dashes, quotes, spaces) in argument keys and in the values of Glue's own parameters."""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.context import RuleContext
from gluelint.checks.fixes import rename_key
from gluelint.checks.registry import Result, check
from gluelint.findings import Fix
from gluelint.knowledge.lookalikes import lookalikes_in, to_ascii
from gluelint.knowledge.parameters import parameters
from gluelint.model.job import EffectiveJob
from gluelint.model.outcomes import join_labels
from gluelint.model.resources import Job
from gluelint.model.values import Entry

# -- GL320 / GL321: text that reads right but is not ------------------------------------------------------


def _list_parameters() -> set[str]:
    return {p.name for p in parameters().parameter if p.kind in ("s3_list", "modules")}


def _spaced_items(texts: list[str]) -> list[str]:
    """Items of a comma-separated list written with whitespace around them, from its literal parts."""
    out: list[str] = []
    for text in texts:
        for item in text.split(","):
            if item and item != item.strip() and item.strip():
                out.append(item.strip())
    return out


@check("GL320", Job)
def whitespace_in_path_list(job: Job, ctx: RuleContext) -> Iterator[Result]:
    """``--extra-py-files "s3://a/x.py, s3://a/y.py"`` (or a heredoc, one path a line): Glue splits the value
    on commas and does not trim, so the item after a space or newline is a path that does not exist."""
    wanted = _list_parameters()
    for hit in EffectiveJob(job).written_arguments(lambda k: k in wanted).hits:
        for label, leaf in hit.entry.value.leaves():
            text = leaf.as_str()
            if text is not None:
                texts = [text]
            elif leaf.is_unknown and leaf.parts:
                # the written parts decide, whatever the rest is ("…" stands for a part known at apply time)
                texts = ["".join(p.text if p.text is not None else "…" for p in leaf.parts)]
            else:
                if leaf.is_unknown:
                    yield ctx.undecided(hit.attribute, leaf)
                continue
            spaced = _spaced_items(texts)
            if not spaced:
                continue
            shown = ", ".join(f"`{s}`" for s in spaced[:3]) + (" ..." if len(spaced) > 3 else "")
            yield ctx.finding(hit.span(job.span),
                              f"{job.address}: `{hit.key}` lists {shown} with spaces or line breaks around the "
                              "commas: Glue splits the list on commas without trimming, so those items name paths "
                              "or packages that do not exist; write the list on one line with no spaces",
                              attribute=hit.attribute, branch=join_labels(hit.branch, label))


@check("GL321", Job)
def lookalike_characters(job: Job, ctx: RuleContext) -> Iterator[Result]:
    """Argument keys, and the values of Glue's own parameters, with Unicode dashes, quotes or spaces that look
    like ASCII ones."""
    for hit in EffectiveJob(job).written_arguments().hits:
        found = lookalikes_in(hit.key)
        if found:
            meant = to_ascii(hit.key)
            if meant.startswith("-") and not meant.startswith("--") and not hit.key.startswith("-"):
                meant = "-" + meant  # an em dash autocorrected from "--"
            yield ctx.finding(hit.span(job.span),
                              f"{job.address}: `{hit.key}` is not `{meant}`: it contains {', '.join(found)}, so "
                              "Glue reads another, unknown argument and silently ignores the setting: retype the "
                              f"key as `{meant}`", attribute=hit.attribute, branch=hit.branch,
                              fix=_ascii_dashes(job, hit.field, hit.entry, meant) if hit.branch is None else None)
            continue
        if parameters().get(hit.key) is None:
            continue  # a custom argument's value is the script's business (prose may use typographic quotes)
        for label, leaf in hit.entry.value.leaves():
            text = leaf.as_str()
            in_value = lookalikes_in(text) if text is not None else []
            if in_value:
                yield ctx.finding(hit.span(job.span),
                                  f"{job.address}: the value of `{hit.key}` contains {', '.join(in_value)}, which "
                                  "look like ASCII but are not, so the value is not what it reads: retype them",
                                  attribute=hit.attribute, branch=join_labels(hit.branch, label))


def _ascii_dashes(job: Job, field: str, entry: Entry, meant: str) -> Fix | None:
    """GL321's safe fix: a key whose only look-alikes are dashes, retyped with ASCII hyphens (quotes, spaces
    and invisible characters are left to the user: which one was meant is not certain)."""
    if any(not ch.isascii() and to_ascii(ch) != "-" for ch in entry.key):
        return None
    return rename_key(job, field, entry, meant, description=f"retype `{entry.key}` as `{meant}` (ASCII hyphens)")
