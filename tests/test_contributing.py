"""CONTRIBUTING.md describes the house as it is: every file, folder, command script and module it names exists, and
every ``module.name`` it cites is defined in that module."""

from __future__ import annotations

import importlib
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"`([^`\n]+)`")
SUFFIXES = (".py", ".toml", ".md", ".txt", ".json", ".yml", ".yaml")
# Named but not in the repository: the shared folder CI lays beside the checkout, and the files the rule-doc test
# writes a page's examples to.
OUTSIDE = {"shared/", "main.tf", "template.yaml", "template.json"}
SKIPPED_PARTS = {".git", ".venv", "build", "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache",
                 ".pytest_cache", "gluelint.egg-info"}


@cache
def repo_paths() -> tuple[str, ...]:
    """Every file and folder of the repository, relative and with a trailing ``/`` for folders."""
    out = []
    for path in ROOT.rglob("*"):
        rel = path.relative_to(ROOT)
        if SKIPPED_PARTS & set(rel.parts):
            continue
        out.append(rel.as_posix() + ("/" if path.is_dir() else ""))
    return tuple(out)


def _exists(name: str) -> bool:
    """``name`` is a repository path, or the end of one (``terraform/module.py`` under ``gluelint/parse/``);
    ``*`` and a ``GLnnn`` placeholder match anything."""
    pattern = re.escape(name).replace(r"\*", "[^/]*").replace("GLnnn", "GL[0-9]{3}")
    wanted = re.compile(rf"(^|/){pattern}$")
    return any(wanted.search(path) for path in repo_paths())


def _is_path(word: str) -> bool:
    if word.startswith(("-", "<", "http", "$")) or re.search(r"[()=|\[]", word):
        return False
    if word.endswith(SUFFIXES):
        return not word.startswith(".") or "/" in word  # `.yaml` alone is a suffix, not a file
    last = word.rsplit("/", 1)[-1]
    return "/" in word and "." not in last.lstrip(".")  # `report/common.written_attribute` is a cited name


def _path_words(span: str) -> list[str]:
    return [w for w in (w.rstrip(",;:") for w in span.split()) if _is_path(w)]


def _spans() -> list[str]:
    return sorted(set(CODE.findall((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))))


def named_paths() -> list[str]:
    return sorted({w for span in _spans() for w in _path_words(span) if w not in OUTSIDE})


@pytest.mark.parametrize("name", named_paths())
def test_named_path_exists(name: str) -> None:
    assert _exists(name), f"CONTRIBUTING.md names `{name}`, which the repository does not have"


# ``module.name`` (``shape.build_resource``, ``conftest.REAL_CORPUS_MISSING``, ``report/common.written_attribute``):
# a lower-case module, then the name it defines.
QUALIFIED = re.compile(r"^([a-z_][\w/]*)\.([A-Za-z_]\w*)(?:\(.*\))?$")


def qualified_names() -> list[tuple[str, str]]:
    out = set()
    for span in _spans():
        match = QUALIFIED.match(span)
        if match and not span.endswith(SUFFIXES) and not span.startswith("gluelint.") \
                and _exists(f"{match.group(1)}.py"):
            out.add((match.group(1), match.group(2)))
    return sorted(out)


@pytest.mark.parametrize(("module", "name"), qualified_names())
def test_cited_name_is_defined(module: str, name: str) -> None:
    wanted = re.compile(rf"(^|/){re.escape(module)}\.py$")
    files = [ROOT / p for p in repo_paths() if wanted.search(p)]
    defined = re.compile(rf"^\s*(?:def|class|async def)\s+{name}\b|^{name}\b\s*[:=]|^\s+{name}\s*:", re.M)
    assert any(defined.search(f.read_text(encoding="utf-8")) for f in files), \
        f"CONTRIBUTING.md cites `{module}.{name}`, which {module}.py does not define"


def test_cited_imports_resolve() -> None:
    """``gluelint.checks.all_checks()``, ``gluelint.rules``: what it says to import can be imported."""
    for span in _spans():
        if not re.match(r"^gluelint(\.\w+)+(\(\))?$", span):
            continue
        dotted = span.removesuffix("()")
        try:
            importlib.import_module(dotted)
        except ModuleNotFoundError:
            module, _, attr = dotted.rpartition(".")
            assert hasattr(importlib.import_module(module), attr), f"CONTRIBUTING.md cites `{span}`"


def _modules(package: str) -> list[str]:
    base = ROOT / "gluelint" / package
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("module", [f"{pkg}/{m}" for pkg in ("parse", "model") for m in _modules(pkg)])
def test_layout_module_is_described(module: str) -> None:
    """The module list of the parse and model layers names every module they have (by file name)."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert re.search(rf"`(?:[\w/]*/)?{re.escape(Path(module).name)}`", text), \
        f"gluelint/{module} is not in CONTRIBUTING.md's module list: add it where its package is described"
