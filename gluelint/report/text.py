"""Human text: findings grouped by file in tabulate tables, colour only on a TTY."""

from __future__ import annotations

import textwrap
from collections import Counter
from itertools import groupby

from gluelint.findings import Finding, Severity
from gluelint.findings.result import RunResult
from gluelint.report import ReportOptions
from gluelint.report.branches import shown_message

_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_RESET = "\x1b[0m"
# Messages wrap to fit the report in ReportOptions.width (the terminal, or 120 columns), never narrower than this.
MIN_MESSAGE_WIDTH = 30


def visible(result: RunResult, options: ReportOptions) -> list[Finding]:
    return [f for f in result.active if f.severity.rank >= options.severity.rank]


def render(result: RunResult, options: ReportOptions) -> str:
    shown = visible(result, options)
    lines = statistics(shown) if options.statistics else findings_by_file(shown, options)
    if not options.quiet:
        lines.append(textwrap.fill(summary(result, shown, options.severity), options.width,
                                   break_long_words=False, break_on_hyphens=False))
    return "\n".join(lines) + "\n" if lines else ""


def findings_by_file(shown: list[Finding], options: ReportOptions) -> list[str]:
    from tabulate import tabulate

    lines: list[str] = []
    for file, group in groupby(sorted(shown, key=lambda f: (f.span.file, f.span.line, f.span.column)),
                               key=lambda f: f.span.file):
        # Messages are wrapped here with the stdlib: tabulate's own wrapping is ANSI-aware and ten times slower.
        findings = list(group)
        width = message_width(findings, options.width)
        rows = [[f"{f.span.line}:{f.span.column}", _severity(f.severity, options.colour), _rule(f), f.name,
                 _wrapped(shown_message(f), width)] for f in findings]
        lines.append(_bold(file, options.colour))
        lines.append(tabulate(rows, tablefmt="plain", disable_numparse=True))
        lines.append("")
    return lines


def _wrapped(message: str, width: int) -> str:
    return "\n".join(textwrap.wrap(message, width)) or message


def message_width(findings: list[Finding], width: int) -> int:
    """What is left of ``width`` for the message column after position, severity, rule and name (tabulate's
    plain format puts two spaces between columns); never under :data:`MIN_MESSAGE_WIDTH`."""
    prefix = sum(max(len(cell) for cell in column) + 2 for column in zip(
        *((f"{f.span.line}:{f.span.column}", f.severity.value, _rule(f), f.name) for f in findings), strict=True))
    return max(MIN_MESSAGE_WIDTH, width - prefix)


def statistics(shown: list[Finding]) -> list[str]:
    """Counts per rule, most frequent first (``ruff --statistics``); ``[*]`` marks rules with safe fixes."""
    counts = Counter(f.rule for f in shown)
    names = {f.rule: f.name for f in shown}
    fixable = {f.rule for f in shown if f.fix is not None}
    ordered = sorted(counts, key=lambda rule: (-counts[rule], rule))
    width = len(str(max(counts.values(), default=0)))
    lines = [f"{counts[rule]:>{width}}  {rule:<6} {'[*]' if rule in fixable else '   '} {names[rule]}"
             for rule in ordered]
    if fixable:
        lines.append("[*] fixable with `gluelint check --fix`")
    return [*lines, ""] if lines else []


def summary(result: RunResult, shown: list[Finding], threshold: Severity = Severity.WARNING) -> str:
    counts = {s: sum(1 for f in shown if f.severity == s) for s in Severity}
    suppressed = sum(1 for f in result.findings if f.suppressed)
    jobs = sum(1 for r in result.inventory.resources if r.kind == "job")
    parts = [f"{len(shown)} finding{'s' if len(shown) != 1 else ''}",
             f"({_counts(counts, threshold)})",
             f"in {result.files_scanned} file{'s' if result.files_scanned != 1 else ''},",
             f"{len(result.inventory.glue_resources)} Glue resources ({jobs} jobs)"]
    tail = []
    hidden = hidden_counts(result, threshold)
    if hidden:
        lowest = min(hidden, key=lambda s: s.rank)
        what = " and ".join(f"{count} {severity.value}" for severity, count in
                            sorted(hidden.items(), key=lambda item: -item[0].rank))
        tail.append(f"{what} hidden below --severity {threshold.value} (show with --severity {lowest.value})")
    if suppressed:
        tail.append(f"{suppressed} suppressed")
    fixable = sum(1 for f in shown if f.fix is not None)
    if fixable:
        tail.append(f"{fixable} fixable with --fix")
    if result.undecided:
        tail.append(f"{len(result.undecided)} checks undecided (values known only at apply time; see --format json)")
    return " ".join(parts) + (f"; {'; '.join(tail)}" if tail else "") + "."


def _counts(counts: dict[Severity, int], threshold: Severity) -> str:
    """Only the levels that are shown: "0 info" while infos are hidden would be a false all-clear."""
    return ", ".join(f"{counts[s]} {s.value}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
                     if s.rank >= threshold.rank)


def hidden_counts(result: RunResult, threshold: Severity) -> dict[Severity, int]:
    """Unsuppressed findings below the severity threshold, per level (only levels that have some)."""
    hidden = Counter(f.severity for f in result.active if f.severity.rank < threshold.rank)
    return dict(hidden)


def _rule(f: Finding) -> str:
    """The rule ID, marked ``[*]`` when the finding has a safe fix (as ruff marks them)."""
    return f"{f.rule} [*]" if f.fix is not None else f.rule


def _severity(severity: Severity, colour: bool) -> str:
    return f"{_COLOURS[severity]}{severity.value}{_RESET}" if colour else severity.value


def _bold(text: str, colour: bool) -> str:
    return f"\x1b[1m{text}{_RESET}" if colour else text
