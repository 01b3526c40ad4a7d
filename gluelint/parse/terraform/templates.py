"""Splitting a Terraform template given as text (Terraform JSON strings, heredocs) into literal and ``${...}`` parts."""

from __future__ import annotations

import re

_INTERP = re.compile(r"\$\$\{|%%\{|\$\{|%\{")


def split_template(raw: str) -> list[str | tuple[str]] | None:
    """Literal text and ``(expression,)`` parts of a template; None when it has directives."""
    parts: list[str | tuple[str]] = []
    pos, literal = 0, []
    while True:
        m = _INTERP.search(raw, pos)
        if m is None:
            literal.append(raw[pos:])
            break
        literal.append(raw[pos:m.start()])
        token = m.group(0)
        if token in ("$${", "%%{"):
            literal.append(token[1:])
            pos = m.end()
            continue
        if token == "%{":
            return None
        end = _interp_end(raw, m.end())
        if end < 0:
            literal.append(raw[m.start():])
            break
        text = "".join(literal)
        if text:
            parts.append(text)
        literal = []
        parts.append((raw[m.end():end].strip().strip("~").strip(),))
        pos = end + 1
    text = "".join(literal)
    if text:
        parts.append(text)
    return parts


def _interp_end(raw: str, pos: int) -> int:
    depth, quote = 0, False
    while pos < len(raw):
        ch = raw[pos]
        if quote:
            if ch == "\\":
                pos += 1
            elif ch == '"':
                quote = False
        elif ch == '"':
            quote = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                return pos
            depth -= 1
        pos += 1
    return -1
