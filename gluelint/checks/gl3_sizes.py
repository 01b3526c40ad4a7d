"""GL310 — job arguments larger in total than Glue accepts."""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.context import RuleContext, attr_span
from gluelint.checks.registry import Result, check
from gluelint.knowledge import shapes
from gluelint.knowledge.limits import limits
from gluelint.model.job import EffectiveJob
from gluelint.model.resources import Job
from gluelint.model.values import Value


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
