"""Reporters: one module per output format, each exposing ``render(result, options) -> str``."""

from __future__ import annotations

import importlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from gluelint.findings import Severity
from gluelint.findings.result import RunResult

if TYPE_CHECKING:
    from gluelint.cost.model import CostReport

FORMATS: dict[str, str] = {
    "text": "gluelint.report.text",
    "json": "gluelint.report.json_report",
    "sarif": "gluelint.report.sarif",
    "github": "gluelint.report.github",
    "markdown": "gluelint.report.markdown",
    "junit": "gluelint.report.junit",
}


@dataclass
class ReportOptions:
    # Findings below this severity are left out of human-facing reports (JSON/SARIF keep everything).
    severity: Severity = Severity.WARNING
    colour: bool = False
    # Folder that SARIF URIs, annotations and Markdown paths are relative to (%SRCROOT%): the repository root.
    source_root: Path = field(default_factory=Path.cwd)
    # Text report: counts per rule instead of each finding (``--statistics``), and no summary line (``--quiet``).
    # The folder findings' relative paths start from (the run's working directory); None: the source root.
    display_base: Path | None = None
    statistics: bool = False
    quiet: bool = False
    # Text report: the width messages wrap to fit (the terminal's, else 120 columns).
    width: int = 120
    # Proven safe fixes (SARIF ``fixes``) by ``report.common.fix_place``: description and replacements.
    fixes: dict[str, Any] = field(default_factory=dict)
    # A previous cost report to diff against (markdown cost diff): the report, its JSON form or a file of it.
    compare: CostReport | dict[str, Any] | Path | None = None

    def repo_path(self, file: str) -> str:
        """``file`` relative to the source root when it lies inside, else as given."""
        from gluelint.report.common import display_path

        return display_path(file, self.source_root, self.display_base)


class Reporter(Protocol):
    def __call__(self, result: RunResult, options: ReportOptions) -> str: ...


def renderer(fmt: str) -> Reporter:
    module = importlib.import_module(FORMATS[fmt])
    render: Reporter = module.render
    return render


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and rename, so readers never see a truncated file.

    On any failure (disk full, interrupt) the old file is left as it was and the temporary file removed.
    The new file gets the old file's permissions, or the usual ones for a new file (mkstemp's are 0600).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
