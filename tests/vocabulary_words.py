"""Which attribute names in a message belong to the other format's vocabulary (shared by the vocabulary and
rule-fixture tests)."""

from __future__ import annotations

import re

from gluelint.config import Config
from gluelint.knowledge.fields import Dialect, field_table
from gluelint.model.resources import SourceFormat


def _names(dialect: Dialect) -> set[str]:
    """Every attribute path (and its last segment) one dialect writes for a Glue resource."""
    out: set[str] = set()
    for spec in field_table().resources:
        for paths in spec.fields.values():
            path = paths.get(dialect)
            if path is not None:
                out |= {path, path.rsplit(".", 1)[-1]}
    return out


TERRAFORM_NAMES, CLOUDFORMATION_NAMES = _names(Dialect.TERRAFORM), _names(Dialect.CLOUDFORMATION)
CODE = re.compile(r"`([^`]+)`")
# A quoted string in a snippet is a value, unless it is a JSON key (followed by a colon).
QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"(\s*:)?')


def _without_values(code: str) -> str:
    return QUOTED.sub(lambda m: m.group(0) if m.group(1) else "", code)
WORD = re.compile(r"[A-Za-z0-9_.\-]+")


def foreign_words(message: str, source_format: SourceFormat | None) -> set[str]:
    """The attribute names in ``message`` that belong to the other format's vocabulary (`timeout` in a
    CloudFormation message, `Timeout` in a Terraform one)."""
    cloudformation = source_format in (SourceFormat.CLOUDFORMATION_YAML, SourceFormat.CLOUDFORMATION_JSON)
    own, other = (CLOUDFORMATION_NAMES, TERRAFORM_NAMES) if cloudformation else (TERRAFORM_NAMES, CLOUDFORMATION_NAMES)
    words = {w for code in CODE.findall(message) for w in WORD.findall(_without_values(code))}
    # Outside code spans only multi-word Terraform names are unambiguous (`Timeout` is also an English word).
    words |= {w for w in WORD.findall(CODE.sub("", message)) if "_" in w and w in TERRAFORM_NAMES}
    return {w for w in words if w in other and w not in own} - _CONFIG_OPTIONS


# gluelint's own configuration options are named in messages ("the configured max_concurrent_runs").
_CONFIG_OPTIONS = set(Config.model_fields)
