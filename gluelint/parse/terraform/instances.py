"""Module instances: variables bound (tfvars, defaults, module inputs), count/for_each expanded, bodies built."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from gluelint.model.resources import Resource
from gluelint.model.scripts import S3Upload
from gluelint.model.values import Entry, ObjectValue, Origin, Span, Value
from gluelint.parse.options import ParseOptions
from gluelint.parse.terraform.evaluator import Evaluator
from gluelint.parse.terraform.expressions import Env, Expr, is_known, json_span
from gluelint.parse.terraform.hcl_reader import Attr, HclSource, NestedBlock, name_of
from gluelint.parse.terraform.json_reader import JNode
from gluelint.parse.terraform.mapping import LOCAL_DATA_TYPES, UPLOAD_TYPES, build
from gluelint.parse.terraform.module import Body, Decl, FileState, ModuleDef
from gluelint.parse.terraform.types import convert, parse_type


class Run(Protocol):
    """What an instance needs of the whole parse run (``parse.terraform.Run``, which builds the instances)."""

    options: ParseOptions

    def tfvars(self, folder: Path) -> dict[str, Value]: ...
    def module(self, folder: Path, files: list[Path] | None = None) -> ModuleDef: ...
    def local_source(self, module: ModuleDef, call: Decl) -> Path | None: ...

_META = frozenset({"count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"})
_CALL_META = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})
MAX_MODULE_DEPTH = 16
# More instances than this (count = 1e9) are treated like an unknown count: one resource, gated.
MAX_INSTANCES = 1000


@dataclass
class Instance:
    """Where one module instance sits: address prefix, bound inputs, inherited region and gate."""

    prefix: str
    inputs: dict[str, Callable[[], Value]] | None
    region: Value | None
    chain: tuple[str, ...]
    condition: str | None


class Scope:
    """Resolves ``var.*`` and ``local.*`` inside one module instance."""

    def __init__(self, run: Run, module: ModuleDef, inst: Instance) -> None:
        self.run, self.module, self.inst = run, module, inst
        self.evaluator = Evaluator(self)
        self._vars: dict[str, Value] = {}
        self._locals: dict[str, Value] = {}
        self._busy: set[str] = set()
        self._children: dict[str, Scope | None] = {}
        self._outputs: dict[tuple[str, str], Value] = {}

    def address_prefix(self) -> str:
        return f"{self.inst.prefix}." if self.inst.prefix else ""

    def module_folder(self) -> str:
        """The module's folder on disk (``path.module``; where file() and templatefile() read)."""
        return str(self.module.folder)

    def root_folder(self) -> Path:
        """The root module's folder: Terraform's working directory, which relative paths start from."""
        return Path(self.inst.chain[0]) if self.inst.chain else self.module.folder

    def path_value(self, name: str) -> str | None:
        """``path.module`` (relative to the root, as Terraform gives it), ``path.root`` and ``path.cwd``."""
        root = self.root_folder()
        if name == "module":
            return Path(os.path.relpath(self.module.folder, root)).as_posix()
        if name == "root":
            return "."
        if name == "cwd":
            return root.as_posix()
        return None

    def variable(self, name: str, span: Span) -> Value:
        if name not in self._vars:
            self._vars[name] = self._variable(name)
        return self._vars[name]

    def _variable(self, name: str) -> Value:
        decl = self.module.variable(name)
        if self.inst.inputs is not None:
            if name in self.inst.inputs:
                return _convert(decl, _origin(self.inst.inputs[name](), Origin.MODULE_INPUT), self.evaluator)
        else:
            tfvars = self.run.tfvars(self.module.folder)
            if name in tfvars:
                return _convert(decl, _origin(tfvars[name], Origin.TFVARS), self.evaluator)
        if decl is None:
            return Value.unknown(f"var.{name}", f"variable {name!r} is not declared in this module")
        default = decl.body.attribute("default")
        if default is None:
            where = "module input not set" if self.inst.inputs is not None else "set at plan time"
            return Value.unknown(f"var.{name}", f"variable {name!r} has no default ({where})")
        return _convert(decl, _origin(self.evaluator.eval(default), Origin.VARIABLE_DEFAULT), self.evaluator)

    def module_output(self, call: str, output: str) -> Value | None:
        """The value of ``module.<call>.<output>`` for a local module called once (no count / for_each); None
        when it cannot be read here (then it stays an output known at apply time)."""
        key = (call, output)
        if key in self._outputs:
            return self._outputs[key]
        child = self._child(call)
        if child is None:
            return None
        expr = child.module.output(output)
        if expr is None:
            return Value.unknown(f"module.{call}.{output}", f"module {call!r} declares no output {output!r}")
        marker = f"module.{call}.{output}"
        if marker in self._busy:
            return Value.unknown(marker, f"output {output!r} of module {call!r} refers to itself")
        self._busy.add(marker)
        try:
            value = child.evaluator.eval(expr)
        finally:
            self._busy.discard(marker)
        self._outputs[key] = value
        return value

    def _child(self, call_name: str) -> Scope | None:
        if call_name in self._children:
            return self._children[call_name]
        found: Scope | None = None
        call = next((c for c in self.module.calls if c.labels[:1] == [call_name]), None)
        if call is not None and call.body.attribute("count") is None and call.body.attribute("for_each") is None \
                and len(self.inst.chain) < MAX_MODULE_DEPTH:
            target = self.run.local_source(self.module, call)
            if target is not None and str(target) not in self.inst.chain:
                prefix = f"{self.address_prefix()}module.{call_name}"
                inst = Instance(prefix, call_inputs(self, call, {}), self.inst.region, (*self.inst.chain, str(target)),
                                self.inst.condition)
                found = Scope(self.run, self.run.module(target), inst)
        self._children[call_name] = found
        return found

    def resource_attribute(self, resource_type: str, name: str, attribute: str) -> Value | None:
        """A resource argument written in the configuration with a known value (``aws_s3_bucket.b.bucket`` for
        ``bucket = "data"``): Terraform knows it at plan time. Only for a resource without count / for_each and
        a known scalar (computed attributes such as ``arn`` are not written, so they stay unknown)."""
        decl = self.module.resource(resource_type, name)
        if decl is None or decl.body.attribute("count") is not None or decl.body.attribute("for_each") is not None:
            return None
        expr = decl.body.attribute(attribute)
        marker = f"{resource_type}.{name}.{attribute}"
        if expr is None or attribute in _META or marker in self._busy:
            return None
        self._busy.add(marker)
        try:
            value = self.evaluator.eval(expr)
        finally:
            self._busy.discard(marker)
        return value if is_known(value) and value.scalar() is not None else None

    def data_source(self, data_type: str, name: str) -> Value | None:
        """A data source the provider renders at plan time from known arguments (a policy document)."""
        decl = self.module.data(data_type, name)
        if decl is not None and data_type in LOCAL_DATA_TYPES:
            return self._local_file(decl)
        if decl is None or data_type != "aws_iam_policy_document":
            return None
        marker = f"data.{data_type}.{name}"
        if marker in self._busy:
            return None
        self._busy.add(marker)
        try:
            from gluelint.parse.terraform.policy_document import render_policy_document

            return render_policy_document(eval_body(self.evaluator, decl.body, {}), decl)
        finally:
            self._busy.discard(marker)

    def _local_file(self, decl: Decl) -> Value | None:
        """``data "local_file"``: its ``filename`` is what the configuration writes (the content is not read)."""
        expr = decl.body.attribute("filename")
        if expr is None:
            return None
        filename = self.evaluator.eval(expr)
        return Value.of(ObjectValue(entries=[Entry(key="filename", value=filename)]), filename.span)

    def local(self, name: str, span: Span) -> Value:
        if name in self._locals:
            return self._locals[name]
        expr = self.module.local(name)
        if expr is None:
            return Value.unknown(f"local.{name}", f"local {name!r} is not defined in this module")
        if name in self._busy:
            return Value.unknown(f"local.{name}", f"local {name!r} refers to itself")
        self._busy.add(name)
        try:
            value = _origin(self.evaluator.eval(expr), Origin.LOCAL)
        finally:
            self._busy.discard(name)
        self._locals[name] = value
        return value


def _convert(decl: Decl | None, value: Value, ev: Evaluator) -> Value:
    """``value`` converted to the variable's declared ``type`` as Terraform does (primitives converted, optional
    object attributes defaulted)."""
    type_expr = decl.body.attribute("type") if decl is not None else None
    if type_expr is None or not is_known(value):
        return value
    spec = parse_type(type_expr)
    return convert(value, spec, ev) if spec is not None else value


def _origin(value: Value, origin: Origin) -> Value:
    return value.model_copy(update={"origin": origin}) if is_known(value) else value


def _index_object(**values: Value) -> Value:
    return Value.of(ObjectValue(entries=[Entry(key=k, value=v) for k, v in values.items()]))


def expand(ev: Evaluator, body: Body, env: Env) -> list[tuple[str, Env, str | None]]:
    """(address suffix, env, gate) per instance of a block with count / for_each; [] when count = 0."""
    count, for_each = body.attribute("count"), body.attribute("for_each")
    if count is not None:
        value = ev.eval(count, env)
        n = value.as_number() if is_known(value) else None
        if n is not None and math.isfinite(n) and n <= MAX_INSTANCES:
            return [(f"[{i}]", {**env, "count": _index_object(index=Value.of(i))}, None) for i in range(int(n))]
        unknown = Value.unknown("count.index", "count is not known")
        return [("", {**env, "count": _index_object(index=unknown)}, ev.where(count)[1])]
    if for_each is not None:
        value = ev.eval(for_each, env)
        pairs = _collection(value)
        if pairs is not None and len(pairs) <= MAX_INSTANCES:
            return [(f'["{key}"]', {**env, "each": _index_object(key=Value.of(key), value=item)}, None)
                    for key, item in pairs]
        unknown = Value.unknown("each", "for_each is not known")
        return [("", {**env, "each": _index_object(key=unknown, value=unknown)}, ev.where(for_each)[1])]
    return [("", env, None)]


def _collection(value: Value) -> list[tuple[str, Value]] | None:
    """Key/value pairs of a known map, or of a known set/list of strings (keys are the items)."""
    if not is_known(value):
        return None
    obj = value.as_object()
    if obj is not None:
        return None if obj.unresolved else [(k, e.value) for k, e in obj.effective().items()]
    items = value.as_list()
    if items is None or not all(is_known(i) and i.as_str() is not None for i in items):
        return None
    keys = list(dict.fromkeys(str(i.as_str()) for i in items))
    by_key = {str(i.as_str()): i for i in items}
    return [(k, by_key[k]) for k in keys]


def eval_body(ev: Evaluator, body: Body, env: Env, top: bool = True) -> ObjectValue:
    entries: list[Entry] = []
    if body.node is not None:
        for key, key_node, value_node in body.node.pairs:
            if key == "//" or (top and key in _META):
                continue
            key_span = json_span(key_node, body.file.display)
            if key == "dynamic":
                for label, label_node, spec in _json_objects(value_node):
                    entries.extend(_dynamic(ev, label, json_span(label_node, body.file.display),
                                            Body(body.file, node=spec), env))
                continue
            if value_node.kind == "object" and value_node.get("dynamic") is not None:
                inner = eval_body(ev, Body(body.file, node=value_node), env, top=False)
                value = Value.of(inner, json_span(value_node, body.file.display))
            else:
                value = ev.eval(Expr(value_node, body.file.display), env)
            if not (is_known(value) and value.data is None):
                entries.append(Entry(key=key, value=value, key_span=key_span))
        return ObjectValue(entries=entries)
    src = body.src
    assert src is not None
    for item in body.items or []:
        if isinstance(item, Attr):
            if top and item.name in _META:
                continue
            value = ev.eval(Expr(item.expr, src), env)
            if not (is_known(value) and value.data is None):
                entries.append(Entry(key=item.name, value=value, key_span=src.span(item.key)))
        elif item.type == "dynamic" and item.labels:
            inner_body = Body(body.file, items=_items(item), src=src)
            entries.extend(_dynamic(ev, item.labels[0], src.span(item.node), inner_body, env))
        elif not (top and item.type in _META):
            inner = eval_body(ev, Body(body.file, items=_items(item), src=src), env, top=False)
            entries.append(Entry(key=item.type, value=Value.of(inner, src.span(item.node)),
                                 key_span=_head_span(src, item)))
    return ObjectValue(entries=entries)


def _items(block: NestedBlock) -> list[Attr | NestedBlock]:
    from gluelint.parse.terraform.hcl_reader import body_items

    return body_items(block.body)


def _head_span(src: HclSource, block: NestedBlock) -> Span:
    return src.span(block.node.children[0])


def _json_objects(node: JNode) -> list[tuple[str, JNode, JNode]]:
    out: list[tuple[str, JNode, JNode]] = []
    for obj in node.items if node.kind == "array" else [node]:
        for key, key_node, value in obj.pairs:
            for item in value.items if value.kind == "array" else [value]:
                if item.kind == "object" and key != "//":
                    out.append((key, key_node, item))
    return out


def _dynamic(ev: Evaluator, label: str, span: Span, spec: Body, env: Env) -> list[Entry]:
    """A ``dynamic "label"`` block: one entry per element of a known collection, else one unknown entry."""
    for_each = spec.attribute("for_each")
    iterator = label
    it_expr = spec.attribute("iterator")
    if it_expr is not None:
        iterator = name_of(it_expr.node) if not isinstance(it_expr.src, str) else str(it_expr.node.value)
    content = _content(spec)
    if for_each is None or content is None:
        return [Entry(key=label, value=Value.unknown(label, "dynamic block without for_each/content", span),
                      key_span=span)]
    collection = ev.eval(for_each, env)
    pairs = _dynamic_pairs(collection)
    if pairs is None:
        text = ev.where(for_each)[1]
        reason = collection.reason or "for_each is not known"
        return [Entry(key=label, value=Value.unknown(text, f"dynamic block over an unknown collection: {reason}",
                                                     span), key_span=span)]
    out = []
    for key, item in pairs:
        inner_env = {**env, iterator: _index_object(key=key, value=item)}
        out.append(Entry(key=label, value=Value.of(eval_body(ev, content, inner_env, top=False), span),
                         key_span=span))
    return out


def _dynamic_pairs(value: Value) -> list[tuple[Value, Value]] | None:
    if not is_known(value):
        return None
    obj = value.as_object()
    if obj is not None:
        return None if obj.unresolved else [(Value.of(k), e.value) for k, e in obj.effective().items()]
    items = value.as_list()
    return None if items is None else [(Value.of(i), item) for i, item in enumerate(items)]


def _content(spec: Body) -> Body | None:
    if spec.node is not None:
        found = spec.node.get("content")
        if found is not None and found.kind == "array" and found.items:
            found = found.items[0]
        return Body(spec.file, node=found) if found is not None and found.kind == "object" else None
    for item in spec.items or []:
        if isinstance(item, NestedBlock) and item.type == "content":
            return Body(spec.file, items=_items(item), src=spec.src)
    return None


def instance_scope(scope: Scope) -> str:
    """``<module instance>@<module folder>``, and for a child module the root that called it: the same module
    called as ``module.glue`` from two root folders gives two instances, not one."""
    own = f"{scope.inst.prefix}@{scope.module.display}"
    if not scope.inst.prefix or not scope.inst.chain:
        return own
    return f"{own}<{scope.run.options.display_path(Path(scope.inst.chain[0]))}"


def build_upload(scope: Scope, decl: Decl, suffix: str, env: Env) -> S3Upload:
    """An ``aws_s3_object`` as an upload: its bucket and key as written, its local source file."""
    body = eval_body(scope.evaluator, decl.body, env)

    def text(name: str) -> tuple[str | None, str | None]:
        value = body.get(name)
        if value is None:
            return None, None
        known = value.as_str() if is_known(value) else None
        expression = value.expression if not is_known(value) else None
        return known, (expression.strip().removeprefix("${").removesuffix("}") if expression else None)

    bucket, bucket_expression = text("bucket")
    key, key_expression = text("key")
    source, _ = text("source")
    absolute = str(scope.root_folder() / source) if source else None
    return S3Upload(address=f"{scope.address_prefix()}{decl.labels[0]}.{decl.labels[1]}{suffix}",
                    scope=instance_scope(scope), bucket=bucket, bucket_expression=bucket_expression, key=key,
                    key_expression=key_expression, source=absolute, span=decl.span)


def uploads_of(module: ModuleDef) -> list[Decl]:
    """The module's ``aws_s3_object`` / ``aws_s3_bucket_object`` declarations (where job scripts come from)."""
    return [d for rtype in sorted(UPLOAD_TYPES) for d in module.other_resources(rtype) if d.labels[0] == rtype]


def build_resource(scope: Scope, decl: Decl, suffix: str, env: Env, gate: str | None,
                   region: Value | None) -> Resource | None:
    rtype, name = decl.labels[0], decl.labels[1]
    body = eval_body(scope.evaluator, decl.body, env)
    address = f"{scope.address_prefix()}{rtype}.{name}{suffix}"
    file: FileState = decl.body.file
    return build(rtype, address, body, span=decl.span, source_format=file.fmt,
                 scope=instance_scope(scope), region=region,
                 suppressions=decl.suppressions, condition=join_gates(scope.inst.condition, gate))


def join_gates(*gates: str | None) -> str | None:
    """One gate, or several as ``(a) && (b)`` (a module call's count and the resource's own)."""
    found = [g for g in gates if g]
    if len(found) <= 1:
        return found[0] if found else None
    return " && ".join(f"({g})" for g in found)


def call_inputs(scope: Scope, call: Decl, env: Env) -> dict[str, Callable[[], Value]]:
    """The inputs a module call binds, each evaluated on first use in the caller's scope."""
    return {key: _thunk(scope, call, key, env) for key in call.body.attribute_names() if key not in _CALL_META}


def _thunk(scope: Scope, call: Decl, key: str, env: Env) -> Callable[[], Value]:
    cache: list[Value] = []

    def value() -> Value:
        if not cache:
            expr = call.body.attribute(key)
            assert expr is not None
            cache.append(scope.evaluator.eval(expr, env))
        return cache[0]

    return value


# Inputs of a module call that only a module creating Glue resources takes (Glue job / crawler arguments).
_GLUE_INPUTS = frozenset({"glue_version", "worker_type", "number_of_workers", "script_location", "command",
                          "default_arguments", "security_configuration", "job_name", "crawler_name",
                          "max_capacity", "glue_job_name", "execution_class"})


def external_module(scope: Scope, call: Decl) -> Resource | None:
    """A module call whose source is not a local folder, when it looks like it holds Glue resources (its source,
    its name or its inputs say Glue): an ExternalModule, reported once (GL005)."""
    from gluelint.model.resources import ExternalModule

    source_expr = call.body.attribute("source")
    source = scope.evaluator.eval(source_expr) if source_expr is not None else None
    text = source.as_str() if source is not None else None
    if text is None or text.startswith(("./", "../")):
        return None  # a local folder that is missing is Terraform's init error, not a remote module
    name = call.labels[0] if call.labels else "module"
    inputs = [k for k in call.body.attribute_names() if k not in _CALL_META]
    glue_inputs = [k for k in inputs if k in _GLUE_INPUTS or "glue" in k.lower()]
    if "glue" not in text.lower() and "glue" not in name.lower() and not glue_inputs:
        return None
    instances = expand(scope.evaluator, call.body, {})
    count = None if any(gate for _, _, gate in instances) else len(instances)
    largest = None
    for key in inputs:
        expr = call.body.attribute(key)
        value = scope.evaluator.eval(expr) if expr is not None else None
        items = _objects_in(value) if value is not None else None
        if items is not None and (largest is None or items > largest):
            largest = items
    version_expr = call.body.attribute("version")
    file: FileState = call.body.file
    return ExternalModule(address=f"{scope.address_prefix()}module.{name}", scope=instance_scope(scope),
                          resource_type="module", source_format=file.fmt, span=call.span, name=Value.of(name),
                          source=source, version=scope.evaluator.eval(version_expr) if version_expr else None,
                          instances=count, glue_inputs=glue_inputs, largest_collection=largest,
                          suppressions=call.suppressions, condition=scope.inst.condition)


def _objects_in(value: Value) -> int | None:
    """How many objects a known list or map of objects holds (``jobs = [{...}, {...}]``)."""
    if not is_known(value):
        return None
    items = value.as_list()
    if items is None:
        obj = value.as_object()
        items = [e.value for e in obj.effective().values()] if obj is not None and obj.complete else None
    if not items or not all(i.as_object() is not None for i in items):
        return None
    return len(items)
