"""What starts Glue jobs from outside Glue: EventBridge Scheduler schedules, EventBridge rules and their
targets, Step Functions state machines and Airflow DAGs.

These are not Glue resources, but they decide how often a job runs (its monthly cost) and which arguments
it runs with. Each orchestrator lists its ``Start`` calls: what it starts (a job, a workflow, a state
machine), with which arguments, and how many times per run of the orchestrator.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from gluelint.model.resources import Resource
from gluelint.model.values import Span, Value


class TargetKind(StrEnum):
    JOB = "job"
    WORKFLOW = "workflow"
    STATE_MACHINE = "state machine"
    CRAWLER = "crawler"


class Multiplicity(StrEnum):
    """How many times one run of the orchestrator makes the call."""

    ONCE = "once"
    AT_MOST = "at most once"  # a Choice branch, a Catch handler: some runs take another path
    UNKNOWN = "unknown"  # inside a Map over items known only at run time


class Start(BaseModel):
    """One call that starts a Glue job (or a workflow / state machine that starts jobs)."""

    model_config = ConfigDict(frozen=True)

    target_kind: TargetKind
    # The job or workflow name, or the state machine ARN / reference, as written.
    target: Value | None = None
    # Arguments the call passes (``Arguments`` of startJobRun): they override the job's default arguments.
    arguments: Value | None = None
    # ``glue:startJobRun.sync`` waits for the run to end; ``glue:startJobRun`` returns at once.
    sync: bool | None = None
    # The integration as written (``arn:aws:states:::glue:startJobRun.sync``, ``aws-sdk:glue:startJobRun``).
    integration: str = ""
    # Where in the orchestrator: ``States.Export`` or ``States.Fan out / branch 1 / Export``.
    path: str = ""
    multiplicity: Multiplicity = Multiplicity.ONCE
    # Runs of the call per run of the orchestrator when a Map iterates a literal list (else 1).
    factor: int = 1
    why: str | None = None
    span: Span | None = None
    # The attribute it was read from, as the user's format spells it (``definition``, ``Targets.Arn``).
    attribute: str = ""
    # Where the arguments are written (``States.Export.Parameters.Arguments``, ``target.input``, ``script_args``).
    arguments_attribute: str = ""


class Orchestrator(Resource):
    """A resource outside Glue that starts Glue jobs."""

    kind: ClassVar[str] = "orchestrator"
    # Short human name of the service, used in run-source chains.
    service: ClassVar[str] = "orchestrator"

    starts: list[Start] = Field(default_factory=list)
    # Set when what the orchestrator starts is itself unknown (a definition read from S3, an input variable).
    starts_unresolved: Value | None = None


class WhenSpec(BaseModel):
    """When a schedule fires: expression, time zone, active window, state."""

    model_config = ConfigDict(frozen=True)

    expression: Value | None = None
    timezone: Value | None = None
    start_date: Value | None = None
    end_date: Value | None = None
    enabled: Value | None = None
    # The expression's attribute as the user's format spells it (``schedule_expression``, ``Schedule``).
    attribute: str = ""
    timezone_attribute: str = ""


class ScheduledOrchestrator(Orchestrator):
    when: WhenSpec = Field(default_factory=WhenSpec)
    # EventBridge rules: an event pattern instead of (or besides) a schedule expression.
    event_pattern: Value | None = None


class SchedulerSchedule(ScheduledOrchestrator):
    """``aws_scheduler_schedule`` / ``AWS::Scheduler::Schedule``."""

    kind: ClassVar[str] = "scheduler_schedule"
    service: ClassVar[str] = "EventBridge Scheduler"


class EventRule(ScheduledOrchestrator):
    """``aws_cloudwatch_event_rule`` / ``AWS::Events::Rule`` (CloudFormation lists its targets inline)."""

    kind: ClassVar[str] = "event_rule"
    service: ClassVar[str] = "EventBridge rule"


class EventTarget(Orchestrator):
    """``aws_cloudwatch_event_target``: one target of a rule, declared on its own (Terraform)."""

    kind: ClassVar[str] = "event_target"
    service: ClassVar[str] = "EventBridge target"

    rule: Value | None = None


class StateTransition(BaseModel):
    """A state that follows an asynchronous ``glue:startJobRun`` and reads what only the finished run has."""

    model_config = ConfigDict(frozen=True)

    task_path: str
    next_state: str
    reads: str
    span: Span | None = None
    attribute: str = ""


class StateMachine(Orchestrator):
    """``aws_sfn_state_machine`` / ``AWS::StepFunctions::StateMachine`` / ``AWS::Serverless::StateMachine``."""

    kind: ClassVar[str] = "state_machine"
    service: ClassVar[str] = "state machine"

    # The ``Events`` of a SAM state machine (Schedule / ScheduleV2) are schedules of their own: counted here.
    schedules: list[WhenSpec] = Field(default_factory=list)
    # Its event-driven SAM ``Events`` (EventBridgeRule / CloudWatchEvent patterns, Api, ...), by name.
    event_sources: list[str] = Field(default_factory=list)
    async_result_reads: list[StateTransition] = Field(default_factory=list)


class AirflowDag(Orchestrator):
    """An Airflow DAG in a ``.py`` file of the repository, read without running it."""

    kind: ClassVar[str] = "airflow_dag"
    service: ClassVar[str] = "Airflow DAG"

    when: WhenSpec = Field(default_factory=WhenSpec)


ORCHESTRATOR_CLASSES: tuple[type[Orchestrator], ...] = (
    SchedulerSchedule, EventRule, EventTarget, StateMachine, AirflowDag,
)


def is_orchestrator(resource: Resource) -> bool:
    return isinstance(resource, Orchestrator)
