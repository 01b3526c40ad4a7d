"""--format junit: one testsuite per file, failures for findings, skipped for suppressed ones."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from _report_helpers import finding, result

from gluelint.findings import Severity
from gluelint.report import ReportOptions
from gluelint.report.junit import render


def test_suites_per_file() -> None:
    findings = [finding(line=3), finding(severity=Severity.WARNING, line=9, message="bad <&> \x01 chars"),
                finding(line=5, suppressed=True, justification="dev job"),
                finding(file="other.tf", severity=Severity.INFO, line=1)]
    text = render(result(findings, files=["infra/glue/main.tf", "other.tf", "clean.tf"]), ReportOptions())
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    assert root.attrib["failures"] == "2" and root.attrib["skipped"] == "1"
    suites = {s.attrib["name"]: s for s in root.findall("testsuite")}
    assert set(suites) == {"infra/glue/main.tf", "other.tf", "clean.tf"}
    main = suites["infra/glue/main.tf"]
    assert main.attrib["tests"] == "3" and main.attrib["failures"] == "2" and main.attrib["skipped"] == "1"
    failures = main.findall("testcase/failure")
    assert failures[1].attrib["message"] == "bad <&> \ufffd chars" and failures[1].attrib["type"] == "warning"
    assert main.find("testcase/skipped").attrib["message"] == "suppressed: dev job"  # type: ignore[union-attr]
    # the info finding is below the default threshold: the file passes
    assert suites["other.tf"].attrib["failures"] == "0" and suites["other.tf"].attrib["tests"] == "1"
    assert suites["clean.tf"].find("testcase/failure") is None


def test_empty_run() -> None:
    root = ET.fromstring(render(result([], files=[]), ReportOptions()).encode("utf-8"))
    assert root.attrib["tests"] == "0" and root.findall("testsuite") == []
