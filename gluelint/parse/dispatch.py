"""Send each discovered file to its parser; a parser failure becomes a GL001 record, never a crash."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path

from gluelint.discover import Candidate
from gluelint.model.resources import FileReport, ParseError
from gluelint.model.values import Span
from gluelint.parse.options import ParseOptions


def parse_candidates(candidates: list[Candidate], options: ParseOptions) -> list[FileReport]:
    """Parse every candidate. Terraform files are parsed per module folder, the others one by one."""
    reports: list[FileReport] = []
    terraform = [c.path for c in candidates if c.kind == "terraform"]
    if terraform:
        reports.extend(_parse_terraform(terraform, options))
    for candidate in candidates:
        if candidate.kind == "cloudformation":
            reports.append(_isolated(candidate.path, options, _cloudformation))
        elif candidate.kind == "plan":
            reports.append(_isolated(candidate.path, options, _plan))
    return reports


def _cloudformation(path: Path, options: ParseOptions) -> FileReport:
    from gluelint.parse.cloudformation import parse_template

    return parse_template(path, options)


def _plan(path: Path, options: ParseOptions) -> FileReport:
    from gluelint.parse.plan import parse_plan

    return parse_plan(path, options)


def _parse_terraform(paths: list[Path], options: ParseOptions) -> list[FileReport]:
    from gluelint.parse.terraform import parse_terraform

    try:
        return parse_terraform(paths, options)
    except Exception:  # noqa: BLE001 - one parser bug must not stop the run; retry file by file
        return [_isolated(p, options, lambda path, opts: parse_terraform([path], opts)[0]) for p in paths]


def _isolated(path: Path, options: ParseOptions, parse: Callable[[Path, ParseOptions], FileReport]) -> FileReport:
    try:
        return parse(path, options)
    except Exception as exc:  # noqa: BLE001 - reported as GL001 with a hint to report it
        return internal_error_report(path, options, exc)


def internal_error_report(path: Path, options: ParseOptions, exc: BaseException) -> FileReport:
    where = options.display_path(path)
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    origin = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    message = (f"gluelint could not parse this file ({type(exc).__name__}: {exc}{origin}); "
               "this is a gluelint bug, please report it")
    return FileReport(path=where, errors=[ParseError(span=Span(file=where), message=message)])
