"""``gluelint:ignore`` directives: in comments (HCL, YAML) and in structured form (TF JSON ``//``, CFN Metadata)."""

from __future__ import annotations

import re

from gluelint.model.resources import Suppression
from gluelint.model.values import Span

# "gluelint:ignore GL101,GL102 reason text" — IDs or rule names, comma-separated, then the reason.
_DIRECTIVE = re.compile(r"gluelint:ignore\s+(?P<rules>[A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)(?P<reason>.*)")
_COMMENT = re.compile(r"(?:#|//)\s*(gluelint:ignore\b.*)$")


def parse_directive(text: str, span: Span | None = None) -> Suppression | None:
    """Parse the text of one directive (without the comment marker); None when it is not one."""
    match = _DIRECTIVE.search(text)
    if match is None:
        return None
    rules = [r.strip() for r in match.group("rules").split(",") if r.strip()]
    reason = match.group("reason").strip().lstrip("-:—").strip()
    return Suppression(rules=rules, reason=reason, span=span)


def scan_comments(text: str, file: str) -> list[Suppression]:
    """Every ``# gluelint:ignore`` / ``// gluelint:ignore`` comment of a text file, with its line."""
    if "gluelint:ignore" not in text:
        return []
    found: list[Suppression] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "gluelint:ignore" not in line:
            continue
        match = _COMMENT.search(line)
        if match is None:
            continue
        column = match.start() + 1
        span = Span(file=file, line=number, column=column, end_line=number, end_column=len(line) + 1)
        directive = parse_directive(match.group(1), span)
        if directive is not None:
            found.append(directive)
    return found
