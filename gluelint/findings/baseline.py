"""Baselines: the fingerprints of accepted findings; ``check --baseline`` reports only new ones."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from gluelint.findings.result import RunResult

BASELINE_VERSION = 1


class BaselineError(Exception):
    pass


def baseline_document(result: RunResult) -> dict[str, object]:
    entries = sorted({(f.fingerprint, f.rule, f.span.file, f.resource or "") for f in result.active})
    return {"version": BASELINE_VERSION, "tool": "gluelint",
            "findings": [{"fingerprint": fp, "rule": rule, "file": file, "resource": res}
                         for fp, rule, file, res in entries]}


def read_baseline(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a gluelint baseline (expected an object with a 'findings' list)")
    return {str(item["fingerprint"]) for item in data["findings"] if isinstance(item, dict) and "fingerprint" in item}


def filter_new(result: RunResult, known: set[str]) -> RunResult:
    return replace(result, findings=[f for f in result.findings if f.fingerprint not in known])
