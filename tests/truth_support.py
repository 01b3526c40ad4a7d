"""Comparing a parsed value with a ground-truth expectation of tests/corpus_gen.py.

An origin of None is not checked: a template (``"s3://${var.b}/x"``) mixes literal text and a variable, and no
one origin is the truth."""

from __future__ import annotations

from typing import Any

from gluelint.model.values import Value


def mismatch(value: Value | None, expected: dict[str, Any] | None) -> str | None:
    """Why ``value`` is not what ``expected`` says (None when it is)."""
    if expected is None:
        return None if value is None else f"expected absent, got {value.plain()!r}"
    if value is None:
        return f"missing, expected {expected}"
    if "branches" in expected:
        # Expected branches are keyed by condition name, ``!`` marking the outcome where it does not hold.
        got = {("" if alt.condition.holds else "!") + alt.condition.expression: alt.value
               for alt in value.alternatives or []}
        if set(got) != set(expected["branches"]):
            return f"branches {sorted(got)} != {sorted(expected['branches'])}"
        for label, branch in expected["branches"].items():
            why = mismatch(got[label], branch)
            if why:
                return f"branch {label}: {why}"
        return None
    if "expression" in expected:
        if value.known or value.expression != expected["expression"]:
            return f"expected unknown {expected['expression']!r}, got {value.plain()!r} ({value.expression!r})"
        return None
    if "unknown" in expected:
        if value.known or value.alternatives:
            return f"expected unknown, got {value.plain()!r}"
        if value.reference != expected["unknown"]:
            return f"reference {value.reference!r} != {expected['unknown']!r}"
        return None
    if not value.known or value.alternatives:
        return f"expected {expected['value']!r}, got unknown ({value.reason})"
    if value.data != expected["value"] or type(value.data) is not type(expected["value"]):
        return f"{value.data!r} != {expected['value']!r}"
    if expected["origin"] is not None and value.origin != expected["origin"]:
        return f"origin {value.origin} != {expected['origin']}"
    return None


def pairs(value: Value | None) -> list[list[Any]] | None:
    obj = value.as_object() if value is not None else None
    return None if obj is None else [[e.key, e.value.data] for e in obj.entries]
