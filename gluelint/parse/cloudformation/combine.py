"""How CloudFormation values built from parts combine (``Fn::Sub``, ``Fn::Join``, ``Fn::Select``, ...): over
every branch of a value that branches, unknown when a part is known only at deploy time (keeping the literal
parts), with the weakest origin of the parts, and ``AWS::NoValue``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gluelint.model.values import Alternative, Origin, Span, Value, template_parts

NO_VALUE = "AWS::NoValue"
MAX_LEAVES = 64
# Most specific first: a combined value takes the weakest origin among its parts.
_ORIGIN_RANK = (Origin.MODULE_INPUT, Origin.PARAMETER_DEFAULT, Origin.CONFIG, Origin.MAPPING)
_DYNAMIC = re.compile(r"\{\{resolve:[^}]*\}\}")


def no_value(span: Span | None) -> Value:
    return Value(known=True, data=None, expression=NO_VALUE, span=span)


def is_no_value(value: Value) -> bool:
    return value.known and value.data is None and value.expression == NO_VALUE


def combined_origin(values: list[Value]) -> Origin:
    found = {v.origin for v in values}
    for origin in _ORIGIN_RANK:
        if origin in found:
            return origin
    return Origin.LITERAL


def combine(values: list[Value], build: Callable[[list[Value]], Value], expression: str, span: Span,
            scalars: bool = False) -> Value:
    """Apply ``build`` to known values; branch over the first branching one; unknown if any is unknown."""
    for i, value in enumerate(values):
        if value.is_branching:
            assert value.alternatives is not None
            if _leaf_count(values) > MAX_LEAVES:
                return Value.unknown(expression, "too many condition combinations", span)
            alternatives = [Alternative(label=alt.label, value=combine(
                [*values[:i], alt.value, *values[i + 1:]], build, expression, span, scalars))
                for alt in value.alternatives]
            return Value.branches(alternatives, expression=expression, span=span)
    for value in values:
        if not value.known:
            # No ``reference`` here: a string built around a reference is not the referenced name.
            return Value.unknown(expression, value.reason or "unknown", span)
        if scalars and value.scalar() is None and not is_no_value(value):
            return Value.unknown(expression, "not a single value", span)
    return build(values)


def text_value(text: str, span: Span, origin: Origin, expression: str) -> Value:
    if "{{resolve:" in text:
        return dynamic_reference(text, span, expression)
    return Value.of(text, span, origin, expression)


def dynamic_reference(text: str, span: Span, expression: str | None = None) -> Value:
    """A string with ``{{resolve:ssm:...}}`` / ``{{resolve:secretsmanager:...}}``: resolved at deploy time and never
    empty (the deploy fails when the parameter or secret does not exist; an SSM value has at least one
    character), its text around the references literal."""
    value = Value.unknown(expression or text, "dynamic reference, resolved at deploy time", span)
    return with_parts(value, [text])


def with_parts(value: Value, pieces: list[str | Value]) -> Value:
    """An unknown string built by ``Fn::Sub`` / ``Fn::Join`` keeps its literal parts (and is certainly set when
    one of them is not empty); a known or branching value is returned as it is. A dynamic reference's text is
    not literal output: it becomes one unknown part, and the string is certainly set."""
    if not value.is_unknown or value.parts is not None:
        return value
    parts = template_parts(pieces)
    dynamic = any(p.text and "{{resolve:" in p.text for p in parts)
    if dynamic:
        holes = [p for p in parts if p.text is None]
        marked = "".join(p.text if p.text is not None else f"\x00{len([q for q in parts[:i] if q.text is None])}\x01"
                         for i, p in enumerate(parts))
        marked = _DYNAMIC.sub("\x00-\x01", marked)
        rebuilt: list[str | Value] = []
        for i, piece in enumerate(re.split(r"\x00(-|\d+)\x01", marked)):
            if i % 2 == 0:
                rebuilt.append(piece)
            else:
                shape = holes[int(piece)].shape if piece != "-" else None
                rebuilt.append(Value.unknown("", "unknown part").model_copy(update={"shape": shape}))
        parts = template_parts(rebuilt)
    return value.model_copy(update={"parts": parts, "certainly_set": dynamic or any(p.text for p in parts)})


def _leaf_count(values: list[Value]) -> int:
    total = 1
    for v in values:
        total *= max(1, sum(1 for _ in v.leaves()))
    return total
