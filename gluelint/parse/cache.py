"""A content-hash cache of parsed models, so an unchanged tree re-runs without parsing.

One entry per parse unit (a Terraform module folder, a CloudFormation template, a plan). The key hashes the
content of every file the unit's result may depend on (its own files, sibling variable files, called module
folders, nested-stack relatives, ``--var-file`` files), the unit's paths, the parse options, gluelint's version
and a fingerprint of gluelint's own code (so an upgrade or a local edit never reads stale models). Values are
pickled ``FileReport`` lists. A corrupt, truncated or foreign entry is ignored (and re-parsed); writes go to a
temporary file that is renamed into place, so a concurrent or interrupted run never leaves half an entry.

Location: ``GLUELINT_CACHE_DIR`` when set, else ``platformdirs.user_cache_dir("gluelint")``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from gluelint import __version__
from gluelint.model.resources import FileReport
from gluelint.parse.options import ParseOptions

ENV_VAR = "GLUELINT_CACHE_DIR"
FORMAT = "parse-v1"
_MAGIC = b"gluelint-parse-cache-1"

_code_fingerprint: str | None = None


def default_directory() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("gluelint"))


def code_fingerprint() -> str:
    """gluelint's version plus the name, size and mtime of each of its modules (a local edit changes it)."""
    global _code_fingerprint
    if _code_fingerprint is None:
        h = hashlib.blake2b(__version__.encode(), digest_size=16)
        package = Path(__file__).resolve().parent.parent
        for dirpath, dirnames, filenames in os.walk(package):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".py"):
                    try:
                        st = os.stat(os.path.join(dirpath, name))
                    except OSError:
                        continue
                    h.update(f"{dirpath}/{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
        _code_fingerprint = h.hexdigest()
    return _code_fingerprint


def _var_file_digests(options: ParseOptions) -> list[str]:
    out = []
    for path in options.var_files:
        try:
            out.append(hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest())
        except OSError:
            out.append("unreadable")
    return out


class ParseCache:
    """Read and write parsed units under ``directory``."""

    def __init__(self, directory: Path, options: ParseOptions) -> None:
        self.directory = directory / FORMAT
        self.hits = 0
        self.misses = 0
        context = hashlib.blake2b(digest_size=16)
        context.update(code_fingerprint().encode())
        context.update(options.model_dump_json().encode())
        context.update(str(options.root.resolve()).encode())
        context.update("\0".join(_var_file_digests(options)).encode())
        self._context = context.digest()

    def key(self, kind: str, paths: tuple[Path, ...], inputs: tuple[tuple[str, str], ...]) -> str:
        h = hashlib.blake2b(self._context, digest_size=20)
        h.update(kind.encode())
        for path in paths:
            h.update(b"\0p")
            h.update(os.path.abspath(path).encode())
        for name, content in inputs:
            h.update(b"\0i")
            h.update(name.encode())
            h.update(b"=")
            h.update(content.encode())
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> list[FileReport] | None:
        try:
            data = self._file(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        reports = _decode(data, key)
        if reports is None:
            self.misses += 1
        else:
            self.hits += 1
        return reports

    def put(self, key: str, reports: list[FileReport]) -> None:
        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            data = pickle.dumps((_MAGIC, key, reports), protocol=pickle.HIGHEST_PROTOCOL)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pkl")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            pass  # a cache that cannot be written only costs speed


def _decode(data: bytes, key: str) -> list[FileReport] | None:
    """The reports of an entry, or None when it is not a valid entry for ``key``."""
    try:
        value: Any = pickle.loads(data)  # the user's own cache directory
    except Exception:  # any corrupt entry is a miss
        return None
    if not (isinstance(value, tuple) and len(value) == 3 and value[0] == _MAGIC and value[1] == key
            and isinstance(value[2], list) and all(isinstance(r, FileReport) for r in value[2])):
        return None
    reports: list[FileReport] = value[2]
    return reports
