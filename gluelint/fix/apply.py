"""Apply safe fixes to one file and prove them: re-parse, compare the model, re-check.

A fix is kept only when, after its edits, the file still parses without error, every resource in it has the
same attributes as before except the fix's field of the finding's resource, that field is exactly the value
the fix promised, and the finding is gone. Other findings may appear (a renamed parameter now takes effect
and is checked like any other): they are reported after the fix. The file is checked alone (a copy under a
temporary folder) before and after, so the comparison is like for like. Fixes of one file are applied one
at a time, each on the text the previous one left, and re-checked each time (positions move).
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from gluelint.engine import RunRequest, run
from gluelint.findings import Finding
from gluelint.findings.result import RunResult
from gluelint.fix.edits import EditRefused, Replacement, apply, replacements
from gluelint.model.values import Value

# Resource fields that say where or what a resource is, not what it sets.
# `body` is the attributes as written, which every edit changes; the model fields derived from it are compared.
_IDENTITY = {"span", "attribute_keys", "suppressions", "body"}
_MAX_FIXES_PER_FILE = 200

FindingKey = tuple[str, str | None, str | None]


@dataclass
class Snapshot:
    """What one text of a file parses and checks to."""

    parsed: bool
    resources: dict[str, dict[str, Any]]
    # Each resource's attribute values as ``Value.plain()`` (what a fix promises), by address.
    plain: dict[str | None, dict[str, Any]]
    findings: Counter[FindingKey]
    fixable: list[Finding]


@dataclass
class Refusal:
    finding: Finding
    reason: str


@dataclass
class FileFix:
    """The outcome for one file: its text before and after, the fixes applied and those refused."""

    path: Path
    original: str
    fixed: str
    applied: list[Finding] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    # For each applied fix, its replacements of the original text when applied alone (SARIF ``fixes``).
    alone: dict[tuple[str, str | None, int, int], list[Replacement]] = field(default_factory=dict)
    problem: str | None = None
    # Rules that report something only once the fixes are in (shown after the fix, as any finding).
    new_rules: set[str] = field(default_factory=set)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def key(f: Finding) -> FindingKey:
    return f.rule, f.resource, f.attribute


Signature = tuple[str, str | None, str | None, str]


def signature(f: Finding) -> Signature:
    """Identifies a fix across re-checks, where lines move."""
    return f.rule, f.resource, f.attribute, f.fix.description if f.fix is not None else ""


def place(f: Finding) -> tuple[str, str | None, int, int]:
    """Identifies a finding of the full run in the file checked alone (same text, same positions)."""
    return f.rule, f.attribute, f.span.line, f.span.column


def _strip(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip(v) for k, v in data.items() if k not in _IDENTITY and not k.endswith("span")}
    if isinstance(data, list):
        return [_strip(v) for v in data]
    return data


def _resources(result: RunResult) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in result.inventory.resources:
        out[f"{r.address}|{r.scope}"] = {name: _strip(r.model_dump(mode="json").get(name))
                                         for name in type(r).model_fields if name not in _IDENTITY}
    return out


class Checker:
    """Parses and checks texts of one file as that file, alone."""

    def __init__(self, path: Path, template: RunRequest) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="gluelint-fix-"))
        self.copy = self.folder / path.name
        self.template = template

    def close(self) -> None:
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)

    def snapshot(self, text: str) -> Snapshot:
        self.copy.write_text(text, encoding="utf-8", newline="")
        request = replace(self.template, paths=[self.copy], use_cache=False, prefilter=False, preselected=None,
                          jobs=1)
        from gluelint.progress import Silent

        request.progress = Silent()
        result = run(request)
        active = [f for f in result.active if f.rule != "GL001"]
        plain: dict[str | None, dict[str, Any]] = {r.address: {name: value.plain() for name in type(r).model_fields
                             if isinstance(value := getattr(r, name), Value)} for r in result.inventory.resources}
        return Snapshot(parsed=not result.inventory.parse_errors, resources=_resources(result), plain=plain,
                        findings=Counter(key(f) for f in active),
                        fixable=[f for f in active if f.fix is not None])


def _field_of(snapshot: Snapshot, finding: Finding) -> str | None:
    if finding.fix is None:
        return None
    return next((k for k in snapshot.resources if k.split("|", 1)[0] == finding.resource), None)


def attempt(checker: Checker, text: str, before: Snapshot, finding: Finding) -> tuple[str, Snapshot,
                                                                                      list[Replacement]]:
    """The text and snapshot after ``finding``'s fix, or EditRefused saying why it is not safe."""
    fix = finding.fix
    if fix is None:
        raise EditRefused("no fix")
    found = replacements(text, fix)
    fixed = apply(text, found)
    after = checker.snapshot(fixed)
    if not after.parsed:
        raise EditRefused("the edited file would not parse")
    owner = _field_of(before, finding)
    if owner is None or set(after.resources) != set(before.resources):
        raise EditRefused("the edited file would not hold the same resources")
    for name, attributes in before.resources.items():
        now = after.resources[name]
        for attribute, value in attributes.items():
            if name == owner and attribute == fix.field:
                continue
            if now.get(attribute) != value:
                raise EditRefused(f"the edit would also change `{attribute}`")
    if after.plain.get(finding.resource, {}).get(fix.field) != fix.expected:
        raise EditRefused(f"`{fix.field}` would not become what the fix intends")
    if after.findings[key(finding)]:
        raise EditRefused("the finding would remain")
    return fixed, after, found


def consequences(before: Snapshot, after: Snapshot, finding: Finding) -> list[str]:
    """Rules that find something only after the fix (a renamed parameter now takes effect, and is checked)."""
    expected = before.findings.copy()
    expected.pop(key(finding), None)
    return sorted({rule for rule, _, _ in after.findings - expected})


def fix_file(path: Path, wanted: list[Finding], template: RunRequest, alone: bool = False) -> FileFix:
    """Apply the fixes of ``wanted`` (findings of the full run in ``path``) that are safe, one at a time;
    with ``alone``, also prove each applied fix by itself on the original text (for SARIF)."""
    try:
        original = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return FileFix(path, "", "", refused=[Refusal(f, "the file cannot be read as UTF-8") for f in wanted],
                       problem=f"cannot read it as UTF-8 text ({exc})")
    outcome = FileFix(path, original, original)
    checker = Checker(path, template)
    try:
        _fix_all(checker, outcome, wanted, alone)
    finally:
        checker.close()
    return outcome


def _fix_all(checker: Checker, outcome: FileFix, wanted: list[Finding], alone: bool) -> None:
    before = checker.snapshot(outcome.original)
    if not before.parsed:
        outcome.problem = "it does not parse cleanly, so no edit can be proved"
        outcome.refused = [Refusal(f, outcome.problem) for f in wanted]
        return
    positions = {place(f) for f in wanted}
    todo = [f for f in before.fixable if place(f) in positions]
    if alone:
        _prove_each(checker, outcome, before, todo)
        return
    signatures = {signature(f) for f in todo}
    tried: set[Signature] = set()
    text = outcome.original
    while todo and len(tried) < _MAX_FIXES_PER_FILE:
        finding = todo.pop(0)
        tried.add(signature(finding))
        try:
            text, after, _ = attempt(checker, text, before, finding)
        except EditRefused as exc:
            outcome.refused.append(Refusal(finding, str(exc)))
            continue
        outcome.applied.append(finding)
        outcome.new_rules.update(consequences(before, after, finding))
        before = after
        todo = [f for f in before.fixable if signature(f) in signatures and signature(f) not in tried]
    outcome.fixed = text


def _prove_each(checker: Checker, outcome: FileFix, before: Snapshot, todo: list[Finding]) -> None:
    """Each fix by itself on the original text (SARIF offers them one by one); the file is not changed."""
    for finding in todo[:_MAX_FIXES_PER_FILE]:
        try:
            _, _, found = attempt(checker, outcome.original, before, finding)
        except EditRefused as exc:
            outcome.refused.append(Refusal(finding, str(exc)))
            continue
        outcome.applied.append(finding)
        outcome.alone[place(finding)] = found
