"""The ``gluelint`` command. Subcommands load lazily so ``--version`` and ``--help`` start fast."""

from __future__ import annotations

import gc
import importlib
from typing import Any

import click

from gluelint import __version__

# command name → "module:attribute" of its click command
COMMANDS: dict[str, str] = {
    "check": "gluelint.cli.check:check",
    "baseline": "gluelint.cli.baseline:baseline",
    "rules": "gluelint.cli.rules:rules",
    "rule": "gluelint.cli.rules:rule",
    "cost": "gluelint.cli.cost:cost",
    "pricing": "gluelint.cli.pricing:pricing",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: Any = getattr(importlib.import_module(module_name), attribute)
        return command  # type: ignore[no-any-return]


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from gluelint.knowledge.schemas import version_lines

    click.echo(f"gluelint {__version__}")
    for line in version_lines():
        click.echo(line)
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version, the Glue data vintage and the botocore/cfn-lint versions it was checked "
                   "against, and exit.")
def main() -> None:
    """gluelint: policy and cost linter for AWS Glue definitions (Terraform, CloudFormation)."""
    # A run allocates hundreds of thousands of small, long-lived model objects and few cycles: the default
    # collector thresholds rescan them over and over (a third of a warm run). Collect far less often.
    gc.set_threshold(100_000, 50, 1_000)
