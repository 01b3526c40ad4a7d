"""Generate the rule fixtures of packs GL3, GL4 and GL5 (tests/rules/GL3xx-GL5xx).

Each case is one job spec rendered three ways (Terraform HCL, Terraform JSON, CloudFormation YAML); the
renderer records where every attribute key lands, so expected.txt follows the column convention: Terraform the
attribute key (argument entries: the key string's opening quote), CloudFormation the property key, and the
resource's start when an attribute is missing. Run: python scripts/gen_gl345_fixtures.py
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gl345_cases import CASES, Args, Block, E, Job

ROOT = Path(__file__).resolve().parent.parent / "tests" / "rules"


CFN = {
    "name": "Name", "role_arn": "Role", "glue_version": "GlueVersion", "worker_type": "WorkerType",
    "number_of_workers": "NumberOfWorkers", "max_capacity": "MaxCapacity", "timeout": "Timeout",
    "max_retries": "MaxRetries", "execution_class": "ExecutionClass", "maintenance_window": "MaintenanceWindow",
    "allocated_capacity": "AllocatedCapacity", "command": "Command", "script_location": "ScriptLocation",
    "python_version": "PythonVersion", "runtime": "Runtime", "default_arguments": "DefaultArguments",
    "non_overridable_arguments": "NonOverridableArguments", "execution_property": "ExecutionProperty",
    "max_concurrent_runs": "MaxConcurrentRuns", "notification_property": "NotificationProperty",
    "notify_delay_after": "NotifyDelayAfter", "security_configuration": "SecurityConfiguration",
}


@dataclass
class Out:
    lines: list[str] = field(default_factory=list)
    expected: list[tuple[int, int]] = field(default_factory=list)

    def add(self, text: str, expect_col: int | None = None) -> None:
        self.lines.append(text)
        if expect_col is not None:
            self.expected.append((len(self.lines), expect_col))

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _plain(v: Any) -> Any:
    return v.value if isinstance(v, E) else v


def _hcl_scalar(v: Any) -> str:
    v = _plain(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    return json.dumps(v)


def render_hcl(jobs: list[Job], header: str = "") -> Out:
    out = Out()
    if header:
        for line in header.splitlines():
            out.add(line)
        out.add("")
    for i, job in enumerate(jobs):
        if i:
            out.add("")
        out.lines.append(f'resource "aws_glue_job" "{job.label}" {{')
        for _ in range(job.expect_resource):
            out.expected.append((len(out.lines), 1))
        _hcl_body(out, job.attrs, 2)
        out.add("}")
    return out


def _hcl_body(out: Out, attrs: list[tuple[str, Any]], indent: int) -> None:
    pad = " " * indent
    for key, raw in attrs:
        mark = indent + 1 if isinstance(raw, E) and isinstance(raw.value, (Block, Args)) else None
        value = raw.value if mark else raw
        if isinstance(value, Block):
            out.add(f"{pad}{key} {{", mark)
            _hcl_body(out, list(value.items()), indent + 2)
            out.add(f"{pad}}}")
        elif isinstance(value, Args):
            out.add(f"{pad}{key} = {{", mark)
            for k, v in value:
                out.add(f"{pad}  {json.dumps(k)} = {_hcl_scalar(v)}", indent + 3 if isinstance(v, E) else None)
            out.add(f"{pad}}}")
        else:
            out.add(f"{pad}{key} = {_hcl_scalar(value)}", indent + 1 if isinstance(value, E) else None)


def render_json(jobs: list[Job], provider_region: str | None = None) -> Out:
    out = Out()
    out.add("{")
    if provider_region:
        out.add(f'  "provider": {{"aws": {{"region": {json.dumps(provider_region)}}}}},')
    out.add('  "resource": {')
    out.add('    "aws_glue_job": {')
    for i, job in enumerate(jobs):
        out.lines.append(f'      {json.dumps(job.label)}: {{')
        for _ in range(job.expect_resource):
            out.expected.append((len(out.lines), 7))
        _json_body(out, job.attrs, 8)
        out.add("      }" + ("," if i < len(jobs) - 1 else ""))
    out.add("    }")
    out.add("  }")
    out.add("}")
    return out


def _json_body(out: Out, attrs: list[tuple[str, Any]], indent: int) -> None:
    pad = " " * indent
    for n, (key, raw) in enumerate(attrs):
        comma = "," if n < len(attrs) - 1 else ""
        mark = indent + 1 if isinstance(raw, E) and isinstance(raw.value, (Block, Args)) else None
        value = raw.value if mark else raw
        if isinstance(value, Block):
            out.add(f"{pad}{json.dumps(key)}: {{", mark)
            _json_body(out, list(value.items()), indent + 2)
            out.add(f"{pad}}}{comma}")
        elif isinstance(value, Args):
            out.add(f"{pad}{json.dumps(key)}: {{", mark)
            for m, (k, v) in enumerate(value):
                c = "," if m < len(value) - 1 else ""
                out.add(f"{pad}  {json.dumps(k)}: {json.dumps(_plain(v))}{c}",
                        indent + 3 if isinstance(v, E) else None)
            out.add(f"{pad}}}{comma}")
        else:
            out.add(f"{pad}{json.dumps(key)}: {json.dumps(_plain(value))}{comma}",
                    indent + 1 if isinstance(value, E) else None)


def render_yaml(jobs: list[Job]) -> Out:
    out = Out()
    out.add('AWSTemplateFormatVersion: "2010-09-09"')
    out.add("Description: gluelint rule fixture")
    out.add("Resources:")
    for job in jobs:
        out.lines.append(f"  {job.logical}:")
        for _ in range(job.expect_resource):
            out.expected.append((len(out.lines), 3))
        out.add("    Type: AWS::Glue::Job")
        out.add("    Properties:")
        _yaml_body(out, job.attrs, 6)
    return out


def _yaml_body(out: Out, attrs: list[tuple[str, Any]], indent: int) -> None:
    pad = " " * indent
    for key, raw in attrs:
        name = CFN[key]
        mark = indent + 1 if isinstance(raw, E) and isinstance(raw.value, (Block, Args)) else None
        value = raw.value if mark else raw
        if isinstance(value, Block):
            out.add(f"{pad}{name}:", mark)
            _yaml_body(out, list(value.items()), indent + 2)
        elif isinstance(value, Args):
            out.add(f"{pad}{name}:", mark)
            for k, v in value:
                out.add(f"{pad}  {json.dumps(k)}: {json.dumps(_plain(v))}", indent + 3 if isinstance(v, E) else None)
        else:
            out.add(f"{pad}{name}: {json.dumps(_plain(value))}", indent + 1 if isinstance(value, E) else None)


def main() -> None:
    for rule_id, case in CASES.items():
        folder = ROOT / rule_id
        folder.mkdir(parents=True, exist_ok=True)
        expected: list[str] = [f"# generated by scripts/gen_gl345_fixtures.py: {case.get('why', '')}".rstrip()]
        for kind in ("fail", "pass"):
            jobs: list[Job] = case[kind]
            for suffix, out in ((".tf", render_hcl(jobs, case.get("hcl_header", ""))), (".tf.json", render_json(jobs)),
                                (".yaml", render_yaml(jobs))):
                name = f"{kind}{suffix}"
                (folder / name).write_text(out.text(), encoding="utf-8")
                expected += [f"{name} {line}:{col}" for line, col in out.expected]
        (folder / "expected.txt").write_text("\n".join(expected) + "\n", encoding="utf-8")
        for extra in ("config.toml", "today.txt"):
            if extra in case:
                (folder / extra).write_text(case[extra], encoding="utf-8")


if __name__ == "__main__":
    main()
