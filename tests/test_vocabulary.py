"""Findings speak the user's own format: the same defects written as Terraform (HCL, JSON) and CloudFormation
(YAML, JSON) give the same findings — same rules, same model attributes, same count — and every message names
attributes the way its own file does, never the other format's way."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from vocabulary_words import foreign_words

from gluelint.config import Config
from gluelint.engine import RunRequest, run
from gluelint.findings import Finding
from gluelint.knowledge.fields import field_table
from gluelint.model.resources import SourceFormat
from gluelint.parse.options import ParseOptions

ROLE = "arn:aws:iam::123456789012:role/GlueRole"

HCL = f'''
resource "aws_glue_job" "nightly" {{
  name              = "nightly"
  role_arn          = "{ROLE}"
  glue_version      = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 12
  max_retries       = 11
  command {{
    name            = "glueetl"
    script_location = "s3://scripts/nightly.py"
    python_version  = "3"
  }}
  execution_property {{
    max_concurrent_runs = 0
  }}
  notification_property {{
    notify_delay_after = 0
  }}
  default_arguments = {{
    "--enable-metrics"      = "false"
    "--job-bookmark-option" = "job-bookmark-enabled"
  }}
}}

resource "aws_glue_job" "shell" {{
  name         = "shell"
  role_arn     = "{ROLE}"
  glue_version = "3.0"
  max_capacity = 0.5
  timeout      = 30
  command {{
    name            = "pythonshell"
    script_location = "s3://scripts/shell.py"
    python_version  = "3.9"
  }}
}}

resource "aws_glue_job" "stream" {{
  name              = "stream"
  role_arn          = "{ROLE}"
  glue_version      = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  max_retries       = 1
  command {{
    name            = "gluestreaming"
    script_location = "s3://scripts/stream.py"
  }}
}}
'''

# The same three jobs in the model's terms, rendered below into Terraform JSON and CloudFormation.
JOBS: dict[str, dict[str, Any]] = {
    "nightly": {"glue_version": "4.0", "worker_type": "G.1X", "number_of_workers": 12, "max_retries": 11,
                "command": {"name": "glueetl", "script_location": "s3://scripts/nightly.py", "python_version": "3"},
                "execution_property": {"max_concurrent_runs": 0},
                "notification_property": {"notify_delay_after": 0},
                "default_arguments": {"--enable-metrics": "false",
                                      "--job-bookmark-option": "job-bookmark-enabled"}},
    "shell": {"glue_version": "3.0", "max_capacity": 0.5, "timeout": 30,
              "command": {"name": "pythonshell", "script_location": "s3://scripts/shell.py",
                          "python_version": "3.9"}},
    "stream": {"glue_version": "4.0", "worker_type": "G.1X", "number_of_workers": 2, "max_retries": 1,
               "command": {"name": "gluestreaming", "script_location": "s3://scripts/stream.py"}},
}


def _cfn_key(path: str) -> str:
    spec = field_table().by_type("AWS::Glue::Job")
    assert spec is not None
    for paths in spec.fields.values():
        tf, cfn = (paths.terraform or "").split("."), (paths.cloudformation or "").split(".")
        if path in tf and len(tf) == len(cfn):
            return cfn[tf.index(path)]
    return {"role_arn": "Role", "name": "Name"}[path]


def _cfn_body(body: dict[str, Any]) -> dict[str, Any]:
    return {_cfn_key(k): (v if k == "default_arguments" or not isinstance(v, dict) else _cfn_body(v))
            for k, v in body.items()}


def _terraform_json() -> str:
    jobs = {name: {"name": name, "role_arn": ROLE, **body} for name, body in JOBS.items()}
    return json.dumps({"resource": {"aws_glue_job": jobs}}, indent=2)


def _template() -> dict[str, Any]:
    return {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {
        f"{name.capitalize()}Job": {"Type": "AWS::Glue::Job",
                                    "Properties": {"Name": name, "Role": ROLE, **_cfn_body(body)}}
        for name, body in JOBS.items()}}


def _hcl() -> str:
    return HCL


SOURCES: dict[str, Callable[[], str]] = {
    "main.tf": _hcl,
    "main.tf.json": _terraform_json,
    "stack.yaml": lambda: yaml.safe_dump(_template(), sort_keys=False),
    "stack.json": lambda: json.dumps(_template(), indent=2),
}


def _findings(tmp_path: Path, name: str) -> list[Finding]:
    folder = tmp_path / name.replace(".", "_")
    folder.mkdir()
    (folder / name).write_text(SOURCES[name](), encoding="utf-8")
    result = run(RunRequest(paths=[folder], parse_options=ParseOptions(root=folder), config=Config()))
    assert not result.inventory.parse_errors, result.inventory.parse_errors
    return [f for f in result.findings if f.resource is not None]


def _defects(findings: list[Finding]) -> Counter[tuple[str, str | None, str]]:
    return Counter((f.rule, f.attribute, (f.resource or "").lower().removeprefix("aws_glue_job.")
                    .removesuffix("job")) for f in findings)


def test_same_defects_give_the_same_findings_in_every_format(tmp_path: Path) -> None:
    reference = _defects(_findings(tmp_path, "main.tf"))
    # The defects written above, so the comparison is not vacuous.
    assert {("GL401", "timeout", "nightly"), ("GL404", "max_concurrent_runs", "nightly"),
            ("GL406", "max_retries", "nightly"), ("GL407", "notify_delay_after", "nightly"),
            ("GL409", "max_capacity", "shell"), ("GL411", "max_retries", "stream"),
            ("GL403", "maintenance_window", "stream"), ("GL112", "default_arguments.--enable-continuous-cloudwatch-log",
                                                       "nightly")} <= set(reference)
    for other in ("main.tf.json", "stack.yaml", "stack.json"):
        assert _defects(_findings(tmp_path, other)) == reference, other


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_messages_use_only_their_own_format_words(tmp_path: Path, name: str) -> None:
    for f in _findings(tmp_path, name):
        assert not foreign_words(f.message, f.source_format), (f.rule, f.message)


def test_the_word_check_can_fail() -> None:
    assert foreign_words("set `max_retries` to 0", SourceFormat.CLOUDFORMATION_YAML) == {"max_retries"}
    assert foreign_words("set `MaxRetries` to 0", SourceFormat.TERRAFORM_HCL) == {"MaxRetries"}
    assert foreign_words("lower it, then set number_of_workers", SourceFormat.CLOUDFORMATION_JSON) == {
        "number_of_workers"}
    assert not foreign_words("set `ExecutionProperty: {MaxConcurrentRuns: 1}`", SourceFormat.CLOUDFORMATION_YAML)
    assert foreign_words('set `"timeout": 60`', SourceFormat.CLOUDFORMATION_JSON) == {"timeout"}
    assert not foreign_words('set `"Timeout": 60` (not `"enabled"`)', SourceFormat.CLOUDFORMATION_JSON)


class _TemplateLoader(yaml.SafeLoader):
    """Reads CloudFormation short-form tags (!Ref, !GetAtt) as plain values."""


_TemplateLoader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node)
                                      if isinstance(node, yaml.ScalarNode) else None)


def _keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for v in node.values() for k in _keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in _keys(v)}
    return set()


def test_doc_examples_show_cloudformation_in_its_own_names() -> None:
    docs = Path(__file__).resolve().parents[1] / "rules" / "docs"
    argument_maps = {"DefaultArguments", "NonOverridableArguments", "Arguments", "ConnectionProperties", "Tags"}
    shown = 0
    for page in sorted(docs.glob("GL*.md")):
        for block in re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            data = yaml.load(block, Loader=_TemplateLoader)
            keys = _keys(data)
            for parent in argument_maps:  # argument keys are the user's own
                keys -= _keys(_find(data, parent))
            terraform_only = {k for k in keys if "_" in k and k not in _CFN_KEYS}
            assert not terraform_only, (page.name, terraform_only)
            shown += 1
    assert shown, "no CloudFormation example in rules/docs"


_CFN_KEYS = {p for spec in field_table().resources for paths in spec.fields.values()
             for p in (paths.cloudformation or "").split(".")}


def _find(node: Any, key: str) -> Any:
    if isinstance(node, dict):
        if key in node:
            return node[key]
        for v in node.values():
            found = _find(v, key)
            if found is not None:
                return found
    if isinstance(node, list):
        for v in node:
            found = _find(v, key)
            if found is not None:
                return found
    return None
