"""The JSON report (versioned; its JSON Schema ships as gluelint/schemas/report.schema.json)."""

from __future__ import annotations

import json
import math
from typing import Any

from gluelint import __version__
from gluelint.findings import Finding
from gluelint.findings.result import RunResult
from gluelint.model.resources import Resource
from gluelint.model.values import Span, Value
from gluelint.report import ReportOptions
from gluelint.report.branches import branch_json
from gluelint.report.common import written_attribute

SCHEMA_VERSION = "2.0"
# Fields every resource has; the rest are its Glue attributes.
_IDENTITY = {"address", "scope", "resource_type", "source_format", "span", "attribute_keys", "suppressions",
             "condition"}


def render(result: RunResult, options: ReportOptions) -> str:
    return json.dumps(finite(document(result)), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def finite(data: Any) -> Any:
    """Standard JSON has no Infinity / NaN (a YAML ``.inf`` timeout, or a cost computed from one): such a
    number is written as the string "Infinity", "-Infinity" or "NaN"."""
    if isinstance(data, float) and not math.isfinite(data):
        return "NaN" if math.isnan(data) else ("Infinity" if data > 0 else "-Infinity")
    if isinstance(data, dict):
        return {k: finite(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [finite(v) for v in data]
    return data


def document(result: RunResult) -> dict[str, Any]:
    costs = result.costs.to_json() if result.costs is not None and hasattr(result.costs, "to_json") else None
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "gluelint", "version": __version__},
        "check_date": result.today.isoformat(),
        "summary": {
            "files": result.files_scanned,
            "resources": len(result.inventory.glue_resources),
            "jobs": sum(1 for r in result.inventory.resources if r.kind == "job"),
            "findings": len(result.active),
            "suppressed": sum(1 for f in result.findings if f.suppressed),
            "undecided": len(result.undecided),
            "parse_errors": len(result.inventory.parse_errors),
        },
        "findings": [finding_json(f) for f in result.findings],
        "undecided": [u.model_dump(mode="json") for u in result.undecided],
        "resources": [resource_json(r) for r in result.inventory.resources],
        "parse_errors": [{"message": e.message, **span_json(e.span)} for e in result.inventory.parse_errors],
        "costs": costs,
    }


def span_json(span: Span) -> dict[str, Any]:
    return {"file": span.file, "line": span.line, "column": span.column,
            "end_line": span.end_line or span.line, "end_column": span.end_column or span.column}


def finding_json(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "name": f.name, "severity": f.severity.value, "message": f.message,
            **span_json(f.span), "resource": f.resource, "resource_type": f.resource_type,
            "attribute": f.attribute, "attribute_path": written_attribute(f),
            "source_format": f.source_format.value if f.source_format is not None else None,
            "branch": branch_json(f.branch), "fingerprint": f.fingerprint,
            "suppressed": f.suppressed, "justification": f.justification,
            "fix": {"description": f.fix.description} if f.fix is not None else None}


def resource_json(r: Resource) -> dict[str, Any]:
    attributes: dict[str, Any] = {}
    for name in type(r).model_fields:
        if name in _IDENTITY:
            continue
        value = getattr(r, name)
        if value is None:
            continue
        attributes[name] = _plain(value)
        if isinstance(value, Value) and value.known and value.data not in (None, "") and _secret_field(name):
            attributes[name] = "***"  # a field that is itself a secret (a Git token)
    return {"kind": r.kind, "address": r.address, "resource_type": r.resource_type,
            "source_format": r.source_format.value, **span_json(r.span), "condition": r.condition,
            "attributes": attributes}


def _secret_field(name: str) -> bool:
    from gluelint.findings.redact import is_secret_key

    return is_secret_key(name)


def _plain(value: Any) -> Any:
    from gluelint.findings.redact import redact_plain

    if isinstance(value, Value):
        return redact_plain(value.plain())
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "model_dump"):
        return {k: _plain(getattr(value, k)) for k in type(value).model_fields
                if getattr(value, k) is not None and k != "span"}
    return value
