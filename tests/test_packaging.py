"""The wheel ships the rule and pricing data, and an installed gluelint finds it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(out), str(ROOT)], check=True)
    return next(out.glob("gluelint-*.whl"))


def test_wheel_contains_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in ("rules/catalog.toml", "rules/glue/versions.toml", "pricing/workers.toml"):
        assert f"gluelint/{data}" in names, data
    assert any(n.startswith("gluelint/rules/docs/") and n.endswith(".md") for n in names)
    assert "gluelint/py.typed" in names


def test_installed_wheel_reads_its_data(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(wheel)], check=True)
    code = ("import gluelint, sys; from gluelint.checks.registry import catalog;"
            "from gluelint.knowledge.workers import workers;"
            "assert gluelint.__file__.startswith(sys.argv[1]), gluelint.__file__;"
            "print(len(catalog()), len(workers()))")
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code, str(target)], check=True, capture_output=True, text=True,
                          env=env, cwd=tmp_path)
    rules, workers = (int(x) for x in done.stdout.split())
    assert rules >= 3 and workers >= 10


def test_wheel_contains_every_module(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "gluelint").rglob("*.py")}
    assert modules - names == set(), "add the package to [tool.setuptools] packages in pyproject.toml"


def _third_party_imports() -> set[str]:
    import ast

    found: set[str] = set()
    for path in (ROOT / "gluelint").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name != "gluelint"}


def test_every_imported_library_is_declared() -> None:
    import tomllib
    from importlib.metadata import packages_distributions

    declared = {dep.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip().lower().replace("_", "-")
                for dep in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    distributions = packages_distributions()
    missing = {name: distributions.get(name) for name in _third_party_imports()
               if not {d.lower().replace("_", "-") for d in distributions.get(name, [name])} & declared}
    assert missing == {}, "imported by gluelint but not in [project] dependencies"
