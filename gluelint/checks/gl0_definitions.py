"""GL0 definition checks: required attributes (GL002), attributes the resource type does not have (GL003), and
Terraform modules gluelint cannot read (GL005).

Both read rules/glue/attributes.toml; a missing attribute is reported at the resource, an unknown one at its key.
"""

from __future__ import annotations

from collections.abc import Iterator

from gluelint.checks.context import RuleContext
from gluelint.checks.nearest import nearest
from gluelint.checks.registry import Result, check
from gluelint.knowledge.fields import field_table
from gluelint.knowledge.security import ResourceAttributes, attributes
from gluelint.model.resources import ExternalModule, Resource, SourceFormat

_TERRAFORM = (SourceFormat.TERRAFORM_HCL, SourceFormat.TERRAFORM_JSON, SourceFormat.TERRAFORM_PLAN)
# Keys a parser may keep for constructs that are not attributes: TF JSON comments, dynamic blocks.
_NOT_ATTRIBUTES = ("//", "dynamic")


def _written(resource: Resource) -> set[str]:
    return {k.path for k in resource.attribute_keys}


@check("GL002", Resource)
def missing_required_attribute(resource: Resource, ctx: RuleContext) -> Iterator[Result]:
    spec = attributes().get(resource.resource_type)
    if spec is None:
        return
    written = _written(resource)
    dynamic = any(p.split(".")[0] == "dynamic" for p in written)
    for path in spec.required:
        if path in written:
            continue
        parent = path.rpartition(".")[0]
        if parent and parent not in written:
            continue  # the enclosing block is missing (reported itself when required) or absent by choice
        if dynamic:
            yield ctx.undecided(path, None)
            continue
        where = f"the `{parent}` block of " if parent else ""
        leaf = path.rpartition(".")[2]
        yield ctx.finding(None, f"{where}{resource.address} has no `{leaf}`, which {resource.resource_type} "
                                f"requires: add it (the resource cannot be created without it)",
                          attribute=field_table().model_field(resource.resource_type, path) or path)


@check("GL003", Resource)
def unknown_resource_attribute(resource: Resource, ctx: RuleContext) -> Iterator[Result]:
    spec = attributes().get(resource.resource_type)
    if spec is None or not spec.attributes:
        return  # no schema to judge by (cfn-lint's data unreadable): say nothing rather than guess
    allowed = set(spec.attributes)
    if resource.source_format in _TERRAFORM:
        meta = attributes().terraform
        allowed |= set(meta.meta_arguments)
        if resource.source_format is SourceFormat.TERRAFORM_PLAN:
            allowed |= set(meta.computed)
    flagged: list[str] = []
    for ref in resource.attribute_keys:
        path = ref.path
        if path in allowed or path.startswith(_NOT_ATTRIBUTES):
            continue
        if any(path.startswith(f"{bad}.") for bad in flagged):
            continue  # inside a block already reported
        parent = path.rpartition(".")[0]
        if parent and parent not in allowed:
            continue  # a meta-argument block (lifecycle) or a free-form map
        flagged.append(path)
        removed = spec.removed.get(path)
        if removed is not None:
            yield ctx.finding(ref.span, f"{resource.address}: `{path}` was removed from {resource.resource_type} in "
                                        f"AWS provider {removed.removed_in}; Terraform rejects it as an unsupported "
                                        f"argument: use {removed.use_instead}", attribute=path)
            continue
        hint = _did_you_mean(path, spec, allowed)
        yield ctx.finding(ref.span, f"{resource.address}: `{path}` is not an attribute of {resource.resource_type}"
                                    f"{hint}; the deploy will reject it or the setting is lost: fix or remove it",
                          attribute=path)


def _did_you_mean(path: str, spec: ResourceAttributes, allowed: set[str]) -> str:
    parent, _, leaf = path.rpartition(".")
    siblings = {a.rpartition(".")[2]: a for a in allowed if a.rpartition(".")[0] == parent}
    close = nearest(leaf, siblings)
    return f" (did you mean `{siblings[close]}`?)" if close is not None else ""


@check("GL005", ExternalModule)
def non_local_module(module: ExternalModule, ctx: RuleContext) -> Iterator[Result]:
    source = module.source.as_str() if module.source is not None else None
    version = module.version.as_str() if module.version is not None else None
    shown = f'"{source}"' + (f" (version {version})" if version else "")
    if module.instances is None:
        count = "an unknown number of instances (count / for_each known only at apply time)"
    else:
        count = f"{module.instances} instance{'s' if module.instances != 1 else ''}"
    n = module.largest_collection
    holds = f"{count}, up to {n} each (one per object passed in)" if n is not None else \
        f"{count}, at least one each"
    yield ctx.finding(None, f"{module.address} comes from {shown}, which is not a local folder: gluelint cannot "
                            f"check or price the Glue resources it may hold ({holds}): run gluelint on the "
                            "module's own code or call a local copy", attribute="source")
