"""Terraform built-in functions and operators, evaluated when their arguments are known."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from gluelint.model.branches import Branch
from gluelint.model.values import Entry, ObjectValue, Span, Value
from gluelint.parse.terraform.expressions import Env, EvalError, Evaluates, at, is_known
from gluelint.parse.terraform.hcl_reader import HclSource, Node, is_tree, name_of, subtrees


class _Unknown(Exception):
    """An argument is unknown: the call's result is unknown."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def call(ev: Evaluates, node: Node, src: HclSource, env: Env) -> Value:
    ids = [c for c in node.children if is_tree(c, "identifier")]
    name = "::".join(name_of(i) for i in ids)
    args_node = next((c for c in node.children if is_tree(c, "arguments")), None)
    arg_nodes = subtrees(args_node) if args_node is not None else []
    expand = args_node is not None and any(str(t) == "..." for t in args_node.children if not is_tree(t))
    span, text = src.span(node), src.source(node)
    if name == "try":
        for arg in arg_nodes:
            ev.strict += 1
            try:
                value = ev.hcl(arg, src, env)
            except EvalError:
                continue
            finally:
                ev.strict -= 1
            return at(value, span, text) if is_known(value) else value
        return Value.unknown(text, "no try() argument is valid", span)
    if name in ("file", "templatefile") and not expand:
        from gluelint.parse.terraform.files import read_file_call

        return read_file_call(ev, name, arg_nodes, src, env, span, text)
    impl = _FUNCTIONS.get(name)
    if impl is None or expand:
        return Value.unknown(text, f"function {name}() is not evaluated", span)
    args = [ev.hcl(a, src, env) for a in arg_nodes]
    if name == "join" and len(args) == 2 and args[1].is_unknown and args[1].reference is not None:
        # join(",", aws_glue_job.x.*.id): the resource's only instance's value when it has one (the inventory
        # links the reference only then).
        return Value.unknown(text, args[1].reason or "reference", span, reference=args[1].reference)
    if name == "merge":
        return merge(args, span, text)
    try:
        result = impl(*[_plain(a) for a in args])
    except _Unknown as exc:
        if name == "jsonencode" and len(args) == 1:
            # The text waits for apply, the structure does not (a state machine definition naming its job).
            return Value.unknown(text, exc.reason, span).model_copy(update={"decoded": args[0]})
        return Value.unknown(text, exc.reason, span)
    except (TypeError, ValueError, KeyError, IndexError, ZeroDivisionError, AttributeError, OverflowError,
            RecursionError, StopIteration) as exc:
        raise EvalError(f"{name}(): {exc}") from exc
    out = to_value(result, span, text)
    return out.model_copy(update={"decoded": args[0]}) if name == "jsonencode" and len(args) == 1 else out


def merge(args: list[Value], span: Span, text: str) -> Value:
    """Entries of every map in order (duplicates across maps survive; last wins on read)."""
    entries: list[Entry] = []
    unresolved: list[Value] = []
    for arg in args:
        obj = arg.as_object()
        if obj is not None:
            entries.extend(obj.entries)
            unresolved.extend(obj.unresolved)
        elif is_known(arg) and arg.data is None:
            continue
        elif arg.alternatives and all(is_known(a.value) and (a.value.as_object() is not None or a.value.data is None)
                                      for a in arg.alternatives):
            for alt in arg.alternatives:
                alt_obj = alt.value.as_object()
                for e in alt_obj.entries if alt_obj is not None else []:
                    entries.append(e.model_copy(update={"condition": Branch.of(alt.condition)}))
        else:
            unresolved.append(arg)
    return Value.of(ObjectValue(entries=entries, unresolved=unresolved), span, expression=text)


def _plain(value: Value) -> Any:
    """A known value as plain Python; _Unknown when any part is unknown."""
    if not is_known(value):
        raise _Unknown(value.reason or "an argument has alternatives")
    obj = value.as_object()
    if obj is not None:
        if obj.unresolved:
            raise _Unknown("a map has unknown keys")
        return {e.key: _plain(e.value) for e in obj.entries}
    items = value.as_list()
    if items is not None:
        return [_plain(i) for i in items]
    return value.data


def to_value(data: Any, span: Span, text: str | None = None) -> Value:
    if isinstance(data, dict):
        return Value.of(ObjectValue(entries=[Entry(key=str(k), value=to_value(v, span), key_span=span)
                                             for k, v in data.items()]), span, expression=text)
    if isinstance(data, (list, tuple)):
        return Value.of([to_value(i, span) for i in data], span, expression=text)
    return Value.of(data, span, expression=text)


def _tostring(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (str, int, float)):
        return str(v)
    raise TypeError("not a primitive value")


def _tonumber(v: Any) -> int | float:
    if isinstance(v, bool):
        raise TypeError("bool is not a number")
    if isinstance(v, (int, float)):
        return v
    f = float(str(v).strip())
    return int(f) if f.is_integer() and "." not in str(v) else f


def _lookup(m: dict[str, Any], key: Any, *default: Any) -> Any:
    if key in m:
        return m[key]
    if default:
        return default[0]
    raise KeyError(key)


def _coalesce(*vals: Any) -> Any:
    for v in vals:
        if v is not None and v != "":
            return v
    raise ValueError("no non-null argument")


def _format(fmt: str, *args: Any) -> str:
    it = iter(args)

    def one(m: re.Match[str]) -> str:
        verb = m.group(0)
        if verb == "%%":
            return "%"
        value = next(it)
        if verb.endswith("d"):
            return str(int(value))
        if verb.endswith("q"):
            return json.dumps(_tostring(value))
        if verb.endswith("v") and not isinstance(value, (str, int, float, bool)):
            return json.dumps(value, separators=(",", ":"))
        return _tostring(value)

    return re.sub(r"%%|%[-+# 0-9.]*[sdvqft]", one, fmt)


def _replace(s: str, old: str, new: str) -> str:
    if len(old) > 1 and old.startswith("/") and old.endswith("/"):
        return re.sub(old[1:-1], re.sub(r"\$\{?(\d+)\}?", r"\\\1", new), s)
    return s.replace(old, new)


def _jsonencode(v: Any) -> str:
    return json.dumps(v, separators=(",", ":"))


def _element(items: list[Any], index: int) -> Any:
    return items[int(index) % len(items)]


def _toset(items: list[Any]) -> list[Any]:
    return sorted(dict.fromkeys(items), key=lambda x: (str(type(x)), str(x)))


_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "merge": lambda *a: None,
    "lookup": _lookup,
    "coalesce": _coalesce,
    "tostring": _tostring,
    "tonumber": _tonumber,
    "tobool": lambda v: v if isinstance(v, bool) else {"true": True, "false": False}[str(v)],
    "format": _format,
    "lower": lambda s: s.lower(),
    "upper": lambda s: s.upper(),
    "title": lambda s: s.title(),
    "trimspace": lambda s: s.strip(),
    "jsonencode": _jsonencode,
    "jsondecode": json.loads,
    "concat": lambda *ls: [x for lst in ls for x in lst],
    "join": lambda sep, *ls: sep.join(_tostring(x) for lst in ls for x in lst),
    "split": lambda sep, s: s.split(sep),
    "replace": _replace,
    "length": len,
    "keys": lambda m: sorted(m),
    "values": lambda m: [m[k] for k in sorted(m)],
    "contains": lambda lst, v: v in lst,
    "element": _element,
    "toset": _toset,
    "tolist": list,
    "tomap": dict,
    "coalescelist": lambda *ls: next(lst for lst in ls if lst),
    "min": lambda *a: min(a),
    "max": lambda *a: max(a),
    "abs": abs,
    "ceil": lambda x: int(-(-x // 1)),
    "floor": lambda x: int(x // 1),
    "substr": lambda s, o, n: s[o:] if n < 0 else s[o:o + n],
    "startswith": lambda s, p: s.startswith(p),
    "endswith": lambda s, p: s.endswith(p),
    "flatten": lambda lst: [y for x in lst for y in (x if isinstance(x, list) else [x])],
    "distinct": lambda lst: list(dict.fromkeys(lst)),
    "zipmap": lambda k, v: dict(zip(k, v, strict=True)),
}

_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b, ">": lambda a, b: a > b, "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b,
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": lambda a, b: a / b, "%": lambda a, b: a % b,
}


def binary(ev: Evaluates, node: Node, src: HclSource, env: Env) -> Value:
    left_node, term = subtrees(node)
    op_node, right_node = subtrees(term)
    op = name_of(op_node)
    span, text = src.span(node), src.source(node)
    left = ev.hcl(left_node, src, env)
    if op in ("&&", "||") and is_known(left) and isinstance(left.data, bool):
        if left.data == (op == "||"):
            return Value.of(left.data, span, expression=text)
        right = ev.hcl(right_node, src, env)
        return at(right, span, text) if is_known(right) else Value.unknown(text, "operand is unknown", span)
    right = ev.hcl(right_node, src, env)
    try:
        a, b = _plain(left), _plain(right)
    except _Unknown as exc:
        return Value.unknown(text, f"operand is unknown: {exc.reason}", span)
    if op in ("+", "-", "*", "/", "%", "<", ">", "<=", ">="):
        try:
            a, b = _tonumber(a), _tonumber(b)
        except (TypeError, ValueError) as exc:
            raise EvalError(f"{op} needs numbers") from exc
    if op in ("==", "!=") and isinstance(a, (int, float)) and isinstance(b, str):
        b = _maybe_number(b)
    try:
        result = _BINARY[op](a, b)
    except (ZeroDivisionError, TypeError, KeyError, OverflowError) as exc:
        raise EvalError(f"cannot apply {op}") from exc
    return Value.of(result, span, expression=text)


def _maybe_number(s: str) -> Any:
    try:
        return _tonumber(s)
    except (TypeError, ValueError):
        return s


def unary(ev: Evaluates, node: Node, src: HclSource, env: Env) -> Value:
    op = str(node.children[0])
    operand = ev.hcl(node.children[1], src, env)
    span, text = src.span(node), src.source(node)
    if not is_known(operand):
        return Value.unknown(text, "operand is unknown", span)
    if op == "!" and isinstance(operand.data, bool):
        return Value.of(not operand.data, span, expression=text)
    if op == "-" and isinstance(operand.data, (int, float)) and not isinstance(operand.data, bool):
        return Value.of(-operand.data, span, expression=text)
    raise EvalError(f"cannot apply {op}")


def for_expr(ev: Evaluates, node: Node, src: HclSource, env: Env) -> Value:
    """``[for k, v in coll : expr if cond]`` / ``{for k, v in coll : key => value}`` over a known collection."""
    span, text = src.span(node), src.source(node)
    parts = subtrees(node)
    intro, body = parts[0], parts[1:]
    names = [name_of(i) for i in subtrees(intro) if is_tree(i, "identifier")]
    coll_node = [i for i in subtrees(intro) if not is_tree(i, "identifier")][-1]
    cond_node = subtrees(body[-1])[0] if body and is_tree(body[-1], "for_cond") else None
    if any(str(t) == "..." for t in node.children if not is_tree(t)):
        return Value.unknown(text, "grouping for expression is not evaluated", span)
    coll = ev.hcl(coll_node, src, env)
    obj, items = coll.as_object(), coll.as_list()
    if not is_known(coll) or (obj is None and items is None) or (obj is not None and obj.unresolved):
        return Value.unknown(text, f"for expression over an unknown collection: {coll.reason or text}", span)
    pairs = [(Value.of(k), e.value) for k, e in obj.effective().items()] if obj is not None else \
        [(Value.of(i), v) for i, v in enumerate(items or [])]
    out_items: list[Value] = []
    entries: list[Entry] = []
    for key, item in pairs:
        inner = {**env, **({names[0]: key, names[1]: item} if len(names) == 2 else {names[0]: item})}
        if cond_node is not None:
            keep = ev.hcl(cond_node, src, inner)
            if not (is_known(keep) and isinstance(keep.data, bool)):
                return Value.unknown(text, "for expression condition is unknown", span)
            if not keep.data:
                continue
        if is_tree(node, "for_object_expr"):
            k = ev.hcl(body[0], src, inner)
            if not is_known(k) or k.as_str() is None:
                return Value.unknown(text, "for expression key is unknown", span)
            entries.append(Entry(key=str(k.as_str()), value=ev.hcl(body[1], src, inner), key_span=span))
        else:
            out_items.append(ev.hcl(body[0], src, inner))
    if is_tree(node, "for_object_expr"):
        return Value.of(ObjectValue(entries=entries), span, expression=text)
    return Value.of(out_items, span, expression=text)


def splat(ev: Evaluates, node: Node, src: HclSource, env: Env) -> Value:
    """``list[*].attr`` / ``list.*.attr`` over a known list (a known non-list value counts as a one-item list)."""
    span, text = src.span(node), src.source(node)
    base_node, splat_node = node.children[0], node.children[1]
    base = ev.hcl(base_node, src, env)
    if not is_known(base):
        if base.reference is not None:
            return Value.unknown(text, base.reason or "reference", span, reference=base.reference)
        return Value.unknown(text, f"splat over an unknown value: {base.reason}", span)
    items = base.as_list()
    if items is None:
        items = [] if base.data is None else [base]
    steps: list[Any] = []
    for step in subtrees(splat_node):
        if is_tree(step, "get_attr"):
            steps.append(name_of(step.children[-1]))
        elif is_tree(step, "braces_index"):
            steps.append(subtrees(step)[0])
        else:
            return Value.unknown(text, "splat step is not evaluated", span)
    out = [ev.apply(item, steps, src, env, span, text) for item in items]
    return Value.of(out, span, expression=text)
