"""Every key of every data file (rules/**/*.toml, pricing/**/*.toml) is read by some code: a fact nobody reads
is a fact that silently disagrees with the code that repeats it (the issue that moved the DPU quota into use).

A key counts as read when the code names it: an attribute access (``limits().quotas.task_dpus_per_account``) or the
key as a string (``raw["default_arguments"]``). Keys that are data themselves — a Region, a version, a worker
type — are not identifiers and are left out; identifier keys of such maps must still be named somewhere.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Provenance of a sibling fact (``default_version_source`` documents ``default_version``): read with it.
PROVENANCE_SUFFIXES = ("_source", "_confidence")
# Facts shipped but not yet read by any code, with why they stay; the test fails on any other unread key, and on
# a listed key once code reads it (so the list only shrinks).
NOT_YET_READ: dict[str, set[str]] = {
    "pricing/workers.toml": {"memory_gb"},  # shown by no report yet; kept as the worker type's published size
    "rules/catalog.toml": {"needs_config"},  # rules that need config: for `gluelint rules` (not yet shown)
    # The full mode enums (for schema validation) and the password default no check reads yet.
    "rules/glue/security.toml": {"modes", "password_default"},
}
DATA = sorted([*ROOT.joinpath("rules").rglob("*.toml"), *ROOT.joinpath("pricing").rglob("*.toml")])


def _leaf_keys(node: object, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}" if path else key
            if isinstance(value, dict):
                yield from _leaf_keys(value, where)
            elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                yield key, where
                for item in value:
                    yield from _leaf_keys(item, f"{where}[]")
            else:
                yield key, where


@cache
def _names_in_code() -> frozenset[str]:
    names: set[str] = set()
    for path in ROOT.joinpath("gluelint").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                names.add(node.value)
            elif isinstance(node, ast.keyword) and node.arg:
                names.add(node.arg)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and "model" in path.parts:
                names.add(node.target.id)  # a model field: data keyed by field name is read through getattr
    return frozenset(names)


@pytest.mark.parametrize("data_file", DATA, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_key_is_read(data_file: Path) -> None:
    table = tomllib.loads(data_file.read_text(encoding="utf-8"))
    names = _names_in_code()
    name = str(data_file.relative_to(ROOT))
    allowed = NOT_YET_READ.get(name, set())
    keys = [(key, where) for key, where in _leaf_keys(table) if key.isidentifier()]
    unread = sorted({where for key, where in keys if not _read(key, names) and key not in allowed})
    assert not unread, f"{name}: no code reads {', '.join(unread)}"
    now_read = sorted(key for key in allowed if _read(key, names))
    assert not now_read, f"{name}: {now_read} are read now: drop them from NOT_YET_READ"


def _read(key: str, names: frozenset[str]) -> bool:
    if key in names:
        return True
    base = next((key.removesuffix(s) for s in PROVENANCE_SUFFIXES if key.endswith(s)), None)
    return base is not None and any(n.startswith(base) for n in names)


def test_the_reader_finds_a_known_unread_key() -> None:
    """The test can fail: a key no code names is reported."""
    names = _names_in_code()
    assert "task_dpus_per_account" in names and "never_read_by_gluelint_xyz" not in names
