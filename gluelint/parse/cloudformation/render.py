"""One-line short-form rendering of CloudFormation values (``!If [IsProd, 10, 2]``) for expressions."""

from __future__ import annotations

import json
import re

from gluelint.parse.tree import SCALAR, SEQ, Node

_PLAIN = re.compile(r"^[A-Za-z_/][A-Za-z0-9_./:@-]*$")


def render(node: Node, limit: int = 200) -> str:
    text = _render(node, 0)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _render(node: Node, depth: int) -> str:
    if depth > 20:
        return "..."
    if node.kind == SCALAR:
        return _render_scalar(node)
    if node.kind == SEQ:
        return "[" + ", ".join(_render(x, depth + 1) for x in node.value) + "]"
    pairs = node.value
    if len(pairs) == 1 and isinstance(pairs[0][0].value, str):
        key, arg = pairs[0][0].value, pairs[0][1]
        if key == "Ref" or key.startswith("Fn::") or key == "Condition":
            tag = "!" + key.removeprefix("Fn::")
            if key == "Fn::GetAtt" and arg.kind == SEQ:
                return f"{tag} " + ".".join(scalar_text(x) for x in arg.value if x.kind == SCALAR)
            return f"{tag} {_render(arg, depth + 1)}"
    return "{" + ", ".join(f"{_render(k, depth + 1)}: {_render(v, depth + 1)}" for k, v in pairs) + "}"


def _render_scalar(node: Node) -> str:
    value = node.value
    if isinstance(value, str):
        return value if _PLAIN.match(value) else json.dumps(value)
    if node.text is not None:
        return node.text
    return json.dumps(value)


def scalar_text(node: Node) -> str:
    value = node.value
    if node.text is not None and not isinstance(value, str):
        return node.text
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
