"""S3 locations as Glue reads them: ``classify_s3`` (valid, malformed, or not S3 at all) for a literal, and
for a value known only at apply time, shared by the value (GL305) and location (GL312) checks.

A module of its own, registering no check, so importing it never changes the order checks register in."""

from __future__ import annotations

import re

from gluelint.knowledge import shapes
from gluelint.model.values import Value

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
S3_LIKE_SCHEMES = ("s3", "s3a", "s3n")


def classify_s3(text: str) -> tuple[str, str]:
    """("ok" | "malformed" | "not-s3", why) for one S3 location."""
    m = _SCHEME.match(text.strip())
    if m is None:
        return "not-s3", "it is not a URI (no `s3://` scheme)"
    scheme = m.group(1)
    if scheme.lower() not in S3_LIKE_SCHEMES:
        return "not-s3", f"its scheme is `{scheme}:`, not `s3:`"
    if scheme != "s3":
        return "malformed", f"the scheme `{scheme}://` must be lower-case `s3://`"
    if not text.startswith("s3://"):
        return "malformed", "it must start with `s3://`"
    if any(ch.isspace() for ch in text):
        return "malformed", "it contains whitespace"
    bucket, _, key = text[len("s3://"):].partition("/")
    if not bucket:
        return "malformed", "the bucket name is empty"
    if key.startswith("/") or "//" in key:
        return "malformed", "the key contains `//` (an empty path segment)"
    return "ok", ""


def unknown_s3_problem(value: Value) -> tuple[str, str] | None:
    """classify_s3 of a location known only at apply time: decided when every form its shape allows agrees, or
    when its literal parts are already malformed (a space, an upper-case scheme); None when undecided."""
    texts = shapes.possible_texts(value)
    if texts is not None:
        found = {classify_s3(t) for t in texts}
        if len({state for state, _ in found}) == 1:
            return sorted(found)[0]
        return None
    parts = value.parts or []
    if any(p.text is not None and any(ch.isspace() for ch in p.text) for p in parts):
        return "malformed", "its written text contains whitespace"
    start = parts[0].text if parts and parts[0].text is not None else ""
    if "://" in start:
        state, why = classify_s3(start.split("://", 1)[0] + "://x")
        if state != "ok":
            return state, why
    return None


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]
