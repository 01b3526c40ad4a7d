"""``gluelint pricing show|import``: the shipped rate tables and presets; refresh from an AWS offer file."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import click

from gluelint.cli.options import ConfigProblem


@click.group()
def pricing() -> None:
    """Rate tables and sizing presets."""


@pricing.command("show")
@click.option("--region", default=None, help="Region whose full table is shown (default: config or us-east-1).")
@click.option("--vintage", default=None, help="Price vintage (default: the newest).")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Configuration file with [presets].")
def show(region: str | None, vintage: str | None, config_file: Path | None) -> None:
    """Print the rate tables and the sizing presets with their DPUs and cost."""
    from tabulate import tabulate

    from gluelint.config import ConfigError, load_config
    from gluelint.cost.presets import presets
    from gluelint.cost.tables import DEFAULT_REGION, RATE_KINDS, billing, latest_vintage, load_table, regions

    try:
        config = load_config(config_file, Path.cwd())
    except ConfigError as exc:
        raise ConfigProblem(str(exc)) from None
    chosen = region or config.region or DEFAULT_REGION
    v = vintage or latest_vintage()
    table = load_table(chosen, v)
    if table is None:
        raise ConfigProblem(f"no price table for region {chosen} in vintage {v}")
    click.echo(f"Rates for {chosen} (vintage {v}, retrieved {table.retrieved}, {table.currency})")
    click.echo(f"Source: {table.source}\n")
    rows = [[k, f"${r.usd_per_unit_hour:g}", f"{r.unit}-hour", r.confidence, r.source]
            for k in RATE_KINDS for r in [table.rate(k)]]
    click.echo(tabulate(rows, headers=["kind", "rate", "per", "confidence", "source"], disable_numparse=True))
    others = [[name, f"${t.rates['etl'].usd_per_unit_hour:g}", t.rates["etl"].confidence,
               ", ".join(sorted(t.rates)) or "-"]
              for name in regions(v) for t in [load_table(name, v)] if t is not None]
    click.echo(f"\nAll regions ({len(others)}), Spark etl rate per DPU-hour:")
    click.echo(tabulate(others, headers=["region", "etl", "confidence", "cells present"], disable_numparse=True))
    hours = billing().hours_per_month
    preset_rows = []
    for p in presets(config).values():
        kind = {"pythonshell": "pythonshell", "glueray": "ray"}.get(p.command, "etl")
        kind = "memory_optimized" if p.family == "memory_optimized" else kind
        rate = table.rate(kind)
        hourly = p.dpus * rate.usd_per_unit_hour if p.dpus is not None else None
        preset_rows.append([p.name, p.shape, p.command, f"{p.dpus:g}" if p.dpus is not None else "?",
                            f"${hourly:,.4f}" if hourly is not None else "?",
                            f"${hourly * hours:,.2f}" if hourly is not None else "?", p.origin])
    click.echo(f"\nPresets ({chosen} rates; monthly = running {hours:g} h):")
    click.echo(tabulate(preset_rows, headers=["preset", "workers", "command", "DPUs", "per hour", "monthly",
                                              "origin"], disable_numparse=True))


@pricing.command("import")
@click.argument("offer", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--vintage", default=None, help="Vintage folder name (default: the current year-month).")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder holding <vintage>/<region>.toml (default: the shipped pricing/aws).")
@click.option("--retrieved", default=None, help="Retrieval date to record (default: the offer's publication date).")
def import_offer(offer: Path, vintage: str | None, output_dir: Path | None, retrieved: str | None) -> None:
    """Write rate tables from an AWS Price List offer file (service code AWSGlue)."""
    from gluelint.cost.offer import OfferError, read_offer, write_tables

    try:
        result = read_offer(offer)
    except OfferError as exc:
        raise ConfigProblem(str(exc)) from None
    target = output_dir or Path(str(resources.files("gluelint.pricing").joinpath("aws")))
    v = vintage or dt.date.today().strftime("%Y-%m")
    written = write_tables(result, target, v, offer.name, retrieved)
    for path in written:
        kinds = ", ".join(sorted(result.rates[path.stem]))
        click.echo(f"wrote {path} ({kinds})")
    for note in result.skipped:
        click.echo(f"skipped: {note}", err=True)
    from gluelint.cost.tables import load_table

    load_table.cache_clear()
