"""Branches as data: parsers produce conditions, checks carry them, the engine merges them from their structure,
reporters render them in the file's own syntax, JSON and SARIF carry them as objects."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
from _report_helpers import finding, result
from test_report_json_schema import schema

from gluelint.engine import RunRequest, merge_branches, run
from gluelint.findings import Finding
from gluelint.findings.fingerprint import branch_key
from gluelint.model.branches import Branch, Condition, When, either, possible
from gluelint.model.resources import SourceFormat
from gluelint.parse.options import ParseOptions
from gluelint.report import ReportOptions, github, json_report, junit, markdown, sarif, text
from gluelint.report.branches import branch_text, shown_message

PROD = Condition('var.env == "prod"')
IS_PROD = Condition("IsProd")


def on(*conditions: Condition) -> When:
    return When((Branch.of(*conditions),))


def check(tmp_path: Path, name: str, body: str) -> list[Finding]:
    (tmp_path / name).write_text(textwrap.dedent(body), encoding="utf-8")
    outcome = run(RunRequest(paths=[tmp_path], parse_options=ParseOptions(root=tmp_path), select=["GL406"],
                             use_cache=False))
    return outcome.findings


TERRAFORM = """
    variable "env" {
      type = string
    }
    resource "aws_glue_job" "etl" {
      name         = "etl"
      role_arn     = "arn:aws:iam::123456789012:role/glue"
      glue_version = "4.0"
      command {
        script_location = "s3://bucket/etl.py"
      }
      max_retries = var.env == "prod" ? 1 : %s
    }
    """

CLOUDFORMATION = """
    Parameters:
      Env:
        Type: String
    Conditions:
      IsProd: !Equals [!Ref Env, prod]
    Resources:
      Etl:
        Type: AWS::Glue::Job
        Properties:
          Role: arn:aws:iam::123456789012:role/glue
          GlueVersion: "4.0"
          Command:
            Name: glueetl
            ScriptLocation: s3://bucket/etl.py
          MaxRetries: !If [IsProd, 1, %s]
    """


# -- parsers to findings ------------------------------------------------------------------------------------

def test_terraform_branch_is_a_condition_not_text(tmp_path: Path) -> None:
    (f,) = check(tmp_path, "main.tf", TERRAFORM % "20")
    assert f.branch == on(PROD.negated())
    assert "when" not in f.message and "var.env" not in f.message
    assert shown_message(f).endswith('(when !(var.env == "prod"))')


def test_cloudformation_branch_is_a_condition_name(tmp_path: Path) -> None:
    (f,) = check(tmp_path, "template.yaml", CLOUDFORMATION % "20")
    assert f.branch == on(IS_PROD.negated())
    assert "IsProd" not in f.message
    assert shown_message(f).endswith("(when condition IsProd is false)")


def test_terraform_negated_condition_is_the_same_condition(tmp_path: Path) -> None:
    # ``!x ? a : b`` is ``x`` not holding: the same condition as ``x ? …`` elsewhere, not a second one.
    body = TERRAFORM.replace('var.env == "prod" ? 1 : %s', '!(var.env == "prod") ? 20 : 30')
    assert [(f.branch, "20" in f.message) for f in check(tmp_path, "main.tf", body)] == [
        (on(PROD.negated()), True), (on(PROD), False)]


def test_defect_on_both_outcomes_names_no_branch(tmp_path: Path) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "cfn").mkdir()
    (tf,) = check(tmp_path / "tf", "main.tf", TERRAFORM.replace("? 1 : %s", "? 20 : 20"))
    (cfn,) = check(tmp_path / "cfn", "template.yaml", CLOUDFORMATION.replace("[IsProd, 1, %s]", "[IsProd, 20, 20]"))
    assert tf.branch is None and cfn.branch is None


# -- merging from structure ---------------------------------------------------------------------------------

def _on(branch: When | None) -> Finding:
    return finding().model_copy(update={"branch": branch})


def test_condition_and_negation_merge_to_every_case() -> None:
    (merged,) = merge_branches([_on(on(PROD)), _on(on(PROD.negated()))])
    assert merged.branch is None


def test_common_part_of_complementary_branches_remains() -> None:
    a, b = Condition("var.a"), Condition("var.b")
    (merged,) = merge_branches([_on(on(a, b)), _on(on(a, b.negated()))])
    assert merged.branch == on(a)
    assert either([Branch.of(a, b), Branch.of(a, b.negated()), Branch.of(a.negated())]) is None


def test_text_that_looks_negated_is_not_a_negation() -> None:
    # ``!var.a && var.b`` reads like "!" + ``var.a && var.b`` but is not its negation (both are false when
    # var.b is): the text-based check merged these into "always".
    looks, other = Condition("!var.a && var.b"), Condition("var.a && var.b")
    (merged,) = merge_branches([_on(on(other)), _on(on(looks))])
    assert merged.branch == When((Branch.of(other), Branch.of(looks)))
    assert branch_text(merged.branch, SourceFormat.TERRAFORM_HCL) == "when (var.a && var.b) || (!var.a && var.b)"


def test_possible_reads_conditions_whole() -> None:
    # A division in a condition is no separator of nested conditions.
    ratio = Condition("var.x / 2 > 1")
    assert not possible(Branch.of(ratio), Branch.of(ratio.negated()))
    assert possible(Branch.of(ratio), Branch.of(Condition("var.x")))


def test_fingerprint_text_is_unchanged() -> None:
    nested = When((Branch.of(Condition("IsS3Prefix", False), Condition("FetchFromStorageSsm")),))
    assert branch_key(nested, SourceFormat.CLOUDFORMATION_YAML) == "!IsS3Prefix / FetchFromStorageSsm"
    either_of = When((Branch.of(PROD), Branch.of(Condition("var.b", False))))
    assert branch_key(either_of, SourceFormat.TERRAFORM_HCL) == 'var.env == "prod" or !(var.b)'


# -- reporters ----------------------------------------------------------------------------------------------

def _findings() -> list[Finding]:
    tf = finding(message="tf defect").model_copy(update={"branch": on(PROD.negated(), Condition("var.big")),
                                                         "source_format": SourceFormat.TERRAFORM_HCL})
    cfn = finding(file="infra/glue/template.yaml", message="cfn defect").model_copy(
        update={"branch": on(IS_PROD.negated()), "source_format": SourceFormat.CLOUDFORMATION_YAML})
    return [tf, cfn]


TF_SHOWN = 'tf defect (when !(var.env == "prod") && var.big)'
CFN_SHOWN = "cfn defect (when condition IsProd is false)"


def test_human_reporters_render_the_branch_in_the_files_syntax() -> None:
    options = ReportOptions(width=400)
    for module in (text, markdown, github, junit):
        out = module.render(result(_findings()), options)
        assert TF_SHOWN in out.replace("&amp;&amp;", "&&"), module.__name__
        assert CFN_SHOWN in out, module.__name__


def test_json_carries_the_branch_once_as_data() -> None:
    document = json.loads(json_report.render(result(_findings()), ReportOptions()))
    jsonschema.Draft202012Validator(schema()).validate(document)
    tf, cfn = document["findings"]
    assert tf["message"] == "tf defect"
    assert tf["branch"] == {"any_of": [{"all_of": [{"expression": 'var.env == "prod"', "holds": False},
                                                   {"expression": "var.big", "holds": True}]}]}
    assert cfn["branch"] == {"any_of": [{"all_of": [{"expression": "IsProd", "holds": False}]}]}
    assert "IsProd" not in json.dumps({k: v for k, v in cfn.items() if k != "branch"})


def test_sarif_message_and_properties() -> None:
    document = json.loads(sarif.render(result(_findings()), ReportOptions()))
    tf, cfn = document["runs"][0]["results"]
    assert tf["message"]["text"] == TF_SHOWN and cfn["message"]["text"] == CFN_SHOWN
    assert cfn["properties"]["branch"] == {"any_of": [{"all_of": [{"expression": "IsProd", "holds": False}]}]}
