"""Resolve CloudFormation values (Node trees) into model Values: parameters, mappings and intrinsics.

Never guesses: a parameter default is known (origin PARAMETER_DEFAULT), a value known only at deploy time
stays unknown with its expression (short form, ``!Ref WorkerType``), and ``Fn::If`` on a condition that
depends on parameters keeps both branches, labelled ``Cond`` and ``!Cond``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gluelint.model.values import Alternative, Entry, ObjectValue, Origin, Span, Value, template_parts
from gluelint.parse.cloudformation.render import render, scalar_text
from gluelint.parse.tree import MAP, SCALAR, SEQ, Node

NO_VALUE = "AWS::NoValue"
MAX_LEAVES = 64
_SUB_VAR = re.compile(r"\$\{([^}]*)\}")
# Most specific first: a combined value takes the weakest origin among its parts.
_ORIGIN_RANK = (Origin.MODULE_INPUT, Origin.PARAMETER_DEFAULT, Origin.CONFIG, Origin.MAPPING)
_LIST_TYPES = ("CommaDelimitedList", "List<")
# What a value known only at deploy time certainly is (model Value.shape): pseudo parameters
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html), and the
# return values of KMS and S3 resources (AWS::KMS::Key: Ref = key id, Arn = key ARN; AWS::KMS::Alias: Ref = alias
# name; AWS::S3::Bucket: Ref = bucket name;
# https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kms-key.html, retrieved
# 2026-12).
PSEUDO_SHAPES = {"AWS::Partition": "partition", "AWS::Region": "region", "AWS::AccountId": "account_id",
                 "AWS::URLSuffix": "url_suffix", "AWS::StackId": "stack_id", "AWS::StackName": "stack_name"}
REF_SHAPES = {"AWS::KMS::Key": "kms_key_id", "AWS::KMS::ReplicaKey": "kms_key_id", "AWS::KMS::Alias": "kms_alias_name",
              "AWS::S3::Bucket": "s3_bucket_name"}
GETATT_SHAPES = {("AWS::KMS::Key", "Arn"): "kms_key_arn", ("AWS::KMS::ReplicaKey", "Arn"): "kms_key_arn",
                 ("AWS::KMS::Key", "KeyId"): "kms_key_id", ("AWS::KMS::ReplicaKey", "KeyId"): "kms_key_id"}
_DYNAMIC = re.compile(r"\{\{resolve:[^}]*\}\}")


@dataclass
class Context:
    file: str
    parameters: dict[str, Node] = field(default_factory=dict)
    # Nested-stack inputs bound by a parent template (origin MODULE_INPUT).
    bound: dict[str, Value] = field(default_factory=dict)
    mappings: Node | None = None
    conditions: dict[str, Node] = field(default_factory=dict)
    resources: dict[str, str] = field(default_factory=dict)
    region: str | None = None
    line_lengths: list[int] = field(default_factory=list)
    # Prefix of this template instance's addresses (a nested stack: ``ParentStack/``), for references.
    address_prefix: str = ""


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


class Resolver:
    def __init__(self, ctx: Context, text_keys: frozenset[str] = frozenset()) -> None:
        self.ctx = ctx
        # Keys whose numeric plain scalars keep their source text (string-typed properties: ``GlueVersion: 3.0``).
        self.text_keys = text_keys
        self._conditions: dict[str, bool | None] = {}
        self._evaluating: set[str] = set()

    # -- spans --------------------------------------------------------------------------------------
    def span(self, node: Node) -> Span:
        end_line, end_column = node.end_line, node.end_column
        lengths = self.ctx.line_lengths
        # A block collection ends at the start of the next line: end it on the last written line instead.
        while end_column == 1 and end_line > node.line and end_line - 2 < len(lengths):
            end_line -= 1
            end_column = lengths[end_line - 1] + 1
            if end_column > 1:
                break
        return Span(file=self.ctx.file, line=node.line, column=node.column, end_line=end_line,
                    end_column=end_column)

    # -- values -------------------------------------------------------------------------------------
    def value(self, node: Node, as_text: bool = False) -> Value:
        if node.kind == SCALAR:
            data = node.value
            if as_text and node.text is not None and isinstance(data, (int, float)) and not isinstance(data, bool):
                data = node.text
            if isinstance(data, str) and "{{resolve:" in data:
                return dynamic_reference(data, self.span(node))
            return Value.of(data, self.span(node))
        if node.kind == SEQ:
            items = [self.value(x, as_text) for x in node.value]
            return Value.of([v for v in items if not is_no_value(v)], self.span(node))
        pairs = node.value
        if len(pairs) == 1:
            key = pairs[0][0].value
            if isinstance(key, str) and (key == "Ref" or key.startswith("Fn::")):
                return self.intrinsic(key, pairs[0][1], node, as_text)
        return Value.of(self.object(node, as_text), self.span(node))

    def object(self, node: Node, as_text: bool = False) -> ObjectValue:
        entries: list[Entry] = []
        for key_node, value_node in node.pairs():
            key = key_node.value if isinstance(key_node.value, str) else scalar_text(key_node)
            value = self.value(value_node, as_text or key in self.text_keys)
            if is_no_value(value):
                continue
            entries.append(Entry(key=key, value=value, key_span=self.span(key_node)))
        return ObjectValue(entries=entries)

    # -- intrinsics ---------------------------------------------------------------------------------
    def intrinsic(self, name: str, arg: Node, node: Node, as_text: bool) -> Value:
        span = self.span(node)
        if name == "Ref":
            target = arg.str_value()
            return self.ref(target, span) if target is not None else self._unknown(node, "invalid Ref")
        handler = _HANDLERS.get(name)
        if handler is None:
            return self._unknown(node, f"{name} is evaluated at deploy time")
        return handler(self, arg, node, span, as_text)

    def ref(self, target: str, span: Span, expression: str | None = None) -> Value:
        expression = expression or f"!Ref {target}"
        ctx = self.ctx
        if target in ctx.bound:
            return ctx.bound[target].model_copy(update={"span": span, "expression": expression})
        if target in ctx.parameters:
            return self._parameter(target, span, expression)
        if target == NO_VALUE:
            return no_value(span)
        if target == "AWS::Region" and ctx.region:
            return Value.of(ctx.region, span, Origin.CONFIG, expression)
        if target.startswith("AWS::"):
            pseudo = Value.unknown(expression, f"pseudo parameter {target} is known at deploy time", span)
            return pseudo.model_copy(update={"shape": PSEUDO_SHAPES.get(target)})
        if target in ctx.resources:
            found = Value.unknown(expression, f"reference to resource {target}", span,
                                  reference=ctx.address_prefix + target)
            return found.model_copy(update={"shape": REF_SHAPES.get(ctx.resources[target])})
        return Value.unknown(expression, f"{target} is not declared in this template", span)

    def _parameter(self, name: str, span: Span, expression: str) -> Value:
        decl = self.ctx.parameters[name]
        default = decl.get("Default")
        if default is None:
            return Value.unknown(expression, f"parameter {name} has no default", span)
        ptype = decl.get("Type")
        type_name = ptype.str_value() or "" if ptype is not None else ""
        if type_name.startswith(_LIST_TYPES) and default.kind == SCALAR:
            parts = scalar_text(default).split(",") if default.value not in (None, "") else []
            items = [Value.of(p, self.span(default), Origin.PARAMETER_DEFAULT) for p in parts]
            return Value.of(items, span, Origin.PARAMETER_DEFAULT, expression)
        resolved = self.value(default, as_text=type_name == "String" or not type_name)
        if not resolved.known:
            return resolved.model_copy(update={"span": span})
        return resolved.model_copy(update={"span": span, "origin": Origin.PARAMETER_DEFAULT,
                                           "expression": expression})

    def get_att(self, resource: str, attribute: str, expression: str, span: Span) -> Value:
        found = Value.unknown(expression, f"attribute {attribute} of {resource}, known after deployment", span,
                              reference=self.ctx.address_prefix + resource if resource else None)
        shape = GETATT_SHAPES.get((self.ctx.resources.get(resource, ""), attribute))
        return found.model_copy(update={"shape": shape}) if shape else found

    def _unknown(self, node: Node, reason: str, reference: str | None = None) -> Value:
        return Value.unknown(render(node), reason, self.span(node), reference=reference)

    # -- conditions ---------------------------------------------------------------------------------
    def condition(self, name: str) -> bool | None:
        """The condition's truth when decidable without deploy-time parameters; None otherwise."""
        if name in self._conditions:
            return self._conditions[name]
        node = self.ctx.conditions.get(name)
        if node is None or name in self._evaluating:
            return None
        self._evaluating.add(name)
        try:
            result = self._truth(node)
        finally:
            self._evaluating.discard(name)
        self._conditions[name] = result
        return result

    def _truth(self, node: Node) -> bool | None:
        if node.kind == SCALAR:
            return bool(node.value) if isinstance(node.value, bool) else None
        if node.kind != MAP or len(node.value) != 1:
            return None
        key, arg = node.value[0][0].value, node.value[0][1]
        if key == "Condition":
            target = arg.str_value()
            return self.condition(target) if target is not None else None
        items = arg.items()
        if key == "Fn::Not" and len(items) == 1:
            inner = self._truth(items[0])
            return None if inner is None else not inner
        if key in ("Fn::And", "Fn::Or"):
            values = [self._truth(x) for x in items]
            want = bool(key == "Fn::Or")
            if want in values:
                return want
            return None if None in values else not want
        if key == "Fn::Equals" and len(items) == 2:
            left, right = (self._decided(self.value(x)) for x in items)
            return None if left is None or right is None else bool(left == right)
        return None

    @staticmethod
    def _decided(value: Value) -> str | None:
        """A scalar that does not depend on deploy-time input (parameters, pseudo parameters)."""
        if not value.known or value.origin in (Origin.PARAMETER_DEFAULT, Origin.MODULE_INPUT):
            return None
        return value.as_str() if value.scalar() is not None else None


# -- intrinsic handlers -----------------------------------------------------------------------------

Handler = Callable[[Resolver, Node, Node, Span, bool], Value]


def _if(r: Resolver, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    items = arg.items()
    name = items[0].str_value() if len(items) == 3 else None
    if name is None:
        return r._unknown(node, "invalid Fn::If")
    truth = r.condition(name)
    if truth is not None:
        return r.value(items[1] if truth else items[2], as_text)
    return Value.branches([Alternative(label=name, value=r.value(items[1], as_text)),
                           Alternative(label=f"!{name}", value=r.value(items[2], as_text))],
                          expression=render(node), span=span)


def _sub(r: Resolver, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    variables: Node | None = None
    template_node = arg
    if arg.kind == SEQ and arg.value:
        template_node = arg.value[0]
        variables = arg.value[1] if len(arg.value) > 1 else None
    template = template_node.str_value()
    if template is None:
        return r._unknown(node, "invalid Fn::Sub")
    parts: list[str | Value] = []
    pos = 0
    for m in _SUB_VAR.finditer(template):
        parts.append(template[pos:m.start()])
        pos = m.end()
        var = m.group(1)
        if var.startswith("!"):
            parts.append("${" + var[1:] + "}")
            continue
        var = var.strip()
        given = variables.get(var) if variables is not None else None
        if given is not None:
            parts.append(r.value(given))
        elif "." in var and var not in r.ctx.parameters:
            resource, attribute = var.split(".", 1)
            parts.append(r.get_att(resource, attribute, f"!GetAtt {var}", span))
        else:
            parts.append(r.ref(var, span))
    parts.append(template[pos:])
    values = [p for p in parts if isinstance(p, Value)]
    if len(values) == 1 and parts[0] == "" and parts[-1] == "" and len(parts) == 3:
        only = values[0]  # "${X}": the value itself (a reference keeps its target)
        return only.model_copy(update={"span": span})

    def build(resolved: list[Value]) -> Value:
        it = iter(resolved)
        text = "".join(p if isinstance(p, str) else (next(it).as_str() or "") for p in parts)
        return _text(text, span, combined_origin(resolved), render(node))

    out = with_parts(combine(values, build, render(node), span, scalars=True), parts)
    if not out.known and not out.alternatives and template.lstrip()[:1] in ("{", "["):
        from gluelint.parse.json_template import decode

        # JSON around deploy-time parts (a state machine DefinitionString, a schedule Input) keeps its shape.
        return out.model_copy(update={"decoded": decode(parts, span)})
    return out


def _join(r: Resolver, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    items = arg.items()
    if len(items) != 2 or items[0].kind != SCALAR:
        return r._unknown(node, "invalid Fn::Join")
    delimiter = scalar_text(items[0])
    listed = r.value(items[1])
    elements = listed.as_list()
    if elements is None:
        return combine([listed], lambda _: r._unknown(node, "Fn::Join of a value that is not a list"),
                       render(node), span)

    def build(resolved: list[Value]) -> Value:
        return _text(delimiter.join(v.as_str() or "" for v in resolved), span, combined_origin(resolved),
                     render(node))

    pieces: list[str | Value] = []
    for i, element in enumerate(elements):
        pieces += [delimiter, element] if i else [element]
    out = with_parts(combine(elements, build, render(node), span, scalars=True), pieces)
    first = elements[0].as_str() if elements else None
    if not out.known and not out.alternatives and first is not None and first.lstrip()[:1] in ("{", "["):
        from gluelint.parse.json_template import decode

        # CDK writes state machine definitions as Fn::Join of JSON text around Refs: keep the structure.
        texts = [p if isinstance(p, str) else (p.as_str() if p.known and not p.alternatives else None)
                 for p in pieces]
        parts = [t if t is not None else p for t, p in zip(texts, pieces, strict=True)]
        return out.model_copy(update={"decoded": decode(parts, span)})
    return out


def _select(r: Resolver, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    items = arg.items()
    if len(items) != 2:
        return r._unknown(node, "invalid Fn::Select")
    index, listed = r.value(items[0]), r.value(items[1])

    def build(resolved: list[Value]) -> Value:
        number = resolved[0].as_number()
        elements = resolved[1].as_list()
        if number is None or elements is None or not math.isfinite(number) or not 0 <= int(number) < len(elements):
            return r._unknown(node, "Fn::Select index out of range")
        return elements[int(number)].model_copy(update={"span": span})

    return combine([index, listed], build, render(node), span)


def _split(r: Resolver, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    items = arg.items()
    if len(items) != 2 or items[0].kind != SCALAR:
        return r._unknown(node, "invalid Fn::Split")
    delimiter = scalar_text(items[0])

    def build(resolved: list[Value]) -> Value:
        text = resolved[0].as_str() or ""
        origin = combined_origin(resolved)
        return Value.of([Value.of(p, span, origin) for p in text.split(delimiter)], span, origin, render(node))

    return combine([r.value(items[1])], build, render(node), span, scalars=True)


def _find_in_map(r: Resolver, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    items = arg.items()
    if len(items) not in (3, 4) or r.ctx.mappings is None:
        return r._unknown(node, "invalid Fn::FindInMap")
    keys = [r.value(x) for x in items[:3]]
    default = items[3].get("DefaultValue") if len(items) == 4 else None

    def build(resolved: list[Value]) -> Value:
        found: Node | None = r.ctx.mappings
        for key in resolved:
            found = found.get(key.as_str() or "") if found is not None else None
        if found is None:
            if default is not None:
                return r.value(default, as_text).model_copy(update={"span": span})
            return r._unknown(node, "key not found in the mapping")
        value = r.value(found, as_text)
        origin = combined_origin([*resolved, value]) if value.known else value.origin
        if origin == Origin.LITERAL:
            origin = Origin.MAPPING
        return value.model_copy(update={"span": span, "origin": origin, "expression": render(node)})

    return combine(keys, build, render(node), span, scalars=True)


def _get_att(r: Resolver, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    parts = [x.str_value() or "" for x in arg.items()] if arg.kind == SEQ else (arg.str_value() or "").split(".", 1)
    resource = parts[0] if parts else ""
    attribute = ".".join(parts[1:])
    return r.get_att(resource, attribute, render(node), span)


def _import(r: Resolver, arg: Node, node: Node, span: Span, as_text: bool) -> Value:
    value = r._unknown(node, "exported by another stack, known at deploy time")
    return value.model_copy(update={"certainly_set": True})


_HANDLERS: dict[str, Handler] = {
    "Fn::If": _if, "Fn::Sub": _sub, "Fn::Join": _join, "Fn::Select": _select, "Fn::Split": _split,
    "Fn::FindInMap": _find_in_map, "Fn::GetAtt": _get_att, "Fn::ImportValue": _import,
}


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


def _text(text: str, span: Span, origin: Origin, expression: str) -> Value:
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
