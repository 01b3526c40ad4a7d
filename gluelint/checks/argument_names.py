"""Recognising argument keys: near-misses of special parameters (GL304) and mangled keys (GL307)."""

from __future__ import annotations

from functools import lru_cache

from gluelint.knowledge.parameters import Parameter, mangle, parameters


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insert, delete, substitute)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _loose(name: str) -> str:
    return name.lstrip("-").replace("-", "").replace("_", "").lower()


@lru_cache(maxsize=4096)  # the same keys recur across thousands of jobs
def near_miss(key: str) -> Parameter | None:
    """The special parameter a ``--`` key that is not one seems to mean; None for plain custom arguments.

    A key matches when it is a listed misspelling, differs only in case or ``-``/``_``, or is within a small
    edit distance of a long enough name (1 for names of 8-19 characters, 2 from 20). Reserved names are
    never suggested: ``--job-name`` is a fine custom argument, not a typo of ``--JOB_NAME``.
    """
    table = parameters()
    if not key.startswith("--") or table.get(key) is not None:
        return None
    listed = table.misspelling(key)
    if listed is not None and not listed.reserved:
        return listed
    body, loose = key[2:].lower(), _loose(key)
    best: tuple[int, Parameter] | None = None
    for p in table.parameter:
        if p.reserved:
            continue
        name = p.name.lstrip("-")
        if _loose(p.name) == loose:
            return p
        if len(name) < table.near_miss.short_name_length:
            continue
        allowed = 1 if len(name) < table.near_miss.long_name_length else 2
        if abs(len(body) - len(name)) > allowed:
            continue  # the distance is at least the length difference
        distance = edit_distance(body, name.lower())
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, p)
    return best[1] if best else None


def near_miss_candidates(key: str) -> list[Parameter]:
    """Every special parameter ``key`` is equally near to: one for a certain rename (a listed misspelling, a
    case or ``-``/``_`` variant, or a single nearest name), several when the typo is ambiguous."""
    meant = near_miss(key)
    if meant is None:
        return []
    table = parameters()
    if table.misspelling(key) is meant or _loose(meant.name) == _loose(key):
        return [meant]
    body = key[2:].lower()
    best = edit_distance(body, meant.name.lstrip("-").lower())
    shortest = table.near_miss.short_name_length
    return [p for p in table.parameter if not p.reserved and len(p.name.lstrip("-")) >= shortest
            and edit_distance(body, p.name.lstrip("-").lower()) == best]


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
