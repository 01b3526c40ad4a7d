"""Terraform evaluated as Terraform does (issue 12): optional() defaults, count over module inputs, maps with one
unknown value, local module outputs, policy documents, values decidable without their text, correlated branches."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from gluelint.engine import RunRequest, run
from gluelint.findings.result import RunResult
from gluelint.model.resources import Job, SecurityConfiguration
from gluelint.parse.options import ParseOptions

TODAY = dt.date(2026, 11, 26)


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _run(root: Path, select: list[str] | None = None) -> RunResult:
    return run(RunRequest(paths=[root], parse_options=ParseOptions(root=root), today=TODAY, select=select))


def _jobs(result: RunResult) -> dict[str, Job]:
    return {j.address: j for j in result.inventory.of(Job)}


_JOB_MODULE = """
variable "jobs" {
  type = list(object({
    name        = string
    worker_type = optional(string, "G.1X")
    workers     = optional(number, 2)
    settings = optional(object({
      bookmarks = optional(string, "job-bookmark-enable")
      metrics   = optional(bool, true)
    }), {})
    tags = optional(list(object({ key = string, value = optional(string, "none") })), [])
  }))
}
variable "temp_dir" { type = string }

resource "aws_glue_job" "main" {
  count             = length(var.jobs)
  name              = var.jobs[count.index].name
  role_arn          = "arn:aws:iam::123456789012:role/glue"
  glue_version      = "4.0"
  worker_type       = var.jobs[count.index].worker_type
  number_of_workers = var.jobs[count.index].workers
  command {
    script_location = "s3://bucket/x.py"
  }
  default_arguments = {
    "--TempDir"             = var.temp_dir
    "--job-bookmark-option" = var.jobs[count.index].settings.bookmarks
    "--enable-metrics"      = tostring(var.jobs[count.index].settings.metrics)
    "--tag"                 = length(var.jobs[count.index].tags) > 0 ? var.jobs[count.index].tags[0].value : "-"
    "--missing"             = var.jobs[count.index].no_such_attribute
  }
}
"""

_BUCKET_MODULE = """
variable "name" { type = string }
resource "aws_s3_bucket" "b" { bucket = var.name }
output "tmp" { value = "s3://${var.name}/tmp/" }
output "arn" { value = aws_s3_bucket.b.arn }
"""


def _root(tmp_path: Path, temp_dir: str = "module.bucket.tmp") -> Path:
    return _tree(tmp_path, {
        "modules/job/main.tf": _JOB_MODULE,
        "modules/bucket/main.tf": _BUCKET_MODULE,
        "root/main.tf": f"""
            module "bucket" {{
              source = "../modules/bucket"
              name   = "my-bucket"
            }}
            module "jobs" {{
              source   = "../modules/job"
              temp_dir = {temp_dir}
              jobs = [
                {{ name = "a", tags = [{{ key = "team" }}] }},
                {{ name = "b", worker_type = "G.2X", settings = {{ bookmarks = "job-bookmark-disable" }} }},
              ]
            }}
        """,
    }) / "root"


def test_count_over_a_module_input_gives_one_job_per_element_with_optional_defaults(tmp_path: Path) -> None:
    jobs = _jobs(_run(_root(tmp_path)))
    a, b = jobs["module.jobs.aws_glue_job.main[0]"], jobs["module.jobs.aws_glue_job.main[1]"]
    assert (a.name and a.name.as_str(), b.name and b.name.as_str()) == ("a", "b")
    assert a.worker_type is not None and a.worker_type.as_str() == "G.1X"  # optional(string, "G.1X")
    assert b.worker_type is not None and b.worker_type.as_str() == "G.2X"
    assert a.number_of_workers is not None and a.number_of_workers.as_number() == 2
    args_a = a.default_arguments.as_object() if a.default_arguments else None
    args_b = b.default_arguments.as_object() if b.default_arguments else None
    assert args_a is not None and args_b is not None
    # nested optional object defaults, and the element default of a list of objects
    assert args_a.get("--job-bookmark-option").as_str() == "job-bookmark-enable"  # type: ignore[union-attr]
    assert args_b.get("--job-bookmark-option").as_str() == "job-bookmark-disable"  # type: ignore[union-attr]
    assert args_a.get("--enable-metrics").as_str() == "true"  # type: ignore[union-attr]
    assert args_a.get("--tag").as_str() == "none"  # type: ignore[union-attr]


def test_local_module_output_resolves(tmp_path: Path) -> None:
    job = _jobs(_run(_root(tmp_path)))["module.jobs.aws_glue_job.main[0]"]
    args = job.default_arguments.as_object() if job.default_arguments else None
    assert args is not None and args.get("--TempDir").as_str() == "s3://my-bucket/tmp/"  # type: ignore[union-attr]


def test_one_unknown_or_invalid_value_keeps_the_rest_of_the_map_known(tmp_path: Path) -> None:
    job = _jobs(_run(_root(tmp_path, temp_dir="module.bucket.arn")))["module.jobs.aws_glue_job.main[1]"]
    assert job.default_arguments is not None and job.default_arguments.known
    args = job.default_arguments.as_object()
    assert args is not None
    assert args.get("--TempDir").is_unknown  # type: ignore[union-attr]  # an ARN known after apply
    assert args.get("--missing").is_unknown  # type: ignore[union-attr]  # invalid for the known values
    assert args.get("--job-bookmark-option").as_str() == "job-bookmark-disable"  # type: ignore[union-attr]


def test_policy_document_data_source_decides_gl110(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"main.tf": """
        data "aws_iam_policy_document" "open" {
          statement {
            sid       = "Open"
            actions   = ["glue:GetTable"]
            resources = [aws_s3_bucket.x.arn]
            principals {
              type        = "*"
              identifiers = ["*"]
            }
          }
        }
        data "aws_iam_policy_document" "named" {
          statement {
            actions   = ["glue:GetTable"]
            resources = ["*"]
            principals {
              type        = "AWS"
              identifiers = ["arn:aws:iam::123456789012:root"]
            }
          }
        }
        resource "aws_glue_resource_policy" "open" { policy = data.aws_iam_policy_document.open.json }
        resource "aws_glue_resource_policy" "named" { policy = data.aws_iam_policy_document.named.json }
    """})
    result = _run(root, select=["GL110"])
    assert [f.resource for f in result.findings] == ["aws_glue_resource_policy.open"]
    assert result.undecided == []


def test_remote_module_is_reported_once(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"main.tf": """
        resource "aws_glue_workflow" "w" { name = "w" }
        module "glue" {
          source = "cloudposse/glue/aws//modules/glue-job"
          count  = 3
          glue_version = "4.0"
        }
    """})
    found = [f for f in _run(root, select=["GL005"]).findings]
    assert len(found) == 1 and "3 instances" in found[0].message and found[0].resource == "module.glue"


def test_a_declared_keys_arn_is_set_and_a_valid_key(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"main.tf": """
        resource "aws_kms_key" "k" {}
        resource "aws_glue_security_configuration" "sc" {
          name = "sc"
          encryption_configuration {
            cloudwatch_encryption {
              cloudwatch_encryption_mode = "SSE-KMS"
              kms_key_arn                = aws_kms_key.k.arn
            }
            job_bookmarks_encryption {
              job_bookmarks_encryption_mode = "CSE-KMS"
              kms_key_arn                   = data.aws_kms_key.shared.arn
            }
            s3_encryption {
              s3_encryption_mode = "SSE-KMS"
              kms_key_arn        = "arn:aws:s3:::${var.bucket}"
            }
          }
        }
    """})
    result = _run(root, select=["GL105", "GL203"])
    assert [(f.rule, f.attribute) for f in result.findings] == [("GL203", "s3_kms_key_arn")]
    assert result.undecided == []


def test_correlated_branches_are_evaluated_together(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"main.tf": """
        variable "on" { type = bool }
        variable "k" { type = string }
        resource "aws_glue_security_configuration" "sc" {
          name = "sc"
          encryption_configuration {
            cloudwatch_encryption {
              cloudwatch_encryption_mode = var.on ? "SSE-KMS" : "DISABLED"
              kms_key_arn                = var.on ? aws_kms_key.k.arn : ""
            }
            job_bookmarks_encryption {
              job_bookmarks_encryption_mode = "DISABLED"
            }
            s3_encryption {
              s3_encryption_mode = "DISABLED"
            }
          }
        }
    """})
    result = _run(root, select=["GL105"])
    assert result.findings == [] and result.undecided == []


def test_job_and_configuration_named_by_the_same_expression_are_linked(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"t.yaml": """
        Resources:
          Conf:
            Type: AWS::Glue::SecurityConfiguration
            Properties:
              Name: !Join ["", [conf-, !Ref AWS::StackId]]
              EncryptionConfiguration:
                S3Encryptions: [{S3EncryptionMode: DISABLED}]
          Job:
            Type: AWS::Glue::Job
            Properties:
              Role: arn:aws:iam::123456789012:role/glue
              Command: {Name: glueetl, ScriptLocation: s3://b/x.py}
              SecurityConfiguration: !Join ["", [conf-, !Ref AWS::StackId]]
    """})
    result = _run(root, select=["GL103", "GL104"])
    assert [f.rule for f in result.findings] == ["GL103"]
    assert result.undecided == []
    configs = list(result.inventory.of(SecurityConfiguration))
    assert len(configs) == 1
