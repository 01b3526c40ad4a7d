"""Look-alike characters (rules/glue/lookalikes.toml): Unicode dashes, quotes and spaces that read as ASCII."""

from __future__ import annotations

import unicodedata
from functools import cache

from pydantic import BaseModel, ConfigDict

from gluelint.knowledge import load_data


class Group(BaseModel):
    model_config = ConfigDict(frozen=True)

    ascii: str
    label: str
    chars: list[str]


@cache
def _table() -> dict[str, Group]:
    groups = [Group(**g) for g in load_data("gluelint.rules", "glue/lookalikes.toml")["group"]]
    return {ch: g for g in groups for ch in g.chars}


def lookalikes_in(text: str) -> list[str]:
    """The look-alike characters in ``text``, each once, as ``U+2011 NON-BREAKING HYPHEN``."""
    table = _table()
    found = dict.fromkeys(ch for ch in text if ch in table)
    return [f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED')}" for ch in found]


def to_ascii(text: str) -> str:
    """``text`` with every look-alike replaced by the ASCII character it imitates."""
    table = _table()
    return "".join(table[ch].ascii if ch in table else ch for ch in text)
