"""``gluelint check --fix`` and ``--diff``, and the proven fixes that SARIF carries."""

from __future__ import annotations

import difflib
from collections import defaultdict
from pathlib import Path
from typing import Any

import click

from gluelint.engine import RunRequest
from gluelint.findings import Finding, Severity
from gluelint.findings.result import RunResult
from gluelint.fix.apply import FileFix, fix_file, place
from gluelint.fix.edits import line_starts, position
from gluelint.progress import Silent
from gluelint.report.common import fix_place, plural


def _fixable(result: RunResult, threshold: Severity) -> dict[str, list[Finding]]:
    """The shown findings that carry a fix, by file."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in result.active:
        if f.fix is not None and f.severity.rank >= threshold.rank and not f.span.file.startswith("<"):
            by_file[f.span.file].append(f)
    return dict(by_file)


def _outcomes(result: RunResult, request: RunRequest, threshold: Severity, alone: bool = False) -> list[FileFix]:
    request.progress = Silent()
    request.preselected = None
    root = request.parse_options.root
    return [fix_file(root / file, findings, request, alone)
            for file, findings in sorted(_fixable(result, threshold).items())]


def apply_fixes(result: RunResult, request: RunRequest, threshold: Severity, write: bool) -> bool:
    """Fix (or, without ``write``, show as a diff) what is safe; say on stderr what was done and what not.
    True when some file changes (or would)."""
    from gluelint.report import write_atomic

    outcomes = _outcomes(result, request, threshold)
    fixed = 0
    files = 0
    for outcome in outcomes:
        shown = _display(outcome.path, request)
        if outcome.changed:
            files += 1
            fixed += len(outcome.applied)
            if write:
                try:
                    write_atomic(outcome.path.resolve(), outcome.fixed)  # through a symbolic link, not over it
                except OSError as exc:
                    click.echo(f"{shown}: not fixed: cannot write it ({exc.strerror or exc}); left as it was",
                               err=True)
                    continue
            else:
                click.echo(_diff(outcome, shown), nl=False)
        _tell(outcome, shown)
    verb = "Fixed" if write else "Would fix"
    click.echo(f"{verb} {plural(fixed, 'finding')} in {plural(files, 'file')}.", err=True)
    return files > 0


def _diff(outcome: FileFix, shown: str) -> str:
    """A unified diff as git shows it (``a/`` and ``b/`` prefixes for paths under the working directory)."""
    old, new = (shown, shown) if shown.startswith("/") else (f"a/{shown}", f"b/{shown}")
    return "".join(difflib.unified_diff(outcome.original.splitlines(keepends=True),
                                        outcome.fixed.splitlines(keepends=True), fromfile=old, tofile=new))


def _tell(outcome: FileFix, shown: str) -> None:
    if outcome.problem is not None:
        click.echo(f"{shown}: left as it was: {outcome.problem}", err=True)
        return
    for refusal in outcome.refused:
        f = refusal.finding
        tail = "" if outcome.changed else "; the file is left as it was"
        click.echo(f"{shown}:{f.span.line}:{f.span.column}: {f.rule} not fixed: {refusal.reason}{tail}", err=True)
    if outcome.changed and outcome.new_rules:
        click.echo(f"{shown}: after the fix, {', '.join(sorted(outcome.new_rules))} also applies (see the report)",
                   err=True)


def _display(path: Path, request: RunRequest) -> str:
    return request.parse_options.display_path(path)


def verified_fixes(result: RunResult, request: RunRequest, threshold: Severity) -> dict[str, Any]:
    """For SARIF: each finding's proven fix (applied alone to the file as it is), by fingerprint."""
    fixable = _fixable(result, threshold)
    out: dict[str, Any] = {}
    for outcome in _outcomes(result, request, threshold, alone=True):
        starts = line_starts(outcome.original)
        for f in fixable.get(_display(outcome.path, request), []):
            found = outcome.alone.get(place(f))
            if found is None or f.fix is None:
                continue
            out[fix_place(f)] = {
                "description": f.fix.description,
                "replacements": [(*position(starts, r.start), *position(starts, r.end), r.text) for r in found],
            }
    return out
