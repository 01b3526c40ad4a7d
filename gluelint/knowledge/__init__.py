"""Glue facts read from the shipped data files (``rules/`` and ``pricing/``); code never repeats them."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_data(package: str, name: str) -> dict[str, Any]:
    """Parse one TOML data file shipped in ``gluelint.rules`` or ``gluelint.pricing``."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def version_key(version: str) -> tuple[int, ...] | None:
    """``"4.0"`` → ``(4, 0)``; None when it is not a dotted number (``auto``, a typo)."""
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError:
        return None
