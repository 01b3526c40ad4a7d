"""What a module instance declares, as model objects: Glue resources (through ``mapping.build``), script uploads
(``aws_s3_object``) and calls of remote modules that look like they hold Glue (``ExternalModule``, GL005)."""

from __future__ import annotations

from gluelint.model.resources import Resource
from gluelint.model.scripts import S3Upload
from gluelint.model.values import Value
from gluelint.parse.terraform.bodies import eval_body, expand
from gluelint.parse.terraform.expressions import Env, is_known
from gluelint.parse.terraform.instances import CALL_META, Scope, instance_scope
from gluelint.parse.terraform.mapping import UPLOAD_TYPES, build
from gluelint.parse.terraform.module import Decl, FileState, ModuleDef
from gluelint.parse.terraform.module_source import is_local


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
    if text is None or is_local(text):
        return None  # a local folder that is missing is Terraform's init error, not a remote module
    name = call.labels[0] if call.labels else "module"
    inputs = [k for k in call.body.attribute_names() if k not in CALL_META]
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
