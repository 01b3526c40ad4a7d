"""Whole-run results: an unchanged tree checked again with the same command prints the previous output
without parsing, checking or rendering.

The key covers everything a run's output depends on: the content of every file the pre-filter keeps and
every file those depend on (the parse cache's unit keys, which also cover gluelint's own code, the parse
options and variable files), the names of the files it skips, the configuration, the command's options and
the check date. Any doubt (a unit that cannot be keyed, a failing pre-filter) means no result caching.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gluelint.discover import discover
from gluelint.engine import RunRequest, preselect

_MAGIC = "gluelint-result-v2"


@dataclass(frozen=True)
class CachedRun:
    # (format, output file or None for stdout, rendered text), in the order they were asked for
    outputs: list[tuple[str, str | None, str]]
    exit_code: int
    # Set when the run ended with a usage-level problem (exit 2) after writing its outputs.
    problem: str | None = None
    # Files the run read beyond the pre-filter's units (job scripts), with their content digests ("" when
    # missing): the cached output holds only while every one is unchanged.
    dependencies: tuple[tuple[str, str], ...] = ()


def prepare(request: RunRequest, command: list[str]) -> str | None:
    """The run's key (and the request primed with its discovery), or None when it cannot be cached."""
    if not request.use_cache or not request.prefilter:
        return None
    from gluelint.parse.cache import ParseCache, default_directory

    candidates = discover(request.paths, list(request.config.exclude))
    selection = preselect(candidates, request.parse_options)
    if selection is None:
        return None
    request.preselected = (candidates, selection)
    cache = ParseCache(default_directory(), request.parse_options)
    h = hashlib.blake2b(_MAGIC.encode(), digest_size=20)
    for unit in selection.units:
        if not unit.inputs:
            return None
        h.update(cache.key(unit.kind, unit.paths, unit.inputs).encode())
    for skipped in selection.skipped:
        h.update(b"\0s" + os.path.abspath(skipped.path).encode())
    today = request.today or request.config.today or dt.date.today()
    for part in (request.config.model_dump_json(), repr(sorted(request.select)), repr(sorted(request.ignore)),
                 today.isoformat(), str(request.parse_options.region), os.getcwd(), *command):
        h.update(b"\0c" + part.encode())
    return h.hexdigest()


def _file(key: str) -> Path:
    from gluelint.parse.cache import default_directory

    return default_directory() / "results" / f"{key}.pkl"


def get(key: str) -> CachedRun | None:
    try:
        value = pickle.loads(_file(key).read_bytes())  # the user's own cache directory
    except Exception:  # missing or corrupt: run normally
        return None
    if not (isinstance(value, tuple) and len(value) == 3 and value[0] == _MAGIC and value[1] == key
            and isinstance(value[2], CachedRun)):
        return None
    run: CachedRun = value[2]
    if any(digest_file(path) != digest for path, digest in run.dependencies):
        return None
    return run


def digest_file(path: str) -> str:
    """The content digest of one file, or "" when it cannot be read (a missing script)."""
    try:
        return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return ""


def dependencies(paths: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple((path, digest_file(path)) for path in paths)


def put(key: str, run: CachedRun) -> None:
    target = _file(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pkl")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((_MAGIC, key, run), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, pickle.PicklingError):
        pass  # a cache that cannot be written only costs speed
