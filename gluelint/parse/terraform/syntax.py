"""Reading HCL expression syntax the evaluator needs: where a traversal starts, its steps, and the condition of
``cond ? a : b`` as written."""

from __future__ import annotations

import re
from typing import Any

from gluelint.model.branches import Condition
from gluelint.parse.terraform.hcl_reader import HclSource, Node, is_tree, name_of, subtrees


def traversal_base(node: Node) -> Node:
    """The expression a traversal starts from: ``var`` in ``var.a["b"]``, the call in ``split(",", s)[0]``."""
    while (is_tree(node, "expr_term") and len(node.children) == 1) or is_tree(node, "get_attr_expr_term") \
            or is_tree(node, "index_expr_term"):
        node = node.children[0]
    return node


def flatten(node: Node) -> tuple[str, list[Any]]:
    """``var.a["b"].c`` → ("var", ["a", <index node>, "c"])."""
    steps: list[Any] = []
    while True:
        if is_tree(node, "expr_term") and len(node.children) == 1:
            node = node.children[0]
        elif is_tree(node, "get_attr_expr_term"):
            inner, get_attr = node.children[0], node.children[1]
            steps.append(name_of(get_attr.children[-1]))
            node = inner
        elif is_tree(node, "index_expr_term"):
            inner, index = node.children[0], node.children[1]
            if is_tree(index, "braces_index"):
                steps.append(subtrees(index)[0])
            else:  # legacy short index ``.0``
                steps.append(int(re.sub(r"\D", "", name_of(index)) or 0))
            node = inner
        else:
            break
    steps.reverse()
    return name_of(node), steps


def condition_of(node: Node, src: HclSource) -> Condition:
    """The condition of ``cond ? a : b`` as written; ``!x ? a : b`` is ``x`` not holding, so that it branches
    together with every other value on ``x`` (and ``x ? …`` beside ``!x ? …`` are recognised as complementary)."""
    inner = node
    while is_tree(inner) and len(inner.children) == 1 and is_tree(inner.children[0]):
        inner = inner.children[0]
    if is_tree(inner, "unary_op") and str(inner.children[0]) == "!":
        return Condition(_unwrapped(src.source(inner.children[1])), holds=False)
    return Condition(src.source(node))


def _unwrapped(text: str) -> str:
    """``(a && b)`` as ``a && b`` when the outer parentheses enclose the whole text."""
    if not (text.startswith("(") and text.endswith(")")):
        return text
    depth = 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and i < len(text) - 1:
            return text  # ``(a) || (b)``: the first parenthesis closes early
    return text[1:-1].strip()
