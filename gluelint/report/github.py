"""GitHub Actions workflow-command annotations (``::error file=…,line=…::message``).

GitHub keeps only 10 error, 10 warning and 10 notice annotations per step (ecosystem.md §b.3) and drops the rest
silently, so the most severe findings come first, each level is capped, and one ``::notice`` line says how many
were left out (a notice slot is kept free for it).
"""

from __future__ import annotations

from gluelint.findings import Finding, Severity
from gluelint.findings.result import RunResult
from gluelint.report import ReportOptions
from gluelint.report.branches import shown_message
from gluelint.report.common import end_of, most_severe_first, plural, shown

PER_LEVEL = 10
_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """The message part of a workflow command: escape %, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): escape %, CR, LF, ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding, options: ReportOptions) -> str:
    end_line, end_column = end_of(f.span)
    props = [("file", options.repo_path(f.span.file)), ("line", str(f.span.line)),
             ("col", str(f.span.column)), ("endLine", str(end_line))]
    if end_line == f.span.line:  # GitHub ignores columns on multi-line annotations
        props.append(("endColumn", str(end_column)))
    props.append(("title", f"{f.rule} {f.name}"))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    message = shown_message(f)
    if f.resource and f.resource not in message:
        message = f"{message} ({f.resource})"
    return f"::{_COMMAND[f.severity]} {joined}::{escape_data(message)}"


def render(result: RunResult, options: ReportOptions) -> str:
    findings = most_severe_first(shown(result.findings, options.severity))
    by_level: dict[Severity, list[Finding]] = {s: [f for f in findings if f.severity == s] for s in Severity}
    capacity = {s: PER_LEVEL for s in Severity}
    total_over = sum(max(0, len(group) - PER_LEVEL) for group in by_level.values())
    if total_over:
        capacity[Severity.INFO] = PER_LEVEL - 1  # keep one notice for the summary line
    emitted: list[str] = []
    omitted = 0
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        group = by_level[severity]
        emitted += [annotation(f, options) for f in group[: capacity[severity]]]
        omitted += max(0, len(group) - capacity[severity])
    if omitted:
        emitted.append("::notice title=gluelint::" + escape_data(
            f"{plural(omitted, 'more finding')} not annotated (GitHub shows at most {PER_LEVEL} errors, "
            f"{PER_LEVEL} warnings and {PER_LEVEL} notices per step); see the job summary or the SARIF/JSON "
            f"report for all {len(findings)}."))
    return "".join(line + "\n" for line in emitted)
