"""Inputs and a runner for the end-to-end CLI tests (test_cli, test_config, test_suppressions, test_baseline)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from gluelint.cli import main

ROOT = Path(__file__).resolve().parents[1]

KMS = "arn:aws:kms:us-east-1:123456789012:key/abcd"

SECURITY_CONFIGURATION = f"""\
resource "aws_glue_security_configuration" "sec" {{
  name = "sec"
  encryption_configuration {{
    cloudwatch_encryption {{
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = "{KMS}"
    }}
    job_bookmarks_encryption {{
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = "{KMS}"
    }}
    s3_encryption {{
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn        = "{KMS}"
    }}
  }}
}}
"""


def tf_job(name: str = "etl", *, glue_version: str | None = "5.0", security: str | None = "sec",
           timeout: int | None = 60, arguments: dict[str, str] | None = None, tags: dict[str, str] | None = None,
           above: str = "") -> str:
    """An ``aws_glue_job`` that is clean by default; each keyword can introduce one defect."""
    lines = [f'{above}resource "aws_glue_job" "{name}" {{',
             f'  name              = "{name}"',
             '  role_arn          = "arn:aws:iam::123456789012:role/glue"']
    if glue_version is not None:
        lines.append(f'  glue_version      = "{glue_version}"')
    lines += ['  worker_type       = "G.1X"', "  number_of_workers = 2"]
    if timeout is not None:
        lines.append(f"  timeout           = {timeout}")
    if security is not None:
        lines.append(f'  security_configuration = "{security}"')
    lines += ["", "  command {", '    script_location = "s3://bucket/script.py"', "  }", ""]
    args = {"--enable-continuous-cloudwatch-log": "true", **(arguments or {})}
    lines.append("  default_arguments = {")
    lines += [f'    "{k}" = "{v}"' for k, v in args.items()]
    lines.append("  }")
    if tags:
        lines.append("  tags = {")
        lines += [f'    "{k}" = "{v}"' for k, v in tags.items()]
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def clean_project(folder: Path, *jobs: str) -> Path:
    """``main.tf`` with the security configuration and the given job blocks (one clean job by default)."""
    folder.mkdir(parents=True, exist_ok=True)
    body = "\n".join(jobs or (tf_job(),))
    (folder / "main.tf").write_text(SECURITY_CONFIGURATION + "\n" + body, encoding="utf-8")
    return folder


@dataclass
class Outcome:
    exit_code: int
    output: str
    stderr: str

    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.output)
        return data

    def rules(self) -> list[str]:
        """Rule IDs of the active (not suppressed) findings in a JSON report."""
        return [f["rule"] for f in self.json()["findings"] if not f.get("suppressed")]


def invoke(*args: str | Path, cwd: Path | None = None) -> Outcome:
    """Run ``gluelint ARGS`` in-process (click's CliRunner), in ``cwd`` when given."""
    runner = CliRunner()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return Outcome(result.exit_code, result.stdout, result.stderr)


def run_module(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m gluelint ARGS`` in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "gluelint", *[str(a) for a in args]], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)
