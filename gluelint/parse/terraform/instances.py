"""Module instances: where one instance of a module sits (``Instance``) and the scope that binds its variables
(tfvars, defaults, module inputs), locals, module outputs and plan-time data sources (``Scope``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from gluelint.model.values import Entry, ObjectValue, Origin, Span, Value
from gluelint.parse.options import ParseOptions
from gluelint.parse.terraform.bodies import META, eval_body
from gluelint.parse.terraform.evaluator import Evaluator
from gluelint.parse.terraform.expressions import Env, is_known
from gluelint.parse.terraform.mapping import LOCAL_DATA_TYPES
from gluelint.parse.terraform.module import Decl, ModuleDef
from gluelint.parse.terraform.types import convert, parse_type


class Run(Protocol):
    """What an instance needs of the whole parse run (``parse.terraform.run.Run``, which builds the instances)."""

    options: ParseOptions

    def tfvars(self, folder: Path) -> dict[str, Value]: ...
    def module(self, folder: Path, files: list[Path] | None = None) -> ModuleDef: ...
    def local_source(self, module: ModuleDef, call: Decl) -> Path | None: ...

CALL_META = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})
MAX_MODULE_DEPTH = 16


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
        if expr is None or attribute in META or marker in self._busy:
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


def instance_scope(scope: Scope) -> str:
    """``<module instance>@<module folder>``, and for a child module the root that called it: the same module
    called as ``module.glue`` from two root folders gives two instances, not one."""
    own = f"{scope.inst.prefix}@{scope.module.display}"
    if not scope.inst.prefix or not scope.inst.chain:
        return own
    return f"{own}<{scope.run.options.display_path(Path(scope.inst.chain[0]))}"


def call_inputs(scope: Scope, call: Decl, env: Env) -> dict[str, Callable[[], Value]]:
    """The inputs a module call binds, each evaluated on first use in the caller's scope."""
    return {key: _thunk(scope, call, key, env) for key in call.body.attribute_names() if key not in CALL_META}


def _thunk(scope: Scope, call: Decl, key: str, env: Env) -> Callable[[], Value]:
    cache: list[Value] = []

    def value() -> Value:
        if not cache:
            expr = call.body.attribute(key)
            assert expr is not None
            cache.append(scope.evaluator.eval(expr, env))
        return cache[0]

    return value
