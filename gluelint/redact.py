"""Secrets never leave gluelint: argument values under secret-looking keys are shown as ``***``."""

from __future__ import annotations

import re
from typing import Any

# Keys whose values are treated as secrets in every output (GL108 flags literal ones).
SECRET_KEY = re.compile(r"pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential", re.IGNORECASE)
MASK = "***"


def is_secret_key(key: str) -> bool:
    return bool(SECRET_KEY.search(key))


def redact_plain(value: Any) -> Any:
    """Mask values of secret-looking keys in a ``Value.plain()`` rendering (objects are [key, value] pairs)."""
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, list) and len(item) == 2 and isinstance(item[0], str):
                key, inner = item
                out.append([key, MASK if is_secret_key(key) and inner not in ("", None) else redact_plain(inner)])
            else:
                out.append(redact_plain(item))
        return out
    if isinstance(value, dict):
        return {k: redact_plain(v) for k, v in value.items()}
    return value
