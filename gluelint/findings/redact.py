"""Secrets never leave gluelint: values under secret-looking keys, map values that look like passwords (USERNAME
and PASSWORD swapped), and values matching a known credential format (AWS access key id, PEM private key, JDBC URL
password), are shown as ``***`` in every output.

The key markers and credential formats are data (rules/glue/security.toml ``[secrets]``), shared with GL108.
"""

from __future__ import annotations

import re
from typing import Any

from gluelint.model.branches import Branch, Condition, When

MASK = "***"


def _facts() -> Any:
    from gluelint.knowledge.security import security

    return security().secrets


def is_secret_key(key: str) -> bool:
    return bool(_facts().is_secret_key(key))


def redact_text(text: str) -> str:
    """``text`` with every credential-format match masked (only the secret part of a JDBC URL)."""
    if not text:
        return text
    for pattern in _facts().pattern:
        text = pattern.compiled.sub(lambda m: _mask_match(m), text)
    return text


def _mask_match(match: re.Match[str]) -> str:
    whole = match.group(0)
    if "secret" not in match.re.groupindex or match.group("secret") is None:
        return MASK
    start, end = match.span("secret")
    offset = match.start(0)
    return whole[: start - offset] + MASK + whole[end - offset:]


def redact_plain(value: Any) -> Any:
    """Mask a ``Value.plain()`` rendering (objects are [key, value] pairs): secret keys' values and credentials."""
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            if isinstance(item, list) and len(item) == 2 and isinstance(item[0], str):
                key, inner = item
                secret = is_secret_key(key) or (isinstance(inner, str) and _facts().password_like.matches(inner))
                out.append([key, MASK if secret and inner not in ("", None) else redact_plain(inner)])
            else:
                out.append(redact_plain(item))
        return out
    if isinstance(value, dict):
        return {k: redact_plain(v) for k, v in value.items()}
    if isinstance(value, str):
        return redact_text(value)
    return value


def _redact_finding(f: Any) -> Any:
    """The finding with credential formats masked in its message and in the conditions of its branch."""
    update: dict[str, Any] = {}
    if redact_text(f.message) != f.message:
        update["message"] = redact_text(f.message)
    if f.branch is not None:
        branch = When(tuple(Branch(tuple(Condition(redact_text(c.expression), c.holds) for c in b.conditions))
                            for b in f.branch.any_of))
        if branch != f.branch:
            update["branch"] = branch
    return f.model_copy(update=update) if update else f


def redact_results(findings: list[Any], undecided: list[Any]) -> tuple[list[Any], list[Any]]:
    """Findings and undecided records with credential formats masked in their messages / expressions."""
    out_f = [_redact_finding(f) for f in findings]
    out_u = [u if not u.expression or redact_text(u.expression) == u.expression
             else u.model_copy(update={"expression": redact_text(u.expression)}) for u in undecided]
    return out_f, out_u
