"""``gluelint rules`` and ``gluelint rule ID``."""

from __future__ import annotations

import click

from gluelint.findings.catalog import catalog, doc, lookup


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List every rule: ID, name, pack, severity, summary."""
    metas = list(catalog().values())
    if fmt == "json":
        import json

        click.echo(json.dumps([m.model_dump(mode="json") for m in metas], indent=2))
        return
    from tabulate import tabulate

    rows = [[m.id, m.name, m.pack, m.severity.value, m.summary] for m in metas]
    click.echo(tabulate(rows, headers=["id", "name", "pack", "severity", "summary"], tablefmt="simple",
                        maxcolwidths=[None, None, None, None, 80]))


@click.command()
@click.argument("rule_id")
def rule(rule_id: str) -> None:
    """Print the documentation of one rule (by ID or name)."""
    meta = lookup(rule_id)
    if meta is None:
        raise click.UsageError(f"unknown rule {rule_id!r}; see `gluelint rules`")
    click.echo(doc(meta.id) or f"# {meta.id} {meta.name}\n\n{meta.summary}\n")
