"""All resources of one run, and the links between them (job → security configuration, trigger → job)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import TypeVar, cast

from pydantic import BaseModel, ConfigDict

from gluelint.model.orchestration import EventRule, EventTarget, Orchestrator, Start, StateMachine, TargetKind
from gluelint.model.resources import (
    Crawler,
    FileReport,
    Job,
    ParseError,
    Resource,
    SecurityConfiguration,
    Trigger,
    Workflow,
)
from gluelint.model.scripts import ScriptLink
from gluelint.model.values import Value

R = TypeVar("R", bound=Resource)
T = TypeVar("T")


class LinkStatus(StrEnum):
    RESOLVED = "resolved"  # the target is defined in the scanned files
    EXTERNAL = "external"  # declared external in config
    UNDEFINED = "undefined"  # a literal name nothing defines
    UNKNOWN = "unknown"  # the name is only known at apply time


class Link(BaseModel):
    """The outcome of following one reference."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    status: LinkStatus
    name: str | None = None
    target: Resource | None = None
    value: Value | None = None


def _prefer_instances(files: list[FileReport]) -> list[Resource]:
    """Every resource once: a template or module file that another scanned file instantiates (a nested
    stack's child, a module) is reported through its instances, with the inputs its parent binds, and not
    again standalone with its defaults."""
    instantiated = {r.span.file for f in files for r in f.resources if r.span.file != f.path}
    return [r for f in files for r in f.resources
            if not (f.path in instantiated and r.span.file == f.path)]


class Inventory:
    """The resources of one run, indexed for the lookups rules need."""

    def __init__(self, files: list[FileReport], external_security_configurations: list[str] | None = None,
                 external_jobs: list[str] | None = None) -> None:
        self.files = files
        found = _prefer_instances(files)
        self.resources: list[Resource] = [r for r in found if r.glue]
        # Read as context of the Glue resources (IAM roles and policies, remote modules): checked, not listed.
        self.context: list[Resource] = [r for r in found if not r.glue]
        self.external_security_configurations = set(external_security_configurations or [])
        self.external_jobs = set(external_jobs or [])
        self._derived: dict[str, object] = {}
        # Job (scope, address) → its script, when the run looked (gluelint.parse.scripts.link_scripts).
        self.scripts: dict[tuple[str, str], ScriptLink] | None = None
        self._by_address: dict[tuple[str, str], Resource] = {}
        self._by_name: dict[str, dict[str, list[Resource]]] = defaultdict(lambda: defaultdict(list))
        for r in found:
            self._by_address[(r.scope, r.address)] = r
            name = r.literal_name()
            if name is not None:
                self._by_name[r.kind][name].append(r)

    def derived(self, key: str, build: Callable[[], T]) -> T:
        """An index over the resources built once per run (``build`` runs on first use of ``key``)."""
        if key not in self._derived:
            self._derived[key] = build()
        return cast(T, self._derived[key])

    def file_region(self, path: str) -> str | None:
        """The region the provider block or template of file ``path`` pins, if any."""
        regions = self.derived("file_regions", lambda: {f.path: f.region for f in self.files if f.region})
        return regions.get(path)

    @property
    def glue_resources(self) -> list[Resource]:
        """The Glue resources (without the schedules, rules and state machines that start jobs)."""
        return [r for r in self.resources if not isinstance(r, Orchestrator)]

    @property
    def parse_errors(self) -> list[ParseError]:
        return [e for f in self.files for e in f.errors]

    def of(self, cls: type[R]) -> Iterator[R]:
        for r in (*self.resources, *self.context):
            if isinstance(r, cls):
                yield r

    def named(self, kind: str, name: str) -> list[Resource]:
        return list(self._by_name[kind].get(name, []))

    def referenced(self, owner: Resource, value: Value) -> Resource | None:
        """The resource a Terraform reference / CloudFormation Ref in ``value`` points at, if scanned.

        A reference that came through a module output names the resource by its full address
        (``module.glue.aws_glue_job.etl``), in another module instance of the same root; a splat over a resource
        (``join(",", aws_glue_job.etl.*.id)``) names the resource without an index, which is its only
        instance when exactly one exists."""
        if value.reference is None:
            return None
        found = self._by_address.get((owner.scope, value.reference))
        if found is not None:
            return found
        index = self.derived("root_addresses", self._root_addresses)
        root = _root_of(owner.scope)
        matches = index.get((root, value.reference)) or index.get((root, f"{value.reference}[*]"), [])
        return matches[0] if len(matches) == 1 else None

    def _root_addresses(self) -> dict[tuple[str, str], list[Resource]]:
        index: dict[tuple[str, str], list[Resource]] = defaultdict(list)
        for r in self.resources:
            root = _root_of(r.scope)
            index[(root, r.address)].append(r)
            if r.address.endswith("]") and "[" in r.address:
                index[(root, r.address[:r.address.rindex("[")] + "[*]")].append(r)
        return index

    def resolve_name(self, owner: Resource, value: Value) -> Value:
        """``value`` with a reference replaced by the referenced resource's name when that is known."""
        target = self.referenced(owner, value)
        if target is not None and target.name is not None and target.name.known:
            return target.name.model_copy(update={"span": value.span, "reference": value.reference})
        return value

    def link(self, owner: Resource, value: Value | None, kind: str, external: set[str]) -> Link:
        """Follow one (non-branching) name reference of ``owner`` to a resource of ``kind``."""
        if value is None:
            return Link(status=LinkStatus.UNDEFINED)
        target = self.referenced(owner, value)
        if target is not None:
            return Link(status=LinkStatus.RESOLVED, name=target.literal_name(), target=target, value=value)
        resolved = self.resolve_name(owner, value)
        name = resolved.as_str()
        if name is None:
            same = self._same_expression(owner, value, kind)
            if same is not None:
                return Link(status=LinkStatus.RESOLVED, name=same.literal_name(), target=same, value=value)
            return Link(status=LinkStatus.UNKNOWN, value=value)
        matches = self.named(kind, name)
        if matches:
            return Link(status=LinkStatus.RESOLVED, name=name, target=matches[0], value=value)
        if name in external:
            return Link(status=LinkStatus.EXTERNAL, name=name, value=value)
        return Link(status=LinkStatus.UNDEFINED, name=name, value=value)

    def _same_expression(self, owner: Resource, value: Value, kind: str) -> Resource | None:
        """The one resource of ``kind`` in the owner's scope whose name, unknown until deploy, is written as the
        very expression ``value`` is (``!Join ["", [Conf, !Ref AWS::StackId]]`` in both): the same text in the
        same template instance resolves to the same name."""
        if not value.is_unknown or not value.expression:
            return None
        found = [r for r in self.resources if r.kind == kind and r.scope == owner.scope and r.name is not None
                 and r.name.is_unknown and r.name.expression == value.expression]
        return found[0] if len(found) == 1 else None

    def security_configuration_of(self, owner: Resource, value: Value | None) -> Link:
        return self.link(owner, value, SecurityConfiguration.kind, self.external_security_configurations)

    def job_link(self, owner: Resource, value: Value | None) -> Link:
        return self.link(owner, value, Job.kind, self.external_jobs)

    def script_of(self, job: Job) -> ScriptLink | None:
        """The job's script link; None when the run did not look for scripts."""
        return self.scripts.get((job.scope, job.address)) if self.scripts is not None else None

    def script_files(self) -> list[str]:
        """Absolute paths of every script file the run read or looked for (the result cache re-checks them)."""
        return sorted({link.absolute for link in (self.scripts or {}).values() if link.absolute})

    def crawler_link(self, owner: Resource, value: Value | None) -> Link:
        return self.link(owner, value, Crawler.kind, set())

    # -- orchestration ------------------------------------------------------------------------------
    def start_link(self, owner: Resource, start: Start) -> Link:
        """Follow what an orchestrator's start call names: a job, a workflow, a crawler or a state machine
        (by name, by ARN, or by a reference whose resource says which of them it is)."""
        value = start.target
        if value is None:
            return Link(status=LinkStatus.UNKNOWN)
        target = self.referenced(owner, value)
        if target is not None:
            return Link(status=LinkStatus.RESOLVED, name=target.literal_name(), target=target, value=value)
        kind = _START_KINDS[start.target_kind]
        resolved = self.resolve_name(owner, value)
        text = resolved.as_str()
        if text is None:
            return Link(status=LinkStatus.UNKNOWN, value=value)
        name = _name_from_arn(text)
        matches = self.named(kind, name)
        if matches:
            return Link(status=LinkStatus.RESOLVED, name=name, target=matches[0], value=value)
        external = self.external_jobs if kind == Job.kind else set()
        status = LinkStatus.EXTERNAL if name in external else LinkStatus.UNDEFINED
        return Link(status=status, name=name, value=value)

    def start_target(self, owner: Resource, start: Start) -> Resource | None:
        target = self.start_link(owner, start).target
        if target is None or _START_KINDS[start.target_kind] == target.kind:
            return target
        # A reference (a rule target's ARN) names whatever resource it points at.
        return target if target.kind in (Job.kind, Workflow.kind, Crawler.kind, StateMachine.kind) else None

    def job_starts(self, job: Job) -> list[tuple[Resource, str, Value]]:
        """Every place that starts ``job`` with arguments of its own: (starter, where, arguments) for each
        Glue trigger action, state machine task, schedule input and DAG task that names the job."""
        index = self.derived("job_starts", self._job_starts_index)
        return list(index.get((job.scope, job.address), []))

    def _job_starts_index(self) -> dict[tuple[str, str], list[tuple[Resource, str, Value]]]:
        index: dict[tuple[str, str], list[tuple[Resource, str, Value]]] = {}
        for trigger in self.of(Trigger):
            for i, action in enumerate(trigger.actions):
                if action.arguments is None or action.job_name is None:
                    continue
                target = self.job_link(trigger, action.job_name).target
                if isinstance(target, Job):
                    index.setdefault((target.scope, target.address), []).append(
                        (trigger, f"actions[{i}].arguments", action.arguments))
        for orchestrator in self.of(Orchestrator):
            for start in orchestrator.starts:
                if start.arguments is None or start.target_kind is not TargetKind.JOB:
                    continue
                found = self.start_target(orchestrator, start)
                if isinstance(found, Job):
                    where = start.arguments_attribute or start.attribute
                    index.setdefault((found.scope, found.address), []).append(
                        (orchestrator, where, start.arguments))
        return index

    def rule_of(self, target: EventTarget) -> EventRule | None:
        if target.rule is None:
            return None
        found = self.referenced(target, target.rule)
        if isinstance(found, EventRule):
            return found
        name = self.resolve_name(target, target.rule).as_str()
        matches = self.named(EventRule.kind, name) if name is not None else []
        return matches[0] if matches and isinstance(matches[0], EventRule) else None

    def workflow_of(self, trigger: Trigger) -> Workflow | None:
        if trigger.workflow_name is None:
            return None
        found = self.referenced(trigger, trigger.workflow_name)
        if isinstance(found, Workflow):
            return found
        name = self.resolve_name(trigger, trigger.workflow_name).as_str()
        matches = self.named(Workflow.kind, name) if name is not None else []
        return matches[0] if matches and isinstance(matches[0], Workflow) else None


def _root_of(scope: str) -> str:
    """The root a Terraform module instance belongs to (``module.x@folder<root``, ``@root``); a CloudFormation
    template is its own root."""
    if "<" in scope:
        return scope.rsplit("<", 1)[1]
    return scope[1:] if scope.startswith("@") else scope


_START_KINDS = {TargetKind.JOB: Job.kind, TargetKind.WORKFLOW: Workflow.kind, TargetKind.CRAWLER: Crawler.kind,
                TargetKind.STATE_MACHINE: StateMachine.kind}


def _name_from_arn(text: str) -> str:
    """``NAME`` from ``arn:aws:states:<region>:<account>:stateMachine:NAME`` or ``arn:...:workflow/NAME``;
    a plain name is itself."""
    if not text.startswith("arn:"):
        return text
    tail = text.split(":", 5)[-1]
    for marker in ("stateMachine:", "workflow/", "job/", "crawler/"):
        if tail.startswith(marker):
            return tail[len(marker):].split(":", 1)[0]
    return text
