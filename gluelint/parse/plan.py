"""Terraform plans (``terraform show -json plan.out``) → FileReports of Glue resources.

``planned_values`` holds every resource with its fully resolved values; what is known only after apply is
absent there and flagged in ``resource_changes[].change.after_unknown``. Spans point into the plan JSON
(a plan's ``configuration`` has no source positions). References of unknown values are taken from
``configuration`` expressions so the inventory can still link a job to its security configuration.
"""

from __future__ import annotations

from pathlib import Path

from gluelint.model.resources import FileReport, ParseError, Resource, SourceFormat
from gluelint.model.values import Entry, ObjectValue, Origin, Span, Value
from gluelint.parse.json_reader import load_json
from gluelint.parse.options import ParseOptions
from gluelint.parse.source import SourceError, read_text
from gluelint.parse.terraform.mapping import build, is_glue_type
from gluelint.parse.tree import MAP, SCALAR, SEQ, Node, TreeError

AFTER_APPLY = "(known after apply)"


def parse_plan(path: Path, options: ParseOptions) -> FileReport:
    """Parse one plan JSON file; never raises for malformed input (GL001 records instead)."""
    display = options.display_path(path)
    report = FileReport(path=display, source_format=SourceFormat.TERRAFORM_PLAN)
    try:
        text = read_text(path, options.max_file_bytes)
        root = load_json(text, options.max_nesting_depth)
    except TreeError as exc:  # before SourceError, its base: a syntax error says what it is
        report.errors.append(_error(display, f"invalid JSON: {exc.message}", exc.line, exc.column))
        return report
    except SourceError as exc:
        report.errors.append(exc.record(display))
        return report
    planned = root.get("planned_values")
    if root.kind != MAP or planned is None or root.get("format_version") is None:
        report.errors.append(_error(display, "not a Terraform plan: no format_version / planned_values",
                                    root.line, root.column))
        return report
    reader = PlanReader(root, display, options)
    report.region = reader.region.as_str() if reader.region is not None else None
    module = planned.get("root_module")
    if module is not None:
        reader.module(module, 0)
    else:  # terraform show -json always writes it; without it no resource can be read
        report.errors.append(_error(display, "not a Terraform plan: planned_values has no root_module",
                                    planned.line, planned.column))
    report.resources = reader.resources
    report.errors.extend(reader.errors)
    return report


class PlanReader:
    def __init__(self, root: Node, display: str, options: ParseOptions) -> None:
        self.file = display
        self.options = options
        self.resources: list[Resource] = []
        self.errors: list[ParseError] = []
        self.unknown: dict[str, Node] = {}
        for change in _items(root.get("resource_changes")):
            address = _text(change.get("address"))
            detail = change.get("change")
            after = detail.get("after_unknown") if detail is not None else None
            if address and after is not None:
                self.unknown[address] = after
        self.configuration = root.get("configuration")
        self.region = self._provider_region()
        self.addresses: set[str] = set()
        self._collect_addresses(root.get("planned_values"))

    def _span(self, node: Node) -> Span:
        return Span(file=self.file, line=node.line, column=node.column, end_line=node.end_line,
                    end_column=node.end_column)

    def _provider_region(self) -> Value | None:
        node = _path(self.configuration, "provider_config", "aws", "expressions", "region", "constant_value")
        if node is not None and isinstance(node.value, str):
            return Value.of(node.value, self._span(node), Origin.PLAN)
        if self.options.region:
            return Value.of(self.options.region, origin=Origin.CONFIG)
        return None

    def _collect_addresses(self, planned: Node | None) -> None:
        stack = [planned.get("root_module")] if planned is not None else []
        while stack:
            module = stack.pop()
            if module is None:
                continue
            self.addresses.update(a for r in _items(module.get("resources")) if (a := _text(r.get("address"))))
            stack.extend(_items(module.get("child_modules")))

    def module(self, module: Node, depth: int) -> None:
        for resource in _items(module.get("resources")):
            if len(self.resources) >= self.options.max_resources_per_file:
                self.errors.append(_error(self.file, f"more than {self.options.max_resources_per_file} Glue "
                                          "resources; the rest are not checked", resource.line, resource.column))
                return
            self.resource(resource, _text(module.get("address")))
        if depth < 50:
            for child in _items(module.get("child_modules")):
                self.module(child, depth + 1)

    def resource(self, node: Node, module_address: str) -> None:
        rtype = _text(node.get("type"))
        address = _text(node.get("address"))
        if _text(node.get("mode")) == "data" or not is_glue_type(rtype) or not address:
            return
        values = node.get("values")
        expressions = self._expressions(module_address, rtype, _text(node.get("name")))
        body = self.body(values, self.unknown.get(address), expressions, module_address, node)
        built = build(rtype, address, body, span=self._span(node), source_format=SourceFormat.TERRAFORM_PLAN,
                      scope=self.file, region=self.region)
        if built is not None:
            self.resources.append(built)

    def body(self, values: Node | None, unknown: Node | None, expressions: Node | None, module_address: str,
             owner: Node) -> ObjectValue:
        entries: list[Entry] = []
        seen: set[str] = set()
        for key_node, value_node in values.pairs() if values is not None else []:
            key = str(key_node.value)
            seen.add(key)
            after = unknown.get(key) if unknown is not None else None
            if after is not None and after.value is True:
                entries.append(self._unknown_entry(key, key_node, expressions, module_address))
                continue
            if value_node.value is None or (value_node.kind == SEQ and not value_node.value):
                continue  # unset attribute / absent block
            value = self.value(value_node, after)
            entries.append(Entry(key=key, value=value, key_span=self._span(key_node)))
        for key_node, flag in unknown.pairs() if unknown is not None else []:
            key = str(key_node.value)
            if key not in seen and flag.value is True:
                entries.append(self._unknown_entry(key, owner, expressions, module_address))
        return ObjectValue(entries=entries)

    def value(self, node: Node, unknown: Node | None) -> Value:
        span = self._span(node)
        if node.kind == SCALAR:
            return Value.of(node.value, span, Origin.PLAN)
        if node.kind == SEQ:
            flags = unknown.items() if unknown is not None and unknown.kind == SEQ else []
            items = [self._item(x, flags[i] if i < len(flags) else None) for i, x in enumerate(node.value)]
            return Value.of(items, span, Origin.PLAN)
        return Value.of(self.body(node, unknown, None, "", node), span, Origin.PLAN)

    def _item(self, node: Node, unknown: Node | None) -> Value:
        if unknown is not None and unknown.value is True:
            return Value.unknown(AFTER_APPLY, "known after apply", self._span(node))
        return self.value(node, unknown)

    def _unknown_entry(self, key: str, where: Node, expressions: Node | None, module_address: str) -> Entry:
        reference = self._reference(expressions.get(key) if expressions is not None else None, module_address)
        value = Value.unknown(AFTER_APPLY, "known after apply", self._span(where), reference=reference)
        return Entry(key=key, value=value, key_span=self._span(where))

    # -- configuration ------------------------------------------------------------------------------
    def _expressions(self, module_address: str, rtype: str, name: str) -> Node | None:
        """The configuration ``expressions`` of a resource (modules followed through ``module_calls``)."""
        module = _path(self.configuration, "root_module")
        for part in module_address.split(".")[1::2] if module_address else []:
            module = _path(module, "module_calls", part.split("[")[0], "module")
        for decl in _items(module.get("resources") if module is not None else None):
            if _text(decl.get("type")) == rtype and _text(decl.get("name")) == name:
                return decl.get("expressions")
        return None

    def _reference(self, expression: Node | None, module_address: str) -> str | None:
        """The address of the resource an expression refers to (``aws_glue_security_configuration.x``)."""
        prefix = f"{module_address}." if module_address else ""
        for ref in _items(expression.get("references") if expression is not None else None):
            text = _text(ref)
            parts = text.split(".")
            if len(parts) < 2 or parts[0] in ("var", "local", "module", "data", "each", "count", "path"):
                continue
            candidate = prefix + ".".join(parts[:2])
            if candidate in self.addresses:
                return candidate
            indexed = sorted(a for a in self.addresses if a.startswith(candidate + "["))
            return indexed[0] if len(indexed) == 1 else candidate
        return None


def _items(node: Node | None) -> list[Node]:
    return node.items() if node is not None else []


def _text(node: Node | None) -> str:
    return node.value if node is not None and isinstance(node.value, str) else ""


def _path(node: Node | None, *keys: str) -> Node | None:
    for key in keys:
        if node is None or node.kind != MAP:
            return None
        node = node.get(key)
    return node


def _error(file: str, message: str, line: int, column: int) -> ParseError:
    return ParseError(span=Span(file=file, line=line, column=column, end_line=line, end_column=column),
                      message=message)
