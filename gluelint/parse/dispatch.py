"""Send each discovered file to its parser; a parser failure becomes a GL001 record, never a crash.

Robustness guards, applied here so that every parser gets them whatever it does itself:

- Before a parser runs, each file is checked: it must be a regular file (a FIFO would block the read forever),
  no larger than ``ParseOptions.max_file_bytes``, and readable (permissions, I/O errors). A file that fails
  gets a GL001 record and is not given to the parser.
- Any exception out of a parser becomes a GL001 record that names the exception and asks for a bug report
  (:data:`INTERNAL_HINT`); Terraform is then retried file by file so one bad file does not hide the others.
- A parse has a time bound (:func:`time_limit`): ``ParseOptions.max_parse_seconds`` plus one second per
  64 KiB of input, counted in CPU time of the process. Pure-Python code cannot be interrupted safely from
  another thread, so the bound is an interval timer (``ITIMER_PROF``: user + system CPU time) whose
  ``SIGPROF`` handler raises :class:`ParseTimeout` in the parsing (main) thread. It is a ``BaseException``
  so that a parser's own ``except Exception`` cannot swallow it. CPU time rather than wall time: a parse
  that loops forever burns CPU, while a busy CI machine (a shared runner at load 15 stretches a 4 s parse
  to 80 s of wall time) must not turn a slow parse into a false GL001. The timer is used only where it can
  be: on POSIX, in the main thread, and when no one else uses the profiling timer or ``SIGPROF`` (a
  sampling profiler, an outer harness); elsewhere (Windows, worker threads) the parse runs unbounded. A
  long-running C call (libyaml, the regex engine between its signal checks) delays the alarm until it
  returns.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from gluelint.discover import Candidate
from gluelint.model.resources import FileReport, InputKind, ParseError, SourceFormat
from gluelint.model.values import Span
from gluelint.parse.options import ParseOptions

if TYPE_CHECKING:
    from gluelint.parse.cache import ParseCache
    from gluelint.parse.prefilter import Unit

# Below this much source (bytes still to parse) a process pool costs more than it saves.
PARALLEL_MIN_BYTES = 512 * 1024
PARALLEL_MIN_UNITS = 8
# With a progress bar, the parse is cut into about this many batches.
PROGRESS_BATCHES = 40

# Every GL001 record for a failure of gluelint itself (not of the input) ends with this hint.
INTERNAL_HINT = "this is a gluelint bug, please report it"
# The time bound grows by one second per this many bytes of input (a 10 MiB file gets 160 s more).
BYTES_PER_EXTRA_SECOND = 64 * 1024


class ParseTimeout(BaseException):
    """Raised in the parsing thread when a parse outlives its time bound."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"parse took longer than {seconds:.0f} s of CPU time")
        self.seconds = seconds


def parse_candidates(candidates: list[Candidate], options: ParseOptions) -> list[FileReport]:
    """Parse every candidate. Terraform files are parsed per module folder, the others one by one."""
    reports: list[FileReport] = []
    terraform = [c.path for c in candidates if c.kind == InputKind.TERRAFORM]
    if terraform:
        reports.extend(_parse_terraform(terraform, options))
    for candidate in candidates:
        if candidate.kind == InputKind.CLOUDFORMATION:
            reports.append(_isolated(candidate.path, options, _cloudformation))
        elif candidate.kind == InputKind.PLAN:
            reports.append(_isolated(candidate.path, options, _plan))
        elif candidate.kind == InputKind.AIRFLOW:
            reports.append(_isolated(candidate.path, options, _airflow))
    return reports


def parse_units(units: list[Unit], options: ParseOptions, jobs: int = 0,
                cache: ParseCache | None = None, progress: Callable[[int], None] | None = None) -> list[FileReport]:
    """Parse the units the pre-filter chose: cached ones from the cache, the rest in one or more processes.

    ``progress`` is told how many files each finished batch held. With it, the work is cut into about
    :data:`PROGRESS_BATCHES` batches so that a progress bar moves (batches share less of the module cache, so
    this is done only when someone watches a terminal).
    """
    tell = progress or (lambda _files: None)
    results: list[list[FileReport] | None] = [None] * len(units)
    keys: list[str | None] = [None] * len(units)
    pending: list[int] = []
    for index, unit in enumerate(units):
        if cache is not None and unit.inputs:
            keys[index] = unit_key = cache.key(unit.kind, unit.paths, unit.inputs)
            cached = cache.get(unit_key)
            if cached is not None:
                results[index] = cached
                tell(len(unit.paths))
                continue
        pending.append(index)
    workers = _workers(jobs, [units[i] for i in pending])
    batches = _batches([units[i] for i in pending], pending, workers)
    if progress is not None:
        batches = [part for batch in batches for part in _split(batch, max(1, PROGRESS_BATCHES // len(batches)))]
    done: list[tuple[list[int], list[list[FileReport]]]]
    if workers > 1 and len(batches) > 1:
        done = _parse_parallel(batches, units, options, workers, tell)
    else:
        done = []
        for indices in batches:
            done.append((indices, _parse_batch([units[i] for i in indices], options)))
            tell(sum(len(units[i].paths) for i in indices))
    for indices, per_unit in done:
        for index, parsed in zip(indices, per_unit, strict=True):
            results[index] = parsed
            done_key = keys[index]
            # A parser failure or time-out may not happen next time (a fixed bug, a less loaded machine).
            internal = any(is_internal(e) for r in parsed for e in r.errors)
            if cache is not None and done_key is not None and not internal:
                cache.put(done_key, parsed)
    out: list[FileReport] = []
    for unit_reports in results:
        out.extend(unit_reports or [])
    return out


def skipped_report(candidate: Candidate, options: ParseOptions) -> FileReport:
    """What a full parse reports for a file the pre-filter skipped: the file, with no Glue resources."""
    name = candidate.path.name
    if candidate.kind == InputKind.TERRAFORM:
        fmt = SourceFormat.TERRAFORM_JSON if name.endswith(".json") else SourceFormat.TERRAFORM_HCL
    elif candidate.kind == InputKind.PLAN:
        fmt = SourceFormat.TERRAFORM_PLAN
    elif candidate.kind == InputKind.AIRFLOW:
        fmt = SourceFormat.AIRFLOW_PYTHON
    else:
        fmt = SourceFormat.CLOUDFORMATION_JSON if name.endswith(".json") else SourceFormat.CLOUDFORMATION_YAML
    return FileReport(path=options.display_path(candidate.path), source_format=fmt)


def _workers(jobs: int, pending: list[Unit]) -> int:
    if jobs == 1 or len(pending) < 2:
        return 1
    if jobs > 1:
        return min(jobs, len(pending))
    if sum(u.size for u in pending) < PARALLEL_MIN_BYTES or len(pending) < PARALLEL_MIN_UNITS:
        return 1
    return max(1, min(os.cpu_count() or 1, 8, len(pending)))


def _batches(pending: list[Unit], indices: list[int], workers: int) -> list[list[int]]:
    """Terraform units go in ``workers`` batches balanced by size (a batch shares one module cache);
    CloudFormation and plan units are spread the same way."""
    if workers <= 1:
        return [indices] if indices else []
    loads = [0] * workers
    bins: list[list[int]] = [[] for _ in range(workers)]
    for size, index in sorted(((u.size, i) for u, i in zip(pending, indices, strict=True)), reverse=True):
        target = loads.index(min(loads))
        bins[target].append(index)
        loads[target] += size + 2048  # a fixed cost per unit
    return [sorted(b) for b in bins if b]


def _split(batch: list[int], parts: int) -> list[list[int]]:
    """``batch`` cut into at most ``parts`` runs of consecutive units (same folders stay together)."""
    size = max(1, -(-len(batch) // parts))
    return [batch[start:start + size] for start in range(0, len(batch), size)]


def _parse_parallel(batches: list[list[int]], units: list[Unit], options: ParseOptions, workers: int,
                    tell: Callable[[int], None]) -> list[tuple[list[int], list[list[FileReport]]]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {pool.submit(_parse_batch, [units[i] for i in indices], options): n
                       for n, indices in enumerate(batches)}
            for future in as_completed(futures):
                tell(sum(len(units[i].paths) for i in batches[futures[future]]))
            return [(indices, future.result()) for future, indices in zip(futures, batches, strict=True)]
    except Exception:  # a broken pool (no fork, no semaphores, killed worker): parse here
        return [(indices, _parse_batch([units[i] for i in indices], options)) for indices in batches]


def _parse_batch(units: list[Unit], options: ParseOptions) -> list[list[FileReport]]:
    """Parse a batch of units; the result holds each unit's reports, in order.

    All Terraform units of the batch go to the parser in one call (it reads each called module once); the
    reports are given back to their unit by folder. Units are closed under the module calls that matter,
    so parsing them together or apart gives the same resources.
    """
    per_unit: list[list[FileReport]] = [[] for _ in units]
    terraform = [i for i, u in enumerate(units) if u.kind == InputKind.TERRAFORM]
    if terraform:
        paths = [p for i in terraform for p in units[i].paths]
        owner: dict[str, int] = {}
        for i in terraform:
            for folder in units[i].folders:
                owner[folder] = i
            for path in units[i].paths:
                owner[str(path.resolve().parent)] = i
        for report in _parse_terraform(paths, options):
            folder = str((options.root / report.path).resolve().parent)
            per_unit[owner.get(folder, terraform[0])].append(report)
    for i, unit in enumerate(units):
        if unit.kind == InputKind.CLOUDFORMATION:
            per_unit[i] = [_isolated(p, options, _cloudformation) for p in unit.paths]
        elif unit.kind == InputKind.PLAN:
            per_unit[i] = [_isolated(p, options, _plan) for p in unit.paths]
        elif unit.kind == InputKind.AIRFLOW:
            per_unit[i] = [_isolated(p, options, _airflow) for p in unit.paths]
    return per_unit


def _cloudformation(path: Path, options: ParseOptions) -> FileReport:
    from gluelint.parse.cloudformation import parse_template

    return parse_template(path, options)


def _plan(path: Path, options: ParseOptions) -> FileReport:
    from gluelint.parse.plan import parse_plan

    return parse_plan(path, options)


def _airflow(path: Path, options: ParseOptions) -> FileReport:
    from gluelint.parse.airflow import parse_dag_file

    return parse_dag_file(path, options)


def _parse_terraform(paths: list[Path], options: ParseOptions) -> list[FileReport]:
    from gluelint.parse.terraform import parse_terraform

    rejected = [_rejected(p, options) for p in paths]
    reports = [r for r in rejected if r is not None]
    good = [p for p, r in zip(paths, rejected, strict=True) if r is None]
    if not good:
        return reports
    try:
        with time_limit(_budget(good, options)):
            return reports + [_capped(r, options) for r in parse_terraform(good, options)]
    except (Exception, ParseTimeout):  # one parser bug or hang must not stop the run: retry file by file
        pass
    return reports + [_isolated(p, options, lambda path, opts: parse_terraform([path], opts)[0]) for p in good]


def _isolated(path: Path, options: ParseOptions, parse: Callable[[Path, ParseOptions], FileReport]) -> FileReport:
    rejected = _rejected(path, options)
    if rejected is not None:
        return rejected
    try:
        with time_limit(_budget([path], options)):
            return _capped(parse(path, options), options)
    except ParseTimeout as exc:
        return timeout_report(path, options, exc.seconds)
    except Exception as exc:  # reported as GL001 with a hint to report it
        return internal_error_report(path, options, exc)


def _rejected(path: Path, options: ParseOptions) -> FileReport | None:
    """A GL001 report when the file cannot be given to a parser at all; None when it can."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return _input_error(path, options, "not a regular file; not parsed")
        if info.st_size > options.max_file_bytes:
            return _input_error(path, options, f"file is {info.st_size} bytes, above the limit of "
                                f"{options.max_file_bytes} bytes (max_file_bytes); not parsed")
        with path.open("rb") as fh:
            fh.read(1)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop on some Python versions
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return _input_error(path, options, f"cannot read file: {reason}")
    return None


def _capped(report: FileReport, options: ParseOptions) -> FileReport:
    """At most ``max_resources_per_file`` resources per file, with a GL001 record when more were found."""
    limit = options.max_resources_per_file
    if len(report.resources) <= limit:
        return report
    extra = report.resources[limit]
    error = ParseError(span=extra.span, message=f"more than {limit} Glue resources in this file "
                       "(max_resources_per_file); the rest are not checked")
    return report.model_copy(update={"resources": report.resources[:limit], "errors": [*report.errors, error]})


def _budget(paths: list[Path], options: ParseOptions) -> float:
    if options.max_parse_seconds <= 0:
        return 0.0
    size = 0
    for path in paths:
        with contextlib.suppress(OSError):
            size += path.stat().st_size
    return options.max_parse_seconds + size / BYTES_PER_EXTRA_SECOND


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`ParseTimeout` in this thread after ``seconds`` of CPU time (0: no bound); see the module
    docstring. The timer fires at most once (one-shot), and the handler raises only while the guarded block
    runs, so a late signal cannot escape after the block has finished."""
    if (seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_PROF)[0] > 0
            or signal.getsignal(signal.SIGPROF) not in (signal.SIG_DFL, signal.SIG_IGN, None)):
        yield
        return
    armed = [True]

    def on_timer(signum: int, frame: object) -> None:
        if armed[0]:
            armed[0] = False
            raise ParseTimeout(seconds)

    previous = signal.signal(signal.SIGPROF, on_timer)
    try:
        signal.setitimer(signal.ITIMER_PROF, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            armed[0] = False
    finally:
        signal.signal(signal.SIGPROF, previous)


def is_internal(error: ParseError) -> bool:
    """True for a GL001 record of a gluelint failure (parser exception or time-out), not of bad input."""
    return error.message.endswith(INTERNAL_HINT)


def _input_error(path: Path, options: ParseOptions, message: str) -> FileReport:
    where = options.display_path(path)
    return FileReport(path=where, source_format=_format(path),
                      errors=[ParseError(span=Span(file=where, line=1, column=1), message=message)])


def _format(path: Path) -> SourceFormat | None:
    name = path.name
    if name.endswith(".tf"):
        return SourceFormat.TERRAFORM_HCL
    if name.endswith(".tf.json"):
        return SourceFormat.TERRAFORM_JSON
    return None


def timeout_report(path: Path, options: ParseOptions, seconds: float) -> FileReport:
    where = options.display_path(path)
    message = f"gluelint gave up parsing this file after {seconds:.0f} s of CPU time; {INTERNAL_HINT}"
    return FileReport(path=where, errors=[ParseError(span=Span(file=where), message=message)])


def internal_error_report(path: Path, options: ParseOptions, exc: BaseException) -> FileReport:
    where = options.display_path(path)
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    origin = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    message = f"gluelint could not parse this file ({type(exc).__name__}: {exc}{origin}); {INTERNAL_HINT}"
    return FileReport(path=where, errors=[ParseError(span=Span(file=where), message=message)])
