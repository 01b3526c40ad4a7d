"""CloudFormation templates (YAML and JSON; SAM and CDK output) → FileReports of Glue resources.

Decoder choice: cfn-lint's decoder takes ~0.8 s to import (``cfnlint`` loads its whole rule machinery) and
returns no template at all when a mapping repeats a key — exactly what GL301 must see. So templates are read
by gluelint's own position-keeping readers: PyYAML's libyaml event stream composed into ordered pair lists
(``parse.tree``; short-form tags become long-form intrinsics, aliases capped), and the one JSON reader
(``parse.json_reader``). Both keep every duplicate key and every line/column.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from gluelint.model.resources import FileReport, ParseError, Resource, SourceFormat, Suppression
from gluelint.model.values import Entry, ObjectValue, Origin, Span, Value
from gluelint.parse.cloudformation.intrinsics import Context, Resolver
from gluelint.parse.cloudformation.mapping import build, is_glue_type
from gluelint.parse.cloudformation.render import render
from gluelint.parse.cloudformation.stacks import nested_resources, read_tree, template_format
from gluelint.parse.options import ParseOptions
from gluelint.parse.source import SourceError, read_text
from gluelint.parse.suppressions import parse_directive, scan_comments
from gluelint.parse.tree import MAP, Node, TreeError

# String-typed properties: an unquoted YAML number keeps its text (``GlueVersion: 3.0`` is "3.0", not 3).
TEXT_KEYS = frozenset({
    "GlueVersion", "PythonVersion", "Name", "WorkerType", "Runtime", "ExecutionClass", "Description",
    "DefaultArguments", "NonOverridableArguments", "Arguments", "ScriptLocation", "Schedule", "Type",
    "MaintenanceWindow", "SecurityConfiguration", "Role", "JobName", "CrawlerName", "CatalogId",
    "ConnectionProperties",
})
ARGUMENT_KEYS = ("DefaultArguments", "NonOverridableArguments")


def parse_template(path: Path, options: ParseOptions) -> FileReport:
    """Parse one CloudFormation template; never raises for malformed input (GL001 records instead)."""
    display = options.display_path(path)
    report = FileReport(path=display)
    try:
        text = read_text(path, options.max_file_bytes)
    except SourceError as exc:
        report.errors.append(exc.record(display))
        return report
    report.source_format = template_format(text)
    is_json = report.source_format == SourceFormat.CLOUDFORMATION_JSON
    if not text.strip():
        report.errors.append(_error(display, "empty file: not a CloudFormation template", 1, 1))
        return report
    try:
        root = read_tree(text, report.source_format, options)
    except TreeError as exc:
        report.errors.append(_error(display, f"invalid {'JSON' if is_json else 'YAML'}: {exc.message}",
                                    exc.line, exc.column))
        return report
    if root is None or root.kind != MAP:
        report.errors.append(_error(display, "not a CloudFormation template: the document is not a mapping",
                                    root.line if root else 1, root.column if root else 1))
        return report
    if not is_json:
        report.suppressions = scan_comments(text, display)
    resources = root.get("Resources")
    if resources is None or resources.kind != MAP:
        return report
    ctx = context(root, display, options, text)
    template = TemplateReader(ctx, report.source_format, options)
    report.resources, errors = template.read(resources)
    report.errors.extend(errors)
    nested, nested_errors = nested_resources(template, resources, path, options)
    report.resources.extend(nested)
    report.errors.extend(nested_errors)
    return report


def context(root: Node, display: str, options: ParseOptions, text: str,
            bound: dict[str, Value] | None = None) -> Context:
    def section(name: str) -> dict[str, Node]:
        node = root.get(name)
        return {str(k.value): v for k, v in node.pairs()} if node is not None else {}

    resources: dict[str, str] = {}
    for key, body in (root.get("Resources") or Node(MAP, [], 1, 1)).pairs():
        type_node = body.get("Type")
        resources[str(key.value)] = (type_node.str_value() if type_node is not None else None) or ""
    return Context(file=display, parameters=section("Parameters"), bound=bound or {},
                   mappings=root.get("Mappings"), conditions=section("Conditions"), resources=resources,
                   region=options.region, line_lengths=[len(line) for line in text.split("\n")])


class TemplateReader:
    """Builds the model resources of one template's ``Resources`` section."""

    def __init__(self, ctx: Context, source_format: SourceFormat, options: ParseOptions,
                 address_prefix: str = "", scope: str | None = None) -> None:
        self.ctx = ctx
        self.resolver = Resolver(ctx, TEXT_KEYS)
        self.source_format = source_format
        self.options = options
        self.prefix = address_prefix
        self.scope = scope if scope is not None else ctx.file

    def child(self, root: Node, display: str, text: str, source_format: SourceFormat, bound: dict[str, Value],
              stack_id: str) -> TemplateReader:
        """The reader of a nested stack's template, as an instance of this one."""
        prefix = f"{self.prefix}{stack_id}/"
        ctx = replace(context(root, display, self.options, text, bound=bound), address_prefix=prefix)
        return TemplateReader(ctx, source_format, self.options, address_prefix=prefix,
                              scope=f"{display}@{self.scope}/{stack_id}")

    def read(self, resources: Node) -> tuple[list[Resource], list[ParseError]]:
        found: list[Resource] = []
        errors: list[ParseError] = []
        for logical_id, key, body, bound in self._expand(resources, {}, 0):
            type_node = body.get("Type")
            resource_type = type_node.str_value() if type_node is not None else None
            if resource_type is None or not is_glue_type(resource_type):
                continue
            if len(found) >= self.options.max_resources_per_file:
                errors.append(_error(self.ctx.file, f"more than {self.options.max_resources_per_file} Glue "
                                     "resources; the rest are not checked", key.line, key.column))
                break
            if bound:
                self.resolver = Resolver(replace(self.ctx, bound={**self.ctx.bound, **bound}), TEXT_KEYS)
            try:
                found.append(self.resource(logical_id, key, body, resource_type))
            except RecursionError:
                errors.append(_error(self.ctx.file, "resource nested too deeply to read", key.line, key.column))
            except Exception as exc:
                errors.append(_error(self.ctx.file, f"gluelint could not read resource {logical_id} "
                                     f"({type(exc).__name__}: {exc}); this is a gluelint bug, please report it",
                                     key.line, key.column))
            finally:
                if bound:
                    self.resolver = Resolver(self.ctx, TEXT_KEYS)
        return found, errors

    def _expand(self, resources: Node, bound: dict[str, Value], depth: int
                ) -> Iterator[tuple[str, Node, Node, dict[str, Value]]]:
        """Resources with ``Fn::ForEach`` loops (AWS::LanguageExtensions) expanded.

        A loop over a known collection gives one resource per item; over an unknown collection, one resource
        whose logical id is the template as written and whose loop variable is unknown.
        """
        for key, body in resources.pairs():
            name = str(key.value)
            if not name.startswith("Fn::ForEach::"):
                if body.kind == MAP:
                    yield _substitute(name, bound), key, body, bound
                continue
            parts = body.items()
            ident = parts[0].str_value() if len(parts) == 3 else None
            if ident is None or parts[2].kind != MAP or depth > 5:
                continue
            resolver = Resolver(replace(self.ctx, bound={**self.ctx.bound, **bound}), TEXT_KEYS)
            collection = resolver.value(parts[1])
            items = collection.as_list()
            if items is not None and all(v.as_str() is not None for v in items):
                for item in items:
                    yield from self._expand(parts[2], {**bound, ident: item.model_copy(
                        update={"origin": collection.origin})}, depth + 1)
            else:
                unknown = Value.unknown(f"!Ref {ident}", "an item of a Fn::ForEach collection known at deploy "
                                        f"time ({collection.expression or render(parts[1])})")
                yield from self._expand(parts[2], {**bound, ident: unknown}, depth + 1)

    def resource(self, logical_id: str, key: Node, body: Node, resource_type: str) -> Resource:
        r = self.resolver
        whole = r.span(body)
        span = Span(file=self.ctx.file, line=key.line, column=key.column, end_line=whole.end_line,
                    end_column=whole.end_column)
        properties = _arguments_from_json(self._properties(body.get("Properties")))
        condition_node = body.get("Condition")
        region = Value.of(self.ctx.region, origin=Origin.CONFIG) if self.ctx.region else None
        resource = build(resource_type, self.prefix + logical_id, properties, span=span,
                         source_format=self.source_format, scope=self.scope, region=region,
                         suppressions=self._suppressions(body.get("Metadata")),
                         condition=condition_node.str_value() if condition_node is not None else None,
                         folder=str((self.options.root / self.ctx.file).parent))
        assert resource is not None  # is_glue_type was checked
        return resource

    def _properties(self, node: Node | None) -> ObjectValue:
        if node is None:
            return ObjectValue()
        if node.kind == MAP:
            value = self.resolver.value(node)
            obj = value.as_object()
            if obj is not None:
                return obj
            return ObjectValue(unresolved=[value])
        return ObjectValue(unresolved=[self.resolver.value(node)])

    def _suppressions(self, metadata: Node | None) -> list[Suppression]:
        """``Metadata: {gluelint: {ignore: [{id: GL101, reason: ...}, "GL102 reason"]}}``."""
        gluelint = metadata.get("gluelint") if metadata is not None else None
        ignore = gluelint.get("ignore") if gluelint is not None else None
        if ignore is None:
            return []
        found: list[Suppression] = []
        for item in ignore.items() if ignore.kind != MAP else [ignore]:
            span = self.resolver.span(item)
            if item.kind == MAP:
                ids = item.get("id") or item.get("ids") or item.get("rules")
                raw = [x.value for x in ids.items()] if ids is not None and ids.items() else (
                    [ids.value] if ids is not None else [])
                rules = [r.strip() for v in raw if isinstance(v, str) for r in v.split(",") if r.strip()]
                reason = item.get("reason")
                text = reason.value if reason is not None and isinstance(reason.value, str) else ""
                if rules:
                    found.append(Suppression(rules=rules, reason=text.strip(), span=span))
            elif isinstance(item.value, str):
                directive = parse_directive(f"gluelint:ignore {item.value}", span)
                if directive is not None:
                    found.append(directive)
        return found


def _substitute(name: str, bound: dict[str, Value]) -> str:
    """A ForEach output key with ``${Id}`` / ``&{Id}`` (alphanumerics only) replaced by known items."""
    for ident, value in bound.items():
        text = value.as_str()
        if text is not None:
            name = name.replace("${" + ident + "}", text)
            name = name.replace("&{" + ident + "}", "".join(c for c in text if c.isalnum()))
    return name


def _arguments_from_json(properties: ObjectValue) -> ObjectValue:
    """``DefaultArguments`` written as a JSON string → an ordered object (duplicate keys kept)."""
    changed = False
    entries: list[Entry] = []
    for entry in properties.entries:
        if entry.key in ARGUMENT_KEYS:
            parsed = _json_object(entry.value)
            if parsed is not None:
                entry = entry.model_copy(update={"value": parsed})
                changed = True
        entries.append(entry)
    return ObjectValue(entries=entries, unresolved=properties.unresolved) if changed else properties


def _json_object(value: Value) -> Value | None:
    text = value.scalar()
    if not isinstance(text, str) or not text.lstrip().startswith("{"):
        return None
    try:
        pairs = json.loads(text, object_pairs_hook=lambda p: p)
    except ValueError:
        return None
    if not isinstance(pairs, list):
        return None
    return _from_json(pairs, value.span, value.origin)


def _from_json(data: object, span: Span | None, origin: Origin) -> Value:
    if isinstance(data, list) and all(isinstance(p, tuple) and len(p) == 2 for p in data):
        return Value.of(ObjectValue(entries=[Entry(key=k, value=_from_json(v, span, origin), key_span=span)
                                             for k, v in data]), span, origin)
    if isinstance(data, list):
        return Value.of([_from_json(x, span, origin) for x in data], span, origin)
    assert data is None or isinstance(data, (str, int, float, bool))
    return Value.of(data, span, origin)


def _error(file: str, message: str, line: int, column: int) -> ParseError:
    return ParseError(span=Span(file=file, line=line, column=column, end_line=line, end_column=column),
                      message=message)
