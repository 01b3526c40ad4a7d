"""Nested stacks: ``AWS::CloudFormation::Stack`` whose ``TemplateURL`` names a template found locally.

The child's Glue resources are read again as an instance of the parent: the parent's ``Parameters`` are bound
to the child's parameters (origin MODULE_INPUT), addresses are prefixed with the stack's logical id
(``DataStack/IngestJob``) and references resolve within that instance's scope. A TemplateURL is followed only
when it points at an existing file: a relative path (from the parent's folder), or a URL whose path ends with
a path that exists under the scan root (``https://bucket.s3.amazonaws.com/stacks/etl.yaml`` →
``stacks/etl.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from gluelint.model.resources import ParseError, Resource, SourceFormat
from gluelint.model.values import Origin, Value
from gluelint.parse.json_reader import load_json
from gluelint.parse.options import ParseOptions
from gluelint.parse.source import SourceError, read_text
from gluelint.parse.tree import MAP, Node, load_yaml

if TYPE_CHECKING:  # only a type here: the pre-filter imports this module without the resolver (start-up)
    from gluelint.parse.cloudformation.intrinsics import Resolver

MAX_NESTING = 5
# The nested-stack types whose template is read as an instance of the parent (the pre-filter asks the same).
STACK_TYPES = ("AWS::CloudFormation::Stack",)


class StackReader(Protocol):
    """What the nested-stack walk needs of a template reader (``parse.cloudformation.template.TemplateReader``)."""

    prefix: str
    resolver: Resolver

    def read(self, resources: Node) -> tuple[list[Resource], list[ParseError]]: ...

    def child(self, root: Node, display: str, text: str, source_format: SourceFormat, bound: dict[str, Value],
              stack_id: str) -> StackReader: ...


def nested_resources(reader: StackReader, resources: Node, path: Path, options: ParseOptions,
                     depth: int = 0, seen: frozenset[Path] = frozenset()) -> tuple[list[Resource], list[ParseError]]:
    found: list[Resource] = []
    errors: list[ParseError] = []
    if depth >= MAX_NESTING:
        return found, errors
    seen = seen | {path.resolve()}
    for stack_id, props, child_path in stack_children(resources, path, options):
        if child_path.resolve() in seen:
            continue
        loaded = load_template(child_path, options)
        if loaded is None:
            continue
        text, root, source_format = loaded
        child_resources = root.get("Resources")
        if child_resources is None or child_resources.kind != MAP:
            continue
        bound = _bindings(reader, props.get("Parameters") if props is not None else None)
        child = reader.child(root, options.display_path(child_path), text, source_format, bound, stack_id)
        got, errs = child.read(child_resources)
        found.extend(got)
        errors.extend(errs)
        deeper, deeper_errors = nested_resources(child, child_resources, child_path, options, depth + 1, seen)
        found.extend(deeper)
        errors.extend(deeper_errors)
    return found, errors


def stack_children(resources: Node, path: Path, options: ParseOptions) -> Iterator[tuple[str, Node | None, Path]]:
    """Every nested stack of a ``Resources`` section whose template is a local file: (logical id, its
    ``Properties``, the child template's path). The one place that decides which links are followed."""
    for key, body in resources.pairs():
        type_node = body.get("Type")
        if type_node is None or type_node.str_value() not in STACK_TYPES:
            continue
        props = body.get("Properties")
        url = props.get("TemplateURL") if props is not None else None
        child_path = _child_path(url, path, options) if url is not None else None
        if child_path is not None:
            yield str(key.value), props, child_path


def linked_templates(path: Path, options: ParseOptions) -> list[Path] | None:
    """The local templates a template's nested stacks read (what the parser follows); None when the
    template itself cannot be read, so a caller that must be safe keeps it."""
    loaded = load_template(path, options)
    if loaded is None:
        return None
    resources = loaded[1].get("Resources")
    if resources is None or resources.kind != MAP:
        return []
    return [child for _, _, child in stack_children(resources, path, options)]


def _bindings(reader: StackReader, parameters: Node | None) -> dict[str, Value]:
    bound: dict[str, Value] = {}
    for key, node in parameters.pairs() if parameters is not None else []:
        value = reader.resolver.value(node)
        if value.known:
            value = value.model_copy(update={"origin": Origin.MODULE_INPUT})
        bound[str(key.value)] = value
    return bound


def _child_path(url: Node, parent: Path, options: ParseOptions) -> Path | None:
    """The local file a TemplateURL names, when one exists."""
    text = url.str_value()
    if text is None:  # !Sub "https://...${AWS::AccountId}.../stacks/x.yaml": the literal template text
        sub = url.get("Fn::Sub")
        text = sub.str_value() if sub is not None else None
    if not text:
        return None
    candidates: list[Path] = []
    if "://" not in text and "${" not in text:
        candidates.append(parent.parent / text)
    parts = [p for p in text.split("://", 1)[-1].split("/") if p]
    for i in range(1, len(parts)):
        tail = parts[i:]
        if any("${" in p or "}" in p for p in tail):
            continue
        candidates.append(options.root / "/".join(tail))
    for candidate in candidates:
        try:
            if candidate.is_file():
                return candidate
        except OSError:
            continue
    return None


def load_template(path: Path, options: ParseOptions) -> tuple[str, Node, SourceFormat] | None:
    """The child template's text and tree; None when it cannot be read (its own parse reports why)."""
    try:
        text = read_text(path, options.max_file_bytes)
        source_format = template_format(text)
        root = read_tree(text, source_format, options)
    except SourceError:  # TreeError included
        return None
    if root is None or root.kind != MAP:
        return None
    return text, root, source_format


def template_format(text: str) -> SourceFormat:
    """A template is JSON when its text starts as JSON does, YAML otherwise (both readers agree on which)."""
    return SourceFormat.CLOUDFORMATION_JSON if text.lstrip()[:1] in ("{", "[") else SourceFormat.CLOUDFORMATION_YAML


def read_tree(text: str, source_format: SourceFormat, options: ParseOptions) -> Node | None:
    """The template's tree, read by the one JSON reader or the YAML reader. Raises TreeError."""
    if source_format == SourceFormat.CLOUDFORMATION_JSON:
        return load_json(text, options.max_nesting_depth)
    return load_yaml(text, options.max_nesting_depth)
