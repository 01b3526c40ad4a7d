"""The one near-miss matcher ("did you mean ...?") of every check: difflib's similarity ratio (standard library),
after an exact match that ignores case and ``-``/``_``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# How alike a word must be to a known name to be suggested, for names with no cutoff of their own.
DEFAULT_CUTOFF = 0.6


def loose(text: str) -> str:
    """The form two spellings of one name share: lower-case, ``-`` as ``_``."""
    return text.lower().replace("-", "_")


def nearest_all(word: str, candidates: Iterable[str], cutoff: float = DEFAULT_CUTOFF) -> list[str]:
    """Every candidate ``word`` is nearest to: the one equal to it but for case and ``-``/``_``, else those of
    the highest similarity at or above ``cutoff`` (several when the typo is ambiguous)."""
    names = list(dict.fromkeys(candidates))
    same = [n for n in names if loose(n) == loose(word)]
    if same:
        return same[:1]
    target = word.lower()
    scored = [(difflib.SequenceMatcher(None, target, n.lower()).ratio(), n) for n in names]
    best = max((score for score, _ in scored), default=0.0)
    return [n for score, n in scored if score >= cutoff and score == best]


def nearest(word: str, candidates: Iterable[str], cutoff: float = DEFAULT_CUTOFF) -> str | None:
    found = nearest_all(word, candidates, cutoff)
    return found[0] if found else None
