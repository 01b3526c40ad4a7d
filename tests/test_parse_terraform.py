"""Terraform parser: HCL and JSON features, resolution, modules, spans, and malformed input."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from gluelint.model.resources import FileReport, Job, SecurityConfiguration, Trigger
from gluelint.model.values import Origin, Value
from gluelint.parse.options import ParseOptions
from gluelint.parse.terraform import parse_terraform


def write(root: Path, files: dict[str, str | bytes]) -> list[Path]:
    paths = []
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        paths.append(path)
    return paths


def parse(root: Path, files: dict[str, str | bytes], **opts: object) -> dict[str, FileReport]:
    paths = [p for p in write(root, files) if p.name.endswith((".tf", ".tf.json"))]
    return {r.path: r for r in parse_terraform(paths, ParseOptions(root=root, **opts))}  # type: ignore[arg-type]


def jobs(reports: dict[str, FileReport]) -> dict[str, Job]:
    return {r.address: r for rep in reports.values() for r in rep.resources if isinstance(r, Job)}


def data(value: Value | None) -> object:
    assert value is not None and value.known, value
    return value.data


def pairs(value: Value | None) -> list[tuple[str, object]]:
    assert value is not None and value.as_object() is not None, value
    return [(e.key, e.value.data if e.value.known else e.value.expression) for e in value.as_object().entries]


# -- HCL ------------------------------------------------------------------------------------------------

def test_duplicate_map_keys_survive_with_spans(tmp_path: Path) -> None:
    reports = parse(tmp_path, {"main.tf": """\
        resource "aws_glue_job" "raw" {
          name = "raw"
          default_arguments = { "--conf" = "a", "--conf" = "b" }
          command {
            script_location = "s3://b/x.py"
          }
        }
        """})
    job = jobs(reports)["aws_glue_job.raw"]
    assert pairs(job.default_arguments) == [("--conf", "a"), ("--conf", "b")]
    entries = job.default_arguments.as_object().entries  # type: ignore[union-attr]
    assert entries[0].key_span is not None and (entries[0].key_span.line, entries[0].key_span.column) == (3, 25)
    assert entries[1].key_span is not None and entries[1].key_span.column == 41
    assert job.name is not None and job.name.span is not None
    assert (job.name.span.line, job.name.span.column, job.name.span.end_column) == (2, 10, 15)
    assert data(job.script_location) == "s3://b/x.py"
    assert job.span.line == 1 and job.source_format.value == "terraform-hcl"


def test_index_and_attribute_of_a_computed_value(tmp_path: Path) -> None:
    """``split(".", var.v)[0]`` and ``[...][i]`` index the value the call or tuple computes (the major-version
    idiom ``tonumber(split(".", var.glue_version)[0]) >= 5`` decides its branch instead of leaving it open)."""
    reports = parse(tmp_path, {"main.tf": """\
        variable "glue_version" {
          default = "4.0"
        }
        locals {
          major = tonumber(split(".", var.glue_version)[0])
        }
        resource "aws_glue_job" "j" {
          name              = ["a", "b"][1]
          glue_version      = var.glue_version
          timeout           = local.major * 10
          default_arguments = merge({ "--x" = "1" }, local.major >= 5 ? { "--custom-logGroup-prefix" = "/a" } : {})
          command {
            script_location = "s3://b/x.py"
          }
        }
        """})
    job = jobs(reports)["aws_glue_job.j"]
    assert data(job.name) == "b"
    assert data(job.timeout) == 40
    assert pairs(job.default_arguments) == [("--x", "1")]


def test_variables_locals_templates_and_functions(tmp_path: Path) -> None:
    reports = parse(tmp_path, {"variables.tf": """\
        variable "env" {
          default = "prod"
        }
        variable "worker_type" {
          default = "G.1X"
        }
        variable "size" {}
        """, "main.tf": """\
        locals {
          prefix = "${var.env}-etl"
          args   = { "--enable-metrics" = "true" }
          sizes  = { prod = 10, dev = 2 }
        }
        resource "aws_glue_job" "j" {
          name              = "${local.prefix}-job"
          role_arn          = aws_iam_role.glue.arn
          worker_type       = var.worker_type
          number_of_workers = lookup(local.sizes, var.env, 1)
          glue_version      = var.size > 3 ? "4.0" : "3.0"
          timeout           = tonumber("60")
          description       = format("%s job (%d)", upper(var.env), 3)
          max_retries       = try(local.sizes.missing, 2)
          execution_class   = coalesce("", "FLEX")
          connections       = concat(["a"], ["b"])
          default_arguments = merge(local.args, { "--job-language" = "python" }, var.size > 0 ? { "--x" = "1" } : {})
          tags              = { Name = join("-", [var.env, "x"]), Json = jsonencode({ a = 1 }) }
          command {
            script_location = replace("s3://B/x.py", "B", lower("BUCKET"))
          }
        }
        """})
    job = jobs(reports)["aws_glue_job.j"]
    assert data(job.name) == "prod-etl-job"
    assert job.name is not None and job.name.expression == '"${local.prefix}-job"'
    assert data(job.worker_type) == "G.1X"
    assert job.worker_type is not None and job.worker_type.origin == Origin.VARIABLE_DEFAULT
    assert job.worker_type.expression == "var.worker_type"
    assert job.worker_type.span is not None and job.worker_type.span.file == "main.tf"
    assert job.worker_type.span.line == 9
    assert data(job.number_of_workers) == 10
    assert job.role is not None and job.role.is_unknown and job.role.reference == "aws_iam_role.glue"
    assert job.glue_version is not None and job.glue_version.is_branching
    labels = [a.label for a in job.glue_version.alternatives or []]
    assert labels == ["var.size > 3", "!(var.size > 3)"]
    assert data(job.timeout) == 60 and data(job.description) == "PROD job (3)"
    assert data(job.max_retries) == 2 and data(job.execution_class) == "FLEX"
    assert [v.data for v in job.connections.as_list() or []] == ["a", "b"]  # type: ignore[union-attr]
    assert data(job.script_location) == "s3://bucket/x.py"
    args = job.default_arguments.as_object()  # type: ignore[union-attr]
    assert args is not None and [e.key for e in args.entries] == ["--enable-metrics", "--job-language", "--x"]
    assert args.entries[2].condition == "var.size > 0"
    tags = job.tags.as_object()  # type: ignore[union-attr]
    assert tags is not None and tags.get("Name").data == "prod-x" and tags.get("Json").data == '{"a":1}'  # type: ignore[union-attr]


def test_tfvars_and_var_files(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "main.tf": """\
            variable "wt" { default = "G.1X" }
            variable "n" { type = number }
            variable "gv" { type = string }
            resource "aws_glue_job" "j" {
              worker_type       = var.wt
              number_of_workers = var.n
              glue_version      = var.gv
            }
            """,
        "terraform.tfvars": 'wt = "G.2X"\nn = 4\n',
        "x.auto.tfvars.json": '{"n": "6"}',
        "extra.tfvars": 'gv = 5\n'}
    reports = parse(tmp_path, files, var_files=(tmp_path / "extra.tfvars",))
    job = jobs(reports)["aws_glue_job.j"]
    assert data(job.worker_type) == "G.2X" and job.worker_type is not None
    assert job.worker_type.origin == Origin.TFVARS
    assert data(job.number_of_workers) == 6 and data(job.glue_version) == "5"  # converted to the declared types


def test_count_for_each_and_dynamic(tmp_path: Path) -> None:
    reports = parse(tmp_path, {"main.tf": """\
        variable "jobs" {
          default = { a = "G.1X", b = "G.2X" }
        }
        variable "on" {}
        resource "aws_glue_job" "off" {
          count = 0
          name  = "never"
        }
        resource "aws_glue_job" "two" {
          count = 2
          name  = "job-${count.index}"
        }
        resource "aws_glue_job" "each" {
          for_each    = var.jobs
          name        = each.key
          worker_type = each.value
        }
        resource "aws_glue_job" "maybe" {
          count = var.on ? 1 : 0
          name  = "maybe"
        }
        resource "aws_glue_trigger" "t" {
          type = "ON_DEMAND"
          dynamic "actions" {
            for_each = ["x", "y"]
            content {
              job_name = actions.value
            }
          }
          dynamic "predicate" {
            for_each = var.on
            content {
              logical = "AND"
            }
          }
        }
        """})
    found = jobs(reports)
    assert sorted(found) == ['aws_glue_job.each["a"]', 'aws_glue_job.each["b"]', "aws_glue_job.maybe",
                             "aws_glue_job.two[0]", "aws_glue_job.two[1]"]
    assert data(found["aws_glue_job.two[1]"].name) == "job-1"
    assert data(found['aws_glue_job.each["b"]'].worker_type) == "G.2X"
    assert found["aws_glue_job.maybe"].condition == "var.on ? 1 : 0"
    trigger = next(r for rep in reports.values() for r in rep.resources if isinstance(r, Trigger))
    assert [data(a.job_name) for a in trigger.actions] == ["x", "y"]


def test_provider_region(tmp_path: Path) -> None:
    reports = parse(tmp_path, {"provider.tf": 'provider "aws" {\n  region = "eu-west-1"\n}\n',
                               "main.tf": 'resource "aws_glue_security_configuration" "s" {\n  name = "s"\n}\n'})
    assert reports["provider.tf"].region == "eu-west-1"
    sec = reports["main.tf"].resources[0]
    assert isinstance(sec, SecurityConfiguration) and data(sec.region) == "eu-west-1"


def test_comment_suppressions(tmp_path: Path) -> None:
    reports = parse(tmp_path, {"main.tf": '# gluelint:ignore GL101 legacy\nresource "aws_glue_job" "j" {}\n'})
    assert [s.rules for s in reports["main.tf"].suppressions] == [["GL101"]]


# -- modules ----------------------------------------------------------------------------------------------

MODULE = {
    "modules/etl/main.tf": """\
        variable "workers" {}
        variable "gv" { default = "3.0" }
        resource "aws_glue_job" "this" {
          number_of_workers = var.workers
          glue_version      = var.gv
          security_configuration = aws_glue_security_configuration.s.name
        }
        module "again" {
          source = "../etl"
        }
        """,
}


def test_module_instances_and_recursion_guard(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {**MODULE, "live/main.tf": """\
        module "etl" {
          source  = "../modules/etl"
          workers = 7
        }
        module "many" {
          count   = 2
          source  = "../modules/etl"
          workers = count.index + 1
        }
        module "remote" {
          source = "git::https://example.com/x.git"
        }
        """}
    write(tmp_path, files)
    reports = {r.path: r for r in parse_terraform([tmp_path / "live/main.tf"], ParseOptions(root=tmp_path))}
    assert reports["live/main.tf"].errors == [] and reports["live/main.tf"].resources == []
    found = jobs(reports)
    assert sorted(found) == ["module.etl.aws_glue_job.this", "module.many[0].aws_glue_job.this",
                             "module.many[1].aws_glue_job.this"]
    job = found["module.etl.aws_glue_job.this"]
    assert data(job.number_of_workers) == 7 and job.number_of_workers is not None
    assert job.number_of_workers.origin == Origin.MODULE_INPUT
    assert data(job.glue_version) == "3.0"
    assert data(found["module.many[1].aws_glue_job.this"].number_of_workers) == 2
    assert job.security_configuration is not None
    assert job.security_configuration.reference == "module.etl.aws_glue_security_configuration.s"
    assert job.scope != found["module.many[0].aws_glue_job.this"].scope


def test_module_folder_alone_when_not_called(tmp_path: Path) -> None:
    reports = parse(tmp_path, MODULE)  # type: ignore[arg-type]
    job = jobs(reports)["aws_glue_job.this"]
    assert job.number_of_workers is not None and job.number_of_workers.is_unknown
    assert data(job.glue_version) == "3.0"


def test_scanned_module_folder_reported_per_call(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {**MODULE, "live/main.tf": 'module "etl" {\n  source = "../modules/etl"\n'
                                                               '  workers = 3\n}\n'}
    reports = parse(tmp_path, files)
    assert sorted(jobs(reports)) == ["module.etl.aws_glue_job.this"]


# -- Terraform JSON ---------------------------------------------------------------------------------------

def test_terraform_json(tmp_path: Path) -> None:
    reports = parse(tmp_path, {"vars.tf": 'variable "env" {\n  default = "dev"\n}\n', "main.tf.json": """\
        {
          "//": "generated",
          "locals": {"base": {"--a": "1"}},
          "resource": {
            "aws_glue_job": {
              "raw_ingestion": [{
                "//": "gluelint:ignore GL307 DSL output",
                "role_arn": "${aws_iam_role.r.arn}",
                "glue_version": "4.0",
                "command": [{"script_location": "s3://etl/raw.py", "name": "glueetl"}],
                "default_arguments": {"__job_language": "python", "__conf": "x", "__conf": "y"},
                "worker_type": "G.1X",
                "number_of_workers": 2,
                "description": "${var.env}-job",
                "non_overridable_arguments": "${merge(local.base, {\\"--b\\" = \\"2\\"})}"
              }]
            }
          }
        }
        """})
    report = reports["main.tf.json"]
    assert report.errors == [] and report.source_format is not None
    job = jobs(reports)["aws_glue_job.raw_ingestion"]
    assert job.name is None and data(job.number_of_workers) == 2 and data(job.script_location) == "s3://etl/raw.py"
    assert pairs(job.default_arguments) == [("__job_language", "python"), ("__conf", "x"), ("__conf", "y")]
    assert job.role is not None and job.role.is_unknown and job.role.expression == "aws_iam_role.r.arn"
    assert data(job.description) == "dev-job"
    assert pairs(job.non_overridable_arguments) == [("--a", "1"), ("--b", "2")]
    assert [s.rules for s in job.suppressions] == [["GL307"]]
    assert job.worker_type is not None and job.worker_type.span is not None
    assert (job.worker_type.span.line, job.worker_type.span.column) == (12, 24)


# -- malformed input --------------------------------------------------------------------------------------

MALFORMED: dict[str, str | bytes] = {
    "truncated.tf": 'resource "aws_glue_job" "j" {\n  name = "x"\n  command {\n',
    "binary.tf": b"\x00\x01\x02resource\xff\xfe",
    "latin1.tf": 'resource "aws_glue_job" "j" {\n  name = "caf\xe9"\n}\n'.encode("latin-1"),
    "syntax.tf": 'resource "aws_glue_job" "j" {\n  name = = "x"\n}\n',
    "deep.tf": 'resource "aws_glue_job" "j" {\n  tags = ' + "[" * 5000 + "]" * 5000 + "\n}\n",
    "long.tf": 'resource "aws_glue_job" "j" {\n  name = "' + "a" * 5_000_000 + "\n}\n",
    "invalid.tf.json": '{"resource": {"aws_glue_job": {"j": {"name": "x",}}}}',
    "truncated.tf.json": '{"resource": {"aws_glue_job": ',
    "deep.tf.json": "[" * 5000 + "]" * 5000,
    "blank.tf.json": "",
    "skipped.tf.json": '{"resource": {"aws_s3_bucket": {"b": {"bucket": "x" "y"}}, "aws_glue_job": {"j": {}}}}',
    "deep_skipped.tf.json": '{"output": {"o": {"value": ' + "[" * 5000 + "]" * 5000 + "}}}",
    "toplevel.tf": 'name = "aws_glue_job"\n',
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_input_gives_one_parse_error(tmp_path: Path, name: str) -> None:
    reports = parse(tmp_path, {name: MALFORMED[name], "good.tf": 'resource "aws_glue_job" "ok" {}\n'})
    assert len(reports[name].errors) == 1, reports[name].errors
    error = reports[name].errors[0]
    assert error.span.file == name and error.span.line >= 1 and error.span.column >= 1
    assert reports[name].resources == []
    assert [r.address for r in reports["good.tf"].resources] == ["aws_glue_job.ok"]


def test_error_positions(tmp_path: Path) -> None:
    reports = parse(tmp_path, {n: MALFORMED[n] for n in ("syntax.tf", "latin1.tf", "invalid.tf.json")})
    assert (reports["syntax.tf"].errors[0].span.line, reports["syntax.tf"].errors[0].span.column) == (2, 10)
    assert (reports["latin1.tf"].errors[0].span.line, reports["latin1.tf"].errors[0].span.column) == (2, 14)
    assert reports["invalid.tf.json"].errors[0].span.column == 50  # the "}" after ","


def test_well_formed_edge_cases_parse(tmp_path: Path) -> None:
    body = 'resource "aws_glue_job" "j" {\r\n  name = "x"\r\n  command {\r\n    name = "glueetl"\r\n  }\r\n}\r\n'
    reports = parse(tmp_path, {"crlf.tf": body, "bom.tf": "\ufeff" + body.replace("\r\n", "\n"), "empty.tf": "",
                               "empty.tf.json": "{}", "heredoc.tf": 'resource "aws_glue_job" "h" {\n  description = '
                               '<<EOF\nhas } and { braces\nEOF\n  name = "h"\n}\n'})
    for name in ("crlf.tf", "bom.tf"):
        assert reports[name].errors == []
        job = reports[name].resources[0]
        assert isinstance(job, Job) and data(job.name) == "x" and data(job.command_name) == "glueetl"
    assert reports["empty.tf"].errors == [] and reports["empty.tf.json"].errors == []
    job = reports["heredoc.tf"].resources[0]
    assert isinstance(job, Job) and data(job.description) == "has } and { braces\n" and data(job.name) == "h"


def test_file_above_size_limit_is_not_parsed(tmp_path: Path) -> None:
    reports = parse(tmp_path, {"big.tf": 'resource "aws_glue_job" "j" {}\n' + "#" * 2000}, max_file_bytes=1000)
    assert len(reports["big.tf"].errors) == 1 and "limit" in reports["big.tf"].errors[0].message


def test_module_call_cycle_is_guarded(tmp_path: Path) -> None:
    reports = parse(tmp_path, {
        "a/main.tf": 'module "b" {\n  source = "../b"\n}\nresource "aws_glue_job" "a" {}\n',
        "b/main.tf": 'module "a" {\n  source = "../a"\n}\nresource "aws_glue_job" "b" {}\n'})
    found = sorted(jobs(reports))
    assert "aws_glue_job.a" in found or "module.a.aws_glue_job.a" in found
    assert "module.b.aws_glue_job.b" in found
    assert all(r.errors == [] for r in reports.values())


def test_for_expressions(tmp_path: Path) -> None:
    reports = parse(tmp_path, {"main.tf": """\
        variable "extra" {
          default = { a = "1", b = "2", c = "" }
        }
        resource "aws_glue_job" "j" {
          default_arguments = { for k, v in var.extra : "--${k}" => v if v != "" }
          connections       = [for c in ["x", "y"] : upper(c)]
          tags              = { for k in keys(var.unknown_map) : k => k }
        }
        """})
    job = jobs(reports)["aws_glue_job.j"]
    assert pairs(job.default_arguments) == [("--a", "1"), ("--b", "2")]
    assert [v.data for v in job.connections.as_list() or []] == ["X", "Y"]  # type: ignore[union-attr]
    assert job.tags is not None and job.tags.is_unknown


def test_terraform_json_provider_region_and_module(tmp_path: Path) -> None:
    reports = parse(tmp_path, {
        "live/main.tf.json": """\
            {"provider": {"aws": [{"region": "ap-southeast-2"}, {"alias": "us", "region": "us-east-1"}]},
             "module": {"etl": {"source": "../mod", "workers": 9}}}
            """,
        "mod/main.tf": 'variable "workers" {}\nresource "aws_glue_job" "this" {\n'
                       '  number_of_workers = var.workers\n}\n'})
    assert reports["live/main.tf.json"].region == "ap-southeast-2"
    job = jobs(reports)["module.etl.aws_glue_job.this"]
    assert data(job.number_of_workers) == 9 and data(job.region) == "ap-southeast-2"


def test_terraform_json_dynamic_and_repeated_blocks(tmp_path: Path) -> None:
    reports = parse(tmp_path, {"main.tf.json": """\
        {"resource": {"aws_glue_trigger": {"t": {
          "type": "CONDITIONAL",
          "actions": [{"job_name": "a"}, {"job_name": "b"}],
          "predicate": {"dynamic": {"conditions": {"for_each": ["x", "y"], "iterator": "c",
                                                   "content": [{"job_name": "${c.value}", "state": "SUCCEEDED"}]}}}
        }}}}
        """})
    trigger = reports["main.tf.json"].resources[0]
    assert isinstance(trigger, Trigger)
    assert [data(a.job_name) for a in trigger.actions] == ["a", "b"]
    assert trigger.has_predicate and [data(c.job_name) for c in trigger.conditions] == ["x", "y"]


def test_splat_expressions(tmp_path: Path) -> None:
    reports = parse(tmp_path, {"main.tf": """\
        variable "conns" {
          default = [{ name = "a" }, { name = "b" }]
        }
        resource "aws_glue_job" "j" {
          connections            = var.conns[*].name
          security_configuration = aws_glue_security_configuration.s[*].name
        }
        """})
    job = jobs(reports)["aws_glue_job.j"]
    assert [v.data for v in job.connections.as_list() or []] == ["a", "b"]  # type: ignore[union-attr]
    assert job.security_configuration is not None and job.security_configuration.is_unknown


def test_one_line_locals_and_variables(tmp_path: Path) -> None:
    reports = parse(tmp_path, {"main.tf": 'locals { a = "G.1X" }\nlocals { b = local.a }\n'
                                          'variable "n" { default = 3 }\n'
                                          'resource "aws_glue_job" "j" {\n  worker_type = local.b\n'
                                          '  number_of_workers = var.n\n}\n'})
    job = jobs(reports)["aws_glue_job.j"]
    assert data(job.worker_type) == "G.1X" and data(job.number_of_workers) == 3
    assert job.worker_type is not None and job.worker_type.origin == Origin.LOCAL


def test_aliased_providers(tmp_path: Path) -> None:
    reports = parse(tmp_path, {
        "live/main.tf": """\
            provider "aws" {
              region = "eu-west-1"
            }
            provider "aws" {
              alias  = "us"
              region = "us-east-1"
            }
            resource "aws_glue_job" "here" {}
            resource "aws_glue_job" "there" {
              provider = aws.us
            }
            module "m" {
              source    = "../mod"
              providers = { aws = aws.us }
            }
            """,
        "mod/main.tf": 'resource "aws_glue_job" "this" {}\n'})
    found = jobs(reports)
    assert data(found["aws_glue_job.here"].region) == "eu-west-1"
    assert data(found["aws_glue_job.there"].region) == "us-east-1"
    assert data(found["module.m.aws_glue_job.this"].region) == "us-east-1"
    assert reports["live/main.tf"].region == "eu-west-1"


def test_absurd_values_do_not_explode(tmp_path: Path) -> None:
    reports = parse(tmp_path, {"main.tf": """\
        resource "aws_glue_job" "many" {
          count = 1000000000
        }
        resource "aws_glue_job" "inf" {
          count   = 1e999
          timeout = format("%d", 1e999)
          max_retries = ceil(1e999)
        }
        """})
    found = jobs(reports)
    assert sorted(found) == ["aws_glue_job.inf", "aws_glue_job.many"]
    assert found["aws_glue_job.many"].condition == "1000000000"
    assert found["aws_glue_job.inf"].timeout is not None and found["aws_glue_job.inf"].timeout.is_unknown


def test_a_resource_swallowed_by_an_open_brace_is_a_parse_error(tmp_path: Path) -> None:
    """A ``{`` left open turns the following resources into nested blocks: valid HCL syntax, but Terraform
    rejects it, and without a GL001 those jobs would vanish (found by the fuzzer)."""
    reports = parse(tmp_path, {"main.tf": """\
        resource "aws_glue_job" "a" {
          name = "a"
          default_arguments = {
          default_arguments = {
            "--x" = "1"
          }
        }

        resource "aws_glue_job" "b" {
          name = "b"
        }
        }
        """})
    (error,) = reports["main.tf"].errors
    assert (error.span.line, error.span.column) == (9, 1)
    assert "`resource` block inside resource aws_glue_job.a" in error.message


def test_a_broken_variable_file_is_a_parse_error(tmp_path: Path) -> None:
    reports = parse(tmp_path, {
        "main.tf": """\
            variable "workers" {}
            resource "aws_glue_job" "a" {
              name              = "a"
              number_of_workers = var.workers
            }
            """,
        "terraform.tfvars": "workers = \n",
    })
    assert jobs(reports)["aws_glue_job.a"].number_of_workers.is_unknown  # type: ignore[union-attr]
    (error,) = reports["terraform.tfvars"].errors
    assert error.message.startswith("variable file cannot be parsed")
