"""Helpers shared by the reporters: ordering, repo-relative paths, SARIF levels, the documentation URL."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from gluelint.findings import Finding, Severity
from gluelint.model.naming import Naming
from gluelint.model.values import Span

# Rule documentation on the project's GitHub; a rule's page is DOCS_BASE_URL + "<ID>.md".
DOCS_BASE_URL = "https://github.com/gluelint/gluelint/blob/main/docs/rules/"
PROJECT_URL = "https://github.com/gluelint/gluelint"

SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_url(rule_id: str) -> str:
    return f"{DOCS_BASE_URL}{rule_id}.md"


def written_attribute(f: Finding) -> str | None:
    """The finding's attribute (a model field path) as the user's own file spells it (``Timeout``, ``timeout``,
    ``execution_property[0].max_concurrent_runs`` in a plan); the model path when the format is unknown."""
    if f.attribute is None or f.resource_type is None or f.source_format is None:
        return f.attribute
    return Naming(f.resource_type, f.source_format).term(f.attribute)


def most_severe_first(findings: list[Finding]) -> list[Finding]:
    """Errors before warnings before infos; within a level by file and position (stable, deterministic)."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.span.file, f.span.line, f.span.column, f.rule))


def shown(findings: list[Finding], threshold: Severity) -> list[Finding]:
    """The unsuppressed findings at or above the threshold: what human-facing reports show."""
    return [f for f in findings if not f.suppressed and f.severity.rank >= threshold.rank]


def relative_path(file: str, root: Path, base: Path | None = None) -> str | None:
    """``file`` as a POSIX path relative to ``root``; None when it lies outside (or is not a real path).

    A relative ``file`` is relative to ``base`` (the folder findings' paths are relative to: the working
    directory of the run), so ``cd infra && gluelint check`` still gives ``infra/jobs.tf`` under a repository
    root; without ``base`` it is taken as relative to ``root`` already.
    """
    if file.startswith("<"):  # "<inventory>" and similar pseudo files
        return None
    path = Path(file)
    if not path.is_absolute():
        if base is None:
            posix = PurePosixPath(*path.parts).as_posix()
            return posix[2:] if posix.startswith("./") else posix
        path = base / path
    try:
        return PurePosixPath(*Path(os.path.normpath(path.absolute())).relative_to(_real(root)).parts).as_posix()
    except ValueError:
        pass
    try:  # through symbolic links (a checkout under /tmp -> /private/tmp, a linked working directory)
        return PurePosixPath(*path.resolve().relative_to(_real(root)).parts).as_posix()
    except (ValueError, OSError):
        return None


def _real(root: Path) -> Path:
    try:
        return root.resolve()
    except OSError:
        return Path(os.path.normpath(root.absolute()))


def repository_root(start: Path) -> Path | None:
    """The git top level holding ``start`` (the nearest folder with a ``.git`` folder or file, as worktrees
    and submodules have); None outside any repository. Read from the file system: no ``git`` process."""
    try:
        folder = start.resolve()
    except OSError:
        return None
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def display_path(file: str, root: Path, base: Path | None = None) -> str:
    """Repo-relative path when possible (annotations, markdown), else the path as given."""
    return relative_path(file, root, base) or file


def uri_encode(posix_path: str) -> str:
    """Percent-encode a relative POSIX path for a SARIF ``artifactLocation.uri`` (spaces, '#', '%', …)."""
    return quote(posix_path, safe="/-._~")


def end_of(span: Span) -> tuple[int, int]:
    """(end line, end column) with unknown ends (0) replaced by a one-character region at the start."""
    end_line = span.end_line if span.end_line >= span.line else span.line
    if span.end_column > 0 and (end_line > span.line or span.end_column > span.column):
        end_column = span.end_column
    else:
        end_column = span.column + 1
    return end_line, end_column


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def fix_place(f: Finding) -> str:
    """The key of a finding's proven fix in ``ReportOptions.fixes`` (two findings may share a fingerprint)."""
    return f"{f.span.file}:{f.span.line}:{f.span.column}:{f.rule}:{f.attribute}"
