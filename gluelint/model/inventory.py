"""All resources of one run, and the links between them (job → security configuration, trigger → job)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import TypeVar, cast

from pydantic import BaseModel, ConfigDict

from gluelint.model.resources import (
    Crawler,
    FileReport,
    Job,
    ParseError,
    Resource,
    SecurityConfiguration,
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
        self.resources: list[Resource] = _prefer_instances(files)
        self.external_security_configurations = set(external_security_configurations or [])
        self.external_jobs = set(external_jobs or [])
        self._derived: dict[str, object] = {}
        # Job (scope, address) → its script, when the run looked (gluelint.parse.scripts.link_scripts).
        self.scripts: dict[tuple[str, str], ScriptLink] | None = None
        self._by_address: dict[tuple[str, str], Resource] = {}
        self._by_name: dict[str, dict[str, list[Resource]]] = defaultdict(lambda: defaultdict(list))
        for r in self.resources:
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
    def parse_errors(self) -> list[ParseError]:
        return [e for f in self.files for e in f.errors]

    def of(self, cls: type[R]) -> Iterator[R]:
        for r in self.resources:
            if isinstance(r, cls):
                yield r

    def named(self, kind: str, name: str) -> list[Resource]:
        return list(self._by_name[kind].get(name, []))

    def referenced(self, owner: Resource, value: Value) -> Resource | None:
        """The resource a Terraform reference / CloudFormation Ref in ``value`` points at, if scanned."""
        if value.reference is None:
            return None
        return self._by_address.get((owner.scope, value.reference))

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
            return Link(status=LinkStatus.UNKNOWN, value=value)
        matches = self.named(kind, name)
        if matches:
            return Link(status=LinkStatus.RESOLVED, name=name, target=matches[0], value=value)
        if name in external:
            return Link(status=LinkStatus.EXTERNAL, name=name, value=value)
        return Link(status=LinkStatus.UNDEFINED, name=name, value=value)

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
