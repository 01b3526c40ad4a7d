"""``gluelint check``: lint Glue definitions and report findings in one or more formats."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from gluelint.cli.options import ConfigProblem, build_request, scan_options
from gluelint.engine import RunRequest, run
from gluelint.findings import Severity
from gluelint.findings.result import RunResult
from gluelint.findings.selection import SelectionError
from gluelint.report import FORMATS, ReportOptions, renderer, write_atomic

if TYPE_CHECKING:
    from gluelint.cost.usage import UsageHistory
    from gluelint.result_cache import CachedRun


def parse_format(spec: str) -> tuple[str, Path | None]:
    fmt, _, target = spec.partition(":")
    if fmt not in FORMATS:
        raise click.BadParameter(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}", param_hint="--format")
    return fmt, Path(target) if target else None


@click.command()
@scan_options
@click.option("--format", "formats", multiple=True, metavar="FMT[:FILE]",
              help=f"Output format, optionally to a file (repeatable): {', '.join(FORMATS)}.")
@click.option("--select", multiple=True, help="Rules to run: IDs, prefixes (GL3) or names; comma-separated.")
@click.option("--ignore", multiple=True, help="Rules to skip: IDs, prefixes or names; comma-separated.")
@click.option("--severity", type=click.Choice([s.value for s in Severity]), default="warning", show_default=True,
              help="Lowest severity that is shown and fails the run.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Report only findings not in this baseline file.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--jobs", "jobs", type=int, default=0, help="Parallel parser processes (0 = automatic).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the parse cache.")
@click.option("--max-file-bytes", type=click.IntRange(min=1), default=None,
              help="Files larger than this are not parsed (GL001) [default: config or 10 MiB].")
@click.option("--fix", "fix", is_flag=True, help="Apply the safe fixes (marked [*] in --statistics) to the files.")
@click.option("--diff", "diff", is_flag=True, help="Show the safe fixes as a unified diff; change no file.")
@click.option("--statistics", is_flag=True, help="Text output: the number of findings per rule.")
@click.option("--source-root", type=click.Path(path_type=Path, file_okay=False),
              help="Folder that SARIF, annotation and Markdown paths are relative to "
                   "[default: the git top level of the first path, else the current folder].")
@click.option("--usage", "usage_path", type=click.Path(path_type=Path, exists=True),
              help="`aws glue get-job-runs` output (a file, or a folder of them): real runs for GL610 and the "
                   "expected costs.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line.")
def check(paths: tuple[Path, ...], config_file: Path | None, region: str | None, var_files: tuple[Path, ...],
          exclude: tuple[str, ...], today: dt.datetime | None, formats: tuple[str, ...], select: tuple[str, ...],
          ignore: tuple[str, ...], severity: str, baseline_file: Path | None, exit_zero: bool, jobs: int,
          no_cache: bool, max_file_bytes: int | None, fix: bool, diff: bool, statistics: bool,
          source_root: Path | None, usage_path: Path | None, quiet: bool) -> None:
    """Check Glue definitions under PATHS (default: the current folder)."""
    outputs = [parse_format(spec) for spec in formats] or [("text", None)]
    request = build_request(paths, config_file, region, var_files, exclude, today, select, ignore,
                            max_file_bytes=max_file_bytes)
    request.usage = read_usage_option(usage_path)
    request.jobs = max(jobs, 0)
    request.use_cache = not no_cache
    colour = sys.stdout.isatty()
    threshold = Severity(severity)
    options = ReportOptions(severity=threshold, colour=colour, statistics=statistics, quiet=quiet,
                            source_root=source_root or report_root(request.paths),
                            display_base=request.parse_options.root, width=terminal_width(colour))
    key = None if fix or diff else _result_key(
        request, [*formats, severity, str(exit_zero), str(colour), _digest(baseline_file), str(statistics),
                  str(quiet), str(options.source_root.resolve()), str(options.width), _usage_digest(usage_path)])
    if key is not None:
        from gluelint import result_cache

        cached = result_cache.get(key)
        if cached is not None:
            _finish(cached)
    result = _run(request, quiet)
    if baseline_file is not None:
        result = _apply_baseline(result, baseline_file)
    if fix or diff:
        from gluelint.cli.fixing import apply_fixes

        changed = apply_fixes(result, request, threshold, write=not diff)
        if diff:
            raise SystemExit(1 if changed and not exit_zero else 0)
        again = build_request(paths, config_file, region, var_files, exclude, today, select, ignore,
                              max_file_bytes=max_file_bytes)
        again.usage = request.usage
        result = _run(again, quiet=True)
        if baseline_file is not None:
            result = _apply_baseline(result, baseline_file)
    elif any(fmt == "sarif" for fmt, _ in outputs):
        from gluelint.cli.fixing import verified_fixes

        options.fixes = verified_fixes(result, request, threshold)
    rendered = [(fmt, str(target) if target is not None else None, renderer(fmt)(result, options))
                for fmt, target in outputs]
    failing = [f for f in result.active if f.severity.rank >= threshold.rank]
    code = 0 if exit_zero or not failing else 1
    if result.files_scanned == 0 and not paths_exist_with_files(request.paths):
        code = 0
    problem = ("no file could be checked: every file failed with an internal error (see GL001)"
               if _nothing_checked(result) else None)
    from gluelint.result_cache import CachedRun, dependencies

    outcome = CachedRun(outputs=rendered, exit_code=code, problem=problem,
                        dependencies=dependencies(result.inventory.script_files()))
    if key is not None:
        from gluelint import result_cache

        result_cache.put(key, outcome)
    _finish(outcome)


def _run(request: RunRequest, quiet: bool) -> RunResult:
    from gluelint.cli.progress import for_run

    request.progress = for_run(quiet)
    try:
        return run(request)
    except SelectionError as exc:
        raise click.UsageError(str(exc)) from None
    except Exception as exc:  # never a traceback: exit 2 with the cause and a hint to report it
        raise ConfigProblem(f"internal error: {type(exc).__name__}: {exc}; this is a gluelint bug, "
                            "please report it") from exc
    finally:
        request.progress.close()


def terminal_width(on_terminal: bool) -> int:
    """The terminal's width when the report goes to one, else ``COLUMNS`` or 120 (pipes, files, CI logs)."""
    import os
    import shutil

    default = 120
    if on_terminal:
        return max(shutil.get_terminal_size((default, 24)).columns, 60)
    try:
        return max(int(os.environ.get("COLUMNS", "")), 60)
    except ValueError:
        return default


def report_root(paths: list[Path]) -> Path:
    """Where repository-relative paths start: the git top level of the first scanned path, else the working
    directory (GitHub resolves SARIF and annotation paths from the repository root)."""
    from gluelint.report.common import repository_root

    return repository_root(paths[0] if paths else Path.cwd()) or Path.cwd()


def _result_key(request: RunRequest, command: list[str]) -> str | None:
    """The whole-run cache key, or None (cache off, or the inputs cannot be keyed)."""
    if not request.use_cache:
        return None
    from gluelint import result_cache

    try:
        return result_cache.prepare(request, command)
    except Exception:  # the cache only saves time; any doubt runs normally
        request.preselected = None
        return None


def read_usage_option(path: Path | None) -> UsageHistory | None:
    """The ``--usage`` run history; a file that is not ``get-job-runs`` output exits 2."""
    if path is None:
        return None
    from gluelint.cost.usage import UsageError, read_usage

    try:
        return read_usage(path)
    except UsageError as exc:
        raise ConfigProblem(str(exc)) from None


def _usage_digest(path: Path | None) -> str:
    """The whole-run cache key's share of ``--usage``: every file it reads."""
    if path is None:
        return "-"
    files = sorted(path.rglob("*.json")) if path.is_dir() else [path]
    return ",".join(f"{f}={_digest(f)}" for f in files)


def _digest(path: Path | None) -> str:
    if path is None:
        return "-"
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return "unreadable"


def _finish(outcome: CachedRun) -> NoReturn:
    """Print or write the outputs, then exit with the run's code."""
    for _fmt, target, text in outcome.outputs:
        if target is None:
            click.echo(text, nl=False)
        else:
            try:
                write_atomic(Path(target), text)
            except OSError as exc:
                raise ConfigProblem(f"cannot write {target}: {exc.strerror or exc}") from None
    if outcome.problem is not None:
        raise ConfigProblem(outcome.problem)
    raise SystemExit(outcome.exit_code)


def _nothing_checked(result: RunResult) -> bool:
    """Every scanned file failed inside gluelint (a parser exception or time-out), none by its own fault."""
    from gluelint.parse.dispatch import is_internal

    files = result.inventory.files
    return bool(files) and all(any(is_internal(e) for e in f.errors) for f in files)


def paths_exist_with_files(paths: list[Path]) -> bool:
    return any(p.is_file() for p in paths)


def _apply_baseline(result: RunResult, baseline_file: Path) -> RunResult:
    from gluelint.findings.baseline import BaselineError, filter_new, read_baseline

    try:
        known = read_baseline(baseline_file)
    except BaselineError as exc:
        raise ConfigProblem(str(exc)) from None
    return filter_new(result, known)
