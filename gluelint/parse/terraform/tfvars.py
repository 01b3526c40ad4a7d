"""Variable files of a root module: terraform.tfvars, *.auto.tfvars (and .json), then --var-file, last wins."""

from __future__ import annotations

from pathlib import Path

from gluelint.model.resources import ParseError
from gluelint.model.values import Span, Value
from gluelint.parse.json_reader import load_json
from gluelint.parse.options import ParseOptions
from gluelint.parse.source import SourceError, read_text
from gluelint.parse.terraform.evaluator import Evaluator
from gluelint.parse.terraform.expressions import Expr
from gluelint.parse.terraform.hcl_reader import Attr, HclSource, body_items, parse_text


class _NoVariables:
    def variable(self, name: str, span: Span) -> Value:
        return Value.unknown(f"var.{name}", "variable files cannot refer to variables", span)

    def local(self, name: str, span: Span) -> Value:
        return Value.unknown(f"local.{name}", "variable files cannot refer to locals", span)

    def address_prefix(self) -> str:
        return ""

    def module_output(self, call: str, output: str) -> Value | None:
        return None

    def data_source(self, data_type: str, name: str) -> Value | None:
        return None

    def path_value(self, name: str) -> str | None:
        return None

    def resource_attribute(self, resource_type: str, name: str, attribute: str) -> Value | None:
        return None


def var_files(folder: Path, options: ParseOptions) -> list[Path]:
    found: list[Path] = []
    for name in ("terraform.tfvars", "terraform.tfvars.json"):
        if (folder / name).is_file():
            found.append(folder / name)
    try:
        auto = sorted(p for p in folder.iterdir()
                      if p.is_file() and p.name.endswith((".auto.tfvars", ".auto.tfvars.json")))
    except OSError:
        auto = []
    return found + auto + list(options.var_files)


def load_tfvars(folder: Path, options: ParseOptions) -> tuple[dict[str, Value], list[ParseError]]:
    """The variable values of a root module, and a parse error for each variable file that cannot be read
    (its values then stay unknown, and the error says why instead of "has no default")."""
    values: dict[str, Value] = {}
    errors: list[ParseError] = []
    evaluator = Evaluator(_NoVariables())
    for path in var_files(folder, options):
        display = options.display_path(path)
        try:
            text = read_text(path, options.max_file_bytes)
            if path.name.endswith(".json"):
                doc = load_json(text, options.max_nesting_depth)
                for key, node in doc.pairs():
                    values[str(key.value)] = evaluator.eval(Expr(node, display))
                continue
            tree = parse_text(text)
        except SourceError as exc:
            span = Span(file=display, line=exc.line, column=exc.column, end_line=exc.line, end_column=exc.column)
            errors.append(ParseError(span=span, message=f"variable file cannot be parsed: {exc.message}"))
            continue
        src = HclSource(display, text + "\n")
        for item in body_items(tree.children[0]):
            if isinstance(item, Attr):
                values[item.name] = evaluator.eval(Expr(item.expr, src))
    return values, errors
