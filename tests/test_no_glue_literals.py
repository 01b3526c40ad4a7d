"""No Glue fact is written in Python: worker types, commands, execution classes, Glue versions (as strings or as
version tuples), special-parameter names and the distinctive numbers of the data files (hours per month, default
timeouts, quotas) live in rules/ and pricing/ and are read through gluelint.knowledge and the cost tables.

The scan reads every string, number and tuple constant of the package outside gluelint/knowledge/ (the loaders,
which name the data's own keys) — code, messages and docstrings alike, since a message that spells "G.1X, G.2X"
goes stale the day AWS adds a Flex worker type. Comments are not read. A hit is fixed by reading the fact from the
data; ALLOWED holds the few literals that are not Glue facts at all, each with why.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache

from conftest import ROOT

from gluelint.cost.tables import billing
from gluelint.knowledge.commands import commands
from gluelint.knowledge.limits import limits
from gluelint.knowledge.parameters import parameters
from gluelint.knowledge.schemas import terraform_fields
from gluelint.knowledge.security import security
from gluelint.knowledge.triggers import trigger_facts
from gluelint.knowledge.versions import versions
from gluelint.knowledge.workers import workers

PACKAGE = ROOT / "gluelint"
EXEMPT = PACKAGE / "knowledge"
# Any worker-type-shaped name, listed in the data or not yet (G.1X, R.2X, Z.2X, G.025X, a future G.32X).
WORKER_SHAPE = re.compile(r"(?<![\w.])[A-Z]\.\d+X(?!\w)")
# (module relative to gluelint/, literal): literals that are not Glue facts, with why.
ALLOWED: dict[tuple[str, str], str] = {
    # A rate kind (gluelint's pricing vocabulary, pricing/billing.toml rate_kinds) that AWS's usage-type names spell
    # like the command: the price import's fallback for usage types pricing/sources.toml does not map yet.
    ("cost/offer.py", "pythonshell"): "rate kind in AWS usage-type names, not the command",
}


@cache
def _words() -> frozenset[str]:
    """Names that are Glue facts wherever they appear in a string (as a whole word): commands, execution classes,
    worker types, encryption modes (but DISABLED, which EventBridge says too)."""
    classes = commands().execution_class
    modes = {m for part in security().part for m in part.modes} | set(security().catalog.modes)
    return frozenset({*commands().command, *classes.values, *(w for w in workers() if w != "Standard"),
                      *(modes - {"DISABLED"})})


@cache
def _exact() -> frozenset[str]:
    """Strings that are Glue facts when they are the whole constant (too common as words inside prose): the legacy
    worker type, special-parameter names, trigger types and Predicate.Logical values."""
    facts = trigger_facts()
    return frozenset({"Standard", *(p.name for p in parameters().parameter if p.name.startswith("--")),
                      *_trigger_types(), facts.logical.all, facts.logical.any})


def _trigger_types() -> set[str]:
    types = trigger_facts().types
    return {types.scheduled, types.conditional, types.on_demand, types.event}


@cache
def _version_ids() -> frozenset[str]:
    """Glue versions: a fact when code compares with one or passes one (``at_least(v, "3.0")``); a report's own
    ``schema_version = "2.0"`` is not one."""
    return frozenset(v.id for v in versions().version)


@cache
def _numbers() -> frozenset[float]:
    """Numbers distinctive enough that a constant equal to one is the fact written again."""
    hours = billing().hours_per_month
    # (Quota-sized round numbers such as 1000 are left out: as a plain constant they mean too many other things.)
    found = {hours, hours * 12, limits().timeout.max_minutes_exclusive, limits().arguments.max_total_bytes}
    found |= {v.default_timeout_minutes for v in versions().version}
    found |= {c.default_timeout_minutes for c in commands().command.values() if c.default_timeout_minutes}
    return frozenset(float(n) for n in found)


def _word_hits(text: str) -> list[str]:
    hits = [w for w in _words() if re.search(rf"(?<![\w.-]){re.escape(w)}(?![\w-])", text)]
    hits += WORKER_SHAPE.findall(text)
    if text in _exact():
        hits.append(text)
    return sorted(set(hits))


def _version_tuple(node: ast.Tuple) -> bool:
    return 2 <= len(node.elts) <= 3 and all(isinstance(e, ast.Constant) and type(e.value) is int for e in node.elts)


def literals(source: str) -> Iterator[tuple[int, str]]:
    """(line, what) for every Glue literal in one module's source."""
    tree = ast.parse(source)
    ordered: set[int] = set()  # operands of <, <=, >, >=, ==, != (not of `in`: `code in (0, 1)` is no version)
    used: set[int] = set()  # operands of any comparison and arguments of calls
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            used.update(id(c) for c in operands)
            if not any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
                ordered.update(id(c) for c in operands if isinstance(c, ast.Tuple))
        elif isinstance(node, ast.Call):
            used.update(id(a) for a in [*node.args, *(k.value for k in node.keywords)])
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for hit in _word_hits(node.value):
                yield node.lineno, hit
            if id(node) in used and node.value in _version_ids():
                yield node.lineno, node.value
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float) and float(node.value) in _numbers():
            yield node.lineno, repr(node.value)
        elif isinstance(node, ast.Tuple) and id(node) in ordered and _version_tuple(node):
            yield node.lineno, ast.unparse(node)


def _offenders() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(EXEMPT):
            continue
        module = path.relative_to(PACKAGE).as_posix()
        for line, hit in literals(path.read_text(encoding="utf-8")):
            if (module, hit) not in ALLOWED:
                found.append(f"gluelint/{module}:{line}: {hit}")
    return found


def test_no_glue_fact_is_written_in_python() -> None:
    offenders = _offenders()
    assert not offenders, "Glue facts written in Python (read them from rules/ or pricing/):\n" + "\n".join(offenders)


def test_every_allowance_is_still_needed() -> None:
    used = {(path.relative_to(PACKAGE).as_posix(), hit) for path in PACKAGE.rglob("*.py")
            if not path.is_relative_to(EXEMPT) for _, hit in literals(path.read_text(encoding="utf-8"))}
    assert set(ALLOWED) <= used, f"no longer needed: {sorted(set(ALLOWED) - used)}"


def test_the_scan_finds_each_kind_of_literal() -> None:
    """The test can fail: each kind of fact, written in code, is found."""
    code = '''
FLEX_ONLY = ["G.1X", "G.2X"]
DEFAULT = "glueetl"
def is_new(key):
    return key >= (3, 0)
MESSAGE = f"set execution_class FLEX on a glueray job with Z.2X workers or a future G.32X, SSE-KMS"
HOURS = 730
BOOKMARK = "--job-bookmark-option"
KIND = "CONDITIONAL"
def old(version):
    return at_least(version, "4.0") is False or version == "3.0"
'''
    hits = {what for _, what in literals(code)}
    assert {"G.1X", "G.2X", "glueetl", "(3, 0)", "FLEX", "glueray", "Z.2X", "G.32X", "730",
            "--job-bookmark-option", "4.0", "3.0", "SSE-KMS",
            "CONDITIONAL"} <= hits, hits
    harmless = 'TEXT = "a flexible standard job, 730 ms"\nX = (3, 0)\nSCHEMA = "2.0"\nok = code in (0, 1)\n'
    assert not set(literals(harmless))


def test_the_trigger_vocabulary_is_the_apis() -> None:
    """The roles triggers.toml gives trigger types and Predicate.Logical values name exactly the API's values (the
    provider's enums in rules/glue/api_fields.json, generated from botocore and checked by test_glue_drift)."""
    fields = terraform_fields("aws_glue_trigger")
    assert _trigger_types() == set(fields["type"].enum or ())
    logic = trigger_facts().logical
    assert {logic.all, logic.any} == set(fields["predicate.logical"].enum or ()) and logic.default == logic.all
