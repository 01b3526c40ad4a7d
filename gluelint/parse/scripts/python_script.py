"""A Glue job's Python script, read with :mod:`ast` — never imported or run.

What is read, per ``rules/glue/scripts.toml``:

- the names every ``getResolvedOptions(sys.argv, [...])`` call asks for: a list or tuple literal, a name bound
  to one at module level (or in the same function), and ``+`` of those; anything else (a comprehension, a
  list built at run time) leaves the argument facts unknown rather than guessed. A call under ``if``, ``try``
  or a loop asks only sometimes: its names are not required;
- ``sys.argv`` read any other way (``argparse``, indexing): which arguments the script reads is then unknown;
- imports (module names, also inside functions and ``try`` blocks);
- the bookmark protocol: an ``awsglue.job.Job(...)`` object, and its ``init``/``commit`` calls;
- source reads (``glueContext.create_dynamic_frame.from_catalog(...)`` …) with or without ``transformation_ctx``.

No library reads this: linters (pylint, ruff) do not model Glue's argument parser or bookmark protocol.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from gluelint.knowledge import load_data
from gluelint.model.scripts import ArgumentRead, ScriptFacts, ScriptLanguage, SourceRead
from gluelint.model.values import Span

MAX_SCRIPT_BYTES = 5 * 1024 * 1024
# A call under one of these runs only sometimes (Python 3.11+, so ast.TryStar exists).
_CONDITIONAL: tuple[type[ast.AST], ...] = (ast.If, ast.Try, ast.TryStar, ast.For, ast.AsyncFor, ast.While,
                                           ast.With, ast.AsyncWith, ast.IfExp, ast.ExceptHandler, ast.Match)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


@lru_cache(maxsize=1)
def script_facts_data() -> dict[str, Any]:
    return load_data("gluelint.rules", "glue/scripts.toml")


def read_python_script(path: Path, display: str) -> ScriptFacts:
    """The facts of one Python script; a file that cannot be read says why, and nothing else is claimed."""
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_SCRIPT_BYTES:
            return ScriptFacts(path=display, language=ScriptLanguage.PYTHON,
                               unreadable=f"larger than {MAX_SCRIPT_BYTES // (1024 * 1024)} MiB")
        tree = ast.parse(raw, filename=display)
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        return ScriptFacts(path=display, language=ScriptLanguage.PYTHON,
                           unreadable=f"{type(exc).__name__}: {exc}")
    reader = _Reader(display)
    reader.visit_tree(tree)
    return reader.facts()


@dataclass
class _Reader:
    display: str
    arguments: list[ArgumentRead] = field(default_factory=list)
    unknown: str | None = None
    reads_arguments: bool = False
    imports: dict[str, Span] = field(default_factory=dict)
    job_names: set[str] = field(default_factory=set)
    job_class_names: set[str] = field(default_factory=set)
    job_module_names: set[str] = field(default_factory=set)
    creates_job: bool = False
    calls_init: bool = False
    calls_commit: bool = False
    sources: list[SourceRead] = field(default_factory=list)
    resolved_options_names: set[str] = field(default_factory=lambda: {"getResolvedOptions"})
    parents: dict[int, ast.AST] = field(default_factory=dict)
    bindings: dict[int, dict[str, ast.expr]] = field(default_factory=dict)

    def visit_tree(self, tree: ast.Module) -> None:
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[id(child)] = node
        self._collect_bindings(tree)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self._import(node)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                self._call(node)
            elif isinstance(node, ast.Assign):
                self._assign(node)
        self._argv_elsewhere(tree)

    def facts(self) -> ScriptFacts:
        return ScriptFacts(path=self.display, language=ScriptLanguage.PYTHON, arguments=self.arguments,
                           arguments_unknown=self.unknown, reads_arguments=self.reads_arguments,
                           imports=list(self.imports), import_spans=self.imports, creates_job=self.creates_job,
                           calls_job_init=self.calls_init, calls_job_commit=self.calls_commit,
                           sources=self.sources)

    # -- structure ------------------------------------------------------------------------------------
    def span(self, node: ast.AST) -> Span:
        line, col = getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1
        return Span(file=self.display, line=line, column=col, end_line=getattr(node, "end_lineno", line) or line,
                    end_column=(getattr(node, "end_col_offset", col - 1) or col - 1) + 1)

    def scope_of(self, node: ast.AST) -> ast.AST | None:
        parent = self.parents.get(id(node))
        while parent is not None and not isinstance(parent, _SCOPES):
            parent = self.parents.get(id(parent))
        return parent

    def unconditional(self, node: ast.AST) -> bool:
        """No ``if``/``try``/loop/``with`` between the node and its function (or module)."""
        parent = self.parents.get(id(node))
        while parent is not None and not isinstance(parent, (*_SCOPES, ast.Module)):
            if isinstance(parent, _CONDITIONAL):
                return False
            parent = self.parents.get(id(parent))
        return True

    def _collect_bindings(self, tree: ast.Module) -> None:
        """Names bound once by a plain assignment, per scope (module or function): the last binding wins,
        a name bound in a loop, augmented or bound twice differently is left out."""
        seen: dict[int, dict[str, list[ast.expr]]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                scope = self.scope_of(node)
                seen.setdefault(id(scope) if scope else 0, {}).setdefault(node.targets[0].id, []).append(
                    node.value)
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                scope = self.scope_of(node)
                seen.setdefault(id(scope) if scope else 0, {}).setdefault(node.target.id, []).append(
                    ast.Constant(value=None))  # poisons the name: its value changes at run time
        for scope_id, names in seen.items():
            self.bindings[scope_id] = {name: values[0] for name, values in names.items() if len(values) == 1}

    # -- imports --------------------------------------------------------------------------------------
    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        job_module, job_class = script_facts_data()["bookmarks"]["job_class"].rsplit(".", 1)
        if isinstance(node, ast.Import):
            for alias in node.names:
                self.imports.setdefault(alias.name, self.span(node))
                if alias.name == job_module:
                    self.job_module_names.add(alias.asname or alias.name)
            return
        if node.level or node.module is None:
            return  # a relative import is the job's own code
        self.imports.setdefault(node.module, self.span(node))
        for alias in node.names:
            self.imports.setdefault(f"{node.module}.{alias.name}", self.span(node))
            if node.module == job_module and alias.name == job_class:
                self.job_class_names.add(alias.asname or alias.name)
            if node.module == "awsglue.utils" and alias.name == "getResolvedOptions" and alias.asname:
                self.resolved_options_names.add(alias.asname)

    # -- calls ----------------------------------------------------------------------------------------
    def _call(self, node: ast.Call) -> None:
        name = _dotted(node.func)
        if name is None:
            return
        last = name.rsplit(".", 1)[-1]
        if last in self.resolved_options_names:
            self._resolved_options(node)
            return
        data = script_facts_data()["bookmarks"]
        if any(name == read or name.endswith("." + read) for read in data["source_reads"]):
            has_ctx = any(k.arg == data["context_keyword"] for k in node.keywords) or any(
                k.arg is None for k in node.keywords)  # **options may carry it
            self.sources.append(SourceRead(call=name, span=self.span(node), has_context=has_ctx))
            return
        owner, _, method = name.rpartition(".")
        if owner in self.job_names:
            if method == data["init_method"]:
                self.calls_init = True
            elif method == data["commit_method"]:
                self.calls_commit = True

    def _assign(self, node: ast.Assign) -> None:
        """``job = Job(glueContext)``: remember the name that holds the Job."""
        if not isinstance(node.value, ast.Call):
            return
        called = _dotted(node.value.func)
        if called is None:
            return
        module, _, cls = called.rpartition(".")
        if called in self.job_class_names or (module in self.job_module_names and cls == "Job"):
            self.creates_job = True
            for target in node.targets:
                target_name = _dotted(target)
                if target_name is not None:
                    self.job_names.add(target_name)

    def _resolved_options(self, node: ast.Call) -> None:
        self.reads_arguments = True
        if len(node.args) < 2:
            self.unknown = self.unknown or f"getResolvedOptions at line {node.lineno} is called without an option list"
            return
        names = self._names(node.args[1], node, depth=0)
        if names is None:
            self.unknown = self.unknown or (f"the option list of getResolvedOptions at line {node.lineno} is "
                                            "computed at run time")
            return
        always = self.unconditional(node)
        for text, at in names:
            self.arguments.append(ArgumentRead(name=text, span=self.span(at), unconditional=always))

    def _names(self, expr: ast.expr, call: ast.AST, depth: int) -> list[tuple[str, ast.AST]] | None:
        """The string elements of a list/tuple literal, a bound name, or a ``+`` of them."""
        if depth > 8:
            return None
        if isinstance(expr, (ast.List, ast.Tuple)):
            out: list[tuple[str, ast.AST]] = []
            for element in expr.elts:
                if isinstance(element, ast.Constant) and isinstance(element.value, str):
                    out.append((element.value, element))
                else:
                    return None
            return out
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            left = self._names(expr.left, call, depth + 1)
            right = self._names(expr.right, call, depth + 1)
            return None if left is None or right is None else left + right
        if isinstance(expr, ast.Name):
            scope = self.scope_of(call)
            for scope_id in (id(scope) if scope else 0, 0):
                bound = self.bindings.get(scope_id, {}).get(expr.id)
                if bound is not None:
                    return self._names(bound, call, depth + 1)
        return None

    def _argv_elsewhere(self, tree: ast.Module) -> None:
        """``sys.argv`` used other than as getResolvedOptions' first argument: the script may read
        arguments gluelint cannot see."""
        passed = {id(n.args[0]) for n in ast.walk(tree) if isinstance(n, ast.Call) and n.args
                  and (_dotted(n.func) or "").rsplit(".", 1)[-1] in self.resolved_options_names}
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _dotted(node) == "sys.argv" and id(node) not in passed:
                self.unknown = self.unknown or f"the script reads sys.argv directly at line {node.lineno}"
                return


def _dotted(node: ast.AST) -> str | None:
    """``a.b.c`` for a chain of names and attributes (calls in the chain are skipped: ``x().y`` → ``x.y``)."""
    parts: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            return ".".join(reversed(parts))
        else:
            return None
