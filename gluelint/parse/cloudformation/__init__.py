"""CloudFormation templates (YAML and JSON; SAM and CDK output) → FileReports of Glue resources.

The reader is ``template.py`` (``parse_template``), its values ``intrinsics.py`` / ``functions.py`` /
``combine.py``, nested stacks ``stacks.py``, the model ``mapping.py``. The package itself imports none of them:
the pre-filter asks ``stacks`` which links are followed without loading the template reader (start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from gluelint.model.resources import FileReport
    from gluelint.parse.options import ParseOptions

__all__ = ["parse_template"]


def parse_template(path: Path, options: ParseOptions) -> FileReport:
    """Parse one CloudFormation template; never raises for malformed input (GL001 records instead)."""
    from gluelint.parse.cloudformation.template import parse_template as parse

    return parse(path, options)
