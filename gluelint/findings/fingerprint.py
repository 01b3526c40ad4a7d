"""Stable finding fingerprints: the same defect keeps its fingerprint when lines shift or files are reformatted."""

from __future__ import annotations

import hashlib

from gluelint.findings import Finding


def fingerprint(finding: Finding) -> str:
    """Hash of what identifies a defect: rule, file, resource, attribute, branch — never the line number.

    File-level findings (no resource, e.g. GL001) fall back to the message, which names the problem.
    """
    parts = [finding.rule, finding.span.file, finding.resource or "", finding.attribute or "", finding.branch or ""]
    if finding.scope and "<" in finding.scope:  # a module instance: which root called it
        parts.append(finding.scope.split("<", 1)[1])
    if finding.resource is None:
        parts.append(finding.message)
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:32]
