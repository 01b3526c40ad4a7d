"""End-to-end suppressions (interface.md "Suppressions"): every format's directive, several IDs, rule names,
GL004 for a missing reason, and where suppressed findings show (JSON, SARIF) and do not (text, exit code)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import SECURITY_CONFIGURATION, Outcome, invoke, tf_job


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLUELINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def check_json(folder: Path) -> Outcome:
    return invoke("check", folder, "--format", "json", "--severity", "info")


def states(out: Outcome) -> dict[tuple[str, str | None], tuple[bool, str | None]]:
    """(rule, resource) → (suppressed, justification)."""
    return {(f["rule"], f.get("resource")): (bool(f.get("suppressed")), f.get("justification"))
            for f in out.json()["findings"]}


def bare_job(name: str = "etl", above: str = "") -> str:
    """GL101 (no security configuration), GL401 (no timeout), GL503 (no glue_version)."""
    return tf_job(name, glue_version=None, timeout=None, security=None, above=above)


# --- HCL ----------------------------------------------------------------------------------------------------


def test_hcl_comment_above_resource(tmp_path: Path) -> None:
    folder = write(tmp_path, "main.tf", bare_job(above="# gluelint:ignore GL101 encrypted by the bucket policy\n")
                   + bare_job("other"))
    found = states(check_json(folder))
    assert found[("GL101", "aws_glue_job.etl")] == (True, "encrypted by the bucket policy")
    assert found[("GL101", "aws_glue_job.other")] == (False, None)  # only the resource below the comment
    assert found[("GL401", "aws_glue_job.etl")] == (False, None)  # only the named rule


def test_hcl_comment_on_finding_line(tmp_path: Path) -> None:
    job = tf_job(glue_version="2.0").replace('glue_version      = "2.0"',
                                             'glue_version      = "2.0" # gluelint:ignore GL502 migration in Q3')
    folder = write(tmp_path, "main.tf", SECURITY_CONFIGURATION + job)
    out = invoke("check", folder, "--format", "json", "--today", "2026-05-01")
    assert out.exit_code == 0
    assert states(out)[("GL502", "aws_glue_job.etl")] == (True, "migration in Q3")
    text = invoke("check", folder, "--today", "2026-05-01")
    assert text.exit_code == 0 and "GL502" not in text.output


@pytest.mark.parametrize("directive", ["GL101,GL401", "GL101, GL401", "missing-security-configuration,timeout-not-set",
                                       "GL101,timeout-not-set"])
def test_several_ids_and_names(tmp_path: Path, directive: str) -> None:
    folder = write(tmp_path, "main.tf", bare_job(above=f"# gluelint:ignore {directive} owned by platform team\n"))
    found = states(check_json(folder))
    assert found[("GL101", "aws_glue_job.etl")] == (True, "owned by platform team")
    assert found[("GL401", "aws_glue_job.etl")] == (True, "owned by platform team")
    assert found[("GL503", "aws_glue_job.etl")] == (False, None)


def test_double_slash_comment_in_hcl(tmp_path: Path) -> None:
    folder = write(tmp_path, "main.tf", bare_job(above="// gluelint:ignore GL101 platform\n"))
    assert states(check_json(folder))[("GL101", "aws_glue_job.etl")] == (True, "platform")


def test_missing_reason_applies_but_warns(tmp_path: Path) -> None:
    folder = write(tmp_path, "main.tf", SECURITY_CONFIGURATION
                   + tf_job(above="# gluelint:ignore GL503\n", glue_version=None))
    out = check_json(folder)
    found = states(out)
    assert found[("GL503", "aws_glue_job.etl")][0] is True
    gl004 = [f for f in out.json()["findings"] if f["rule"] == "GL004"]
    assert len(gl004) == 1 and not gl004[0].get("suppressed") and gl004[0]["severity"] == "warning"
    assert gl004[0]["line"] == SECURITY_CONFIGURATION.count("\n") + 1
    text = invoke("check", folder)
    assert text.exit_code == 1 and "GL004" in text.output and "glue-version-not-pinned" not in text.output


def test_suppressed_only_findings_exit_0(tmp_path: Path) -> None:
    folder = write(tmp_path, "main.tf", bare_job(above="# gluelint:ignore ALL legacy job, deleted next sprint\n"))
    out = invoke("check", folder, "--severity", "info")
    assert out.exit_code == 0, out.output
    for rule in ("GL101", "GL401", "GL503"):
        assert rule not in out.output


# --- CloudFormation -----------------------------------------------------------------------------------------


CFN_HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'


def cfn_job(name: str = "Job", *, comment: str = "", metadata: str = "", glue_version: str | None = None) -> str:
    """A CloudFormation job with GL101, GL401 and (without glue_version) GL503."""
    version = f'      GlueVersion: "{glue_version}"\n' if glue_version else ""
    return (f"{comment}  {name}:\n    Type: AWS::Glue::Job\n{metadata}    Properties:\n      Name: {name.lower()}\n"
            "      Role: arn:aws:iam::123456789012:role/glue\n      Command:\n        Name: glueetl\n"
            "        ScriptLocation: s3://bucket/script.py\n      WorkerType: G.1X\n      NumberOfWorkers: 2\n"
            f"{version}      DefaultArguments:\n        \"--enable-continuous-cloudwatch-log\": \"true\"\n")


def test_yaml_comment_above_resource(tmp_path: Path) -> None:
    folder = write(tmp_path, "t.yaml", CFN_HEAD + cfn_job(comment="  # gluelint:ignore GL101 bucket policy\n")
                   + cfn_job("Other"))
    found = states(check_json(folder))
    assert found[("GL101", "Job")] == (True, "bucket policy")
    assert found[("GL101", "Other")] == (False, None)
    assert found[("GL401", "Job")] == (False, None)


def test_yaml_comment_on_finding_line(tmp_path: Path) -> None:
    template = CFN_HEAD + cfn_job(glue_version="2.0").replace(
        'GlueVersion: "2.0"', 'GlueVersion: "2.0"  # gluelint:ignore glue-version-end-of-life migration in Q3')
    folder = write(tmp_path, "t.yaml", template)
    out = invoke("check", folder, "--format", "json", "--today", "2026-05-01")
    assert states(out)[("GL502", "Job")] == (True, "migration in Q3")


def test_cloudformation_metadata(tmp_path: Path) -> None:
    metadata = ("    Metadata:\n      gluelint:\n        ignore:\n"
                "          - id: GL101\n            reason: \"encrypted by bucket policy\"\n"
                "          - id: timeout-not-set\n            reason: streaming-like job\n")
    folder = write(tmp_path, "t.yaml", CFN_HEAD + cfn_job(metadata=metadata) + cfn_job("Other"))
    found = states(check_json(folder))
    assert found[("GL101", "Job")] == (True, "encrypted by bucket policy")
    assert found[("GL401", "Job")] == (True, "streaming-like job")
    assert found[("GL503", "Job")] == (False, None)
    assert found[("GL101", "Other")] == (False, None)


def test_cloudformation_metadata_in_json_template(tmp_path: Path) -> None:
    template = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Job": {
        "Type": "AWS::Glue::Job",
        "Metadata": {"gluelint": {"ignore": [{"id": "GL101", "reason": "bucket policy"}]}},
        "Properties": {"Name": "etl", "Role": "arn:aws:iam::123456789012:role/glue",
                       "Command": {"Name": "glueetl", "ScriptLocation": "s3://bucket/script.py"}}}}}
    folder = write(tmp_path, "t.json", json.dumps(template, indent=2))
    assert states(check_json(folder))[("GL101", "Job")] == (True, "bucket policy")


def test_cloudformation_metadata_without_reason_warns(tmp_path: Path) -> None:
    metadata = "    Metadata:\n      gluelint:\n        ignore:\n          - id: GL101\n"
    folder = write(tmp_path, "t.yaml", CFN_HEAD + cfn_job(metadata=metadata))
    out = check_json(folder)
    assert states(out)[("GL101", "Job")][0] is True
    gl004 = [f for f in out.json()["findings"] if f["rule"] == "GL004"]
    assert len(gl004) == 1 and gl004[0]["file"].endswith("t.yaml")


# --- Terraform JSON --------------------------------------------------------------------------------------------


def tf_json_job(comment: Any) -> str:
    body: dict[str, Any] = {"//": comment} if comment is not None else {}
    body |= {"name": "etl", "role_arn": "arn:aws:iam::123456789012:role/glue", "worker_type": "G.1X",
             "number_of_workers": 2, "command": {"script_location": "s3://bucket/script.py"},
             "default_arguments": {"--enable-continuous-cloudwatch-log": "true"}}
    return json.dumps({"resource": {"aws_glue_job": {"etl": body, "other": {k: v for k, v in body.items()
                                                                            if k != "//"}}}}, indent=2)


def test_terraform_json_double_slash(tmp_path: Path) -> None:
    folder = write(tmp_path, "main.tf.json", tf_json_job("gluelint:ignore GL101,timeout-not-set owned elsewhere"))
    found = states(check_json(folder))
    assert found[("GL101", "aws_glue_job.etl")] == (True, "owned elsewhere")
    assert found[("GL401", "aws_glue_job.etl")] == (True, "owned elsewhere")
    assert found[("GL503", "aws_glue_job.etl")] == (False, None)
    assert found[("GL101", "aws_glue_job.other")] == (False, None)


def test_terraform_json_double_slash_list_and_no_reason(tmp_path: Path) -> None:
    folder = write(tmp_path, "main.tf.json", tf_json_job(["gluelint:ignore GL101 owned elsewhere",
                                                          "gluelint:ignore GL503"]))
    out = check_json(folder)
    found = states(out)
    assert found[("GL101", "aws_glue_job.etl")] == (True, "owned elsewhere")
    assert found[("GL503", "aws_glue_job.etl")][0] is True
    assert [f["rule"] for f in out.json()["findings"]].count("GL004") == 1


# --- where suppressed findings appear ---------------------------------------------------------------------------


def test_suppressed_in_json_and_sarif_not_in_text(tmp_path: Path) -> None:
    folder = write(tmp_path, "main.tf", SECURITY_CONFIGURATION
                   + tf_job(above="# gluelint:ignore GL503 pinned by the deploy pipeline\n", glue_version=None))
    text = invoke("check", folder, "--severity", "info")
    assert text.exit_code == 0 and "GL503" not in text.output
    for fmt in ("github", "markdown"):
        other = invoke("check", folder, "--format", fmt)
        assert other.exit_code == 0
        assert "GL503" not in other.output, fmt
    junit = invoke("check", folder, "--format", "junit").output  # a suppressed finding is a skipped test case
    assert '<skipped message="suppressed: pinned by the deploy pipeline"' in junit and "<failure" not in junit
    data = check_json(folder).json()
    [finding] = [f for f in data["findings"] if f["rule"] == "GL503"]
    assert finding["suppressed"] is True and finding["justification"] == "pinned by the deploy pipeline"
    sarif = json.loads(invoke("check", folder, "--format", "sarif").output)
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "GL503"]
    [suppression] = result["suppressions"]
    assert suppression["kind"] == "inSource"
    assert suppression["justification"] == "pinned by the deploy pipeline"
