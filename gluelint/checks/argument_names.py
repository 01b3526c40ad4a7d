"""Recognising argument keys: near-misses of special parameters (GL304) and mangled keys (GL307)."""

from __future__ import annotations

from functools import lru_cache

from gluelint.checks.nearest import nearest_all
from gluelint.knowledge.parameters import Parameter, mangle, parameters


def _loose(name: str) -> str:
    return name.lstrip("-").replace("-", "").replace("_", "").lower()


def _suggestable() -> dict[str, Parameter]:
    """Special parameters a typo may mean, by name without dashes: never reserved ones (``--job-name`` is a fine
    custom argument, not a typo of ``--JOB_NAME``) nor deprecated ones (GL313 names their successor), and only
    names long enough for a typo to be told apart."""
    table = parameters()
    return {p.name.lstrip("-"): p for p in table.parameter
            if not p.reserved and p.replaced_by is None
            and len(p.name.lstrip("-")) >= table.near_miss.short_name_length}


@lru_cache(maxsize=4096)  # the same keys recur across thousands of jobs
def near_miss_candidates(key: str) -> list[Parameter]:
    """Every special parameter a ``--`` key that is not one seems to mean: a listed misspelling, a case or
    ``-``/``_`` variant, or the names most similar to it (gluelint.checks.nearest; the cutoff is
    rules/glue/parameters.toml ``[near_miss]``); several when the typo is ambiguous."""
    table = parameters()
    if not key.startswith("--") or table.get(key) is not None:
        return []
    listed = table.misspelling(key)
    if listed is not None and not listed.reserved:
        return [listed]
    for p in table.parameter:
        if not p.reserved and _loose(p.name) == _loose(key):
            return [p]
    names = _suggestable()
    return [names[n] for n in nearest_all(key[2:], names, table.near_miss.cutoff)]


def near_miss(key: str) -> Parameter | None:
    """The special parameter a ``--`` key that is not one seems to mean; None for plain custom arguments."""
    found = near_miss_candidates(key)
    return found[0] if found else None


def malformed_key(key: str) -> tuple[Parameter, str] | None:
    """(the parameter meant, how the key went wrong) for a special parameter written without ``--``."""
    if key.startswith("--"):
        return None
    table = parameters()
    for p in table.parameter:
        if p.reserved:
            continue
        if key == mangle(p.name):
            return p, "mangled by a generator (`-` turned into `_`, lower-cased)"
        bare = key.lstrip("-")
        if p.name.startswith("--") and bare.lower() == p.name[2:].lower():
            dashes = "one `-`" if key.startswith("-") else "no `--`"
            return p, f"written with {dashes} prefix"
    return None
