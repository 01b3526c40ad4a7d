"""What a run reports: findings and undecided checks."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from gluelint.model.branches import When
from gluelint.model.resources import SourceFormat
from gluelint.model.values import Span


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Edit(BaseModel):
    """Replace ``old`` by ``new`` where ``old`` is written at ``at`` (or just after an opening quote there).

    Positions come from the parser (1-based line and column, in characters); the fixer checks that the file
    really holds ``old`` there before it touches anything.
    """

    model_config = ConfigDict(frozen=True)

    at: Span
    old: str
    new: str


class EntryDeletion(BaseModel):
    """Delete the line at ``at``, which must hold nothing but the entry ``key`` = ``value`` (quotes, ``=`` or
    ``:``, an optional trailing comma and spaces around)."""

    model_config = ConfigDict(frozen=True)

    at: Span
    key: str
    value: str


class Fix(BaseModel):
    """A repair whose result is certain (ruff's "safe fix"), as data for ``gluelint check --fix`` and SARIF.

    ``field`` is the model field of ``Finding.resource`` that the edits change, and ``expected`` that field's
    ``Value.plain()`` after them: the fixer re-parses the edited file and keeps the fix only if that field is
    exactly ``expected`` and nothing else in the file's model changed.
    """

    model_config = ConfigDict(frozen=True)

    description: str
    field: str
    expected: Any
    edits: tuple[Edit, ...] = ()
    deletions: tuple[EntryDeletion, ...] = ()


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
    # The branches a finding holds on (``IsProd``, ``var.env == "prod"``), when the value branches; None when it
    # holds in every case. Never part of ``message``: reporters render it in the file's own syntax.
    branch: When | None = None
    # Which attribute the finding is about, as a model field path (``worker_type``, ``default_arguments.--conf``),
    # the same in every format: used in fingerprints; reporters spell it in the file's own names (model/naming.py).
    attribute: str | None = None
    # The format of the file the resource is written in: the words its message and attribute are rendered in.
    source_format: SourceFormat | None = None
    fingerprint: str = ""
    suppressed: bool = False
    justification: str | None = None
    # A safe repair (gluelint.fix applies it with --fix), when the check knows one for certain.
    fix: Fix | None = None


class Undecided(BaseModel):
    """A check that could not decide because a value is only known at apply time."""

    model_config = ConfigDict(frozen=True)

    rule: str
    resource: str
    attribute: str
    expression: str | None = None
    reason: str | None = None
    span: Span | None = None
