"""SARIF 2.1.0 for GitHub code scanning (one run; every rule; repo-relative URIs under %SRCROOT%).

GitHub's requirements and limits (retrieved 2026-12-01):
https://docs.github.com/en/code-security/reference/code-scanning/sarif-files/sarif-support-for-code-scanning and
https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit. Notes:
- our stable fingerprint goes under ``partialFingerprints["gluelintFingerprint/v1"]``; ``primaryLocationLineHash``
  is left for ``upload-sarif`` to compute from the file (a line-independent value there would be "inconsistent");
- ``security-severity`` only for rules that carry one (GL1/GL2 security rules), with the ``security`` tag;
- suppressed findings stay in the log with ``suppressions: [{kind: inSource, justification}]``;
- at most ``MAX_RESULTS`` results and ``MAX_GZIP_BYTES`` gzipped: the least severe results are dropped first and a
  tool execution notification says how many.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

from gluelint import __version__
from gluelint.findings import Finding, Severity
from gluelint.findings.catalog import RuleMeta, catalog, doc
from gluelint.findings.fingerprint import fingerprint
from gluelint.findings.result import RunResult
from gluelint.report import ReportOptions
from gluelint.report.branches import branch_json, shown_message
from gluelint.report.common import (
    PROJECT_URL,
    SARIF_LEVEL,
    end_of,
    fix_place,
    most_severe_first,
    relative_path,
    rule_url,
    uri_encode,
    written_attribute,
)

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "gluelintFingerprint/v1"
SRCROOT = "%SRCROOT%"
# GitHub rejects a run with more than 25,000 results and a file above 10 MB gzipped (keep a margin).
MAX_RESULTS = 25_000
MAX_GZIP_BYTES = 9_500_000
# GitHub's length limits on rule descriptions and names.
_MAX_DESCRIPTION = 1024
_MAX_NAME = 255
_PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}


def render(result: RunResult, options: ReportOptions) -> str:
    return json.dumps(log(result, options), indent=2, ensure_ascii=False) + "\n"


def log(result: RunResult, options: ReportOptions) -> dict[str, Any]:
    """The SARIF log as a dict, results capped to GitHub's count and size limits."""
    rules = _rules(result)
    index = {meta.id: i for i, meta in enumerate(rules)}
    ordered = _upload_order(result.findings)
    results = [_result(f, index, options) for f in ordered]
    keep = min(len(results), MAX_RESULTS)
    document = _document(rules, results[:keep], len(results) - keep, options)
    while keep > 0 and _gzip_size(document) > MAX_GZIP_BYTES:
        keep = keep * 3 // 4
        document = _document(rules, results[:keep], len(results) - keep, options)
    return document


def _document(rules: list[RuleMeta], results: list[dict[str, Any]], omitted: int,
              options: ReportOptions) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if omitted:
        invocation["toolExecutionNotifications"] = [{
            "level": "warning",
            "message": {"text": f"{omitted} of {omitted + len(results)} results were left out to stay within "
                                "GitHub code scanning limits (the least severe first); run gluelint with "
                                "--format json for the full report."},
        }]
    root = options.source_root.resolve().as_uri().rstrip("/") + "/"
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "gluelint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": PROJECT_URL,
                "rules": [_rule(meta) for meta in rules],
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": root}},
            "invocations": [invocation],
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def _gzip_size(document: dict[str, Any]) -> int:
    return len(gzip.compress(json.dumps(document, ensure_ascii=False).encode("utf-8"), compresslevel=6))


def _upload_order(findings: list[Finding]) -> list[Finding]:
    """Active findings first (most severe first), suppressed ones last: truncation drops those first."""
    return most_severe_first([f for f in findings if not f.suppressed]) + \
        most_severe_first([f for f in findings if f.suppressed])


def _rules(result: RunResult) -> list[RuleMeta]:
    """Every catalog rule (stable ``ruleIndex`` across runs), plus any rule of the run missing from it."""
    by_id = dict(catalog())
    for meta in result.rules:
        by_id.setdefault(meta.id, meta)
    for f in result.findings:  # a rule outside the catalog (a plugin, a test double) still gets a descriptor
        if f.rule not in by_id:
            by_id[f.rule] = RuleMeta(id=f.rule, name=f.name or f.rule, pack=f.rule[:3], severity=f.severity,
                                     summary=f.name or f.rule)
    return [by_id[key] for key in sorted(by_id)]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _full_description(meta: RuleMeta, page: str) -> str:
    """The first prose paragraph of the doc page (after the title), else the summary."""
    paragraph: list[str] = []
    for line in page.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") or stripped.startswith("<!--"):
            if paragraph:
                break
            continue
        if not stripped:
            if paragraph:
                break
            continue
        paragraph.append(stripped)
    return " ".join(paragraph) or meta.summary


def _rule(meta: RuleMeta) -> dict[str, Any]:
    page = doc(meta.id).strip()
    markdown = page or f"# {meta.id} {meta.name}\n\n{meta.summary}\n"
    tags = list(dict.fromkeys(meta.tags))
    properties: dict[str, Any] = {"precision": meta.precision}
    if meta.security_severity is not None:
        if "security" not in tags:
            tags.insert(0, "security")
        properties["security-severity"] = f"{min(max(meta.security_severity, 0.0), 10.0):.1f}"
    else:
        properties["problem.severity"] = _PROBLEM_SEVERITY[meta.severity]
    properties["tags"] = tags[:20]
    return {
        "id": meta.id,
        "name": _clip(meta.name, _MAX_NAME),
        "shortDescription": {"text": _clip(meta.summary, _MAX_DESCRIPTION)},
        "fullDescription": {"text": _clip(_full_description(meta, page), _MAX_DESCRIPTION)},
        "help": {"text": markdown, "markdown": markdown},
        "helpUri": rule_url(meta.id),
        "defaultConfiguration": {"level": SARIF_LEVEL[meta.severity]},
        "properties": properties,
    }


def _result(f: Finding, index: dict[str, int], options: ReportOptions) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in index:
        out["ruleIndex"] = index[f.rule]
    out["level"] = SARIF_LEVEL[f.severity]
    out["message"] = {"text": shown_message(f) or f"{f.rule} {f.name}"}
    out["locations"] = [_location(f, options)]
    out["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint or fingerprint(f)}
    properties: dict[str, Any] = {}
    if f.resource:
        properties["resource"] = f.resource
    if f.resource_type:
        properties["resourceType"] = f.resource_type
    if f.attribute:
        properties["attribute"] = f.attribute
        properties["attributePath"] = written_attribute(f)
    if f.branch:
        properties["branch"] = branch_json(f.branch)
    if properties:
        out["properties"] = properties
    proven = options.fixes.get(fix_place(f))
    if proven is not None:
        out["fixes"] = [_fix(f, proven, options)]
    if f.suppressed:
        out["suppressions"] = [{"kind": "inSource", "status": "accepted",
                                "justification": f.justification or "(no reason given)"}]
    return out


def _fix(f: Finding, proven: dict[str, Any], options: ReportOptions) -> dict[str, Any]:
    """A SARIF ``fix``: the proven replacements of ``gluelint check --fix``, on the file as it is."""
    replacements = [{"deletedRegion": {"startLine": line, "startColumn": column, "endLine": end_line,
                                       "endColumn": end_column},
                     "insertedContent": {"text": text}}
                    for line, column, end_line, end_column, text in proven["replacements"]]
    return {"description": {"text": proven["description"]},
            "artifactChanges": [{"artifactLocation": _artifact(f, options), "replacements": replacements}]}


def _location(f: Finding, options: ReportOptions) -> dict[str, Any]:
    artifact = _artifact(f, options)
    end_line, end_column = end_of(f.span)
    physical: dict[str, Any] = {
        "artifactLocation": artifact,
        "region": {"startLine": max(f.span.line, 1), "startColumn": max(f.span.column, 1),
                   "endLine": max(end_line, 1), "endColumn": max(end_column, 2)},
    }
    location: dict[str, Any] = {"physicalLocation": physical}
    if f.resource:
        location["logicalLocations"] = [{"fullyQualifiedName": f.resource, "kind": "resource"}]
    return location


def _artifact(f: Finding, options: ReportOptions) -> dict[str, Any]:
    relative = relative_path(f.span.file, options.source_root, options.display_base)
    artifact: dict[str, Any]
    if relative is not None:
        artifact = {"uri": uri_encode(relative), "uriBaseId": SRCROOT}
    elif not f.span.file.startswith("<"):  # a real file outside the source root: an absolute URI
        artifact = {"uri": Path(os.path.normpath(Path(f.span.file).absolute())).as_uri()}
    else:
        artifact = {"uri": uri_encode(f.span.file.strip("<>") or "unknown")}
    return artifact
