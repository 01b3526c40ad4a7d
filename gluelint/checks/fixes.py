"""Safe fixes as data: what a check attaches to a finding when the repair is certain (``gluelint check --fix``).

Each builder returns None unless the edit is plainly safe from the model alone: the value is a literal written
inside the resource's own block (not a variable default, a module input or one branch of a condition), and
the rest of the map is unaffected. The fixer (gluelint.fix) then checks the text itself and re-parses.
"""

from __future__ import annotations

from typing import Any

from gluelint.findings import Edit, EntryDeletion, Fix
from gluelint.model.resources import Resource
from gluelint.model.values import Entry, Origin, Span, Value


def _inside(resource: Resource, span: Span | None) -> bool:
    """``span`` is written inside ``resource``'s block, in the resource's own file."""
    res = resource.span
    if span is None or span.file != res.file or span.line < res.line:
        return False
    return not res.end_line or span.line <= res.end_line


def _literal_map(resource: Resource, field: str) -> tuple[Value, list[Any]] | None:
    """The field's value and its ``plain()`` when it is one literal map (no branch, no unknown part)."""
    value = getattr(resource, field, None)
    if not isinstance(value, Value) or value.is_branching:
        return None
    obj = value.as_object()
    if obj is None or not obj.complete or value.origin != Origin.LITERAL:
        return None
    plain = value.plain()
    return (value, plain) if isinstance(plain, list) and len(plain) == len(obj.entries) else None


def _literal_entry(resource: Resource, entry: Entry) -> bool:
    return (entry.condition is None and entry.value.known and entry.value.origin == Origin.LITERAL
            and isinstance(entry.value.data, str) and _inside(resource, entry.key_span)
            and _inside(resource, entry.value.span))


def _index(value: Value, entry: Entry) -> int | None:
    obj = value.as_object()
    if obj is None:
        return None
    return next((i for i, e in enumerate(obj.entries) if e is entry), None)


def rename_key(resource: Resource, field: str, entry: Entry, new_key: str,
               description: str | None = None) -> Fix | None:
    """Rename one argument key (``--enable-metric`` → ``--enable-metrics``)."""
    found = _literal_map(resource, field)
    if found is None or not _literal_entry(resource, entry) or entry.key_span is None:
        return None
    value, plain = found
    index = _index(value, entry)
    obj = value.as_object()
    if index is None or obj is None or obj.get(new_key) is not None:
        return None  # renaming onto an existing key would make a duplicate
    expected = [[new_key, v] if i == index else [k, v] for i, (k, v) in enumerate(plain)]
    return Fix(description=description or f"rename `{entry.key}` to `{new_key}`", field=field, expected=expected,
               edits=(Edit(at=entry.key_span, old=entry.key, new=new_key),))


def replace_in_entry_value(resource: Resource, field: str, entry: Entry, old: str, new: str,
                           description: str) -> Fix | None:
    """Replace the start ``old`` of an argument's literal value by ``new``."""
    found = _literal_map(resource, field)
    text = entry.value.data
    if found is None or not _literal_entry(resource, entry) or entry.value.span is None or not isinstance(text, str):
        return None
    value, plain = found
    index = _index(value, entry)
    if index is None or not text.startswith(old):
        return None
    changed = new + text[len(old):]
    expected = [[k, changed] if i == index else [k, v] for i, (k, v) in enumerate(plain)]
    return Fix(description=description, field=field, expected=expected,
               edits=(Edit(at=entry.value.span, old=old, new=new),))


def replace_in_value(resource: Resource, field: str, value: Value, old: str, new: str,
                     description: str) -> Fix | None:
    """Replace the start ``old`` of a literal string attribute (``script_location``) by ``new``."""
    text = value.data
    top = getattr(resource, field, None)
    if (top is not value or not value.known or value.origin != Origin.LITERAL or not isinstance(text, str)
            or not text.startswith(old) or not _inside(resource, value.span) or value.span is None):
        return None
    return Fix(description=description, field=field, expected=new + text[len(old):],
               edits=(Edit(at=value.span, old=old, new=new),))


def merge_entries(resource: Resource, field: str, entries: list[Entry], separator: str,
                  description: str) -> Fix | None:
    """Merge duplicated entries into the last one (its value: every value joined by ``separator``) and delete
    the earlier ones. Only when each entry is a literal on a line of its own (checked by the fixer)."""
    found = _literal_map(resource, field)
    if found is None or len(entries) < 2 or not all(_literal_entry(resource, e) for e in entries):
        return None
    value, plain = found
    indices = [_index(value, e) for e in entries]
    last = entries[-1]
    if None in indices or last.value.span is None or any(e.key_span is None for e in entries):
        return None
    texts = [str(e.value.data) for e in entries]
    merged = separator.join(texts)
    dropped = set(indices[:-1])
    expected = [[k, merged] if i == indices[-1] else [k, v] for i, (k, v) in enumerate(plain) if i not in dropped]
    deletions = tuple(EntryDeletion(at=e.key_span, key=e.key, value=t)
                      for e, t in zip(entries[:-1], texts, strict=False) if e.key_span is not None)
    return Fix(description=description, field=field, expected=expected, deletions=deletions,
               edits=(Edit(at=last.value.span, old=texts[-1], new=merged),))
