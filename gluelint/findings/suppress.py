"""Apply ``gluelint:ignore`` directives to findings; a directive without a reason earns a GL004 warning."""

from __future__ import annotations

import bisect
from collections import defaultdict

from gluelint.findings import Finding
from gluelint.findings.catalog import lookup
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
    comments: dict[str, _Index] = defaultdict(_Index)
    for report in inventory.files:
        for directive in report.suppressions:
            if directive.span is not None:
                comments[directive.span.file].add(directive)
    resources: dict[str, Resource] = {f"{r.span.file}\x1f{r.address}": r
                                      for r in (*inventory.resources, *inventory.context)}
    out: list[Finding] = []
    empty = _Index()
    for finding in findings:
        owner = resources.get(f"{finding.span.file}\x1f{finding.resource}") if finding.resource else None
        match = _find(finding, owner, comments.get(finding.span.file, empty))
        if match is not None:
            finding = finding.model_copy(update={"suppressed": True,
                                                 "justification": match.reason or "(no reason given)"})
        out.append(finding)
    return out


class _Index:
    """The comment directives of one file by line, and the lines that can silence each rule ID, so that a
    finding costs a few bisections, not a walk over every line of its resource (a 20 000-line resource with
    20 000 findings was 400 million steps)."""

    def __init__(self) -> None:
        self.by_line: dict[int, list[Suppression]] = defaultdict(list)
        self._lines: dict[str, set[int]] = defaultdict(set)  # rule ID or "ALL" → lines
        self._sorted: dict[str, list[int]] = {}

    def add(self, directive: Suppression) -> None:
        assert directive.span is not None
        line = directive.span.line
        self.by_line[line].append(directive)
        for key in directive.rules:
            meta = None if key.upper() == "ALL" else lookup(key)
            if key.upper() == "ALL" or meta is not None:
                self._lines["ALL" if meta is None else meta.id].add(line)
        self._sorted.clear()

    def lines(self, rule: str) -> list[int]:
        if rule not in self._sorted:
            self._sorted[rule] = sorted(self._lines.get(rule, set()) | self._lines.get("ALL", set()))
        return self._sorted[rule]


def _find(finding: Finding, owner: Resource | None, index: _Index) -> Suppression | None:
    if owner is not None:
        for directive in owner.suppressions:
            if _matches(directive, finding):
                return directive
    candidates = index.lines(finding.rule)
    if not candidates:
        return None
    lines = {finding.span.line, finding.span.line - 1}
    if owner is not None:
        lines.add(owner.span.line - 1)
        first, last = owner.span.line, max(owner.span.end_line, owner.span.line)
        at = bisect.bisect_left(candidates, first)
        if at < len(candidates) and candidates[at] <= last:
            lines.add(candidates[at])  # the first directive line inside the resource block
    for line in sorted(lines):
        for directive in index.by_line.get(line, []):
            if _matches(directive, finding):
                return directive
    return None


def reasonless(inventory: Inventory) -> list[Suppression]:
    """Every directive written without a reason (reported as GL004)."""
    found = [d for f in inventory.files for d in f.suppressions if not d.reason]
    found += [d for r in (*inventory.resources, *inventory.context) for d in r.suppressions if not d.reason]
    return found
