"""Resolve CloudFormation values (Node trees) into model Values: parameters, mappings, references, conditions.

Never guesses: a parameter default is known (origin PARAMETER_DEFAULT), a value known only at deploy time
stays unknown with its expression (short form, ``!Ref WorkerType``), and ``Fn::If`` on a condition that
depends on parameters keeps both branches, labelled ``Cond`` and ``!Cond``. The intrinsic functions are
``functions.py``; how values built from parts combine is ``combine.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gluelint.model.values import Entry, ObjectValue, Origin, Span, Value
from gluelint.parse.cloudformation.combine import NO_VALUE, dynamic_reference, is_no_value, no_value
from gluelint.parse.cloudformation.functions import HANDLERS
from gluelint.parse.cloudformation.render import render, scalar_text
from gluelint.parse.tree import MAP, SCALAR, SEQ, Node

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
            return self.ref(target, span) if target is not None else self.unknown(node, "invalid Ref")
        handler = HANDLERS.get(name)
        if handler is None:
            return self.unknown(node, f"{name} is evaluated at deploy time")
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

    def unknown(self, node: Node, reason: str, reference: str | None = None) -> Value:
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
