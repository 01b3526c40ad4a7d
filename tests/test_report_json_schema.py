"""The JSON report validates against the schema shipped in the package."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from _report_helpers import finding, result
from click.testing import CliRunner

from gluelint.cli import main
from gluelint.findings import Severity, Undecided
from gluelint.model.values import Span
from gluelint.report import ReportOptions
from gluelint.report.json_report import render


def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("gluelint").joinpath("schemas/report.schema.json")
                                      .read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def validate(document: Any) -> None:
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    errors = list(validator.iter_errors(document))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_constructed_result_validates() -> None:
    undecided = [Undecided(rule="GL101", resource="aws_glue_job.etl", attribute="number_of_workers",
                           expression="var.workers", reason="variable without default",
                           span=Span(file="main.tf", line=3)),
                 Undecided(rule="GL102", resource="aws_glue_job.etl", attribute="timeout")]
    findings = [finding(), finding(severity=Severity.INFO, suppressed=True, justification="ok", resource=None)]
    document = json.loads(render(result(findings, undecided=undecided), ReportOptions()))
    validate(document)
    assert document["summary"]["findings"] == 1


def test_schema_rejects_drift() -> None:
    document = json.loads(render(result([finding()]), ReportOptions()))
    document["findings"][0]["severity"] = "fatal"
    with pytest.raises(AssertionError, match="fatal"):
        validate(document)


def test_cli_output_validates(monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Path(__file__).parents[1]
    monkeypatch.chdir(repo)
    paths = [p for p in ("examples/terraform", "examples/cloudformation") if (repo / p).exists()]
    out = CliRunner().invoke(main, ["check", *paths, "--format", "json", "--exit-zero"])
    assert out.exit_code == 0, out.output
    document = json.loads(out.output)
    validate(document)
    if paths:
        assert document["summary"]["files"] >= 1
