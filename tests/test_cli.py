"""End-to-end CLI contract (interface.md "CLI"): version, help, rules, exit codes, selection, formats, --today."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import clean_project, invoke, run_module, tf_job

from gluelint import __version__
from gluelint.cli import COMMANDS
from gluelint.findings.catalog import catalog


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLUELINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def defective(tmp_path: Path) -> Path:
    """GL503 (no glue_version, warning), GL401 (no timeout, warning), GL101 (no security configuration, error)."""
    return clean_project(tmp_path / "proj", tf_job("bad", glue_version=None, timeout=None, security=None))


# --- version, help, python -m -------------------------------------------------------------------------------


def test_version() -> None:
    out = invoke("--version")
    assert out.exit_code == 0
    assert __version__ in out.output and "gluelint" in out.output
    data = json.loads((Path(__file__).parent.parent / "rules" / "glue" / "api_fields.json").read_text())
    # The data vintage and the botocore / cfn-lint versions the data was generated from and checked against.
    assert "Glue data vintage: facts reviewed 20" in out.output
    assert f"checked against botocore {data['botocore_version']} and cfn-lint {data['cfn_lint_version']}" in out.output


@pytest.mark.parametrize("command", [[], *[[name] for name in sorted(COMMANDS)], ["pricing", "show"],
                                     ["pricing", "import"]])
def test_help_everywhere(command: list[str]) -> None:
    for flag in ("--help", "-h"):
        out = invoke(*command, flag)
        assert out.exit_code == 0, out.output + out.stderr
        assert "Usage:" in out.output


@pytest.mark.slow  # a new interpreter
def test_python_dash_m(tmp_path: Path) -> None:
    version = run_module("--version", cwd=tmp_path)
    assert version.returncode == 0 and __version__ in version.stdout
    project = defective(tmp_path)
    check = run_module("check", project, "--format", "json", cwd=tmp_path)
    assert check.returncode == 1, check.stderr
    assert "GL101" in {f["rule"] for f in json.loads(check.stdout)["findings"]}
    usage = run_module("check", tmp_path / "missing", cwd=tmp_path)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


# --- rules, rule ---------------------------------------------------------------------------------------------


def test_rules_lists_every_catalog_rule() -> None:
    out = invoke("rules")
    assert out.exit_code == 0
    for meta in catalog().values():
        assert meta.id in out.output and meta.name in out.output
    listed = json.loads(invoke("rules", "--format", "json").output)
    assert [r["id"] for r in listed] == list(catalog())


@pytest.mark.parametrize("key", ["GL301", "duplicate-argument-key", "gl301"])
def test_rule_doc_by_id_and_name(key: str) -> None:
    out = invoke("rule", key)
    assert out.exit_code == 0
    assert "GL301" in out.output and "duplicate" in out.output.lower()
    assert len(out.output.splitlines()) > 3  # the doc page, not just a title


@pytest.mark.parametrize("key", ["GL999", "no-such-rule"])
def test_unknown_rule_exits_2(key: str) -> None:
    out = invoke("rule", key)
    assert out.exit_code == 2
    assert key in out.stderr


# --- exit codes -----------------------------------------------------------------------------------------------


def test_clean_project_exits_0(tmp_path: Path) -> None:
    project = clean_project(tmp_path / "proj")
    out = invoke("check", project, "--severity", "info", "--today", "2026-03-01")
    assert out.exit_code == 0, out.output


def test_findings_exit_1_and_exit_zero(tmp_path: Path) -> None:
    project = defective(tmp_path)
    assert invoke("check", project).exit_code == 1
    out = invoke("check", project, "--exit-zero")
    assert out.exit_code == 0 and "GL101" in out.output


def test_severity_threshold(tmp_path: Path) -> None:
    # only warnings: exit 1 at the default (warning), 0 at --severity error, and they are not shown there
    project = clean_project(tmp_path / "proj", tf_job(glue_version=None, timeout=None))
    assert invoke("check", project).exit_code == 1
    out = invoke("check", project, "--severity", "error")
    assert out.exit_code == 0
    assert "GL503" not in out.output


@pytest.mark.parametrize("args", [
    ["--select", "GL99"],
    ["--select", "not-a-rule"],
    ["--ignore", "bogus"],
    ["--select", "GL101,nope"],
    ["--severity", "fatal"],
    ["--format", "xml"],
    ["--today", "yesterday"],
])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    project = defective(tmp_path)
    out = invoke("check", project, *args)
    assert out.exit_code == 2, out.output
    assert "Traceback" not in out.output + out.stderr


def test_missing_path_exits_2(tmp_path: Path) -> None:
    out = invoke("check", tmp_path / "nope.tf")
    assert out.exit_code == 2
    assert "nope.tf" in out.stderr


def test_invalid_config_exits_2(tmp_path: Path) -> None:
    project = defective(tmp_path)
    (project / ".gluelint.toml").write_text('selcet = ["GL1"]\n')
    out = invoke("check", project)
    assert out.exit_code == 2
    assert "selcet" in out.stderr


# --- selection --------------------------------------------------------------------------------------------------


def rules_of(project: Path, *args: str) -> set[str]:
    out = invoke("check", project, "--format", "json", "--exit-zero", *args)
    assert out.exit_code == 0, out.stderr
    return set(out.rules())


def test_select_and_ignore_by_id_prefix_name(tmp_path: Path) -> None:
    project = defective(tmp_path)
    everything = rules_of(project)
    assert {"GL101", "GL401", "GL503"} <= everything
    assert rules_of(project, "--select", "GL101") == {"GL101"}
    assert rules_of(project, "--select", "missing-security-configuration") == {"GL101"}
    assert rules_of(project, "--select", "GL1") == {r for r in everything if r.startswith("GL1")}
    assert rules_of(project, "--select", "gl4") == {"GL401"}
    assert rules_of(project, "--select", "GL101,GL401") == {"GL101", "GL401"}
    assert rules_of(project, "--select", "GL101", "--select", "timeout-not-set") == {"GL101", "GL401"}
    assert rules_of(project, "--select", "GL101, GL503") == {"GL101", "GL503"}
    assert rules_of(project, "--ignore", "GL101") == everything - {"GL101"}
    assert rules_of(project, "--ignore", "GL4,glue-version-not-pinned") == everything - {"GL401", "GL503"}
    assert rules_of(project, "--ignore", "GL1", "--ignore", "GL5") == {r for r in everything
                                                                      if not r.startswith(("GL1", "GL5"))}
    assert rules_of(project, "--select", "GL1,GL4", "--ignore", "GL101") == {r for r in everything
                                                                            if r.startswith(("GL1", "GL4"))} - {"GL101"}


# --- formats ------------------------------------------------------------------------------------------------------


def test_format_repeated_with_files(tmp_path: Path) -> None:
    project = defective(tmp_path)
    sarif, junit = tmp_path / "out" / "r.sarif", tmp_path / "r.xml"
    (tmp_path / "out").mkdir()
    out = invoke("check", project, "--format", f"sarif:{sarif}", "--format", "text", "--format", f"junit:{junit}",
                 "--format", "json:" + str(tmp_path / "r.json"))
    assert out.exit_code == 1
    assert "GL101" in out.output and not out.output.lstrip().startswith("{")  # text on stdout
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert junit.read_text().lstrip().startswith("<?xml") or "<testsuite" in junit.read_text()
    assert "GL101" in {f["rule"] for f in json.loads((tmp_path / "r.json").read_text())["findings"]}


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "markdown", "junit"])
def test_each_format_on_stdout(tmp_path: Path, fmt: str) -> None:
    out = invoke("check", defective(tmp_path), "--format", fmt)
    assert out.exit_code == 1
    assert "GL101" in out.output


# --- date-dependent rules -------------------------------------------------------------------------------------


def test_today_flips_end_of_life(tmp_path: Path) -> None:
    project = clean_project(tmp_path / "proj", tf_job(glue_version="2.0"))
    before = invoke("check", project, "--today", "2026-03-01", "--format", "json", "--severity", "error")
    after = invoke("check", project, "--today", "2026-05-01", "--format", "json", "--severity", "error")
    assert before.exit_code == 0 and after.exit_code == 1
    severities = {d: [f["severity"] for f in o.json()["findings"] if f["rule"] == "GL502"]
                  for d, o in (("before", before), ("after", after))}
    assert severities == {"before": ["warning"], "after": ["error"]}
    assert before.json()["check_date"] == "2026-03-01"


# --- secrets never reach an output --------------------------------------------------------------------------------

SECRETS = ["Hunter2SuperSecretPw", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", "UrlSecretPw999", "ConnSecretPw777",
           "TriggerTokenValue555", "AKIAIOSFODNN7EXAMPLE", "CfnConnPw31337", "CfnArgSecret4242", "PyPassWord808"]

SECRET_TF = f"""\
resource "aws_glue_job" "etl" {{
  name         = "etl"
  role_arn     = "arn:aws:iam::123456789012:role/glue"
  glue_version = "5.0"
  command {{
    script_location = "s3://bucket/script.py"
  }}
  default_arguments = {{
    "--db_password" = "{SECRETS[0]}"
    "--conf"        = "spark.hadoop.fs.s3a.secret.key={SECRETS[1]} --conf spark.sql.shuffle.partitions=8"
    "--access"      = "{SECRETS[5]}"
  }}
}}

resource "aws_glue_connection" "db" {{
  name = "db"
  connection_properties = {{
    JDBC_CONNECTION_URL = "jdbc:postgresql://db.example.com:5432/app?user=admin&password={SECRETS[2]}"
    USERNAME            = "admin"
    PASSWORD            = "{SECRETS[3]}"
  }}
}}

resource "aws_glue_trigger" "t" {{
  name = "t"
  type = "ON_DEMAND"
  actions {{
    job_name  = "etl"
    arguments = {{ "--api_token" = "{SECRETS[4]}" }}
  }}
}}
"""

SECRET_CFN = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Conn:
    Type: AWS::Glue::Connection
    Properties:
      CatalogId: "123456789012"
      ConnectionInput:
        ConnectionType: JDBC
        ConnectionProperties:
          JDBC_CONNECTION_URL: jdbc:mysql://db:3306/app
          USERNAME: admin
          PASSWORD: {SECRETS[6]}
  Job:
    Type: AWS::Glue::Job
    Properties:
      Role: arn:aws:iam::123456789012:role/glue
      GlueVersion: "5.0"
      Command:
        Name: pythonshell
        ScriptLocation: s3://bucket/script.py
      DefaultArguments: '{{"--client_secret": "{SECRETS[7]}", "--conf": "x.password={SECRETS[8]}"}}'
"""


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "markdown", "junit"])
def test_secrets_never_in_output(tmp_path: Path, fmt: str) -> None:
    project = tmp_path / "proj"
    project.mkdir()
    (project / "main.tf").write_text(SECRET_TF)
    (project / "stack.yaml").write_text(SECRET_CFN)
    out = invoke("check", project, "--format", fmt, "--severity", "info")
    assert out.exit_code == 1
    for secret in SECRETS:
        assert secret not in out.output + out.stderr, (fmt, secret)
    assert "GL108" in out.output and "***" in out.output
    if fmt == "json":
        gl108 = {(f["resource"], f["attribute"]) for f in out.json()["findings"] if f["rule"] == "GL108"}
        assert gl108 >= {("aws_glue_job.etl", "default_arguments.--db_password"),
                         ("aws_glue_job.etl", "default_arguments.--conf"),
                         ("aws_glue_job.etl", "default_arguments.--access"),
                         ("aws_glue_connection.db", "properties.PASSWORD"),
                         ("aws_glue_connection.db", "properties.JDBC_CONNECTION_URL"),
                         ("aws_glue_trigger.t", "actions[0].arguments.--api_token")}
        assert {r for r, _ in gl108} >= {"Conn", "Job"}


def test_secrets_never_in_baseline_or_cost(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    project.mkdir()
    (project / "main.tf").write_text(SECRET_TF)
    (project / "stack.yaml").write_text(SECRET_CFN)
    assert invoke("baseline", project, "-o", tmp_path / "b.json").exit_code == 0
    texts = [(tmp_path / "b.json").read_text()]
    for fmt in ("text", "json", "markdown", "csv"):
        out = invoke("cost", project, "--format", fmt)
        texts.append(out.output + out.stderr)
    for text in texts:
        for secret in SECRETS:
            assert secret not in text
