"""``gluelint baseline``: write the current findings as a baseline file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from gluelint.cli.options import build_request, scan_options
from gluelint.engine import run
from gluelint.findings.baseline import baseline_document
from gluelint.report import write_atomic


@click.command()
@scan_options
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Baseline file to write.")
def baseline(paths: tuple[Path, ...], config_file: Path | None, region: str | None, var_files: tuple[Path, ...],
             exclude: tuple[str, ...], today: dt.datetime | None, output: Path) -> None:
    """Record the current findings so that `check --baseline` reports only new ones."""
    result = run(build_request(paths, config_file, region, var_files, exclude, today))
    document = baseline_document(result)
    write_atomic(output, json.dumps(document, indent=2) + "\n")
    count = len(document["findings"])  # type: ignore[arg-type]
    click.echo(f"wrote {count} findings to {output}")
