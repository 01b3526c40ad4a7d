"""What a run reports: findings and undecided checks."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from gluelint.model.values import Span


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule: str
    name: str
    severity: Severity
    message: str
    span: Span
    resource: str | None = None
    resource_type: str | None = None
    # Which instance of the resource (a module called from two root folders has two): see Resource.scope.
    scope: str | None = None
    # The branch a finding holds on (``IsProd``, ``var.env == "prod"``), when the value branches.
    branch: str | None = None
    # Which attribute the finding is about (``worker_type``, ``default_arguments.--conf``): used in fingerprints.
    attribute: str | None = None
    fingerprint: str = ""
    suppressed: bool = False
    justification: str | None = None


class Undecided(BaseModel):
    """A check that could not decide because a value is only known at apply time."""

    model_config = ConfigDict(frozen=True)

    rule: str
    resource: str
    attribute: str
    expression: str | None = None
    reason: str | None = None
    span: Span | None = None
