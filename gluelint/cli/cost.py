"""``gluelint cost``: estimate what every Glue job costs, optionally against a base report or run history."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from gluelint.cli.check import read_usage_option, terminal_width
from gluelint.cli.options import ConfigProblem, build_request, scan_options

COST_FORMATS = ("text", "json", "markdown", "csv")


@click.command()
@scan_options
@click.option("--format", "fmt", type=click.Choice(COST_FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--compare", "compare_file", type=click.Path(path_type=Path, dir_okay=False),
              help="A previous `gluelint cost --format json` (or check JSON) to diff against.")
@click.option("--usage", "usage_path", type=click.Path(path_type=Path, exists=True),
              help="`aws glue get-job-runs` output (a file, or a folder of them): expected cost from real runs.")
@click.option("--group-by", "group_by", default=None, help="Totals per tag value (tag:team) or per folder (path).")
@click.option("--output", "-o", "output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file instead of standard output.")
@click.option("--wide", is_flag=True, help="Text: every column (rate, expected cost, runs, preset), however wide.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def cost(paths: tuple[Path, ...], config_file: Path | None, region: str | None, var_files: tuple[Path, ...],
         exclude: tuple[str, ...], today: dt.datetime | None, fmt: str, compare_file: Path | None,
         usage_path: Path | None, group_by: str | None, output: Path | None, wide: bool, quiet: bool) -> None:
    """Estimate the cost of the Glue jobs and crawlers under PATHS (default: the current folder).

    Exit status: 0 done; 1 with --compare when the monthly worst-case delta is over budget.pr_delta_usd or
    budget.pr_delta_percent; 2 bad input (config, --compare or --usage file). A job in a region with no price
    table is listed with unknown figures and the region named in every format (exit status unaffected).
    """
    from gluelint.cost import estimate_inventory
    from gluelint.cost.allocation import GroupingError, group
    from gluelint.cost.compare import (
        CompareError,
        diff,
        read_base,
        render_diff_csv,
        render_diff_markdown,
        render_diff_text,
    )
    from gluelint.cost.render import render
    from gluelint.engine import load

    request = build_request(paths, config_file, region, var_files, exclude, today)
    base = None
    if compare_file is not None:
        try:
            base = read_base(compare_file)
        except CompareError as exc:
            raise ConfigProblem(str(exc)) from None
    history = read_usage_option(usage_path)
    from gluelint.cli.progress import for_run

    request.progress = for_run(quiet)
    try:
        inventory = load(request)
    finally:
        request.progress.close()
    width = None if wide else terminal_width(output is None and sys.stdout.isatty())
    config = request.config
    report = estimate_inventory(inventory, config, request.parse_options.region or config.region,
                                request.today or config.today, history)
    by = group_by or config.cost.group_by
    if by is not None:
        try:
            group(report, by, config.budget.groups)
        except GroupingError as exc:
            raise ConfigProblem(str(exc)) from None
    breach = None
    if base is None:
        text = render(report, fmt, width)
    else:
        change = diff(base, report)
        breach = change.over_threshold(config.budget.pr_delta_usd, config.budget.pr_delta_percent)
        if fmt == "json":
            text = json.dumps({**report.to_json(), "compare": {**change.to_json(), "over_threshold": breach}},
                              indent=2) + "\n"
        elif fmt == "markdown":
            text = render_diff_markdown(change) + (f"\n**{breach}**\n" if breach else "") + "\n" + render(report, fmt)
        elif fmt == "text":
            text = render(report, fmt, width) + "\n" + render_diff_text(change) + (f"\n{breach}\n" if breach else "")
        else:
            text = render_diff_csv(change)
    if output is None:
        click.echo(text, nl=False)
    else:
        from gluelint.report import write_atomic

        write_atomic(output, text)
    for error in inventory.parse_errors:
        click.echo(f"{error.span}: GL001 {error.message}", err=True)
    if breach:
        click.echo(f"gluelint cost: {breach}", err=True)
        raise SystemExit(1)


