"""Rule identity is enforced: every catalog ID is a check or an engine rule and nothing else is; every rule has
failing and passing fixtures in each format it applies to; severities and variants come only from the catalog."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from gluelint.checks import all_checks
from gluelint.checks.registry import check
from gluelint.config import Config
from gluelint.engine import RunRequest, run
from gluelint.findings import Severity
from gluelint.findings.catalog import ENGINE_RULES, SOURCE_FORMATS, catalog
from gluelint.parse.options import ParseOptions

RULES = Path(__file__).parent / "rules"
CHECKS = Path(__file__).resolve().parent.parent / "gluelint" / "checks"
SUFFIX = {"terraform-hcl": ".tf", "terraform-json": ".tf.json", "cloudformation-yaml": ".yaml"}


def test_catalog_is_exactly_the_checks_and_the_engine_rules() -> None:
    registered = {c.rule_id for c in all_checks()}
    assert not registered & set(ENGINE_RULES)
    assert set(catalog()) == registered | set(ENGINE_RULES), (
        f"catalog only: {sorted(set(catalog()) - registered - set(ENGINE_RULES))}; "
        f"checks only: {sorted(registered - set(catalog()))}")


def test_a_check_for_an_id_missing_from_the_catalog_fails_loudly() -> None:
    with pytest.raises(LookupError, match="GL999"):
        check("GL999")
    with pytest.raises(LookupError, match="engine"):
        check("GL001")


@pytest.mark.parametrize("rule_id", sorted(catalog()))
def test_every_rule_has_failing_and_passing_fixtures_in_each_format(rule_id: str) -> None:
    meta = catalog()[rule_id]
    assert set(meta.formats) <= set(SOURCE_FORMATS), meta.formats
    if rule_id == "GL000":
        return  # an internal error has no input that causes it (tests/test_isolation.py injects one)
    folder = RULES / rule_id
    missing = [f"{kind}{SUFFIX[fmt]}" for fmt in meta.formats for kind in ("fail", "pass")
               if not (folder / f"{kind}{SUFFIX[fmt]}").is_file()]
    assert not missing, f"tests/rules/{rule_id}/ lacks {', '.join(missing)}"


def _variants_used() -> set[tuple[str, str]]:
    """(rule, variant) for every ``variant="..."`` written in a function decorated ``@check("GLxxx")``."""
    used: set[tuple[str, str]] = set()
    for path in CHECKS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            rules = [d.args[0].value for d in node.decorator_list if isinstance(d, ast.Call)
                     and getattr(d.func, "id", "") == "check" and d.args and isinstance(d.args[0], ast.Constant)]
            for call in ast.walk(node):
                for kw in getattr(call, "keywords", []):
                    if kw.arg != "variant":
                        continue
                    values = [c.value for c in ast.walk(kw.value) if isinstance(c, ast.Constant)
                              and isinstance(c.value, str)]
                    used.update((str(rule), value) for rule in rules for value in values)
    return used


def test_every_variant_a_check_reports_is_in_the_catalog() -> None:
    used = _variants_used()
    assert used, "no variant found: the reader is broken"
    unknown = sorted((rule, v) for rule, v in used if v not in catalog()[rule].variants)
    assert not unknown, unknown
    unused = sorted((rule, v) for rule, meta in catalog().items() for v in meta.variants if (rule, v) not in used)
    assert not unused, f"catalog variants no check reports: {unused}"


def test_no_check_sets_a_severity_itself() -> None:
    offenders = [f"{path.name}:{node.lineno}" for path in CHECKS.glob("*.py") if path.name != "context.py"
                 for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.Call) and any(kw.arg == "severity" for kw in node.keywords)]
    assert not offenders, offenders


PACKAGE = CHECKS.parent


def _severity_sources(function: ast.AST) -> dict[str, ast.expr]:
    """What each local name is assigned from, in one function."""
    return {t.id: node.value for node in ast.walk(function) if isinstance(node, ast.Assign)
            for t in node.targets if isinstance(t, ast.Name)}


def _from_the_catalog(value: ast.expr, sources: dict[str, ast.expr]) -> bool:
    """``meta.severity_of(variant, configured)`` (directly or through a local name): the catalog's severity for
    the rule or variant, unless the user's config sets one."""
    if isinstance(value, ast.Name) and value.id in sources:
        value = sources[value.id]
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "severity_of"


def test_every_finding_takes_its_severity_from_the_catalog_or_the_config() -> None:
    """No call site anywhere in the package (checks, engine, cost, integrations) builds a Finding with a severity
    that bypasses ``[tool.gluelint] severity``: each passes ``RuleMeta.severity_of(..., configured)``."""
    offenders, seen = [], 0
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            sources = _severity_sources(function)
            for call in ast.walk(function):
                if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "Finding"):
                    continue
                seen += 1
                severity = next((kw.value for kw in call.keywords if kw.arg == "severity"), None)
                if severity is None or not _from_the_catalog(severity, sources):
                    offenders.append(f"{path.relative_to(PACKAGE.parent)}:{call.lineno}")
    assert seen >= 4, "no Finding construction found: the reader is broken"
    assert not offenders, offenders


def test_the_users_severity_applies_to_an_internal_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gluelint.checks import registry
    from gluelint.checks.registry import Check
    from gluelint.model.resources import Job

    all_checks()

    def broken(job: Job, ctx: object) -> list[object]:
        raise ZeroDivisionError("deliberate")

    monkeypatch.setattr(registry, "_CHECKS", [Check("GL503", Job, broken)])
    target = tmp_path / "job.tf"
    target.write_text('resource "aws_glue_job" "j" {\n  name = "j"\n  role_arn = "r"\n  command {\n'
                      '    script_location = "s3://b/s.py"\n  }\n}\n', encoding="utf-8")
    for config, expected in ((Config(), catalog()["GL000"].severity),
                             (Config(severity={"GL000": Severity.INFO}), Severity.INFO)):
        result = run(RunRequest(paths=[target], parse_options=ParseOptions(root=tmp_path), select=["GL503"],
                                config=config, with_cost=False, use_cache=False))
        assert [f.severity for f in result.findings if f.rule == "GL000"] == [expected]


def _gl502_run(tmp_path: Path, config: Config, today: dt.date) -> list[Severity]:
    target = tmp_path / "job.tf"
    target.write_text('resource "aws_glue_job" "j" {\n  name = "j"\n  role_arn = "r"\n  glue_version = "2.0"\n'
                      '  command {\n    script_location = "s3://b/s.py"\n  }\n}\n', encoding="utf-8")
    result = run(RunRequest(paths=[target], parse_options=ParseOptions(root=tmp_path), select=["GL502"],
                            config=config, today=today, with_cost=False))
    return [f.severity for f in result.findings if f.rule == "GL502"]


def test_the_users_severity_wins_over_every_variant(tmp_path: Path) -> None:
    end_of_support_only = dt.date(2025, 1, 1)  # Glue 2.0: end of support 2024-01-31, end of life 2026-04-01
    assert _gl502_run(tmp_path, Config(), end_of_support_only) == [Severity.WARNING]  # the catalog's variant
    assert _gl502_run(tmp_path, Config(severity={"GL502": Severity.INFO}), end_of_support_only) == [Severity.INFO]


_ENGINE_INPUTS = {
    "GL001": 'resource "aws_glue_job" "j" {\n',
    "GL004": (RULES / "GL004" / "fail.tf").read_text(encoding="utf-8"),
}


@pytest.mark.parametrize("how", ["select", "ignore", "per_file", "severity"])
@pytest.mark.parametrize("rule", sorted(_ENGINE_INPUTS))
def test_engine_rules_obey_selection_and_severity_like_every_rule(tmp_path: Path, rule: str, how: str) -> None:
    target = tmp_path / "input.tf"
    target.write_text(_ENGINE_INPUTS[rule], encoding="utf-8")
    request = RunRequest(paths=[target], parse_options=ParseOptions(root=tmp_path), with_cost=False,
                         use_cache=False)
    found = [f for f in run(request).findings if f.rule == rule]
    assert found and {f.severity for f in found} == {catalog()[rule].severity}
    if how == "severity":
        request.config = Config(severity={rule: Severity.INFO})
        assert {f.severity for f in run(request).findings if f.rule == rule} == {Severity.INFO}
        return
    if how == "select":
        request.select = ["GL3"]
    elif how == "ignore":
        request.ignore = [rule]
    else:
        request.config = Config(per_file_ignores={"input.tf": [rule]})
    assert not any(f.rule == rule for f in run(request).findings)
