"""Shapes of values known only at deploy / apply time (rules/glue/shapes.toml): what a check can decide about a
value whose text is not known yet — a declared key's ARN, a bucket name, ``s3://${bucket}/tmp/``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from pydantic import BaseModel, ConfigDict

from gluelint.knowledge import load_data
from gluelint.model.values import TemplatePart, Value

# More combinations of examples than this: not tried (undecided).
MAX_COMBINATIONS = 256


class Shape(BaseModel):
    model_config = ConfigDict(frozen=True)

    examples: list[str]
    colon_free: bool
    max_length: int | None = None


@cache
def shapes() -> dict[str, Shape]:
    return {name: Shape(**row) for name, row in load_data("gluelint.rules", "glue/shapes.toml")["shapes"].items()}


def possible_texts(value: Value) -> list[str] | None:
    """Texts standing for every form an unknown value can take (each unknown part takes each example of its
    shape); None when a part has no known shape."""
    table = shapes()
    if value.shape is not None:
        return list(table[value.shape].examples) if value.shape in table else None
    if not value.parts or any(p.text is None and p.shape not in table for p in value.parts):
        return None
    texts = [""]
    for part in value.parts:
        options = [part.text] if part.text is not None else table[part.shape or ""].examples
        if len(texts) * len(options) > MAX_COMBINATIONS:
            return None
        texts = [t + o for t in texts for o in options]
    return texts


def decide(value: Value, holds: Callable[[str], bool]) -> bool | None:
    """Whether ``holds`` is true of an unknown value: True / False when every form it can take agrees."""
    texts = possible_texts(value)
    return agree(holds(t) for t in texts) if texts is not None else None


def agree(outcomes: Iterable[bool]) -> bool | None:
    found = set(outcomes)
    return found.pop() if len(found) == 1 else None


def literal_start(parts: list[TemplatePart]) -> str:
    """The text before the first unknown part that may hold a ':' (colon-free shapes take their first example,
    so an ARN's field positions after them stay right)."""
    table = shapes()
    out = ""
    for part in parts:
        if part.text is not None:
            out += part.text
        elif part.shape in table and table[part.shape].colon_free:
            out += table[part.shape].examples[0]
        else:
            break
    return out


def max_length(value: Value) -> int | None:
    """The most bytes an unknown value can take; None when unbounded."""
    table = shapes()
    if value.shape is not None:
        return table[value.shape].max_length if value.shape in table else None
    if not value.parts:
        return None
    total = 0
    for part in value.parts:
        if part.text is not None:
            total += len(part.text.encode())
            continue
        bound = table[part.shape].max_length if part.shape in table else None
        if bound is None:
            return None
        total += bound
    return total
