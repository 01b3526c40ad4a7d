"""Human text: findings grouped by file in tabulate tables, colour only on a TTY."""

from __future__ import annotations

import textwrap
from itertools import groupby

from gluelint.engine import RunResult
from gluelint.findings import Finding, Severity
from gluelint.report import ReportOptions

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_RESET = "\x1b[0m"
MESSAGE_WIDTH = 90


def visible(result: RunResult, options: ReportOptions) -> list[Finding]:
    return [f for f in result.active if f.severity.rank >= options.severity.rank]


def render(result: RunResult, options: ReportOptions) -> str:
    from tabulate import tabulate

    shown = visible(result, options)
    lines: list[str] = []
    for file, group in groupby(sorted(shown, key=lambda f: (f.span.file, f.span.line, f.span.column)),
                               key=lambda f: f.span.file):
        # Messages are wrapped here with the stdlib: tabulate's own wrapping is ANSI-aware and ten times slower.
        rows = [[f"{f.span.line}:{f.span.column}", _severity(f.severity, options.colour), f.rule, f.name,
                 "\n".join(textwrap.wrap(f.message, MESSAGE_WIDTH)) or f.message] for f in group]
        lines.append(_bold(file, options.colour))
        lines.append(tabulate(rows, tablefmt="plain", disable_numparse=True))
        lines.append("")
    lines.append(summary(result, shown))
    return "\n".join(lines) + "\n"


def summary(result: RunResult, shown: list[Finding]) -> str:
    counts = {s: sum(1 for f in shown if f.severity == s) for s in Severity}
    suppressed = sum(1 for f in result.findings if f.suppressed)
    jobs = sum(1 for r in result.inventory.resources if r.kind == "job")
    parts = [f"{len(shown)} finding{'s' if len(shown) != 1 else ''}",
             f"({counts[Severity.ERROR]} error, {counts[Severity.WARNING]} warning, {counts[Severity.INFO]} info)",
             f"in {result.files_scanned} file{'s' if result.files_scanned != 1 else ''},",
             f"{len(result.inventory.glue_resources)} Glue resources ({jobs} jobs)"]
    tail = []
    if suppressed:
        tail.append(f"{suppressed} suppressed")
    if result.undecided:
        tail.append(f"{len(result.undecided)} checks undecided (values known only at apply time; see --format json)")
    return " ".join(parts) + (f"; {'; '.join(tail)}" if tail else "") + "."


def _severity(severity: Severity, colour: bool) -> str:
    return f"{_COLOURS[severity]}{severity.value}{_RESET}" if colour else severity.value


def _bold(text: str, colour: bool) -> str:
    return f"\x1b[1m{text}{_RESET}" if colour else text
