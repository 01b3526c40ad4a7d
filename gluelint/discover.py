"""Find the files to check and what format each is in, cheaply (no full parse)."""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from gluelint.model.resources import InputKind

SKIP_DIRS = frozenset({".git", ".terraform", "node_modules", ".hg", ".svn", "__pycache__", ".venv", ".tox"})
YAML_SUFFIXES = (".yaml", ".yml", ".template")
# How much of a JSON / YAML file is read to decide whether it is a template or a plan.
SNIFF_BYTES = 256 * 1024
# An Airflow DAG file starts Glue jobs through the Amazon provider's GlueJobOperator (gluelint.parse.airflow).
AIRFLOW_MARKER = b"GlueJobOperator"


@dataclass(frozen=True)
class Candidate:
    path: Path
    kind: InputKind


def walk(paths: Iterable[Path], exclude: Iterable[str] = ()) -> Iterator[Path]:
    """Every regular file under ``paths``; no symlink leaves a scanned tree and no loop is followed."""
    patterns = list(exclude)
    seen_dirs: set[tuple[int, int]] = set()
    for root in paths:
        if root.is_file():
            yield root
            continue
        if not root.is_dir():
            continue
        top = root.resolve()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            here = Path(dirpath)
            try:
                stat = here.stat()
            except OSError:
                dirnames[:] = []
                continue
            # Only a symlink can lead out of the tree (a real folder inside an inside folder is inside), so
            # the costly resolve() is done for symlinks only.
            if (stat.st_dev, stat.st_ino) in seen_dirs or (os.path.islink(dirpath) and not _inside(here, top)):
                dirnames[:] = []
                continue
            seen_dirs.add((stat.st_dev, stat.st_ino))
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS
                                 and not _excluded(here / d, patterns, root))
            for name in sorted(filenames):
                path = here / name
                if (_excluded(path, patterns, root) or (os.path.islink(path) and not _inside(path, top))
                        or _special(path)):
                    continue
                yield path


def _inside(path: Path, top: Path) -> bool:
    try:
        path.resolve().relative_to(top)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _special(path: Path) -> bool:
    """Not a regular file: a FIFO, socket or device (reading it could block forever) or a dangling or looping
    symlink (nothing to read); never a candidate. A file that cannot even be looked at (a folder without search
    permission) stays a candidate, so the parser reports it (GL001)."""
    try:
        mode = path.stat().st_mode
    except RuntimeError:
        return True
    except OSError as exc:
        return exc.errno in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR)
    return not stat.S_ISREG(mode)


def _excluded(path: Path, patterns: list[str], root: Path | None = None) -> bool:
    """A glob matches the path as walked, its name, a folder in it, or the path below the scanned root
    (so ``legacy/*.tf`` and ``**/legacy/*`` work whether the root was given as ``.`` or absolutely)."""
    text = path.as_posix()
    relative = path.relative_to(root).as_posix() if root is not None and path.is_relative_to(root) else text
    return any(fnmatch.fnmatch(text, p) or fnmatch.fnmatch(path.name, p) or f"/{p.strip('/')}/" in f"/{text}/"
               or fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(relative, p.removeprefix("**/"))
               for p in patterns)


def classify(path: Path) -> Candidate | None:
    """The input kind of ``path`` by name and, for JSON/YAML, a look at its content; None to skip."""
    name = path.name
    if name.endswith(".tf") or name.endswith(".tf.json"):
        return Candidate(path, InputKind.TERRAFORM)
    if name.endswith(".json"):
        head = _head(path).replace(b"\x00", b"")  # UTF-16 text still shows its ASCII letters
        if b'"planned_values"' in head and b'"format_version"' in head:
            return Candidate(path, InputKind.PLAN)
        if _looks_like_cloudformation(head):
            return Candidate(path, InputKind.CLOUDFORMATION)
        return None
    if name.endswith(YAML_SUFFIXES):
        head = _head(path)
        if _looks_like_cloudformation(head):
            return Candidate(path, InputKind.CLOUDFORMATION)
    if name.endswith(".py") and AIRFLOW_MARKER in _head(path):
        return Candidate(path, InputKind.AIRFLOW)  # an Airflow DAG file that starts Glue jobs
    return None


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(SNIFF_BYTES)
    except OSError:
        # Unreadable: let the parser report it as GL001 rather than dropping it silently.
        return b"AWSTemplateFormatVersion"


def _looks_like_cloudformation(head: bytes) -> bool:
    text = head.replace(b"\x00", b"")  # UTF-16 text still shows its ASCII letters
    return b"AWSTemplateFormatVersion" in text or (b"Resources" in text and b"AWS::" in text)


def discover(paths: Iterable[Path], exclude: Iterable[str] = ()) -> list[Candidate]:
    found: list[Candidate] = []
    for path in walk(paths, exclude):
        candidate = classify(path)
        if candidate is not None:
            found.append(candidate)
    return found
