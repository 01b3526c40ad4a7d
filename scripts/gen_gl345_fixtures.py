"""Generate the rule fixtures of packs GL3, GL4 and GL5 (tests/rules/GL3xx-GL5xx).

Each case is one job spec rendered three ways (Terraform HCL, Terraform JSON, CloudFormation YAML); the
renderer records where every attribute key lands, so expected.txt follows the column convention: Terraform the
attribute key (argument entries: the key string's opening quote), CloudFormation the property key, and the
resource's start when an attribute is missing. Property names and the words each expected message must contain
come from the field table (rules/glue/fields.toml, via gluelint's naming), so a CloudFormation fixture expects
`Timeout` where Terraform expects `timeout`. tests/test_fixture_generator.py checks the committed fixtures are
this script's output. Run: python scripts/gen_gl345_fixtures.py
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gl345_cases import CASES, Args, Block, E, Job

from gluelint.knowledge.fields import Dialect, ResourceFields, resource_fields
from gluelint.model.naming import Naming
from gluelint.model.resources import SourceFormat

ROOT = Path(__file__).resolve().parent.parent / "tests" / "rules"


def _job_fields() -> ResourceFields:
    spec = resource_fields("aws_glue_job")
    assert spec is not None
    return spec


_JOB = _job_fields()


def cfn_key(path: str) -> str:
    """The CloudFormation property name of the Terraform key at ``path`` (``command.script_location`` →
    ``ScriptLocation``), from the field table."""
    return translate(path, Dialect.TERRAFORM, Dialect.CLOUDFORMATION)


def translate(path: str, source: Dialect, target: Dialect) -> str:
    """The last segment of the other dialect's path for the key (or block) at ``path``."""
    wanted = path.split(".")
    for paths in _JOB.fields.values():
        mine, theirs = (paths.get(source) or "").split("."), (paths.get(target) or "").split(".")
        if mine[:len(wanted)] == wanted and len(mine) == len(theirs):
            return theirs[len(wanted) - 1]
    raise KeyError(path)


@dataclass(frozen=True)
class Mark:
    """An expected finding: its column, model attribute and the words its message contains."""

    column: int
    attribute: str
    fragment: str


def mark(naming: Naming, column: int, path: str, key: str | None, says: str | None) -> Mark:
    """The expectation at Terraform ``path`` (an argument entry ``key`` of it, when given)."""
    field = _JOB.field_at(path, Dialect.TERRAFORM) or path
    attribute = f"{field}.{key}" if key is not None else field
    default = f"`{key}`" if key is not None else "`{term}`"
    return Mark(column, attribute, (says or default).format(term=naming.term(field)))


@dataclass
class Out:
    naming: Naming
    says: str | None = None
    lines: list[str] = field(default_factory=list)
    expected: list[tuple[int, Mark]] = field(default_factory=list)

    def add(self, text: str, expect: Mark | None = None) -> None:
        self.lines.append(text)
        if expect is not None:
            self.expected.append((len(self.lines), expect))

    def at(self, column: int | None, path: str, key: str | None = None) -> Mark | None:
        return None if column is None else mark(self.naming, column, path, key, self.says)

    def resource(self, job: Job, column: int, attribute: str | None) -> None:
        for _ in range(job.expect_resource):
            assert attribute is not None, f"{job.label}: a missing-attribute case names its attribute"
            self.expected.append((len(self.lines), mark(self.naming, column, attribute, None, self.says)))

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


def render_hcl(jobs: list[Job], header: str = "", says: str | None = None, attribute: str | None = None) -> Out:
    out = Out(Naming("aws_glue_job", SourceFormat.TERRAFORM_HCL), says)
    if header:
        for line in header.splitlines():
            out.add(line)
        out.add("")
    for i, job in enumerate(jobs):
        if i:
            out.add("")
        out.lines.append(f'resource "aws_glue_job" "{job.label}" {{')
        out.resource(job, 1, attribute)
        _hcl_body(out, job.attrs, 2, "")
        out.add("}")
    return out


def _hcl_body(out: Out, attrs: list[tuple[str, Any]], indent: int, prefix: str) -> None:
    pad = " " * indent
    for key, raw in attrs:
        path = prefix + key
        col = indent + 1 if isinstance(raw, E) and isinstance(raw.value, (Block, Args)) else None
        value = raw.value if col else raw
        if isinstance(value, Block):
            out.add(f"{pad}{key} {{", out.at(col, path))
            _hcl_body(out, list(value.items()), indent + 2, f"{path}.")
            out.add(f"{pad}}}")
        elif isinstance(value, Args):
            out.add(f"{pad}{key} = {{", out.at(col, path))
            for k, v in value:
                out.add(f"{pad}  {json.dumps(k)} = {_hcl_scalar(v)}",
                        out.at(indent + 3 if isinstance(v, E) else None, path, k))
            out.add(f"{pad}}}")
        else:
            out.add(f"{pad}{key} = {_hcl_scalar(value)}", out.at(indent + 1 if isinstance(value, E) else None, path))


def render_json(jobs: list[Job], says: str | None = None, attribute: str | None = None) -> Out:
    out = Out(Naming("aws_glue_job", SourceFormat.TERRAFORM_JSON), says)
    out.add("{")
    out.add('  "resource": {')
    out.add('    "aws_glue_job": {')
    for i, job in enumerate(jobs):
        out.lines.append(f'      {json.dumps(job.label)}: {{')
        out.resource(job, 7, attribute)
        _json_body(out, job.attrs, 8, "")
        out.add("      }" + ("," if i < len(jobs) - 1 else ""))
    out.add("    }")
    out.add("  }")
    out.add("}")
    return out


def _json_body(out: Out, attrs: list[tuple[str, Any]], indent: int, prefix: str) -> None:
    pad = " " * indent
    for n, (key, raw) in enumerate(attrs):
        path = prefix + key
        comma = "," if n < len(attrs) - 1 else ""
        col = indent + 1 if isinstance(raw, E) and isinstance(raw.value, (Block, Args)) else None
        value = raw.value if col else raw
        if isinstance(value, Block):
            out.add(f"{pad}{json.dumps(key)}: {{", out.at(col, path))
            _json_body(out, list(value.items()), indent + 2, f"{path}.")
            out.add(f"{pad}}}{comma}")
        elif isinstance(value, Args):
            out.add(f"{pad}{json.dumps(key)}: {{", out.at(col, path))
            for m, (k, v) in enumerate(value):
                c = "," if m < len(value) - 1 else ""
                out.add(f"{pad}  {json.dumps(k)}: {json.dumps(_plain(v))}{c}",
                        out.at(indent + 3 if isinstance(v, E) else None, path, k))
            out.add(f"{pad}}}{comma}")
        else:
            out.add(f"{pad}{json.dumps(key)}: {json.dumps(_plain(value))}{comma}",
                    out.at(indent + 1 if isinstance(value, E) else None, path))


def render_yaml(jobs: list[Job], says: str | None = None, attribute: str | None = None) -> Out:
    out = Out(Naming("AWS::Glue::Job", SourceFormat.CLOUDFORMATION_YAML), says)
    out.add('AWSTemplateFormatVersion: "2010-09-09"')
    out.add("Description: gluelint rule fixture")
    out.add("Resources:")
    for job in jobs:
        out.lines.append(f"  {job.logical}:")
        out.resource(job, 3, attribute)
        out.add("    Type: AWS::Glue::Job")
        out.add("    Properties:")
        _yaml_body(out, job.attrs, 6, "")
    return out


def _yaml_body(out: Out, attrs: list[tuple[str, Any]], indent: int, prefix: str) -> None:
    pad = " " * indent
    for key, raw in attrs:
        path = prefix + key
        name = cfn_key(path)
        col = indent + 1 if isinstance(raw, E) and isinstance(raw.value, (Block, Args)) else None
        value = raw.value if col else raw
        if isinstance(value, Block):
            out.add(f"{pad}{name}:", out.at(col, path))
            _yaml_body(out, list(value.items()), indent + 2, f"{path}.")
        elif isinstance(value, Args):
            out.add(f"{pad}{name}:", out.at(col, path))
            for k, v in value:
                out.add(f"{pad}  {json.dumps(k)}: {json.dumps(_plain(v))}",
                        out.at(indent + 3 if isinstance(v, E) else None, path, k))
        else:
            out.add(f"{pad}{name}: {json.dumps(_plain(value))}",
                    out.at(indent + 1 if isinstance(value, E) else None, path))


def main(root: Path = ROOT) -> None:
    for rule_id, case in CASES.items():
        folder = root / rule_id
        folder.mkdir(parents=True, exist_ok=True)
        expected: list[str] = [f"# generated by scripts/gen_gl345_fixtures.py: {case.get('why', '')}".rstrip()]
        attribute = case.get("attribute")
        # "fail" and "pass", then named variants ("pass_account"), each optionally with its own configuration
        # ("pass_account.config.toml": the account's quotas), which the fixture test applies to that case alone.
        kinds = ["fail", "pass", *sorted(k for k in case if k.startswith(("fail_", "pass_")) and "." not in k)]
        for kind in kinds:
            jobs: list[Job] = case[kind]
            says = case.get(f"{kind}.says", case.get("says"))
            for suffix, out in ((".tf", render_hcl(jobs, case.get("hcl_header", ""), says, attribute)),
                                (".tf.json", render_json(jobs, says, attribute)),
                                (".yaml", render_yaml(jobs, says, attribute))):
                name = f"{kind}{suffix}"
                (folder / name).write_text(out.text(), encoding="utf-8")
                expected += [f"{name} {line}:{m.column} {m.attribute} | {m.fragment}" for line, m in out.expected]
        (folder / "expected.txt").write_text("\n".join(expected) + "\n", encoding="utf-8")
        for extra in ("config.toml", "today.txt", *(f"{kind}.config.toml" for kind in kinds)):
            if extra in case:
                (folder / extra).write_text(case[extra], encoding="utf-8")


if __name__ == "__main__":
    main()
