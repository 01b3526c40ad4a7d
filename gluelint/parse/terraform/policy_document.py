"""``data "aws_iam_policy_document"``: the JSON policy the AWS provider renders at plan time from its arguments.

The provider builds the document from ``statement`` blocks (``sid``, ``effect`` default ``Allow``, ``actions``,
``not_actions``, ``resources``, ``not_resources``, ``principals`` / ``not_principals`` {type, identifiers},
``condition`` {test, variable, values}), ``version`` (default ``2012-10-17``), ``policy_id``, and merges
``source_policy_documents`` (their statements first) and ``override_policy_documents`` (a statement with the
same Sid replaces the earlier one); a one-element list is written as a plain string
(https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document, retrieved
2026-12). When every argument is known the result is the JSON text; when some are known only at apply time it is
the document as a structured value whose unknown parts stay unknown (a wildcard principal is visible even when a
resource ARN is not).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from gluelint.model.values import Entry, ObjectValue, Span, Value
from gluelint.parse.terraform.evaluator import is_known

if TYPE_CHECKING:
    from gluelint.parse.terraform.module import Decl

_LISTS = (("actions", "Action"), ("not_actions", "NotAction"), ("resources", "Resource"),
          ("not_resources", "NotResource"))
_PRINCIPALS = (("principals", "Principal"), ("not_principals", "NotPrincipal"))
DEFAULT_VERSION = "2012-10-17"


def render_policy_document(body: ObjectValue, decl: Decl) -> Value:
    """The data source's attributes from its evaluated arguments (``body``)."""
    span = decl.span
    text = f"data.aws_iam_policy_document.{decl.labels[1] if len(decl.labels) > 1 else ''}.json"
    document = _document(body, span, text)
    rendered = _as_json(document, span, text) if _fully_known(document) else document
    attributes = ObjectValue(entries=[Entry(key="json", value=rendered), Entry(key="minified_json", value=rendered)],
                             unresolved=[Value.unknown(text, "other attributes are known at apply time", span)])
    return Value.of(attributes, span)


def _document(body: ObjectValue, span: Span, text: str) -> Value:
    statements: list[Value] = []
    for key in ("source_policy_documents",):
        merged = _merged(body.get(key), span, text)
        if merged is None:
            return Value.unknown(text, f"{key} is known only at apply time", span)
        statements += merged
    for entry in body.all("statement"):
        statement = entry.value.as_object()
        if statement is None:  # a dynamic block over an unknown collection
            return Value.unknown(text, entry.value.reason or "a statement is known only at apply time", span)
        statements.append(_statement(statement, entry.value.span or span))
    overrides = _merged(body.get("override_policy_documents"), span, text)
    if overrides is None:
        return Value.unknown(text, "override_policy_documents is known only at apply time", span)
    for override in overrides:
        sid = _sid(override)
        statements = [s for s in statements if sid is None or _sid(s) != sid] + [override]
    entries = [Entry(key="Version", value=body.get("version") or Value.of(DEFAULT_VERSION, span))]
    policy_id = body.get("policy_id")
    if policy_id is not None:
        entries.append(Entry(key="Id", value=policy_id))
    entries.append(Entry(key="Statement", value=Value.of(statements, span)))
    return Value.of(ObjectValue(entries=entries), span, expression=text)


def _merged(value: Value | None, span: Span, text: str) -> list[Value] | None:
    """The statements of a list of JSON policy documents; None when any is unknown."""
    if value is None:
        return []
    items = value.as_list() if is_known(value) else None
    if items is None:
        return None
    out: list[Value] = []
    for item in items:
        raw = item.as_str() if is_known(item) else None
        if raw is None:
            return None
        try:
            doc = json.loads(raw)
        except ValueError:
            return None
        found = doc.get("Statement", []) if isinstance(doc, dict) else []
        out += [_to_value(s, item.span or span) for s in (found if isinstance(found, list) else [found])]
    return out


def _sid(statement: Value) -> str | None:
    obj = statement.as_object()
    sid = obj.get("Sid") if obj is not None else None
    return sid.as_str() if sid is not None else None


def _statement(block: ObjectValue, span: Span) -> Value:
    entries: list[Entry] = []
    sid = block.entry("sid")
    if sid is not None:
        entries.append(Entry(key="Sid", value=sid.value, key_span=sid.key_span))
    effect = block.entry("effect")
    entries.append(Entry(key="Effect", value=effect.value if effect else Value.of("Allow", span),
                         key_span=effect.key_span if effect else None))
    for name, key in _LISTS:
        found = block.entry(name)
        if found is not None:
            entries.append(Entry(key=key, value=_compact(found.value), key_span=found.key_span))
    for name, key in _PRINCIPALS:
        blocks = block.all(name)
        if blocks:
            entries.append(Entry(key=key, value=_principals(blocks, span), key_span=blocks[0].key_span))
    conditions = block.all("condition")
    if conditions:
        entries.append(Entry(key="Condition", value=_conditions(conditions, span), key_span=conditions[0].key_span))
    return Value.of(ObjectValue(entries=entries), span)


def _compact(value: Value) -> Value:
    """A one-element list as its element (the provider's rendering)."""
    items = value.as_list()
    if items is not None and len(items) == 1:
        return items[0]
    return value


def _principals(blocks: list[Entry], span: Span) -> Value:
    by_type: list[Entry] = []
    for entry in blocks:
        obj = entry.value.as_object()
        kind = obj.get("type") if obj is not None else None
        identifiers = obj.get("identifiers") if obj is not None else None
        if obj is None or kind is None or identifiers is None or not is_known(kind):
            return Value.unknown("principals", "a principals block is known only at apply time", entry.value.span)
        if kind.as_str() == "*":
            return Value.of("*", kind.span or span)
        by_type.append(Entry(key=kind.as_str() or "", value=_compact(identifiers), key_span=entry.key_span))
    return Value.of(ObjectValue(entries=by_type), span)


def _conditions(blocks: list[Entry], span: Span) -> Value:
    tests: dict[str, list[Entry]] = {}
    for entry in blocks:
        obj = entry.value.as_object()
        test = obj.get("test") if obj is not None else None
        variable = obj.get("variable") if obj is not None else None
        values = obj.get("values") if obj is not None else None
        if obj is None or test is None or variable is None or values is None or not is_known(test) \
                or not is_known(variable):
            return Value.unknown("condition", "a condition block is known only at apply time", entry.value.span)
        tests.setdefault(test.as_str() or "", []).append(Entry(key=variable.as_str() or "", value=_compact(values)))
    return Value.of(ObjectValue(entries=[Entry(key=k, value=Value.of(ObjectValue(entries=v), span))
                                         for k, v in tests.items()]), span)


def _fully_known(value: Value) -> bool:
    if not is_known(value):
        return False
    obj = value.as_object()
    if obj is not None:
        return not obj.unresolved and all(_fully_known(e.value) for e in obj.entries)
    items = value.as_list()
    return all(_fully_known(i) for i in items) if items is not None else True


def _plain(value: Value) -> object:
    obj = value.as_object()
    if obj is not None:
        return {e.key: _plain(e.value) for e in obj.entries}
    items = value.as_list()
    if items is not None:
        return [_plain(i) for i in items]
    return value.data


def _as_json(document: Value, span: Span, text: str) -> Value:
    return Value.of(json.dumps(_plain(document), indent=2), span, expression=text)


def _to_value(data: object, span: Span) -> Value:
    if isinstance(data, dict):
        return Value.of(ObjectValue(entries=[Entry(key=str(k), value=_to_value(v, span)) for k, v in data.items()]),
                        span)
    if isinstance(data, list):
        return Value.of([_to_value(i, span) for i in data], span)
    return Value.of(data if isinstance(data, (str, int, float, bool)) or data is None else str(data), span)
