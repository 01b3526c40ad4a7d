"""``gluelint cost``: estimate what every Glue job costs, optionally against a base report."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from gluelint.cli.check import terminal_width
from gluelint.cli.options import ConfigProblem, build_request, scan_options

COST_FORMATS = ("text", "json", "markdown", "csv")


@click.command()
@scan_options
@click.option("--format", "fmt", type=click.Choice(COST_FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--compare", "compare_file", type=click.Path(path_type=Path, dir_okay=False),
              help="A previous `gluelint cost --format json` (or check JSON) to diff against.")
@click.option("--output", "-o", "output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of standard output.")
@click.option("--wide", is_flag=True, help="Text: every column (rate, expected cost, runs, preset), however wide.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def cost(paths: tuple[Path, ...], config_file: Path | None, region: str | None, var_files: tuple[Path, ...],
         exclude: tuple[str, ...], today: dt.datetime | None, fmt: str, compare_file: Path | None,
         output: Path | None, wide: bool, quiet: bool) -> None:
    """Estimate the cost of the Glue jobs under PATHS (default: the current folder)."""
    from gluelint.cost import estimate_inventory
    from gluelint.cost.compare import CompareError, diff, read_base, render_diff_markdown, render_diff_text
    from gluelint.cost.render import render
    from gluelint.engine import load

    request = build_request(paths, config_file, region, var_files, exclude, today)
    base = None
    if compare_file is not None:
        try:
            base = read_base(compare_file)
        except CompareError as exc:
            raise ConfigProblem(str(exc)) from None
    from gluelint.cli.progress import for_run

    request.progress = for_run(quiet)
    try:
        inventory = load(request)
    finally:
        request.progress.close()
    width = None if wide else terminal_width(output is None and sys.stdout.isatty())
    report = estimate_inventory(inventory, request.config, request.parse_options.region or request.config.region)
    if base is None:
        text = render(report, fmt, width)
    else:
        change = diff(base, report)
        if fmt == "json":
            text = json.dumps({**report.to_json(), "compare": change.to_json()}, indent=2) + "\n"
        elif fmt == "markdown":
            text = render_diff_markdown(change) + "\n" + render(report, fmt)
        elif fmt == "text":
            text = render(report, fmt, width) + "\n" + render_diff_text(change)
        else:
            text = render(report, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        from gluelint.report import write_atomic

        write_atomic(output, text)
    errors = inventory.parse_errors
    for error in errors:
        click.echo(f"{error.span}: GL001 {error.message}", err=True)

