"""Apply ``gluelint:ignore`` directives to findings; a directive without a reason earns a GL004 warning."""

from __future__ import annotations

from collections import defaultdict

from gluelint.checks.registry import lookup
from gluelint.findings import Finding
from gluelint.model.inventory import Inventory
from gluelint.model.resources import Resource, Suppression


def _matches(directive: Suppression, finding: Finding) -> bool:
    for key in directive.rules:
        if key.upper() == "ALL":
            return True
        meta = lookup(key)
        if meta is not None and meta.id == finding.rule:
            return True
    return False


def apply(findings: list[Finding], inventory: Inventory) -> list[Finding]:
    """Mark suppressed findings (kept for JSON/SARIF), matching comment directives on the finding's line,
    the line above it, the line above the resource, or inside the resource block; and structured
    directives (CloudFormation Metadata, Terraform JSON ``//``) on the resource."""
    comments: dict[str, dict[int, list[Suppression]]] = defaultdict(lambda: defaultdict(list))
    for report in inventory.files:
        for directive in report.suppressions:
            if directive.span is not None:
                comments[directive.span.file][directive.span.line].append(directive)
    resources: dict[str, Resource] = {f"{r.span.file}\x1f{r.address}": r for r in inventory.resources}
    out: list[Finding] = []
    for finding in findings:
        owner = resources.get(f"{finding.span.file}\x1f{finding.resource}") if finding.resource else None
        match = _find(finding, owner, comments.get(finding.span.file, {}))
        if match is not None:
            finding = finding.model_copy(update={"suppressed": True,
                                                 "justification": match.reason or "(no reason given)"})
        out.append(finding)
    return out


def _find(finding: Finding, owner: Resource | None, by_line: dict[int, list[Suppression]]) -> Suppression | None:
    if owner is not None:
        for directive in owner.suppressions:
            if _matches(directive, finding):
                return directive
    lines = {finding.span.line, finding.span.line - 1}
    if owner is not None:
        lines.add(owner.span.line - 1)
        lines.update(range(owner.span.line, max(owner.span.end_line, owner.span.line) + 1))
    for line in sorted(lines):
        for directive in by_line.get(line, []):
            if _matches(directive, finding):
                return directive
    return None


def reasonless(inventory: Inventory) -> list[Suppression]:
    """Every directive written without a reason (reported as GL004)."""
    found = [d for f in inventory.files for d in f.suppressions if not d.reason]
    found += [d for r in inventory.resources for d in r.suppressions if not d.reason]
    return found
