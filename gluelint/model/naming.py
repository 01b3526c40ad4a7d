"""How a resource's own file names its attributes: the words and snippets findings use.

A finding about a job's timeout says `timeout` in Terraform, `Timeout` in CloudFormation and
`execution_property[0].max_concurrent_runs` in a plan's JSON; a fix hint is a snippet in the file's own syntax
(HCL, JSON or YAML). Names come from the field table (rules/glue/fields.toml); this module only spells them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from gluelint.knowledge.fields import Dialect, ResourceFields, resource_fields
from gluelint.model.resources import Resource, SourceFormat

Scalar = str | int | float | bool
Setting = Scalar | Mapping[str, Scalar] | list[str]

_INDEX = re.compile(r"\[(\d+)\]")
_PLAIN_YAML_KEY = re.compile(r"^[A-Za-z0-9_.\-/]+$")

DIALECT = {
    SourceFormat.TERRAFORM_HCL: Dialect.TERRAFORM, SourceFormat.TERRAFORM_JSON: Dialect.TERRAFORM,
    SourceFormat.TERRAFORM_PLAN: Dialect.TERRAFORM, SourceFormat.CLOUDFORMATION_YAML: Dialect.CLOUDFORMATION,
    SourceFormat.CLOUDFORMATION_JSON: Dialect.CLOUDFORMATION,
}


@dataclass(frozen=True)
class Naming:
    """The vocabulary of one resource type in one source format."""

    resource_type: str
    source_format: SourceFormat

    @property
    def dialect(self) -> Dialect:
        return DIALECT[self.source_format]

    @property
    def _fields(self) -> ResourceFields | None:
        return resource_fields(self.resource_type)

    def key_path(self, field: str) -> str:
        """The dotted key path of model field ``field`` as the parsers list it (``Command.ScriptLocation``).

        A field the table does not know (or the format cannot write) is returned unchanged.
        """
        spec = self._fields
        if spec is None:
            return field
        if field not in spec.fields:  # a Terraform path (``command.name``): the model's historical spelling
            field = spec.field_at(field, Dialect.TERRAFORM) or field
        return spec.path(field, self.dialect) or field

    def term(self, model_path: str) -> str:
        """The attribute as the user's file writes it, for a message.

        ``model_path`` is a model field (``timeout``) or its Terraform path (``command.name``), optionally with
        list indexes and a map key: ``actions[0].arguments``, ``default_arguments.--conf``.
        """
        field, indexes, key = self._resolve(model_path)
        segments = self.key_path(field).split(".")
        # Indexes belong to the model path's segments; the format's path aligns with them from the end.
        shift = len(segments) - len(indexes)
        plan = self.source_format is SourceFormat.TERRAFORM_PLAN and field in _known_fields(self.resource_type)
        parts: list[str] = []
        for i, segment in enumerate(segments):
            index = indexes[i - shift] if 0 <= i - shift < len(indexes) else None
            if index is None and plan and i < len(segments) - 1:
                index = 0  # every nested block is a one-item list in plan JSON
            parts.append(segment if index is None else f"{segment}[{index}]")
        text = ".".join(parts)
        if key is None:
            return text
        return f"{text}.{key}" if self.dialect is Dialect.CLOUDFORMATION else f"{text}[{json.dumps(key)}]"

    def _resolve(self, model_path: str) -> tuple[str, list[int | None], str | None]:
        """``actions[0].arguments`` → (``actions.arguments``, [0, None], None); ``default_arguments.--x`` →
        (``default_arguments``, [None], ``--x``): the longest leading part that names a field, the rest a key."""
        spec = self._fields
        if spec is None:
            return model_path, [], None
        parts = model_path.split(".")
        for n in range(len(parts), 0, -1):
            name = ".".join(_INDEX.sub("", p) for p in parts[:n])
            field = name if name in spec.fields else spec.field_at(name, Dialect.TERRAFORM)
            if field is not None:
                indexes = [int(m.group(1)) if (m := _INDEX.search(p)) else None for p in parts[:n]]
                return field, indexes, ".".join(parts[n:]) or None
        return model_path, [], None

    def setting(self, field: str, value: Setting) -> str:
        """A snippet that sets ``field`` to ``value`` in the file's syntax (``Timeout: 120``, ``timeout = 120``)."""
        segments = self.key_path(field).split(".")
        if self.source_format is SourceFormat.TERRAFORM_HCL:
            inner = f"{segments[-1]} = {_hcl(value)}"
            for block in reversed(segments[:-1]):
                inner = f"{block} {{ {inner} }}"
            return inner
        if self.source_format is SourceFormat.CLOUDFORMATION_YAML:
            inner = f"{_yaml_key(segments[-1])}: {_yaml(value)}"
            for block in reversed(segments[:-1]):
                inner = f"{_yaml_key(block)}: {{{inner}}}"
            return inner
        listed = self.source_format is SourceFormat.TERRAFORM_PLAN
        inner = f"{json.dumps(segments[-1])}: {_json(value)}"
        for block in reversed(segments[:-1]):
            inner = f"{json.dumps(block)}: [{{{inner}}}]" if listed else f"{json.dumps(block)}: {{{inner}}}"
        return inner

    def entry(self, key: str, value: Scalar) -> str:
        """One map entry (an argument, a property) in the file's syntax: ``"--k" = "v"``, ``--k: "v"``."""
        if self.source_format is SourceFormat.TERRAFORM_HCL:
            return f"{json.dumps(key)} = {_hcl(value)}"
        if self.source_format is SourceFormat.CLOUDFORMATION_YAML:
            return f"{_yaml_key(key)}: {_yaml(value)}"
        return f"{json.dumps(key)}: {_json(value)}"

@cache
def _known_fields(resource_type: str) -> frozenset[str]:
    spec = resource_fields(resource_type)
    return frozenset(spec.fields) if spec is not None else frozenset()


def naming(resource: Resource) -> Naming:
    return Naming(resource.resource_type, resource.source_format)


def _hcl(value: Setting) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_hcl(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(v) for v in value) + "]"
    return json.dumps(value)


def _json(value: Setting) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{json.dumps(k)}: {_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, float) and value.is_integer():
        return _number(value)
    return json.dumps(value)


def _yaml(value: Setting) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_yaml_key(k)}: {_yaml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(v) for v in value) + "]"
    return json.dumps(value)


def _yaml_key(key: str) -> str:
    return key if _PLAIN_YAML_KEY.match(key) and not key.startswith("- ") else json.dumps(key)


def _number(value: int | float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
