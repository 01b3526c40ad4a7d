"""Reading a :class:`Value` over its branches: the combinations of several values' outcomes that can exist, the
branch label where several conditions hold, the value when every branch agrees, the largest number over
branches, and version comparisons that say "cannot tell" for ``auto``."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

from gluelint.knowledge import version_key
from gluelint.model.values import Alternative, Value, possible


def join_labels(*labels: str | None) -> str | None:
    """The branch where all of ``labels`` hold (``None`` = every case)."""
    out: list[str] = []
    for label in labels:
        if label and label not in out:
            out.append(label)
    return " / ".join(out) or None


def combos(*values: Value) -> Iterator[tuple[str | None, tuple[Value, ...]]]:
    """Every combination of the values' concrete outcomes that can exist, with the joined branch label (values
    branching on the same condition take their outcomes together)."""
    for picks in itertools.product(*(list(v.leaves()) for v in values)):
        labels = [label for label, _ in picks]
        if possible(*labels):
            yield join_labels(*labels), tuple(v for _, v in picks)


def first_unknown(values: tuple[Value, ...]) -> Value | None:
    return next((v for v in values if v.is_unknown), None)


def split_leaves(value: Value) -> tuple[list[tuple[str | None, Value]], list[Value]]:
    """The known outcomes of ``value`` (with branch labels) and the ones unknown until apply."""
    known: list[tuple[str | None, Value]] = []
    unknown: list[Value] = []
    for label, leaf in value.leaves():
        if leaf.is_unknown:
            unknown.append(leaf)
        else:
            known.append((label, leaf))
    return known, unknown


def map_leaves(value: Value, fn: Callable[[Value], Value]) -> Value:
    """Apply ``fn`` to every concrete outcome of ``value``, keeping branch labels."""
    if value.alternatives:
        return Value.branches([Alternative(label=a.label, value=map_leaves(a.value, fn))
                               for a in value.alternatives], expression=value.expression, span=value.span)
    return fn(value)


def single_str(value: Value | None) -> str | None:
    """The value when known and the same on every branch."""
    if value is None:
        return None
    outcomes = {leaf.as_str() for _, leaf in value.leaves()}
    return outcomes.pop() if len(outcomes) == 1 else None


def max_number(value: Value | None) -> tuple[float | None, bool]:
    """The number (the largest over branches, flagged as a bound); None when any branch is unknown."""
    if value is None:
        return None, False
    numbers = [leaf.as_number() for _, leaf in value.leaves()]
    if not numbers or any(n is None for n in numbers):
        return None, False
    known = [n for n in numbers if n is not None]
    return max(known), len(set(known)) > 1


def at_least(version: str, floor: str) -> bool | None:
    """``version >= floor``; None when either is not a dotted number (``auto``)."""
    key, low = version_key(version), version_key(floor)
    if key is None or low is None:
        return None
    return key >= low


def at_most(version: str, ceiling: str) -> bool | None:
    key, high = version_key(version), version_key(ceiling)
    if key is None or high is None:
        return None
    return key <= high
