"""The package's shape: data flows one way (discover → parse → model → checks and cost → engine → report → CLI),
so no module imports one of a later stage, and no two modules import each other, even indirectly.

Every import counts: module level, ``TYPE_CHECKING`` blocks, imports inside functions (a lazy import
still couples the two modules; it only moves the cost) and ``importlib.import_module(f"gluelint.x.{name}")``,
which counts as importing every module under ``gluelint.x``.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "gluelint"

# Stages in order; a module may import its own stage and earlier ones. The most specific prefix decides.
# Stage 0 is the vocabulary every stage shares: the data readers, the model's types, findings and their
# fingerprints. The rest of the model package is the model *stage* (stage 3), computed from parsed resources:
# the inventory that links them, the job as Glue runs it.
STAGES: tuple[tuple[str, ...], ...] = (
    ("gluelint", "gluelint.knowledge", "gluelint.model.values", "gluelint.model.resources",
     "gluelint.model.orchestration", "gluelint.model.scripts", "gluelint.findings", "gluelint.findings.fingerprint"),
    ("gluelint.discover",),
    ("gluelint.parse",),
    ("gluelint.model",),
    ("gluelint.checks", "gluelint.cost", "gluelint.config", "gluelint.findings.suppress",
     "gluelint.findings.redact", "gluelint.findings.result"),
    ("gluelint.engine", "gluelint.result_cache", "gluelint.findings.baseline", "gluelint.progress"),
    ("gluelint.report", "gluelint.fix"),
    ("gluelint.cli", "gluelint.__main__", "gluelint.integrations"),
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            # ``from gluelint.parse import dispatch`` imports the module gluelint.parse.dispatch
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        elif isinstance(node, ast.Call) and _is_dynamic_import(node):
            prefix = _constant_prefix(node.args[0])
            targets = [m for m in known if prefix and m.startswith(prefix)]
        found.update(t for t in targets if t in known and t != name)
    return found


def _is_dynamic_import(call: ast.Call) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in ("import_module", "__import__") and bool(call.args)


def _constant_prefix(arg: ast.expr) -> str:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
        return str(arg.values[0].value)
    return ""


@cache
def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _stage(module: str) -> int:
    best, stage = -1, -1
    for number, prefixes in enumerate(STAGES):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, stage = len(prefix), number
    assert stage >= 0, f"{module} belongs to no stage: add it to STAGES"
    return stage


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def test_every_module_has_a_stage() -> None:
    for module in _graph():
        _stage(module)


def test_no_import_of_a_later_stage() -> None:
    graph = _graph()
    upward = sorted(f"{m} (stage {_stage(m)}) imports {d} (stage {_stage(d)})"
                    for m, deps in graph.items() for d in deps if _stage(d) > _stage(m))
    assert upward == []


def test_no_import_cycles() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _stage("gluelint.parse.cloudformation.stacks") == 2 and _stage("gluelint.model.inventory") == 3


def test_one_format_vocabulary(tmp_path: Path) -> None:
    """A file's input kind (which parser reads it) and its source format (its syntax) are one vocabulary:
    every format belongs to exactly one kind, and discovery speaks in those kinds."""
    from gluelint.discover import discover
    from gluelint.model.resources import InputKind, SourceFormat

    assert {f.input_kind for f in SourceFormat} == set(InputKind)
    (tmp_path / "main.tf").write_text('resource "aws_glue_job" "j" {}\n')
    (tmp_path / "t.yaml").write_text("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n")
    kinds = {c.path.name: c.kind for c in discover([tmp_path])}
    assert kinds == {"main.tf": InputKind.TERRAFORM, "t.yaml": InputKind.CLOUDFORMATION}
    assert all(isinstance(k, InputKind) for k in kinds.values())


# Output modules: what turns results into text for one report format (the cost package's own renderers included).
RENDERERS = ("gluelint.report", "gluelint.cost.render", "gluelint.cost.compare")


def _reaches(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    stack = [start]
    while stack:
        for dep in graph[stack.pop()]:
            if dep not in seen:
                seen.add(dep)
                stack.append(dep)
    return seen


def _under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_checks_import_no_renderer() -> None:
    """A check computes a finding and its message; how reports show figures is the renderers' business (the
    check stage may share cost.model's one money format, ``usd``, with them)."""
    graph = _graph()
    bad = sorted(f"{m} reaches {d}" for m in graph if _under(m, ("gluelint.checks",))
                 for d in _reaches(graph, m) if _under(d, RENDERERS))
    assert bad == []


def test_reporters_import_no_engine() -> None:
    """Reporters read the result types (gluelint.findings.result), never the engine that produced them."""
    graph = _graph()
    bad = sorted(f"{m} imports {d}" for m in graph if _under(m, ("gluelint.report",))
                 for d in graph[m] if _under(d, ("gluelint.engine", "gluelint.result_cache")))
    assert bad == []


def test_one_near_miss_matcher() -> None:
    """"Did you mean ...?" has one matcher, gluelint.checks.nearest (difflib's ratio): no module computes string
    similarity another way (difflib's matchers elsewhere, an edit distance of its own, a fuzzy-matching library)."""
    matchers = {"SequenceMatcher", "get_close_matches", "quick_ratio", "levenshtein", "edit_distance", "damerau",
                "jaro_winkler", "rapidfuzz", "thefuzz", "fuzz", "jellyfish"}
    found = set()
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            used = node.attr if isinstance(node, ast.Attribute) else node.name if isinstance(
                node, ast.FunctionDef) else node.id if isinstance(node, ast.Name) else None
            if isinstance(node, ast.alias):
                used = node.name.rpartition(".")[2]
            if used is not None and used.lower() in {m.lower() for m in matchers}:
                found.add(name)
    assert found == {"gluelint.checks.nearest"}
