"""Which rules run: ``select`` / ``ignore`` by ID, prefix or name (ruff's model), per-file ignores."""

from __future__ import annotations

import fnmatch

from gluelint.findings.catalog import RuleMeta, catalog, lookup


class SelectionError(ValueError):
    pass


def expand(selectors: list[str]) -> set[str]:
    """IDs named by each selector: an ID, a prefix (``GL3``, ``GL30``), a rule name, or ``ALL``."""
    ids: set[str] = set()
    for raw in selectors:
        key = raw.strip()
        if not key:
            continue
        if key.upper() == "ALL":
            ids.update(catalog())
            continue
        meta = lookup(key)
        if meta is not None:
            ids.add(meta.id)
            continue
        matched = {rid for rid in catalog() if rid.startswith(key.upper())}
        if not matched:
            raise SelectionError(f"unknown rule selector {raw!r} (use an ID like GL301, a prefix like GL3, "
                                 "or a rule name like duplicate-argument-key)")
        ids.update(matched)
    return ids


def selected_rules(select: list[str], ignore: list[str]) -> list[RuleMeta]:
    chosen = expand(select) if select else set(catalog())
    chosen -= expand(ignore)
    return [meta for rid, meta in catalog().items() if rid in chosen]


def ignored_for_file(path: str, per_file_ignores: dict[str, list[str]]) -> set[str]:
    ignored: set[str] = set()
    for pattern, selectors in per_file_ignores.items():
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, f"*/{pattern}"):
            ignored |= expand(selectors)
    return ignored
