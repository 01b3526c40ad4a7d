"""Stable finding fingerprints: the same defect keeps its fingerprint when lines shift or files are reformatted."""

from __future__ import annotations

import hashlib

from gluelint.findings import Finding
from gluelint.model.branches import Condition, When
from gluelint.model.resources import InputKind, SourceFormat


def fingerprint(finding: Finding) -> str:
    """Hash of what identifies a defect: rule, file, resource, attribute, branch — never the line number.

    File-level findings (no resource, e.g. GL001) fall back to the message, which names the problem.
    """
    parts = [finding.rule, finding.span.file, finding.resource or "", finding.attribute or "",
             branch_key(finding.branch, finding.source_format)]
    if finding.scope and "<" in finding.scope:  # a module instance: which root called it
        parts.append(finding.scope.split("<", 1)[1])
    if finding.resource is None:
        parts.append(finding.message)
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:32]


def branch_key(branch: When | None, source_format: SourceFormat | None) -> str:
    """The branch as earlier versions wrote it into the message, and so into the fingerprint (``IsProd / !Other``,
    ``var.a or !(var.a == 1)``): kept byte for byte so that baselines do not churn now that it is data."""
    if branch is None:
        return ""
    cloudformation = source_format is not None and source_format.input_kind == InputKind.CLOUDFORMATION
    return " or ".join(" / ".join(_condition_key(c, cloudformation) for c in b.conditions) for b in branch.any_of)


def _condition_key(condition: Condition, cloudformation: bool) -> str:
    if condition.holds:
        return condition.expression
    return f"!{condition.expression}" if cloudformation else f"!({condition.expression})"
