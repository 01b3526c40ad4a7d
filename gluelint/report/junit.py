"""JUnit XML for CI test tabs: one testsuite per scanned file, one failing testcase per finding.

A file without findings gets one passing testcase, so clean files show up as passed; suppressed findings appear as
skipped testcases carrying their justification. Findings below ``options.severity`` are left out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from gluelint.findings import Finding
from gluelint.findings.result import RunResult
from gluelint.report import ReportOptions
from gluelint.report.branches import shown_message

# Characters XML 1.0 cannot carry at all (ElementTree would write them and produce an unreadable file).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(element: ET.Element) -> None:
    for node in element.iter():
        node.attrib = {k: _INVALID_XML.sub("\ufffd", v) for k, v in node.attrib.items()}
        if node.text:
            node.text = _INVALID_XML.sub("\ufffd", node.text)


def _testcase(f: Finding, file: str) -> ET.Element:
    case = ET.Element("testcase", {
        "name": f"{f.rule} {f.name} at {file}:{f.span.line}:{f.span.column}"
                + (f" ({f.resource})" if f.resource else ""),
        "classname": f"gluelint.{f.rule}",
        "file": file,
        "line": str(f.span.line),
        "time": "0",
    })
    if f.suppressed:
        ET.SubElement(case, "skipped", {"message": f"suppressed: {f.justification or '(no reason given)'}"})
    else:
        message = shown_message(f)
        failure = ET.SubElement(case, "failure", {"message": message, "type": f.severity.value})
        failure.text = (f"{file}:{f.span.line}:{f.span.column}: {f.severity.value} {f.rule} {f.name}: {message}"
                        + (f"\nresource: {f.resource}" if f.resource else ""))
    return case


def render(result: RunResult, options: ReportOptions) -> str:
    relevant = [f for f in result.findings if f.severity.rank >= options.severity.rank]
    files = {options.repo_path(report.path) for report in result.inventory.files}
    by_file: dict[str, list[Finding]] = {}
    for file, group in groupby(sorted(relevant, key=lambda f: (options.repo_path(f.span.file),
                                                               f.span.line, f.span.column, f.rule)),
                               key=lambda f: options.repo_path(f.span.file)):
        by_file[file] = list(group)
    root = ET.Element("testsuites", {"name": "gluelint"})
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for file in sorted(files | set(by_file)):
        findings = by_file.get(file, [])
        suite = ET.SubElement(root, "testsuite", {"name": file})
        failures = sum(1 for f in findings if not f.suppressed)
        skipped = len(findings) - failures
        for f in findings:
            suite.append(_testcase(f, file))
        if not findings:
            ET.SubElement(suite, "testcase", {"name": f"gluelint {file}", "classname": "gluelint", "file": file,
                                              "time": "0"})
        tests = max(len(findings), 1)
        suite.attrib.update({"tests": str(tests), "failures": str(failures), "errors": "0",
                             "skipped": str(skipped), "time": "0"})
        totals["tests"] += tests
        totals["failures"] += failures
        totals["skipped"] += skipped
    root.attrib.update({"tests": str(totals["tests"]), "failures": str(totals["failures"]), "errors": "0",
                        "skipped": str(totals["skipped"]), "time": "0"})
    _clean(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
