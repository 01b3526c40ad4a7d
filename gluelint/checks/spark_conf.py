"""GL302 / GL303: the packed ``--conf`` argument (``spark.a=1 --conf spark.b=2``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from gluelint.checks.context import RuleContext
from gluelint.checks.registry import Result, check
from gluelint.knowledge.parameters import parameters
from gluelint.model.arguments import Arguments, entry_span
from gluelint.model.job import EffectiveJob
from gluelint.model.resources import Job


def conf_key() -> str:
    """The argument that packs Spark settings (parameters.toml ``[roles] spark_conf``)."""
    return parameters().roles.spark_conf


@dataclass
class ParsedConf:
    pairs: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def duplicates(self) -> dict[str, list[str]]:
        seen: dict[str, list[str]] = {}
        for key, value in self.pairs:
            seen.setdefault(key, []).append(value)
        return {k: v for k, v in seen.items() if len(v) > 1}


def parse_conf(text: str) -> ParsedConf:
    """Split a ``--conf`` value into ``(property, value)`` pairs and list what is malformed."""
    syntax = parameters().conf
    sep = syntax.separator.strip()
    out = ParsedConf()
    body = text.strip()
    if not body:
        out.problems.append("the value is empty")
        return out
    if re.match(rf"{re.escape(sep)}(\s|=|$)", body):
        out.problems.append(f"it starts with `{sep}`: Glue adds the first `{sep}` itself, remove it")
        body = re.sub(rf"^{re.escape(sep)}[\s=]*", "", body)
    if "\n" in body or "\r" in body:
        out.problems.append("it contains a line break: write every setting on one line, joined by "
                            f"`{syntax.separator}`")
    for part in re.split(rf"\s+{re.escape(sep)}\s+", body):
        part = part.strip()
        if not part:
            out.problems.append(f"it has an empty setting between two `{sep}`")
            continue
        if "=" not in part:
            out.problems.append(f"`{part}` has no `=` (settings are `property=value`)")
            continue
        key, value = part.split("=", 1)
        key = key.strip()
        if not key:
            out.problems.append(f"`{part}` has an empty property name")
            continue
        if any(ch.isspace() for ch in key):
            out.problems.append(f"`{key}` contains whitespace: separate settings with `{syntax.separator}`")
        elif not key.startswith(tuple(syntax.property_prefixes)):
            prefixes = "/".join(f"`{p}`" for p in syntax.property_prefixes)
            out.problems.append(f"`{key}` is not a Spark/Hadoop property (no {prefixes} prefix)")
        if re.search(r"[,;]\s*(spark|hadoop)\.[\w.\-]+=", value):
            out.problems.append(f"the value of `{key}` holds more settings joined by `,`/`;`: "
                                f"separate settings with `{syntax.separator}`")
        out.pairs.append((key, value))
    return out


@check("GL302", Job)
def duplicate_spark_conf(job: Job, ctx: RuleContext) -> Iterator[Result]:
    maps, unknown = EffectiveJob(job).argument_maps()
    for name, value in unknown:
        yield ctx.undecided(name, value)
    for m in maps:
        for entry in m.obj.all(conf_key()):
            text = entry.value.as_str()
            if text is None:
                if entry.value.is_unknown:
                    yield ctx.undecided(f"{m.field}.{conf_key()}", entry.value)
                continue
            for prop, values in parse_conf(text).duplicates().items():
                shown = ", ".join(f"`{v}`" for v in values)
                yield ctx.finding(entry_span(entry, job.span),
                                  f"{job.address}: `{ctx.naming().term(m.field)}` `--conf` sets `{prop}` "
                                  f"{len(values)} times ({shown}); "
                                  f"Spark keeps only the last: keep one `{prop}=...`",
                                  attribute=f"{m.field}.{conf_key()}", branch=m.branch or entry.condition)
    for view in EffectiveJob(job).arguments():
        yield from _across_maps(job, ctx, view)


def _across_maps(job: Job, ctx: RuleContext, view: Arguments) -> Iterator[Result]:
    default, fixed = view.objects.get("default_arguments"), view.objects.get("non_overridable_arguments")
    if default is None or fixed is None:
        return
    d_entry, f_entry = default.entry(conf_key()), fixed.entry(conf_key())
    if d_entry is None or f_entry is None:
        return
    d_text, f_text = d_entry.value.as_str(), f_entry.value.as_str()
    if d_text is None or f_text is None:
        return
    d_props = {k for k, _ in parse_conf(d_text).pairs}
    common = [k for k, _ in parse_conf(f_text).pairs if k in d_props]
    if common:
        names = ", ".join(f"`{k}`" for k in dict.fromkeys(common))
        n = ctx.naming()
        yield ctx.finding(entry_span(f_entry, job.span),
                          f"{job.address}: {names} set in both `{n.term('default_arguments')}` and "
                          f"`{n.term('non_overridable_arguments')}` `--conf`; the non-overridable `--conf` "
                          "replaces the default one entirely: set each "
                          "property in one place",
                          attribute=f"non_overridable_arguments.{conf_key()}", branch=view.branch)


@check("GL303", Job)
def malformed_spark_conf(job: Job, ctx: RuleContext) -> Iterator[Result]:
    maps, unknown = EffectiveJob(job).argument_maps()
    for name, value in unknown:
        yield ctx.undecided(name, value)
    for m in maps:
        for entry in m.obj.all(conf_key()):
            text = entry.value.as_str()
            if text is None:
                if entry.value.is_unknown:
                    yield ctx.undecided(f"{m.field}.{conf_key()}", entry.value)
                continue
            problems = parse_conf(text).problems
            if problems:
                yield ctx.finding(entry_span(entry, job.span),
                                  f"{job.address}: `{ctx.naming().term(m.field)}` `--conf` is malformed: "
                                  f"{'; '.join(problems)}",
                                  attribute=f"{m.field}.{conf_key()}", branch=m.branch or entry.condition)
