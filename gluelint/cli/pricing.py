"""``gluelint pricing show|import``: the rate tables of every region and the presets; refresh them from AWS's own
price data."""

from __future__ import annotations

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
    """Print one region's rates, every region with its source and date, and the sizing presets.

    Exit status: 0; 2 when the configuration is unusable or the chosen region has no rate table (the list of
    regions says which have none and why)."""
    from tabulate import tabulate

    from gluelint.config import ConfigError, load_config
    from gluelint.cost.billing_terms import rate_kind
    from gluelint.cost.presets import presets
    from gluelint.cost.tables import DEFAULT_REGION, billing, latest_vintage, load_table, region_index, unpriced_kinds

    try:
        config = load_config(config_file, Path.cwd())
    except ConfigError as exc:
        raise ConfigProblem(str(exc)) from None
    chosen = region or config.region or DEFAULT_REGION
    v = vintage or latest_vintage()
    index = region_index(v)
    rows = []
    for name, entry in sorted(index.items()):
        found = load_table(name, v) if entry.table else None
        if found is None:
            rows.append([name, "-", "no table", entry.missing or "no table shipped", "-"])
            continue
        etl = found.rates["etl"]
        assumed = sorted(k for k, r in found.rates.items() if r.confidence == "assumed")
        rows.append([name, f"${etl.usd_per_unit_hour:g}", f"{etl.confidence}, {etl.date or found.retrieved}",
                     found.source, ", ".join(assumed) or "-"])
    click.echo(f"All regions ({len(rows)}; {sum(1 for r in rows if r[2] != 'no table')} with a table), vintage {v}:")
    click.echo(tabulate(rows, headers=["region", "etl", "confidence, date", "source", "assumed cells"],
                        disable_numparse=True))
    table = load_table(chosen, v)
    if table is None:
        why = index[chosen].missing if chosen in index and index[chosen].missing else "no table shipped"
        raise ConfigProblem(f"no price table for region {chosen} in vintage {v}: {why}")
    click.echo(f"\nRates for {chosen} (vintage {v}, retrieved {table.retrieved}, {table.currency})")
    detail = [[k, f"${r.usd_per_unit_hour:g}", f"{r.unit}-hour", r.confidence, r.date or "-", r.source]
              for k in billing().rate_kinds if k in table.rates for r in [table.rates[k]]]
    unpriced = unpriced_kinds(v)
    absent = [k for k in billing().rate_kinds if k not in table.rates and k not in unpriced]
    click.echo(tabulate(detail, headers=["kind", "rate", "per", "confidence", "date", "source"],
                        disable_numparse=True))
    if absent:
        click.echo(f"Not in the sources (an estimate needing one falls back to etl, labelled assumed): "
                   f"{', '.join(absent)}")
    for kind, gap in unpriced.items():
        if kind not in table.rates:
            click.echo(f"Not priced: {kind} ({gap.label}), no figure given: {gap.reason}; sources read: {gap.sources}")
    hours = billing().hours_per_month
    preset_rows = []
    for p in presets(config).values():
        kind = rate_kind(p.command, p.family, None, None)
        rate = table.rate(kind)
        hourly = p.dpus * rate.usd_per_unit_hour if p.dpus is not None else None
        preset_rows.append([p.name, p.shape, p.command, f"{p.dpus:g}" if p.dpus is not None else "?",
                            f"${hourly:,.4f}" if hourly is not None else "?",
                            f"${hourly * hours:,.2f}" if hourly is not None else "?", p.origin])
    click.echo(f"\nPresets ({chosen} rates; monthly = running {hours:g} h):")
    click.echo(tabulate(preset_rows, headers=["preset", "workers", "command", "DPUs", "per hour", "monthly",
                                              "origin"], disable_numparse=True))


def _default_output() -> Path:
    """The project's pricing/aws folder (a gluelint checkout); never the installed package."""
    here = Path.cwd() / "pricing" / "aws"
    if here.is_dir() and (Path.cwd() / "pricing" / "sources.toml").is_file():
        return here
    raise ConfigProblem("pricing import: name the folder to write with --output-dir (run from a gluelint "
                        "checkout to refresh its pricing/aws)")


@pricing.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--vintage", default=None, help="Vintage folder name (default: the year-month of the newest source).")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder holding <vintage>/<region>.toml (default: ./pricing/aws of a gluelint checkout).")
def import_prices(sources: tuple[Path, ...], vintage: str | None, output_dir: Path | None) -> None:
    """Write rate tables from AWS's Glue price data: Price List offer files (bulk index.json or get-products
    output), the pricing-page data file (glue.json) and Price List extraction excerpts; folders are read for
    *.json."""
    from gluelint.cost.price_import import PriceImportError, read_sources, write
    from gluelint.cost.tables import load_table

    files = [f for s in sources for f in (sorted(s.rglob("*.json")) if s.is_dir() else [s])]
    try:
        result = read_sources(files)
    except PriceImportError as exc:
        raise ConfigProblem(str(exc)) from None
    if not result.cells:
        raise ConfigProblem("pricing import: no AWS Glue rates found in the sources")
    target = output_dir if output_dir is not None else _default_output()
    v = vintage or max(f["date"] for f in result.files)[:7]
    written, missing = write(result, target / v)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"{len(written)} region table(s); no table for {len(missing)}: {', '.join(missing) or '-'}")
    for note in result.skipped:
        click.echo(f"skipped: {note}", err=True)
    load_table.cache_clear()
