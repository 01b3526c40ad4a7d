"""JSON text with interpolated parts (a Terraform heredoc or templatefile, a CloudFormation ``Fn::Sub``) →
a Value tree that keeps every known part and the interpolated Values where they stand.

Terraform and CloudFormation only know the text of such a template once every part is known; the structure
around the parts (a state machine's states, a schedule's input) is known now. No library decodes JSON
around placeholders, so each part is replaced by a marker that is valid JSON, the text is decoded with the
standard library, and the markers are put back as the parts' Values.
"""

from __future__ import annotations

import json
import re
from typing import Any

from gluelint.model.values import Entry, ObjectValue, Span, Value

_MARK = "\u0001gl{}\u0001"
_MARKS = re.compile("\u0001gl(\\d+)\u0001")


def decode(parts: list[str | Value], span: Span, expression: str | None = None) -> Value | None:
    """The decoded structure, or None when the text is not JSON (whatever the parts hold)."""
    text = _marked_text(parts)
    try:
        data = json.loads(text, strict=False)  # the markers are control characters
    except (ValueError, RecursionError):
        return None
    values = [p for p in parts if isinstance(p, Value)]
    return to_value(data, span, values, expression)


def decode_text(text: str, span: Span) -> Value | None:
    return decode([text], span)


def _marked_text(parts: list[str | Value]) -> str:
    """The template with each part replaced by a marker; a part outside a JSON string becomes a string."""
    out: list[str] = []
    in_string = escaped = False
    index = 0
    for part in parts:
        if isinstance(part, Value):
            mark = _MARK.format(index)
            index += 1
            out.append(mark if in_string else f'"{mark}"')
            continue
        for ch in part:
            if escaped:
                escaped = False
            elif ch == "\\" and in_string:
                escaped = True
            elif ch == '"':
                in_string = not in_string
        out.append(part)
    return "".join(out)


def to_value(data: Any, span: Span, parts: list[Value] | None = None, expression: str | None = None) -> Value:
    parts = parts or []
    if isinstance(data, dict):
        return Value.of(ObjectValue(entries=[Entry(key=str(k), value=to_value(v, span, parts, expression),
                                                   key_span=span) for k, v in data.items()]), span)
    if isinstance(data, list):
        return Value.of([to_value(v, span, parts, expression) for v in data], span)
    if isinstance(data, str) and "\u0001" in data:
        return _string(data, span, parts)
    return Value.of(data, span)


def _string(text: str, span: Span, parts: list[Value]) -> Value:
    pieces: list[str | Value] = []
    pos = 0
    for m in _MARKS.finditer(text):
        pieces.append(text[pos:m.start()])
        pieces.append(parts[int(m.group(1))])
        pos = m.end()
    pieces.append(text[pos:])
    pieces = [p for p in pieces if p != ""]
    if len(pieces) == 1 and isinstance(pieces[0], Value):
        return pieces[0]
    shown = "".join(p if isinstance(p, str) else "${" + (p.expression or "?") + "}" for p in pieces)
    out: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        s = piece.as_str()
        if s is None:
            return Value.unknown(shown, piece.reason or "a part is known only at apply time", span)
        out.append(s)
    return Value.of("".join(out), span, expression=shown)
