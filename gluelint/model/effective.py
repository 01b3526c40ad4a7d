"""Effective job attributes: what AWS or the provider applies when the definition leaves a field out.

Rules and the cost model read these, so both see the same defaults.
"""

from __future__ import annotations

from collections.abc import Callable

from gluelint.knowledge.versions import versions
from gluelint.model.resources import Job
from gluelint.model.values import Alternative, Origin, Value

# Terraform's `command.name` defaults to glueetl (TF-JOB-GO `Default: "glueetl"`); the API documents no
# default, and CloudFormation requires Command, so the same reading is used for templates.
DEFAULT_COMMAND = "glueetl"
STREAMING = "gluestreaming"
PYTHON_SHELL = "pythonshell"
RAY = "glueray"
SPARK_COMMANDS = frozenset({"glueetl", STREAMING})


def command_name(job: Job) -> Value:
    if job.command_name is not None:
        return job.command_name
    return Value.of(DEFAULT_COMMAND, span=job.span, origin=Origin.PROVIDER_DEFAULT)


def glue_version(job: Job) -> Value:
    """The job's version; absent, the version AWS picks today (flagged by GL503)."""
    if job.glue_version is not None:
        return job.glue_version
    return Value.of(versions().default_version, span=job.span, origin=Origin.AWS_DEFAULT)


def map_leaves(value: Value, fn: Callable[[Value], Value]) -> Value:
    """Apply ``fn`` to every concrete outcome of ``value``, keeping branch labels."""
    if value.alternatives:
        return Value.branches([Alternative(label=a.label, value=map_leaves(a.value, fn))
                               for a in value.alternatives], expression=value.expression, span=value.span)
    return fn(value)


def timeout_minutes(job: Job) -> Value:
    """The timeout in minutes: as written, or the version's default (2,880 on <=4.0, 480 on >=5.0)."""
    if job.timeout is not None:
        return job.timeout

    def default_for(version: Value) -> Value:
        if version.is_unknown:
            return Value.unknown(version.expression or "glue_version", "the default timeout depends on "
                                 "glue_version, which is unknown", span=job.span)
        spec = versions().get(version.as_str() or "")
        if spec is None:
            return Value.unknown(str(version.as_str()), "no default timeout is known for this version",
                                 span=job.span)
        return Value.of(spec.default_timeout_minutes, span=job.span, origin=Origin.AWS_DEFAULT)

    return map_leaves(glue_version(job), default_for)


def max_concurrent_runs(job: Job) -> Value:
    """ExecutionProperty.MaxConcurrentRuns, default 1 (BOTO; TF-JOB-GO)."""
    if job.max_concurrent_runs is not None:
        return job.max_concurrent_runs
    return Value.of(1, span=job.span, origin=Origin.AWS_DEFAULT)


def is_streaming(job: Job) -> bool | None:
    """True/False when every branch of the command agrees; None when unknown or mixed."""
    outcomes = {leaf.as_str() for _, leaf in command_name(job).leaves()}
    if None in outcomes:
        return None
    if outcomes == {STREAMING}:
        return True
    if STREAMING not in outcomes:
        return False
    return None
