"""Options every parser receives."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024


class ParseOptions(BaseModel):
    model_config = ConfigDict(frozen=True)

    # Paths in spans are written relative to this folder (POSIX separators) when the file lies inside it.
    root: Path = Field(default_factory=Path.cwd)
    # Extra Terraform variable files (``--var-file``), applied after terraform.tfvars and *.auto.tfvars.
    var_files: tuple[Path, ...] = ()
    # The region when nothing in the files pins one (``--region`` / config).
    region: str | None = None
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_nesting_depth: int = 200
    max_resources_per_file: int = 10_000
    # CPU-time bound of one parse (plus 1 s per 64 KiB of input); 0 = none. See gluelint.parse.dispatch.
    max_parse_seconds: float = 30.0

    def display_path(self, path: Path) -> str:
        """The path as findings show it: relative to the root when inside it, else absolute."""
        resolved = path.resolve()
        try:
            shown = resolved.relative_to(_resolved(self.root)).as_posix()
        except ValueError:
            shown = resolved.as_posix()
        return printable_path(shown)


def printable_path(text: str) -> str:
    """A path that any report can encode: bytes of a file name that are not UTF-8 (surrogate escapes on POSIX)
    are shown as ``\\xNN``."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def _resolved(root: Path) -> Path:
    # A relative root depends on the working directory, which may change between runs in one process.
    return _resolved_absolute(root) if root.is_absolute() else root.resolve()


@lru_cache(maxsize=16)
def _resolved_absolute(root: Path) -> Path:
    return root.resolve()
