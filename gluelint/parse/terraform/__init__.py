"""Terraform HCL (``.tf``) and Terraform JSON (``.tf.json``) parser, a module folder at a time.

The run over the module folders is ``run.py`` (``parse_terraform``); which module calls it follows is
``module_source.py``. The package itself imports neither: the pre-filter asks ``module_source`` which module
sources are local without loading the parser (start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from gluelint.model.resources import FileReport
    from gluelint.parse.options import ParseOptions

__all__ = ["parse_terraform"]


def parse_terraform(paths: list[Path], options: ParseOptions) -> list[FileReport]:
    """Parse the Terraform files of ``paths`` (grouped into module folders); never raises for malformed input."""
    from gluelint.parse.terraform.run import parse_terraform as parse

    return parse(paths, options)
