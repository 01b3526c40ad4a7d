"""The import graph follows the architecture: discover → parse → model → checks and cost → report → CLI.

Read from the source (every import, including those inside functions; ``if TYPE_CHECKING:`` blocks only name
types), so a lazy import cannot hide an upward dependency. Cycles inside ``parse/`` are the parsers' own
business and are not checked here.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "gluelint"

# What each part of gluelint must never import (by module prefix).
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "gluelint.knowledge": ("gluelint.checks", "gluelint.cost", "gluelint.report", "gluelint.engine",
                           "gluelint.cli", "gluelint.config", "gluelint.parse"),
    "gluelint.model": ("gluelint.checks", "gluelint.cost", "gluelint.report", "gluelint.engine", "gluelint.cli",
                       "gluelint.config", "gluelint.findings", "gluelint.parse"),
    "gluelint.findings": ("gluelint.checks", "gluelint.report", "gluelint.engine", "gluelint.cli",
                          "gluelint.config", "gluelint.parse", "gluelint.cost.estimate", "gluelint.cost.render"),
    "gluelint.config": ("gluelint.checks", "gluelint.cost", "gluelint.report", "gluelint.engine", "gluelint.cli",
                        "gluelint.parse"),
    "gluelint.cost": ("gluelint.checks", "gluelint.report", "gluelint.engine", "gluelint.cli"),
    "gluelint.checks": ("gluelint.report", "gluelint.engine", "gluelint.cli", "gluelint.cost.render",
                        "gluelint.parse"),
    "gluelint.report": ("gluelint.engine", "gluelint.cli", "gluelint.checks"),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path, name: str) -> set[str]:
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                base = base[:len(base) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        targets: set[str] = set()
        for imported in _imports(path, name):
            while imported and imported not in paths:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def _under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_no_upward_imports() -> None:
    graph = _graph()
    bad = [f"{module} imports {target}" for module, targets in sorted(graph.items())
           for part, banned in FORBIDDEN.items() if _under(module, part)
           for target in sorted(targets) if any(_under(target, b) for b in banned)]
    assert not bad, "\n".join(bad)


def test_no_import_cycles_outside_parse() -> None:
    graph = {m: {t for t in ts if not _under(t, "gluelint.parse")} for m, ts in _graph().items()
             if not _under(m, "gluelint.parse")}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def connect(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            connect(module)
    assert not cycles, cycles


def test_the_graph_is_read() -> None:
    """The reader sees lazy imports (a test that finds nothing would prove nothing)."""
    graph = _graph()
    assert "gluelint.findings.catalog" in graph["gluelint.checks.registry"]
    assert "gluelint.cost" in graph["gluelint.engine"]  # imported inside _estimate
