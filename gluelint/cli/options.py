"""Options shared by the commands that scan files, and turning them into a run request."""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from gluelint.config import Config, ConfigError, load_config
from gluelint.engine import RunRequest
from gluelint.parse.options import DEFAULT_MAX_FILE_BYTES, ParseOptions

F = TypeVar("F", bound=Callable[..., Any])


class ConfigProblem(click.ClickException):
    """A configuration, usage or internal problem: exit code 2 (findings use 1)."""

    exit_code = 2


def scan_options(fn: F) -> F:
    """Paths, config, region, variable files, excludes and the check date."""
    decorators = [
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
        click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
                     help="Configuration file (default: nearest .gluelint.toml or pyproject.toml)."),
        click.option("--region", help="AWS region for prices and region checks when the files pin none."),
        click.option("--var-file", "var_files", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
                     help="Terraform variable file (repeatable)."),
        click.option("--exclude", multiple=True, help="Glob of paths to skip (repeatable)."),
        click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
                     help="Check date for date-dependent rules (default: today)."),
    ]
    for decorator in reversed(decorators):
        fn = decorator(fn)
    return fn


def build_request(paths: tuple[Path, ...], config_file: Path | None, region: str | None,
                  var_files: tuple[Path, ...], exclude: tuple[str, ...], today: dt.datetime | None,
                  select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                  max_file_bytes: int | None = None) -> RunRequest:
    """A run request from the CLI flags; configuration errors exit 2 with the file and key."""
    targets = list(paths) or [Path(".")]
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(missing)}")
    config = _config(config_file, targets[0])
    if exclude:
        config = config.model_copy(update={"exclude": [*config.exclude, *exclude]})
    limit = max_file_bytes or config.max_file_bytes or DEFAULT_MAX_FILE_BYTES
    parse_options = ParseOptions(root=Path.cwd(), var_files=tuple(_readable_again(p, limit) for p in var_files),
                                 region=region or config.region, max_file_bytes=limit)
    return RunRequest(paths=targets, config=config, parse_options=parse_options, select=_split(select),
                      ignore=_split(ignore), today=today.date() if today else None)


def _readable_again(path: Path, limit: int) -> Path:
    """A variable file that is a pipe (``--var-file <(sops -d prod.tfvars)``) can be read only once, but the
    parse cache, the parser and each parser process read it: copy it once to a temporary regular file."""
    try:
        if stat.S_ISREG(path.stat().st_mode):
            return path
        with path.open("rb") as fh:
            data = fh.read(limit + 1)  # over the limit: the parser reports the copy as too large
    except OSError:
        return path  # the parser reports it
    folder = Path(tempfile.mkdtemp(prefix="gluelint-var-file-"))
    atexit.register(shutil.rmtree, folder, True)
    copy = folder / path.name
    copy.write_bytes(data)
    return copy


def _config(config_file: Path | None, start: Path) -> Config:
    try:
        return load_config(config_file, start)
    except ConfigError as exc:
        raise ConfigProblem(str(exc)) from None


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
