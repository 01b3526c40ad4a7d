"""python-hcl2 8.x parse trees: parsing one block (or one expression) and reading spans and source text.

We read the Lark tree, not ``hcl2.loads()``: the dict form drops duplicate object keys and has no positions.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from gluelint.model.values import Span
from gluelint.parse.source import SourceError
from gluelint.parse.terraform.source import RawBlock

Node = Any  # lark.Tree or lark.Token


@dataclass(frozen=True)
class HclSource:
    """The text one parse tree came from, and how its positions map into the file.

    ``line0``/``col0`` shift positions of a block parsed on its own back to the file; ``fixed`` pins every
    span to one place (expressions inside a Terraform JSON string).
    """

    file: str
    text: str
    line0: int = 0
    col0: int = 0
    fixed: Span | None = None

    def span(self, node: Node) -> Span:
        if self.fixed is not None:
            return self.fixed
        line, column, end_line, end_column = _positions(node)
        return Span(file=self.file, line=line + self.line0, column=column + (self.col0 if line == 1 else 0),
                    end_line=end_line + self.line0, end_column=end_column + (self.col0 if end_line == 1 else 0))

    def source(self, node: Node) -> str:
        start, end = _offsets(node)
        return self.text[start:end].strip()


def _positions(node: Node) -> tuple[int, int, int, int]:
    meta = getattr(node, "meta", None)
    if meta is not None:
        if getattr(meta, "empty", True):
            return 1, 1, 1, 1
        return meta.line, meta.column, meta.end_line, meta.end_column
    return node.line or 1, node.column or 1, node.end_line or 1, node.end_column or 1


def _offsets(node: Node) -> tuple[int, int]:
    meta = getattr(node, "meta", None)
    if meta is not None:
        if getattr(meta, "empty", True):
            return 0, 0
        return meta.start_pos, meta.end_pos
    return node.start_pos or 0, node.end_pos or 0


def is_tree(node: Node, name: str | None = None) -> bool:
    data = getattr(node, "data", None)
    return data is not None and (name is None or data == name)


def subtrees(node: Node) -> list[Node]:
    return [c for c in node.children if is_tree(c) and c.data != "new_line_or_comment"]


def parse_text(text: str) -> Node:
    """Parse HCL text into a Lark tree; SourceError with the parser's line and column when malformed."""
    import hcl2
    from lark.exceptions import UnexpectedInput

    try:
        return hcl2.parses_to_tree(text)
    except UnexpectedInput as exc:
        message = re.sub(r"\s*at line \d+, column \d+\.?$", "", str(exc).split("\n", 1)[0])
        raise SourceError(f"HCL syntax error: {message}", exc.line if exc.line > 0 else 1,
                          exc.column if exc.column > 0 else 1) from exc
    except RecursionError as exc:
        raise SourceError("HCL nesting too deep to parse") from exc
    except Exception as exc:  # the parser's own failures become parse errors too
        raise SourceError(f"HCL parser failed: {type(exc).__name__}: {exc}") from exc


def parse_block(raw: RawBlock, text: str, file: str) -> tuple[Node, HclSource]:
    """Parse one top-level block found by the scanner; positions are those of the whole file."""
    block_text = text[raw.start:raw.end]
    try:
        tree = parse_text(block_text)
    except SourceError as exc:
        column = exc.column + (raw.column - 1 if exc.line == 1 else 0)
        raise SourceError(exc.message, exc.line + raw.line - 1, column) from exc
    blocks = [c for c in tree.children[0].children if is_tree(c, "block")]
    if len(blocks) != 1:
        raise SourceError("could not read block", raw.line, raw.column)
    return blocks[0], HclSource(file, block_text, raw.line - 1, raw.column - 1)


@functools.lru_cache(maxsize=4096)
def parse_expression(expression: str) -> Node:
    """The parse tree of one expression (the inside of a ``${...}`` in Terraform JSON)."""
    tree = parse_text("x = " + expression + "\n")
    attrs = [c for c in tree.children[0].children if is_tree(c, "attribute")]
    if len(attrs) != 1:
        raise SourceError(f"not one expression: {expression}")
    return attrs[0].children[-1]


@dataclass
class Attr:
    name: str
    key: Node
    expr: Node
    node: Node


@dataclass
class NestedBlock:
    type: str
    labels: list[str]
    body: Node
    node: Node


def body_items(body: Node) -> list[Attr | NestedBlock]:
    """Attributes and nested blocks of a ``body`` tree, in written order."""
    out: list[Attr | NestedBlock] = []
    for child in subtrees(body):
        if child.data == "attribute":
            key = child.children[0]
            out.append(Attr(name_of(key), key, child.children[-1], child))
        elif child.data == "block":
            names = [c for c in child.children if is_tree(c) and c.data in ("identifier", "string", "keyword",
                                                                              "literal_value")]
            inner = next(c for c in child.children if is_tree(c, "body"))
            out.append(NestedBlock(name_of(names[0]), [name_of(n) for n in names[1:]], inner, child))
    return out


def block_body(block: Node) -> Node:
    return next(c for c in block.children if is_tree(c, "body"))


def name_of(node: Node) -> str:
    """The text of an identifier, keyword or literal string (a label)."""
    if is_tree(node, "string"):
        return "".join(str(part.children[0]) for part in node.children if is_tree(part, "string_part"))
    while is_tree(node):
        node = node.children[0]
    return str(node)


_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.S)
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def unescape(chars: str) -> str:
    """Decode HCL string escapes (``\\n``, ``\\"``, ``\\u00e9``)."""
    if "\\" not in chars:
        return chars

    def one(m: re.Match[str]) -> str:
        esc = m.group(1)
        if esc[0] in "uU" and len(esc) > 1:
            return chr(int(esc[1:], 16))
        return _SIMPLE.get(esc, "\\" + esc)

    return _ESCAPE.sub(one, chars)
