"""One Terraform module = the ``.tf`` and ``.tf.json`` files of one folder: their declarations, read lazily.

Only what gluelint needs is parsed: Glue resources, module calls and providers up front; variables and
locals on first use (the scanner already knows every block's type and labels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from gluelint.model.resources import ParseError, SourceFormat, Suppression
from gluelint.model.values import Span
from gluelint.parse.json_reader import load_json
from gluelint.parse.options import ParseOptions
from gluelint.parse.orchestration import CLASSES
from gluelint.parse.source import SourceError, read_text
from gluelint.parse.suppressions import parse_directive, scan_comments
from gluelint.parse.terraform.expressions import Expr, json_span
from gluelint.parse.terraform.hcl_reader import (
    Attr,
    HclSource,
    NestedBlock,
    block_body,
    body_items,
    is_tree,
    parse_block,
)
from gluelint.parse.terraform.mapping import is_glue_type
from gluelint.parse.terraform.source import RawBlock, split_blocks
from gluelint.parse.tree import MAP, SEQ
from gluelint.parse.tree import Node as JsonNode

# Text that must appear in a file for it to matter (Glue resources, or what feeds them); the orchestrators that
# start Glue work count too (a state machine in a file of its own, beside the job's file).
_WORDS = ("aws_glue", "variable", "locals", "module", "provider", "output", "aws_iam_", "aws_kms_", "aws_s3_",
          "aws_cloudwatch_log_group", *sorted(t for t in CLASSES if t.startswith("aws_")))


@dataclass
class FileState:
    path: Path
    display: str
    fmt: SourceFormat
    text: str = ""
    errors: list[ParseError] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    region: str | None = None
    raw: list[RawBlock] = field(default_factory=list)
    doc: JsonNode | None = None

    def error(self, message: str, line: int = 1, column: int = 1) -> None:
        """Record a parse error; only the first of a file is kept (later ones are often consequences)."""
        if self.errors:
            return
        span = Span(file=self.display, line=line, column=column, end_line=line, end_column=column)
        self.errors.append(ParseError(span=span, message=message))


@dataclass
class Body:
    """A block body to evaluate: HCL items with their source, or a Terraform JSON object."""

    file: FileState
    items: list[Attr | NestedBlock] | None = None
    src: HclSource | None = None
    node: JsonNode | None = None

    def attribute(self, name: str) -> Expr | None:
        if self.node is not None:
            found = self.node.get(name)
            return Expr(found, self.file.display) if found is not None else None
        for item in self.items or []:
            if isinstance(item, Attr) and item.name == name and self.src is not None:
                return Expr(item.expr, self.src)
        return None

    def attribute_names(self) -> list[str]:
        if self.node is not None:
            return [str(k.value) for k, _ in self.node.pairs() if k.value != "//"]
        return [i.name for i in self.items or [] if isinstance(i, Attr)]


@dataclass
class Decl:
    """A top-level block: resource, module call, variable, provider."""

    kind: str
    labels: list[str]
    span: Span
    body: Body
    suppressions: list[Suppression] = field(default_factory=list)


class ModuleDef:
    def __init__(self, folder: Path, options: ParseOptions) -> None:
        self.folder = folder
        self.options = options
        self.display = options.display_path(folder)
        self.files: list[FileState] = []
        self.resources: list[Decl] = []
        self.calls: list[Decl] = []
        self.providers: list[Decl] = []
        self.aliases: dict[str, Decl] = {}
        self._variables: dict[str, Decl] = {}
        self._locals: dict[str, Expr] = {}
        self._lazy_vars: dict[str, tuple[FileState, RawBlock]] = {}
        self._outputs: dict[str, Decl] = {}
        self._data: dict[tuple[str, str], Decl] = {}
        self._others: dict[tuple[str, str], Decl] = {}
        self._lazy_resources: dict[tuple[str, str], tuple[FileState, RawBlock]] = {}
        self._lazy_data: dict[tuple[str, str], tuple[FileState, RawBlock]] = {}
        self._lazy_outputs: dict[str, tuple[FileState, RawBlock]] = {}
        self._lazy_locals: list[tuple[FileState, RawBlock]] = []

    # -- loading ------------------------------------------------------------------------------------
    def add_file(self, path: Path) -> FileState:
        json_file = path.name.endswith(".tf.json")
        state = FileState(path, self.options.display_path(path),
                          SourceFormat.TERRAFORM_JSON if json_file else SourceFormat.TERRAFORM_HCL)
        self.files.append(state)
        try:
            state.text = read_text(path, self.options.max_file_bytes)
            if json_file:
                self._load_json(state)
            else:
                self._load_hcl(state)
        except SourceError as exc:
            state.error(exc.message, exc.line, exc.column)
        return state

    def _load_hcl(self, state: FileState) -> None:
        text = state.text
        state.suppressions = scan_comments(text, state.display)
        if not any(word in text for word in _WORDS):
            return
        state.raw = split_blocks(text, self.options.max_nesting_depth)
        for raw in state.raw:
            wanted = (raw.type == "resource" and len(raw.labels) == 2 and is_glue_type(raw.labels[0])) \
                or raw.type == "module" \
                or (raw.type == "provider" and raw.labels[:1] == ["aws"])
            if wanted:
                decl = self._parse(state, raw)
                if decl is not None:
                    self._file_decl(decl)
            elif raw.type == "variable" and raw.labels:
                self._lazy_vars.setdefault(raw.labels[0], (state, raw))
            elif raw.type == "resource" and len(raw.labels) == 2 and is_referable_type(raw.labels[0]):
                self._lazy_resources.setdefault((raw.labels[0], raw.labels[1]), (state, raw))
            elif raw.type == "data" and len(raw.labels) == 2:
                self._lazy_data.setdefault((raw.labels[0], raw.labels[1]), (state, raw))
            elif raw.type == "output" and raw.labels:
                self._lazy_outputs.setdefault(raw.labels[0], (state, raw))
            elif raw.type == "locals":
                self._lazy_locals.append((state, raw))

    def _parse(self, state: FileState, raw: RawBlock) -> Decl | None:
        try:
            block, src = parse_block(raw, state.text, state.display)
        except SourceError as exc:
            state.error(exc.message, exc.line, exc.column)
            return None
        items = body_items(block_body(block))
        for item in items:
            if isinstance(item, NestedBlock) and item.type in TOP_LEVEL_ONLY:
                # Syntactically a nested block, but Terraform rejects it: almost always a `{` left open above
                # swallowed the blocks that follow. Report it rather than lose those blocks silently.
                # The block's own tree starts at the newline before it; its type name is where it starts.
                where = src.span(next((c for c in item.node.children if is_tree(c, "identifier")), item.node))
                state.error(f"`{item.type}` block inside {raw.type} {'.'.join(raw.labels)}: Terraform allows "
                            f"`{item.type}` blocks only at the top level of a file; a brace left open above "
                            f"line {where.line} probably swallowed it", where.line, where.column)
        body = Body(state, items=items, src=src)
        return Decl(raw.type, raw.labels, src.span(block), body)

    def _file_decl(self, decl: Decl) -> None:
        if decl.kind == "resource":
            self.resources.append(decl)
        elif decl.kind == "module":
            self.calls.append(decl)
        elif decl.kind == "provider":
            alias = decl.body.attribute("alias")
            if alias is None:
                self.providers.append(decl)
            else:
                self.aliases[provider_alias(alias) or ""] = decl
        elif decl.kind == "variable":
            self._variables[decl.labels[0]] = decl
        elif decl.kind == "output":
            self._outputs.setdefault(decl.labels[0], decl)
        elif decl.kind == "other_resource":
            self._others.setdefault((decl.labels[0], decl.labels[1]), decl)
        elif decl.kind == "data":
            self._data.setdefault((decl.labels[0], decl.labels[1]), decl)

    def _load_locals(self, name: str) -> None:
        """Parse the not yet parsed ``locals`` blocks that may define ``name`` (a cheap text test first)."""
        pattern = re.compile(r"(?<![\w.-])" + re.escape(name) + r"[ \t]*=(?!=)")
        for pending in list(self._lazy_locals):
            state, raw = pending
            if not pattern.search(state.text, raw.start, raw.end):
                continue
            self._lazy_locals.remove(pending)
            decl = self._parse(state, raw)
            if decl is not None and decl.body.src is not None:
                for item in decl.body.items or []:
                    if isinstance(item, Attr):
                        self._locals.setdefault(item.name, Expr(item.expr, decl.body.src))

    def _load_json(self, state: FileState) -> None:
        doc = load_json(state.text, self.options.max_nesting_depth, keep=_json_needed)
        state.doc = doc
        if doc.kind != MAP:
            raise SourceError("Terraform JSON must be an object", doc.line, doc.column)
        for key_node, node in doc.pairs():
            key = str(key_node.value)
            if key == "resource":
                for rtype, _, by_name in _objects(node):
                    for name, name_node, body in _objects(by_name):
                        if is_glue_type(rtype):
                            self._json_decl(state, "resource", [rtype, name], name_node, body)
                        elif is_referable_type(rtype):
                            self._json_decl(state, "other_resource", [rtype, name], name_node, body)
            elif key in ("module", "variable", "output"):
                for name, name_node, body in _objects(node):
                    self._json_decl(state, key, [name], name_node, body)
            elif key == "data":
                for dtype, _, by_name in _objects(node):
                    for name, name_node, body in _objects(by_name):
                        self._json_decl(state, "data", [dtype, name], name_node, body)
            elif key == "provider":
                for name, name_node, body in _objects(node):
                    if name == "aws":
                        self._json_decl(state, key, [name], name_node, body)
            elif key == "locals":
                for obj in _as_list(node):
                    for local_node, value in obj.pairs():
                        if local_node.value != "//":
                            self._locals[str(local_node.value)] = Expr(value, state.display)

    def _json_decl(self, state: FileState, kind: str, labels: list[str], at: JsonNode, body: JsonNode) -> None:
        if body.kind != MAP:
            state.error(f"{kind} {'.'.join(labels)} must be an object", body.line, body.column)
            return
        span = json_span(at, state.display).model_copy(update={"end_line": body.end_line,
                                                               "end_column": body.end_column})
        suppressions = []
        for key_node, value in body.pairs():
            if key_node.value == "//":
                for comment in _as_strings(value):
                    found = parse_directive(str(comment.value), json_span(comment, state.display))
                    if found is not None:
                        suppressions.append(found)
        self._file_decl(Decl(kind, labels, span, Body(state, node=body), suppressions))

    # -- lookups ------------------------------------------------------------------------------------
    def variable(self, name: str) -> Decl | None:
        pending = self._lazy_vars.pop(name, None)
        if pending is not None and name not in self._variables:
            decl = self._parse(*pending)
            if decl is not None:
                self._variables[name] = decl
        return self._variables.get(name)

    def resource(self, resource_type: str, name: str) -> Decl | None:
        """The declaration of a resource other expressions may refer to (any Glue type, IAM, KMS, S3)."""
        if is_glue_type(resource_type):
            return next((d for d in self.resources if d.labels == [resource_type, name]), None)
        key = (resource_type, name)
        pending = self._lazy_resources.pop(key, None)
        if pending is not None and key not in self._others:
            decl = self._parse(*pending)
            if decl is not None:
                self._others[key] = decl
        return self._others.get(key)

    def other_resources(self, prefix: str) -> list[Decl]:
        """Every declared non-Glue resource whose type starts with ``prefix`` (parsed on this first use)."""
        for key in [k for k in self._lazy_resources if k[0].startswith(prefix)]:
            self.resource(*key)
        return [d for k, d in self._others.items() if k[0].startswith(prefix)]

    def data(self, data_type: str, name: str) -> Decl | None:
        key = (data_type, name)
        pending = self._lazy_data.pop(key, None)
        if pending is not None and key not in self._data:
            decl = self._parse(*pending)
            if decl is not None:
                self._data[key] = decl
        return self._data.get(key)

    def output(self, name: str) -> Expr | None:
        """The ``value`` of output ``name``."""
        pending = self._lazy_outputs.pop(name, None)
        if pending is not None and name not in self._outputs:
            decl = self._parse(*pending)
            if decl is not None:
                self._outputs[name] = decl
        found = self._outputs.get(name)
        return found.body.attribute("value") if found is not None else None

    def local(self, name: str) -> Expr | None:
        if name not in self._locals:
            self._load_locals(name)
        return self._locals.get(name)


# Block types Terraform accepts only at the top level of a file.
TOP_LEVEL_ONLY = frozenset({"resource", "data", "module", "variable", "locals", "output", "provider",
                            "terraform", "moved", "import", "removed", "check"})


def provider_alias(expr: Expr) -> str | None:
    """The alias named by an expression: ``"us"`` (an alias attribute) or ``aws.us`` (a provider reference)."""
    node = expr.node
    text = str(node.value) if isinstance(expr.src, str) else expr.src.source(node)
    m = re.fullmatch(r'\s*"?(?:\$\{)?(?:aws\.)?([A-Za-z_][\w-]*)\}?"?\s*', text)
    return m.group(1) if m else None


_JSON_BLOCKS = frozenset({"resource", "variable", "locals", "module", "provider", "output", "data"})


# Non-Glue resources whose configured arguments expressions may read (``aws_s3_bucket.b.bucket``) or whose
# policies the IAM checks read.
_REFERABLE_PREFIXES = ("aws_iam_", "aws_kms_", "aws_s3_bucket", "aws_s3_object", "aws_cloudwatch_log_group")


def is_referable_type(resource_type: str) -> bool:
    return resource_type.startswith(_REFERABLE_PREFIXES)


def _json_needed(path: tuple[str, ...]) -> bool:
    """Which members of a Terraform JSON file are read with positions (the rest is only validated)."""
    if path[0] not in _JSON_BLOCKS:
        return False
    return path[0] != "resource" or len(path) < 2 or is_glue_type(path[1]) or is_referable_type(path[1])


def _as_list(node: JsonNode) -> list[JsonNode]:
    """A block written as an object or as an array of objects."""
    if node.kind == SEQ:
        return [i for i in node.items() if i.kind == MAP]
    return [node] if node.kind == MAP else []


def _objects(node: JsonNode) -> list[tuple[str, JsonNode, JsonNode]]:
    """(key, key node, value) of an object level that may be wrapped in arrays; repeated values flattened."""
    out: list[tuple[str, JsonNode, JsonNode]] = []
    for obj in _as_list(node):
        for key_node, value in obj.pairs():
            key = str(key_node.value)
            if key == "//":
                continue
            if value.kind == SEQ:
                out.extend((key, key_node, item) for item in value.items() if item.kind == MAP)
            else:
                out.append((key, key_node, value))
    return out


def _as_strings(node: JsonNode) -> list[JsonNode]:
    if node.kind == SEQ:
        return [i for i in node.items() if isinstance(i.value, str)]
    return [node] if isinstance(node.value, str) else []
