"""GL6 checks that need the jobs' real run history (``--usage``): they read the estimator's figures (ctx.costs),
so the finding and the cost report's note agree."""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.context import RuleContext
from gluelint.checks.registry import Result, check
from gluelint.cost.model import CostReport
from gluelint.cost.timeout_review import TimeoutReview, describe
from gluelint.model.resources import Job


@check("GL610", Job)
def timeout_far_above_p95(job: Job, ctx: RuleContext) -> Iterator[Result]:
    """The effective timeout (as written, else Glue's default) is far above the p95 of the job's recorded runs
    (gluelint's policy, [tool.gluelint.cost] timeout_p95_*); quiet without a run history for the job."""
    report = ctx.costs
    cost = report.of(job.span.file, job.scope, job.address) if isinstance(report, CostReport) else None
    if cost is None or cost.usage is None or cost.continuous:
        return
    if cost.timeout_review is None:
        if cost.timeout_minutes is None:
            yield ctx.undecided("timeout", job.timeout)
        return
    found = TimeoutReview.from_json(cost.timeout_review)
    span = job.timeout.span if job.timeout is not None else None
    yield ctx.finding(span, f"{job.address}: {describe(found, ctx.naming())}", attribute="timeout")
