"""Which module call reads a folder beside the caller: the one rule of which ``module`` sources are local, asked
by the module loader (``run.Run.local_source``), by the remote-module report (GL005, ``resources.py``) and by
the pre-filter (``parse.prefilter``), so the three cannot disagree.

Terraform reads a source as a local path only when it begins with ``./`` or ``../`` (or ``.\\`` / ``..\\``,
whose backslashes it reads as slashes); every other source (a registry address, ``git::``, ``github.com/...``,
an HTTP URL, ``s3::``, an absolute path) is fetched by ``terraform init`` into ``.terraform/modules``
(https://developer.hashicorp.com/terraform/language/modules/sources#local-paths, retrieved 2026-12; the prefixes
are ``moduleSourceLocalPrefixes`` of hashicorp/terraform ``internal/addrs/module_source.go``).
"""

from __future__ import annotations

from pathlib import Path

LOCAL_PREFIXES = ("./", "../", ".\\", "..\\")


def is_local(source: str) -> bool:
    """A source Terraform reads in place from the caller's folder (not one ``terraform init`` fetches)."""
    return source.startswith(LOCAL_PREFIXES)


def local_module(folder: Path, source: str) -> Path | None:
    """The folder a local ``source`` names, from the calling module's ``folder`` (resolved), when it exists; None
    for a source Terraform fetches, and for a local path that names no folder here (missing, too long for the
    file system, holding a NUL byte, a symlink loop)."""
    if not is_local(source):
        return None
    try:
        target = (folder / source.replace("\\", "/")).resolve()
        return target if target.is_dir() else None
    except (OSError, RuntimeError, ValueError):  # name too long, symlink loop, NUL in the path
        return None
