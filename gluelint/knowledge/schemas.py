"""The attribute lists, enums and primitive types of the Glue resource kinds, from their maintained sources.

- CloudFormation: the AWS::Glue::* resource schemas bundled with cfn-lint (a runtime dependency), read as JSON
  files through the package's location. cfn-lint is never imported: its package import costs ~0.8 s, and only
  its data files are needed. So the CloudFormation lists can never be a stale copy of the installed schemas.
- Terraform: rules/glue/api_fields.json, generated from botocore's Glue model by
  scripts/generate_glue_schema_data.py (the provider validates with the AWS SDK's enums); a drift test
  regenerates it against the installed botocore and cfn-lint.

Everything is read lazily, once per process, and only for the resource types a run meets.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

# The Region whose provider file maps resource types to schema files (the Glue schemas are the same in all).
_REGION_FILE = "us-east-1.json"


@dataclass(frozen=True)
class FieldSpec:
    """One attribute: its primitive type and, when the schema has one, its allowed values.

    ``type`` is one of string, integer, number, boolean, object, array, map, json (an object or a JSON string)
    or any. For arrays of scalars, ``items`` / ``item_enum`` describe the elements.
    """

    type: str
    enum: tuple[str, ...] | None = None
    items: str | None = None
    item_enum: tuple[str, ...] | None = None
    source: str = ""


@cache
def cfn_lint_directory() -> Path | None:
    """cfn-lint's package folder, found without executing its ``__init__``."""
    spec = importlib.util.find_spec("cfnlint")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def cfn_lint_version() -> str | None:
    try:
        return metadata.version("cfn-lint")
    except metadata.PackageNotFoundError:
        return None


@cache
def _provider_index() -> dict[str, str]:
    base = cfn_lint_directory()
    if base is None:
        return {}
    path = base / "data" / "schemas" / "providers" / _REGION_FILE
    try:
        index: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in index.items() if k.startswith("AWS::Glue::")}


@cache
def cfn_schema(resource_type: str) -> dict[str, Any] | None:
    """The registry schema of one AWS::Glue::* type as bundled in cfn-lint, or None when unavailable."""
    name = _provider_index().get(resource_type)
    base = cfn_lint_directory()
    if name is None or base is None:
        return None
    try:
        schema: dict[str, Any] = json.loads(
            (base / "data" / "schemas" / "resources" / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return schema


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in node and seen < 20:
        ref = str(node["$ref"])
        target: Any = schema
        for part in ref.removeprefix("#/").split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node


def _type_of(node: dict[str, Any]) -> str:
    kind = node.get("type")
    if isinstance(kind, list):
        return "json" if set(kind) >= {"object", "string"} else "any"
    if kind == "object":
        return "object" if node.get("properties") else "map"
    if isinstance(kind, str):
        return kind
    return "object" if node.get("properties") else "any"


def _walk(schema: dict[str, Any], properties: dict[str, Any], prefix: str, out: dict[str, FieldSpec],
          depth: int) -> None:
    for name, raw in properties.items():
        node = _resolve(schema, raw)
        path = f"{prefix}{name}"
        kind = _type_of(node)
        items: str | None = None
        item_enum: tuple[str, ...] | None = None
        nested: dict[str, Any] | None = node.get("properties") if kind == "object" else None
        if kind == "array":
            item = _resolve(schema, node.get("items", {}))
            item_kind = _type_of(item)
            if item_kind == "object":
                nested = item.get("properties")
            else:
                items = item_kind
                item_enum = tuple(str(v) for v in item["enum"]) if "enum" in item else None
        enum = tuple(str(v) for v in node["enum"]) if "enum" in node else None
        out[path] = FieldSpec(type=kind, enum=enum, items=items, item_enum=item_enum, source="cfn-lint schema")
        if nested and depth < 8:
            _walk(schema, nested, f"{path}.", out, depth + 1)


@cache
def cfn_schema_fields(resource_type: str) -> dict[str, FieldSpec]:
    """Every writable property path of a CloudFormation Glue type as its schema states it (arrays transparent:
    ``Actions.JobName``)."""
    schema = cfn_schema(resource_type)
    if schema is None:
        return {}
    out: dict[str, FieldSpec] = {}
    _walk(schema, schema.get("properties", {}), "", out, 0)
    read_only = {p.removeprefix("/properties/").replace("/", ".") for p in schema.get("readOnlyProperties", [])}
    return {path: spec for path, spec in out.items() if path not in read_only}


@cache
def cfn_fields(resource_type: str) -> dict[str, FieldSpec]:
    """The schema's property paths, with the API's enum where the schema leaves a string free."""
    out = dict(cfn_schema_fields(resource_type))
    # Where the schema types a property as a free string but the API has an enum (S3EncryptionMode), the API's
    # values apply: the service rejects the rest at deploy time. Where the API's text narrows the schema's enum
    # (a trigger can wait only for some crawler states), the values both allow.
    for path, raw in _generated().get("cloudformation_api_enums", {}).get(resource_type, {}).items():
        current = out.get(path)
        if current is None:
            continue
        api = tuple(raw["enum"])
        enum = api if current.enum is None else tuple(v for v in current.enum if v in api)
        out[path] = FieldSpec(type=current.type, enum=enum, source=raw.get("api", ""))
    return out


@cache
def cfn_required(resource_type: str) -> tuple[str, ...]:
    schema = cfn_schema(resource_type)
    return tuple(schema.get("required", [])) if schema is not None else ()


@cache
def _generated() -> dict[str, Any]:
    text = resources.files("gluelint.rules").joinpath("glue/api_fields.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def terraform_fields(resource_type: str) -> dict[str, FieldSpec]:
    """Every API-backed attribute path of a Terraform Glue type, from the generated data file."""
    raw = _generated()["terraform"].get(resource_type, {})
    return {path: FieldSpec(type=spec["type"], enum=tuple(spec["enum"]) if "enum" in spec else None,
                            items=spec.get("items"),
                            item_enum=tuple(spec["item_enum"]) if "item_enum" in spec else None,
                            source=spec.get("api", ""))
            for path, spec in raw.items()}


def version_lines() -> list[str]:
    """What `gluelint --version` adds: the data vintage and the sources' versions it was checked against."""
    from gluelint.knowledge import load_data

    data = _generated()
    reviewed = load_data("gluelint.rules", "glue/vintage.toml")["facts_reviewed"]
    installed = cfn_lint_version() or "not installed"
    return [f"Glue data vintage: facts reviewed {reviewed}",
            f"checked against botocore {data.get('botocore_version')} and cfn-lint {data.get('cfn_lint_version')}",
            f"CloudFormation schemas read from the installed cfn-lint {installed}"]
