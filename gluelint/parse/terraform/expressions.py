"""What the Terraform evaluator and the built-in functions share: the evaluation error, the environment of
bound names, an unevaluated expression, and how a value is re-located to where it is used.

A module of its own so that ``functions`` (the built-ins) and ``evaluator`` (which calls them) do not import
each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from gluelint.model.values import Origin, Span, Value
from gluelint.parse.terraform.hcl_reader import HclSource, Node
from gluelint.parse.tree import Node as JsonNode


class EvalError(Exception):
    """The expression is invalid for known inputs (missing key, bad index): ``try()`` moves on."""


@dataclass(frozen=True)
class Expr:
    """An unevaluated expression: an HCL tree node with its source, or a Terraform JSON node with its file."""

    node: Any
    src: HclSource | str

    @property
    def file(self) -> str:
        return self.src if isinstance(self.src, str) else self.src.file


Env = dict[str, Value]


class Resolver(Protocol):
    def variable(self, name: str, span: Span) -> Value: ...
    def local(self, name: str, span: Span) -> Value: ...
    def address_prefix(self) -> str: ...
    def module_output(self, call: str, output: str) -> Value | None: ...
    def data_source(self, data_type: str, name: str) -> Value | None: ...
    def resource_attribute(self, resource_type: str, name: str, attribute: str) -> Value | None: ...
    def path_value(self, name: str) -> str | None: ...


def at(value: Value, span: Span | None, expression: str | None = None, origin: Origin | None = None) -> Value:
    """``value`` re-located to where it is used."""
    update: dict[str, Any] = {"span": span}
    if expression is not None:
        update["expression"] = expression
    if origin is not None:
        update["origin"] = origin
    return value.model_copy(update=update)


def is_known(value: Value) -> bool:
    return value.known and not value.alternatives


def json_span(node: JsonNode, file: str) -> Span:
    return Span(file=file, line=node.line, column=node.column, end_line=node.end_line, end_column=node.end_column)




class Evaluates(Protocol):
    """What a built-in needs of the evaluator: the value of an argument's expression, a traversal applied,
    a template given as text, and the resolver of the names in scope."""

    resolver: Resolver
    strict: int  # inside try() / can(): an invalid part fails the whole argument

    def hcl(self, node: Node, src: HclSource, env: Env) -> Value: ...
    def template_text(self, raw: str, span: Span, env: Env) -> Value: ...
    def apply(self, base: Value, steps: list[Any], src: HclSource, env: Env, span: Span, text: str) -> Value: ...
