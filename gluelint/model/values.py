"""Attribute values: known, unknown or branching, each with the exact span it was written at.

The model knows no input format. Parsers build these wrappers; rules, cost and reports read them.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from gluelint.model.branches import Branch, Condition

_FLOAT_MAX = int(sys.float_info.max)

Scalar = str | int | float | bool | None


class Span(BaseModel):
    """A 1-based, inclusive-start range of text in one file."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int = 1
    column: int = 1
    end_line: int = 0
    end_column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Origin(StrEnum):
    """Where a value came from."""

    LITERAL = "literal"
    VARIABLE_DEFAULT = "variable_default"
    TFVARS = "tfvars"
    LOCAL = "local"
    MODULE_INPUT = "module_input"
    PARAMETER_DEFAULT = "parameter_default"
    MAPPING = "mapping"
    PLAN = "plan"
    PROVIDER_DEFAULT = "provider_default"
    AWS_DEFAULT = "aws_default"
    CONFIG = "config"


class Value(BaseModel):
    """One attribute value.

    Exactly one of these holds:
    - ``known``: ``data`` is the value (a scalar, a list of Values, or an ObjectValue);
    - unknown (not ``known`` and no ``alternatives``): ``expression`` is the source text and ``reason`` why;
    - branching: ``alternatives`` lists labelled Values (``cond ? a : b``, ``Fn::If``).
    """

    model_config = ConfigDict(frozen=True)

    known: bool = True
    data: Scalar | list[Value] | ObjectValue = None
    expression: str | None = None
    reason: str | None = None
    alternatives: list[Alternative] | None = None
    span: Span | None = None
    origin: Origin = Origin.LITERAL
    # The address of the resource this value refers to (``aws_glue_security_configuration.main``, a
    # CloudFormation logical id), resolved to that resource's name by the inventory.
    reference: str | None = None
    # Unknown text, but certainly set (an export imported from another stack): not null, not empty.
    certainly_set: bool = False
    # What an unknown value certainly is, though its text is known only at apply time: one of SHAPES
    # (``aws_kms_key.k.arn`` is a KMS key ARN, ``AWS::AccountId`` twelve digits).
    shape: str | None = None
    # An unknown string built from literal text and unknown parts (a template, ``!Sub``, ``!Join``), in order:
    # the literal parts can decide a check the unknown parts cannot change.
    parts: list[TemplatePart] | None = None
    # A JSON text (``jsonencode(...)``, a template of JSON) whose text is unknown but whose structure is known:
    # the structure, with the unknown parts where they stand (state machine definitions, schedule inputs).
    decoded: Value | None = None

    # -- constructors -------------------------------------------------------------------------------
    @classmethod
    def of(cls, data: Scalar | list[Value] | ObjectValue, span: Span | None = None,
           origin: Origin = Origin.LITERAL, expression: str | None = None) -> Value:
        return cls(known=True, data=data, span=span, origin=origin, expression=expression)

    @classmethod
    def unknown(cls, expression: str, reason: str, span: Span | None = None,
                reference: str | None = None) -> Value:
        return cls(known=False, expression=expression, reason=reason, span=span, reference=reference)

    @classmethod
    def branches(cls, alternatives: list[Alternative], expression: str | None = None,
                 span: Span | None = None) -> Value:
        return cls(known=False, alternatives=alternatives, expression=expression, span=span)

    # -- readers ------------------------------------------------------------------------------------
    @property
    def is_unknown(self) -> bool:
        return not self.known and not self.alternatives

    @property
    def is_set(self) -> bool | None:
        """Whether the value is present and non-empty: True/False when decidable, None when only apply
        time can tell. A reference to a resource or an imported export is set even though its text is not
        known yet."""
        if self.alternatives:
            outcomes = {leaf.is_set for _, leaf in self.leaves()}
            return outcomes.pop() if len(outcomes) == 1 else None
        if self.known:
            return self.data not in (None, "")
        if self.reference is not None or self.certainly_set or self.shape is not None:
            return True
        return True if any(p.text for p in self.parts or []) else None

    def is_blank(self) -> bool:
        """True when a known value is null or an empty / whitespace-only string."""
        data = self.scalar()
        return data is None or (isinstance(data, str) and not data.strip())

    @property
    def is_branching(self) -> bool:
        return bool(self.alternatives)

    def leaves(self, branch: Branch | None = None) -> Iterator[tuple[Branch | None, Value]]:
        """Every concrete outcome with the branch it exists on (``None`` when the value does not branch);
        ``branch`` is the branch this value itself is on."""
        if self.alternatives:
            outer = branch.conditions if branch is not None else ()
            for alt in self.alternatives:
                inner = outer if alt.condition in outer else (*outer, alt.condition)
                yield from alt.value.leaves(Branch(inner))
        else:
            yield branch, self

    def scalar(self) -> Scalar:
        """The known scalar, or None when unknown, branching or structured."""
        if self.known and not isinstance(self.data, (list, ObjectValue)):
            return self.data
        return None

    def as_str(self) -> str | None:
        """The known value as Terraform/CloudFormation would stringify it."""
        v = self.scalar()
        if v is None:
            return None
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    def as_number(self) -> float | None:
        """The known value as a number (strings holding numbers count, as both tools coerce them)."""
        v = self.scalar()
        if isinstance(v, bool) or v is None:
            return None
        if isinstance(v, int) and not isinstance(v, float) and abs(v) > _FLOAT_MAX:
            return math.inf if v > 0 else -math.inf  # float() raises OverflowError beyond ~1.8e308
        if isinstance(v, (int, float)):
            return float(v)
        try:
            return float(v.strip())
        except ValueError:
            return None

    def as_object(self) -> ObjectValue | None:
        return self.data if self.known and isinstance(self.data, ObjectValue) else None

    def as_list(self) -> list[Value] | None:
        return self.data if self.known and isinstance(self.data, list) else None

    def plain(self) -> object:
        """A JSON-friendly rendering (unknowns as ``{"unknown": expr}``)."""
        if self.alternatives:
            return {"alternatives": [{"condition": a.condition.expression, "holds": a.condition.holds,
                                      "value": a.value.plain()} for a in self.alternatives]}
        if not self.known:
            return {"unknown": self.expression, "reason": self.reason}
        if isinstance(self.data, list):
            return [v.plain() for v in self.data]
        if isinstance(self.data, ObjectValue):
            return [[e.key, e.value.plain()] for e in self.data.entries]
        return self.data


class TemplatePart(BaseModel):
    """One part of a partly known string: literal ``text``, or (``text`` None) a part known only at apply time,
    with its ``shape`` when that is certain."""

    model_config = ConfigDict(frozen=True)

    text: str | None = None
    shape: str | None = None


def template_parts(pieces: list[str | Value]) -> list[TemplatePart]:
    """The parts of a string joined from literal text and values (known, unknown, or partly known)."""
    out: list[TemplatePart] = []
    for piece in pieces:
        if isinstance(piece, str):
            found = [TemplatePart(text=piece)]
        elif piece.known and not piece.alternatives and piece.as_str() is not None:
            found = [TemplatePart(text=piece.as_str())]
        elif piece.parts:
            found = list(piece.parts)
        else:
            found = [TemplatePart(shape=piece.shape if piece.is_unknown else None)]
        for part in found:
            if part.text is not None and out and out[-1].text is not None:
                out[-1] = TemplatePart(text=out[-1].text + part.text)
            elif part.text != "":
                out.append(part)
    return out


class Alternative(BaseModel):
    """One outcome of a branching value: the one where ``condition`` holds (``var.prod == true``, ``IsProd``)
    or, with ``holds`` False, the one where it does not."""

    model_config = ConfigDict(frozen=True)

    condition: Condition
    value: Value


class Entry(BaseModel):
    """One ``key = value`` of an object or argument map, duplicates kept in written order."""

    model_config = ConfigDict(frozen=True)

    key: str
    value: Value
    key_span: Span | None = None
    # Set when the entry exists only on one branch (``merge(a, cond ? {...} : {})``).
    condition: Branch | None = None


class ObjectValue(BaseModel):
    """An ordered object: entries keep duplicates; ``unresolved`` are parts whose keys are not known."""

    model_config = ConfigDict(frozen=True)

    entries: list[Entry] = Field(default_factory=list)
    unresolved: list[Value] = Field(default_factory=list)

    def get(self, key: str) -> Value | None:
        """The effective (last-wins) value of ``key``."""
        found = None
        for e in self.entries:
            if e.key == key:
                found = e.value
        return found

    def entry(self, key: str) -> Entry | None:
        found = None
        for e in self.entries:
            if e.key == key:
                found = e
        return found

    def all(self, key: str) -> list[Entry]:
        return [e for e in self.entries if e.key == key]

    def keys(self) -> list[str]:
        """Distinct keys in first-written order."""
        return list(dict.fromkeys(e.key for e in self.entries))

    def effective(self) -> dict[str, Entry]:
        """Last-wins view, as Glue, Terraform and CloudFormation apply it."""
        out: dict[str, Entry] = {}
        for e in self.entries:
            out.pop(e.key, None)
            out[e.key] = e
        return out

    @property
    def complete(self) -> bool:
        """True when every key is known (no unresolved part could add or override one)."""
        return not self.unresolved


class UnknownPart(Exception):
    """Raised by :func:`to_python` when part of a value is unknown until apply."""

    def __init__(self, value: Value) -> None:
        super().__init__(value.expression or "")
        self.value = value


def to_python(value: Value) -> object:
    """A known value as plain Python (objects as dicts, last key wins); JSON strings are not decoded."""
    if not value.known or value.alternatives:
        raise UnknownPart(value)
    obj = value.as_object()
    if obj is not None:
        if obj.unresolved:
            raise UnknownPart(obj.unresolved[0])
        return {k: to_python(e.value) for k, e in obj.effective().items()}
    items = value.as_list()
    if items is not None:
        return [to_python(v) for v in items]
    return value.scalar()


def json_document(value: Value) -> object:
    """A policy-like document written as a JSON string or as an object; raises UnknownPart / ValueError."""
    data = to_python(value)
    if isinstance(data, str):
        return json.loads(data)
    return data


class Pending:
    """Stands for a part of a structured value that is known only at apply time (see :func:`to_python_partial`)."""

    def __init__(self, value: Value) -> None:
        self.value = value


def to_python_partial(value: Value) -> Any:
    """Like :func:`to_python`, but a part unknown until apply becomes a :class:`Pending` instead of failing the
    whole value (a policy statement's principal can be known while its resource ARN is not)."""
    if value.is_unknown and value.decoded is not None:
        return to_python_partial(value.decoded)  # jsonencode({...}) of a partly known document
    if not value.known or value.alternatives:
        return Pending(value)
    obj = value.as_object()
    if obj is not None:
        if obj.unresolved:
            return Pending(obj.unresolved[0])
        return {k: to_python_partial(e.value) for k, e in obj.effective().items()}
    items = value.as_list()
    if items is not None:
        return [to_python_partial(v) for v in items]
    return value.scalar()


def pending_in(data: Any) -> Pending | None:
    """The first part of ``data`` that is known only at apply time."""
    if isinstance(data, Pending):
        return data
    for item in data.values() if isinstance(data, dict) else data if isinstance(data, list) else []:
        found = pending_in(item)
        if found is not None:
            return found
    return None


def policy_document(value: Value) -> Any:
    """A policy document written as JSON text or as a (possibly partly unknown) object: plain Python with
    :class:`Pending` for the parts known only at apply time; a Pending for the whole when it is unknown text.
    Raises ValueError when the text is not JSON."""
    data = to_python_partial(value)
    if isinstance(data, str):
        return json.loads(data)
    return data


Value.model_rebuild()
TemplatePart.model_rebuild()
Alternative.model_rebuild()
Entry.model_rebuild()
