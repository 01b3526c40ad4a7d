"""What a run reports: findings and undecided checks."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from gluelint.model.resources import SourceFormat
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
    # Which attribute the finding is about, as a model field path (``worker_type``, ``default_arguments.--conf``),
    # the same in every format: used in fingerprints; reporters spell it in the file's own names (model/naming.py).
    attribute: str | None = None
    # The format of the file the resource is written in: the words its message and attribute are rendered in.
    source_format: SourceFormat | None = None
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
