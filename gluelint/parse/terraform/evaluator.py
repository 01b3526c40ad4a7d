"""Evaluate Terraform expressions (HCL parse trees and Terraform JSON values) into model ``Value``s.

Known values are computed; anything known only at apply time stays unknown with its source text and a
reason; ``c ? a : b`` with an unknown condition becomes labelled alternatives. Never guess.
"""

from __future__ import annotations

from typing import Any

from gluelint.model.values import Alternative, Entry, ObjectValue, Span, Value, template_parts
from gluelint.parse.source import SourceError

# Re-exported: the evaluator's callers name these as part of its interface (they live in ``expressions`` so
# that the built-in functions need not import the evaluator).
from gluelint.parse.terraform.expressions import Env as Env
from gluelint.parse.terraform.expressions import EvalError as EvalError
from gluelint.parse.terraform.expressions import Expr as Expr
from gluelint.parse.terraform.expressions import Resolver as Resolver
from gluelint.parse.terraform.expressions import at as at
from gluelint.parse.terraform.expressions import is_known as is_known
from gluelint.parse.terraform.expressions import json_span as json_span
from gluelint.parse.terraform.functions import binary, call, for_expr, splat, unary
from gluelint.parse.terraform.hcl_reader import HclSource, Node, is_tree, name_of, parse_expression, subtrees, unescape
from gluelint.parse.terraform.provider_shapes import REFERENCE_SHAPES
from gluelint.parse.terraform.syntax import condition_of, flatten, traversal_base
from gluelint.parse.terraform.templates import split_template
from gluelint.parse.tree import MAP, SCALAR, SEQ
from gluelint.parse.tree import Node as JsonNode

_SKIP = {"new_line_or_comment"}


class Evaluator:
    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        # Inside try() / can() an invalid part must fail the whole argument, so that try() moves on.
        self.strict = 0

    # -- entry points -------------------------------------------------------------------------------
    def eval(self, expr: Expr, env: Env | None = None) -> Value:
        env = env or {}
        try:
            if isinstance(expr.src, str):
                return self.json(expr.node, expr.src, env)
            return self.hcl(expr.node, expr.src, env)
        except EvalError as exc:
            span, text = self.where(expr)
            return Value.unknown(text, f"invalid for the known values: {exc}", span)
        except RecursionError:
            span, text = self.where(expr)
            return Value.unknown(text, "expression nested too deeply to evaluate", span)

    def where(self, expr: Expr) -> tuple[Span, str]:
        if isinstance(expr.src, str):
            node: JsonNode = expr.node
            return json_span(node, expr.src), str(node.value) if node.kind == SCALAR else "<json>"
        return expr.src.span(expr.node), expr.src.source(expr.node)

    # -- Terraform JSON ---------------------------------------------------------------------------
    def json(self, node: JsonNode, file: str, env: Env) -> Value:
        span = json_span(node, file)
        if node.kind == MAP:
            entries = [Entry(key=kn.value, value=self.json_part(v, file, env), key_span=json_span(kn, file))
                       for kn, v in node.pairs() if kn.value != "//"]
            return Value.of(ObjectValue(entries=entries), span)
        if node.kind == SEQ:
            return Value.of([self.json_part(i, file, env) for i in node.items()], span)
        if isinstance(node.value, str) and ("${" in node.value or "%{" in node.value):
            return self.template_text(node.value, span, env)
        return Value.of(node.value, span)

    def json_part(self, node: JsonNode, file: str, env: Env) -> Value:
        if self.strict:
            return self.json(node, file, env)
        try:
            return self.json(node, file, env)
        except EvalError as exc:
            span = json_span(node, file)
            text = str(node.value) if node.kind == SCALAR else "<json>"
            return Value.unknown(text, f"invalid for the known values: {exc}", span)

    def template_text(self, raw: str, span: Span, env: Env) -> Value:
        """A template given as text (Terraform JSON strings, heredocs); all parts share ``span``."""
        parts = split_template(raw)
        if parts is None:
            return Value.unknown(f'"{raw}"', "template directive (%{...}) is not evaluated", span)
        if len(parts) == 1 and isinstance(parts[0], tuple):
            inner = parts[0][0]
            value = self.interpolation(inner, span, env)
            return at(value, span, inner)
        values: list[Value | str] = []
        for part in parts:
            values.append(self.interpolation(part[0], span, env) if isinstance(part, tuple) else part)
        out = self.concat(values, f'"{raw}"', span)
        if not out.known and raw.lstrip()[:1] in ("{", "["):
            from gluelint.parse.json_template import decode

            # JSON around unknown parts (a heredoc or templatefile state machine definition) keeps its shape.
            return out.model_copy(update={"decoded": decode(values, span)})
        return out

    def interpolation(self, text: str, span: Span, env: Env) -> Value:
        try:
            tree = parse_expression(text)
        except SourceError as exc:
            return Value.unknown(text, f"cannot parse expression: {exc.message}", span)
        return self.hcl(tree, HclSource(span.file, "x = " + text + "\n", fixed=span), env)

    def concat(self, parts: list[Value | str], text: str, span: Span) -> Value:
        out: list[str] = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
                continue
            s = part.as_str() if is_known(part) else None
            if s is None:
                if is_known(part) and part.data is None:
                    return Value.unknown(text, "template interpolates null", span)
                why = part.reason if part.is_unknown else "a part has alternatives or is not a string"
                unknown = Value.unknown(text, f"template with an unknown part: {why}", span)
                return unknown.model_copy(update={"parts": template_parts(parts)})
            out.append(s)
        templated = any(isinstance(part, Value) for part in parts)
        return Value.of("".join(out), span, expression=text if templated else None)

    # -- HCL ----------------------------------------------------------------------------------------
    def hcl(self, node: Node, src: HclSource, env: Env) -> Value:
        kind = node.data if is_tree(node) else None
        span = src.span(node)
        if kind == "expr_term":
            kids = [c for c in node.children if not (is_tree(c) and c.data in _SKIP)]
            inner = kids[1] if len(kids) == 3 and not is_tree(kids[0]) else kids[0]
            return self.hcl(inner, src, env)
        if kind == "int_lit":
            try:
                return Value.of(int(str(node.children[0])), span)
            except ValueError:  # more digits than int() converts (sys.get_int_max_str_digits)
                return Value.unknown(src.source(node), "number literal too long to evaluate", span)
        if kind == "float_lit":
            return Value.of(float(str(node.children[0])), span)
        if kind == "literal_value":
            word = str(node.children[0])
            return Value.of({"true": True, "false": False}.get(word), span)
        if kind == "string":
            return self.string(node, src, env)
        if kind in ("heredoc_template", "heredoc_template_trim"):
            return self.heredoc(node, src, env, trim=kind == "heredoc_template_trim")
        if kind == "tuple":
            return Value.of([self.part(c, src, env) for c in subtrees(node)], span)
        if kind == "object":
            return self.object(node, src, env)
        if kind in ("identifier", "get_attr_expr_term", "index_expr_term"):
            return self.traversal(node, src, env)
        if kind == "function_call":
            return call(self, node, src, env)
        if kind == "conditional":
            return self.conditional(node, src, env)
        if kind == "binary_op":
            return binary(self, node, src, env)
        if kind == "unary_op":
            return unary(self, node, src, env)
        if kind in ("for_tuple_expr", "for_object_expr"):
            return for_expr(self, node, src, env)
        if kind in ("attr_splat_expr_term", "full_splat_expr_term"):
            return splat(self, node, src, env)
        return Value.unknown(src.source(node), f"{kind or 'expression'} is not evaluated", span)

    def part(self, node: Node, src: HclSource, env: Env) -> Value:
        """One element of a tuple or object: invalid for the known values makes that element unknown, not the
        whole collection (one bad ``--TempDir`` must not hide every other argument)."""
        if self.strict:
            return self.hcl(node, src, env)
        try:
            return self.hcl(node, src, env)
        except EvalError as exc:
            return Value.unknown(src.source(node), f"invalid for the known values: {exc}", src.span(node))

    def string(self, node: Node, src: HclSource, env: Env) -> Value:
        span, text = src.span(node), src.source(node)
        parts: list[Value | str] = []
        for part in (c for c in node.children if is_tree(c, "string_part")):
            inner = part.children[0]
            if not is_tree(inner):
                chars = str(inner)
                parts.append(chars[1:] if chars.startswith(("$${", "%%{")) else unescape(chars))
            elif inner.data == "interpolation":
                parts.append(self.hcl(subtrees(inner)[0], src, env))
            else:
                return Value.unknown(text, "template directive (%{...}) is not evaluated", span)
        if len(parts) == 1 and isinstance(parts[0], Value):
            return at(parts[0], span, text)
        return self.concat(parts, text, span)

    def heredoc(self, node: Node, src: HclSource, env: Env, trim: bool) -> Value:
        raw = str(node.children[0])
        lines = raw.split("\n")
        body = lines[1:-2] if lines and lines[-1] == "" else lines[1:-1]
        if trim:
            indent = min((len(ln) - len(ln.lstrip()) for ln in body if ln.strip()), default=0)
            body = [ln[indent:] for ln in body]
        content = "\n".join(ln.rstrip("\r") for ln in body) + ("\n" if body else "")
        span = src.span(node)
        if "${" in content or "%{" in content:
            return at(self.template_text(content, span, env), span, src.source(node))
        return Value.of(content, span)

    def object(self, node: Node, src: HclSource, env: Env) -> Value:
        entries: list[Entry] = []
        unresolved: list[Value] = []
        for elem in (c for c in node.children if is_tree(c, "object_elem")):
            key_node, value_node = elem.children[0], elem.children[-1]
            key = self.object_key(key_node, src, env)
            value = self.part(value_node, src, env)
            if key is None:
                unresolved.append(value)
            else:
                entries.append(Entry(key=key, value=value, key_span=src.span(key_node)))
        return Value.of(ObjectValue(entries=entries, unresolved=unresolved), src.span(node))

    def object_key(self, key_node: Node, src: HclSource, env: Env) -> str | None:
        inner = key_node.children[0]
        while is_tree(inner, "expr_term") and len(subtrees(inner)) == 1 and len(inner.children) == 1:
            inner = inner.children[0]
        if is_tree(inner, "identifier") or is_tree(inner, "keyword") or is_tree(inner, "literal_value"):
            return name_of(inner)
        if not is_tree(inner) and str(inner) != "(":
            return str(inner)
        key = self.hcl(inner, src, env)
        return key.as_str() if is_known(key) else None

    def conditional(self, node: Node, src: HclSource, env: Env) -> Value:
        cond_node, a_node, b_node = subtrees(node)
        cond = self.hcl(cond_node, src, env)
        span = src.span(node)
        if is_known(cond) and isinstance(cond.data, bool):
            return at(self.hcl(a_node if cond.data else b_node, src, env), span, src.source(node))
        condition = condition_of(cond_node, src)
        return Value.branches([Alternative(condition=condition, value=self.hcl(a_node, src, env)),
                               Alternative(condition=condition.negated(), value=self.hcl(b_node, src, env))],
                              expression=src.source(node), span=span)

    # -- references ---------------------------------------------------------------------------------
    def traversal(self, node: Node, src: HclSource, env: Env) -> Value:
        root, steps = flatten(node)
        span, text = src.span(node), src.source(node)
        base = traversal_base(node)
        if base is not node and not is_tree(base, "identifier"):
            # An index or attribute of a computed value: ``split(".", var.v)[0]``, ``(local.m).k``, ``[1, 2][0]``.
            return self.apply(self.hcl(base, src, env), steps, src, env, span, text)
        names = [s for s in steps if isinstance(s, str)]
        if root in env:
            return self.apply(env[root], steps, src, env, span, text)
        if root == "var" and names and steps[0] == names[0]:
            value = self.resolver.variable(names[0], span)
            return self.apply(value, steps[1:], src, env, span, text)
        if root == "local" and names and steps[0] == names[0]:
            value = self.resolver.local(names[0], span)
            return self.apply(value, steps[1:], src, env, span, text)
        if root == "module" and len(steps) >= 2 and isinstance(steps[0], str) and isinstance(steps[1], str):
            output = self.resolver.module_output(steps[0], steps[1])
            if output is not None:
                return self.apply(output, steps[2:], src, env, span, text)
        if root == "data" and len(steps) >= 2 and isinstance(steps[0], str) and isinstance(steps[1], str):
            rendered = self.resolver.data_source(steps[0], steps[1])
            if rendered is not None:
                return self.apply(rendered, steps[2:], src, env, span, text)
        if root == "path" and names and steps[0] == names[0]:
            known = self.resolver.path_value(names[0])
            if known is not None:  # Terraform knows path.module/root/cwd at plan time
                return self.apply(Value.of(known, span, expression=text), steps[1:], src, env, span, text)
        reasons = {"module": "module output", "data": "data source attribute", "path": "path value",
                   "terraform": "terraform value", "self": "self reference", "count": "count outside count",
                   "each": "each outside for_each"}
        if root in reasons:
            found = Value.unknown(text, f"{reasons[root]}, known only at apply time", span)
            if root == "data" and len(names) >= 3:
                shape = REFERENCE_SHAPES.get((f"data.{names[0]}", names[2]))
                return found.model_copy(update={"shape": shape, "certainly_set": shape is not None})
            return found
        if "_" in root and len(steps) >= 2 and isinstance(steps[0], str) and isinstance(steps[1], str):
            configured = self.resolver.resource_attribute(root, steps[0], steps[1])
            if configured is not None:
                reference = self.resolver.address_prefix() + f"{root}.{steps[0]}"
                value = self.apply(configured, steps[2:], src, env, span, text)
                return value.model_copy(update={"reference": reference}) if not steps[2:] else value
        if "_" in root and len(steps) >= 1 and isinstance(steps[0], str):
            address = f"{root}.{steps[0]}"
            if len(steps) > 1 and not isinstance(steps[1], str):
                index = self.hcl(steps[1], src, env)
                if is_known(index) and index.scalar() is not None:
                    shown = index.as_str() if isinstance(index.data, (int, float)) else f'"{index.as_str()}"'
                    address += f"[{shown}]"
            found = Value.unknown(text, f"reference to {address}, known at apply time", span,
                                  reference=self.resolver.address_prefix() + address)
            attribute = next((s for s in steps[1:] if isinstance(s, str)), None)
            shape = REFERENCE_SHAPES.get((root, attribute or ""))
            return found.model_copy(update={"shape": shape}) if shape else found
        return Value.unknown(text, f"unknown name {root!r}", span)

    def apply(self, value: Value, steps: list[Any], src: HclSource, env: Env, span: Span, text: str) -> Value:
        origin = value.origin
        for step in steps:
            if not is_known(value):
                why = value.reason if value.is_unknown else "it has alternatives"
                return Value.unknown(text, why or "depends on an unknown value", span)
            key: Any = step
            if not isinstance(step, str):
                index = self.hcl(step, src, env)
                if not is_known(index):
                    return Value.unknown(text, "index is not known", span)
                key = index.data
            obj = value.as_object()
            items = value.as_list()
            if obj is not None:
                found = obj.get(str(key).lower() if isinstance(key, bool) else str(key))
                if found is None:
                    if not obj.complete:
                        return Value.unknown(text, "key may come from an unknown part", span)
                    raise EvalError(f"no key {key!r}")
                value = found
            elif items is not None and isinstance(key, (int, float)) and not isinstance(key, bool):
                if not 0 <= int(key) < len(items):
                    raise EvalError(f"index {key} out of range")
                value = items[int(key)]
            else:
                raise EvalError(f"cannot index {value.plain()!r} with {key!r}")
        if is_known(value):
            return at(value, span, text, origin)
        if value.alternatives:
            return at(value, span, origin=origin)
        return Value.unknown(text, _why(value, text), span, reference=value.reference).model_copy(
            update={"shape": value.shape, "parts": value.parts, "certainly_set": value.certainly_set})


def _why(value: Value, text: str) -> str:
    inner = value.reason or "unknown"
    if value.expression and value.expression != text:
        return f"{inner} ({value.expression})"
    return inner
