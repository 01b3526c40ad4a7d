#!/usr/bin/env python3
"""A synthetic infrastructure monorepo with known Glue jobs, for the ground-truth tests, the speed-equivalence
tests, the property tests and ``bench/``. Owned by this repository; standard library only.

    python tests/corpus_gen.py OUT --files N --seed S [--manifest truth.json]

Layout, as a platform team's repository looks::

    modules/glue-job/{main,variables,outputs}.tf     a reusable module holding one Glue job (every input a var)
    modules/network/main.tf                          a module without Glue (called, never Glue)
    envs/<env>/<component>/*.tf, *.tf.json, terraform.tfvars   root modules: HCL, Terraform JSON, variable files
    stacks/<team>/*.yaml, *.template.json            CloudFormation (YAML short forms / JSON long forms), SAM
    stacks/<team>/nested/*.yaml                      children of nested stacks

Realism that matters to a parser: values from variable defaults, ``terraform.tfvars`` and module inputs;
``merge(local...)`` argument maps; templates ``"${var.x}"``; references to resources; heredoc and
``jsonencode`` policies, ``dynamic`` blocks, ``for_each`` / ``count`` in the padding; CloudFormation
parameters with and without defaults, ``Fn::If`` on conditions, ``Fn::Sub``, ``Fn::GetAtt``,
``Fn::ImportValue``, duplicate keys, nested stacks binding parameters, ``AWS::Serverless::Application``.
Most files hold no Glue at all and are padded to a few kilobytes of ordinary resources.

The manifest states what a correct parser must make of every Glue job — derived from Terraform's and
CloudFormation's own semantics while writing the file, never from gluelint's output:

- ``jobs``: ``{file, format, address, fields: {model field: expectation}, arguments: [[key, value], ...]}``
- ``module_jobs``: a job instantiated from ``modules/glue-job`` by a call (address ``module.<call>.…``)
- ``nested_jobs``: a child template's job read as an instance of its parent (address ``<StackId>/<Job>``)
- ``others``: the other Glue resources (security configurations, triggers)
- ``serverless_applications``: parents whose only link to Glue is an ``AWS::Serverless::Application``

An expectation is ``{"value": v, "origin": o}`` (known), ``{"unknown": reference-or-null}``,
``{"expression": text}`` (a reference whose value is known only at apply time, checked by its text) or
``{"branches": {label: expectation}}`` (``Fn::If`` on a condition a deployment decides).

Same arguments, byte-identical output (one ``random.Random(seed)``, no clock, no set ordering).
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENVS = ("dev", "stage", "prod")
COMPONENTS = ("lake", "ingest", "billing", "search", "events", "reporting", "identity", "ml", "audit", "payments")
TEAMS = ("data", "finance", "growth", "risk", "core")
NOUNS = ("orders", "clicks", "ledger", "sessions", "invoices", "profiles", "shipments", "quotes", "refunds")
STEPS = ("ingest", "compact", "enrich", "export", "dedupe", "backfill")
WORKERS = ("G.1X", "G.2X", "G.4X", "G.025X")
VERSIONS = ("3.0", "4.0", "5.0", "2.0")
BUCKET_DEFAULT = "acme-artifacts"


def known(value: Any, origin: str | None = "literal") -> dict[str, Any]:
    return {"value": value, "origin": origin}


def unknown(reference: str | None = None) -> dict[str, Any]:
    return {"unknown": reference}


@dataclass
class Truth:
    jobs: list[dict[str, Any]] = field(default_factory=list)
    module_jobs: list[dict[str, Any]] = field(default_factory=list)
    nested_jobs: list[dict[str, Any]] = field(default_factory=list)
    others: list[dict[str, Any]] = field(default_factory=list)
    serverless_applications: list[dict[str, Any]] = field(default_factory=list)


# -- Terraform ------------------------------------------------------------------------------------------------

class Expr(str):
    """A Terraform expression written as is (``var.x``, ``aws_iam_role.glue.arn``)."""


def hcl(value: Any, indent: int = 1) -> str:
    pad = "  " * indent
    if isinstance(value, Expr):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(hcl(v, indent) for v in value) + "]"
    if isinstance(value, dict):
        width = max((len(json.dumps(k)) for k in value), default=0)
        lines = [f"{pad}  {json.dumps(k).ljust(width)} = {hcl(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + "\n".join(lines) + f"\n{pad}}}"
    raise TypeError(value)


def tf_json(value: Any) -> Any:
    if isinstance(value, Expr):
        return "${" + value + "}"
    if isinstance(value, dict):
        return {k: tf_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tf_json(v) for v in value]
    return value


@dataclass
class TfJob:
    """One aws_glue_job: attributes as written, plus what the parser must make of each."""

    name: str
    attributes: dict[str, Any]
    command: dict[str, Any]
    max_concurrent_runs: int | None
    arguments: list[tuple[str, str]]
    merged_local: bool
    fields: dict[str, Any]

    def hcl(self) -> str:
        body = [f'resource "aws_glue_job" "{self.name}" {{']
        width = max(len(k) for k in self.attributes)
        body += [f"  {k.ljust(width)} = {hcl(v)}" for k, v in self.attributes.items()]
        body += ["", "  command {"] + [f"    {k} = {hcl(v, 2)}" for k, v in self.command.items()] + ["  }"]
        if self.max_concurrent_runs is not None:
            body += ["", "  execution_property {", f"    max_concurrent_runs = {self.max_concurrent_runs}", "  }"]
        literal = "{\n" + "".join(f"    {json.dumps(k)} = {json.dumps(v)}\n" for k, v in self.arguments) + "  }"
        arguments = f"merge(local.glue_default_arguments, {literal})" if self.merged_local else literal
        body += ["", f"  default_arguments = {arguments}", "", "  tags = {", '    team = "data"', "  }", "}"]
        return "\n".join(body) + "\n"

    def json_body(self) -> dict[str, Any]:
        body: dict[str, Any] = tf_json(self.attributes)
        body["command"] = [tf_json(self.command)]
        if self.max_concurrent_runs is not None:
            body["execution_property"] = [{"max_concurrent_runs": self.max_concurrent_runs}]
        body["default_arguments"] = dict(self.arguments)
        return body


LOCAL_ARGUMENTS = (("--enable-metrics", "true"), ("--enable-continuous-cloudwatch-log", "true"))


class Generator:
    def __init__(self, out: Path, files: int, seed: int) -> None:
        self.out, self.target, self.rng = out, files, random.Random(seed)
        self.written = 0
        self.truth = Truth()
        self.count = 0

    # -- files --------------------------------------------------------------------------------------------
    def write(self, relative: str, text: str) -> None:
        path = self.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.written += 1

    def unique(self, stem: str) -> str:
        self.count += 1
        return f"{stem}_{self.count}"

    # -- Terraform padding --------------------------------------------------------------------------------
    def tf_padding(self, kilobytes: int) -> str:
        parts: list[str] = []
        while sum(len(p) for p in parts) < kilobytes * 1024:
            kind = self.rng.randrange(5)
            name = self.unique(self.rng.choice(NOUNS))
            if kind == 0:
                parts.append(f'resource "aws_s3_bucket" "{name}" {{\n  for_each = toset(["raw", "curated"])\n'
                             f'  bucket   = "${{var.env}}-{name}-${{each.key}}"\n\n  tags = {{\n'
                             f'    owner = "platform"\n  }}\n}}\n')
            elif kind == 1:
                parts.append(f'resource "aws_iam_role" "{name}" {{\n  name = "{name}"\n\n'
                             '  assume_role_policy = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": [{\n'
                             '    "Effect": "Allow",\n    "Principal": {"Service": "lambda.amazonaws.com"},\n'
                             '    "Action": "sts:AssumeRole"\n  }]\n}\nEOF\n}\n')
            elif kind == 2:
                parts.append(f'resource "aws_security_group" "{name}" {{\n  name   = "{name}"\n'
                             '  vpc_id = var.vpc_id\n\n  dynamic "ingress" {\n    for_each = var.ingress_ports\n'
                             '    content {\n      from_port   = ingress.value\n      to_port     = ingress.value\n'
                             '      protocol    = "tcp"\n      cidr_blocks = ["10.0.0.0/8"]\n    }\n  }\n}\n')
            elif kind == 3:
                parts.append(f'resource "aws_lambda_function" "{name}" {{\n'
                             '  count         = var.env == "prod" ? 2 : 1\n'
                             f'  function_name = "{name}-${{count.index}}"\n  role          = aws_iam_role.lambda.arn\n'
                             '  handler       = "main.handler"\n  runtime       = "python3.12"\n'
                             '  environment {\n    variables = {\n      STAGE = var.env\n    }\n  }\n}\n')
            else:
                parts.append(f'resource "aws_sqs_queue" "{name}" {{\n  name                      = "{name}"\n'
                             '  message_retention_seconds = 86400\n  policy = jsonencode({\n'
                             '    Version   = "2012-10-17"\n    Statement = [{ Effect = "Deny", Action = "sqs:*",'
                             ' Principal = "*", Resource = "*" }]\n  })\n}\n')
        return "\n".join(parts)

    # -- Terraform Glue jobs ------------------------------------------------------------------------------
    def tf_job(self, env: str, bucket: str, tfvars_timeout: int | None,
               is_json: bool) -> TfJob:
        noun, step = self.rng.choice(NOUNS), self.rng.choice(STEPS)
        name = self.unique(f"{noun}_{step}")
        streaming = self.rng.random() < 0.1
        command = "gluestreaming" if streaming else self.rng.choice(("glueetl", "glueetl", "pythonshell"))
        script = f"s3://{bucket}/scripts/{noun}_{step}.py"
        attributes: dict[str, Any] = {"name": f"{env}-{noun}-{step}", "role_arn": Expr("aws_iam_role.glue.arn")}
        fields: dict[str, Any] = {"role": {"expression": "aws_iam_role.glue.arn"}}
        cmd: dict[str, Any] = {"name": command, "script_location": Expr('"s3://${var.artifact_bucket}/scripts/'
                                                                         f'{noun}_{step}.py"')}
        fields["command_name"] = known(command)
        fields["script_location"] = known(script, None)  # a template: literal text and var.artifact_bucket
        if command == "pythonshell":
            cmd["python_version"] = "3.9"
            fields["python_version"] = known("3.9")
            attributes["max_capacity"] = 0.0625
            fields["max_capacity"] = known(0.0625)
            fields["worker_type"] = fields["number_of_workers"] = None
        else:
            worker, count = self.rng.choice(WORKERS[:3]), self.rng.choice((2, 5, 10, 40))
            attributes["worker_type"], attributes["number_of_workers"] = worker, count
            fields["worker_type"], fields["number_of_workers"] = known(worker), known(count)
            fields["max_capacity"] = None
            fields["python_version"] = None
        version = self.rng.choice(VERSIONS)
        attributes["glue_version"] = version
        fields["glue_version"] = known(version)
        if tfvars_timeout is not None:
            attributes["timeout"] = Expr("var.job_timeout")
            fields["timeout"] = known(tfvars_timeout, "tfvars")
        elif self.rng.random() < 0.7:
            timeout = self.rng.choice((30, 60, 120, 2880))
            attributes["timeout"] = timeout
            fields["timeout"] = known(timeout)
        else:
            fields["timeout"] = None
        if self.rng.random() < 0.5:
            attributes["max_retries"] = self.rng.choice((0, 1, 3))
            fields["max_retries"] = known(attributes["max_retries"])
        else:
            fields["max_retries"] = None
        if self.rng.random() < 0.5:
            attributes["security_configuration"] = Expr("aws_glue_security_configuration.default.name")
            # The name is configuration, so Terraform knows it at plan time (unlike an ARN)
            fields["security_configuration"] = known(f"{env}-glue", None)
        else:
            fields["security_configuration"] = None
        runs = self.rng.choice((None, 1, 3))
        fields["max_concurrent_runs"] = known(runs) if runs is not None else None
        arguments = [("--job-language", "python"), ("--TempDir", f"s3://{BUCKET_DEFAULT}/tmp/")]
        if self.rng.random() < 0.3:  # job-bookmark-on: a near miss of job-bookmark-enable
            arguments.append(("--job-bookmark-option", self.rng.choice(("job-bookmark-enable", "job-bookmark-on"))))
        merged = not is_json and self.rng.random() < 0.4
        return TfJob(name, attributes, cmd, runs, arguments, merged, fields)

    def root_module(self, env: str, component: str, glue: bool) -> None:
        folder = f"envs/{env}/{component}"
        tfvars_bucket = self.rng.random() < 0.3
        bucket = f"{env}-artifacts" if tfvars_bucket else BUCKET_DEFAULT
        tfvars_timeout = self.rng.choice((45, 90)) if glue and self.rng.random() < 0.3 else None
        variables = (f'variable "env" {{\n  type    = string\n  default = "{env}"\n}}\n\n'
                     f'variable "artifact_bucket" {{\n  type    = string\n  default = "{BUCKET_DEFAULT}"\n}}\n\n'
                     'variable "vpc_id" {\n  type = string\n}\n\n'
                     'variable "ingress_ports" {\n  type    = list(number)\n  default = [443]\n}\n\n'
                     'variable "job_timeout" {\n  type    = number\n  default = 60\n}\n')
        self.write(f"{folder}/variables.tf", variables)
        tfvars = []
        if tfvars_bucket:
            tfvars.append(f'artifact_bucket = "{bucket}"')
        if tfvars_timeout is not None:
            tfvars.append(f"job_timeout = {tfvars_timeout}")
        if tfvars:
            self.write(f"{folder}/terraform.tfvars", "\n".join(tfvars) + "\n")
        self.write(f"{folder}/network.tf", 'module "network" {\n  source = "../../../modules/network"\n'
                   '  cidr   = "10.0.0.0/16"\n}\n\n' + self.tf_padding(self.rng.randint(1, 6)))
        if not glue:
            return
        locals_block = 'locals {\n  glue_default_arguments = {\n' + "".join(
            f'    "{k}" = "{v}"\n' for k, v in LOCAL_ARGUMENTS) + "  }\n}\n"
        security = ('resource "aws_glue_security_configuration" "default" {\n  name = "${var.env}-glue"\n\n'
                    '  encryption_configuration {\n    cloudwatch_encryption {\n'
                    '      cloudwatch_encryption_mode = "SSE-KMS"\n      kms_key_arn = aws_kms_key.glue.arn\n    }\n'
                    '    job_bookmarks_encryption {\n      job_bookmarks_encryption_mode = "CSE-KMS"\n'
                    '      kms_key_arn = aws_kms_key.glue.arn\n    }\n    s3_encryption {\n'
                    '      s3_encryption_mode = "SSE-KMS"\n      kms_key_arn        = aws_kms_key.glue.arn\n'
                    '    }\n  }\n}\n')
        hcl_file = f"{folder}/glue.tf"
        jobs = [self.tf_job(env, bucket, tfvars_timeout, False)
                for _ in range(self.rng.randint(1, 3))]
        text = locals_block + "\n" + security + "\n" + "\n".join(j.hcl() for j in jobs)
        self.write(hcl_file, text + "\n" + self.tf_padding(self.rng.randint(0, 3)))
        self.truth.others.append({"file": hcl_file, "format": "terraform", "type": "aws_glue_security_configuration",
                                  "address": "aws_glue_security_configuration.default"})
        for job in jobs:
            self.record_tf(hcl_file, "terraform", job)
        trigger_job = jobs[0]
        if self.rng.random() < 0.5:
            json_file = f"{folder}/jobs.tf.json"
            extra = self.tf_job(env, bucket, tfvars_timeout, True)
            document = {"resource": {"aws_glue_job": {extra.name: extra.json_body()},
                                     "aws_glue_trigger": {f"{trigger_job.name}_nightly": {
                                         "name": f"{env}-{trigger_job.name}-nightly", "type": "SCHEDULED",
                                         "schedule": "cron(0 2 * * ? *)",
                                         "actions": [{"job_name": "${aws_glue_job." + trigger_job.name + ".name}"}]}}}}
            self.write(json_file, json.dumps(document, indent=2) + "\n")
            self.record_tf(json_file, "terraform-json", extra)
            self.truth.others.append({"file": json_file, "format": "terraform-json", "type": "aws_glue_trigger",
                                      "address": f"aws_glue_trigger.{trigger_job.name}_nightly"})
        if self.rng.random() < 0.6:
            self.module_call(folder, env)

    def record_tf(self, file: str, fmt: str, job: TfJob) -> None:
        arguments = ([list(p) for p in LOCAL_ARGUMENTS] if job.merged_local else []) + [list(p) for p in job.arguments]
        self.truth.jobs.append({"file": file, "format": fmt, "address": f"aws_glue_job.{job.name}",
                                "fields": job.fields, "arguments": arguments})

    def module_call(self, folder: str, env: str) -> None:
        call = self.unique(f"{self.rng.choice(NOUNS)}_etl")
        inputs: dict[str, Any] = {"job_name": f"{env}-{call}"}
        if self.rng.random() < 0.6:
            inputs["worker_type"] = self.rng.choice(WORKERS[:3])
        if self.rng.random() < 0.6:
            inputs["number_of_workers"] = self.rng.choice((2, 8, 20))
        if self.rng.random() < 0.5:
            inputs["timeout"] = self.rng.choice((30, 240))
        arguments = [["--source", f"s3://{env}-landing/{call}/"]]
        text = (f'module "{call}" {{\n  source = "../../../modules/glue-job"\n\n'
                + "".join(f"  {k} = {hcl(v)}\n" for k, v in inputs.items())
                + f"  job_arguments = {{\n    \"--source\" = \"{arguments[0][1]}\"\n  }}\n}}\n")
        self.write(f"{folder}/{call}.tf", text)
        defaults = {"worker_type": "G.1X", "number_of_workers": 2, "timeout": 60}
        fields = {name: known(inputs[name], "module_input") if name in inputs else known(default, "variable_default")
                  for name, default in defaults.items()}
        fields["glue_version"] = known("4.0", "variable_default")
        fields["command_name"] = known("glueetl")
        self.truth.module_jobs.append({"caller": f"{folder}/{call}.tf", "call": call,
                                       "file": "modules/glue-job/main.tf",
                                       "address": f"module.{call}.aws_glue_job.this", "fields": fields,
                                       "arguments": [["--enable-metrics", "true"], *arguments]})

    def modules(self) -> None:
        self.write("modules/glue-job/variables.tf", "".join(
            f'variable "{name}" {{\n  type    = {kind}\n'
            + (f"  default = {hcl(default)}\n" if default is not None else "") + "}\n\n"
            for name, kind, default in (
                ("job_name", "string", None), ("worker_type", "string", "G.1X"), ("number_of_workers", "number", 2),
                ("timeout", "number", 60), ("glue_version", "string", "4.0"),
                ("job_arguments", "map(string)", {}), ("script_bucket", "string", BUCKET_DEFAULT))))
        self.write("modules/glue-job/main.tf", (
            'resource "aws_glue_job" "this" {\n  name              = var.job_name\n'
            '  role_arn          = aws_iam_role.job.arn\n  glue_version      = var.glue_version\n'
            '  worker_type       = var.worker_type\n  number_of_workers = var.number_of_workers\n'
            '  timeout           = var.timeout\n\n  command {\n    name            = "glueetl"\n'
            '    script_location = "s3://${var.script_bucket}/jobs/${var.job_name}.py"\n  }\n\n'
            '  default_arguments = merge({ "--enable-metrics" = "true" }, var.job_arguments)\n}\n\n'
            'resource "aws_iam_role" "job" {\n  name               = "${var.job_name}-role"\n'
            '  assume_role_policy = data.aws_iam_policy_document.assume.json\n}\n\n'
            'data "aws_iam_policy_document" "assume" {\n  statement {\n    actions = ["sts:AssumeRole"]\n'
            '    principals {\n      type        = "Service"\n      identifiers = ["glue.amazonaws.com"]\n'
            '    }\n  }\n}\n'))
        self.write("modules/glue-job/outputs.tf", 'output "job_name" {\n  value = aws_glue_job.this.name\n}\n')
        self.write("modules/network/main.tf", 'variable "cidr" {\n  type = string\n}\n\n'
                   'resource "aws_vpc" "this" {\n  cidr_block = var.cidr\n}\n')

    # -- CloudFormation -----------------------------------------------------------------------------------
    def cfn_job(self) -> tuple[dict[str, Any], dict[str, Any], list[list[Any]]]:
        """Properties in long form (rendered to YAML short forms or JSON), expectations, arguments."""
        noun = self.rng.choice(NOUNS)
        command = self.rng.choice(("glueetl", "glueetl", "pythonshell"))
        fields: dict[str, Any] = {"command_name": known(command)}
        props: dict[str, Any] = {"Name": {"Fn::Sub": "${Environment}-" + noun},
                                 "Role": {"Fn::GetAtt": ["GlueRole", "Arn"]}}
        cmd: dict[str, Any] = {"Name": command,
                               "ScriptLocation": {"Fn::Sub": "s3://${ArtifactBucket}/scripts/" + noun + ".py"}}
        fields["script_location"] = unknown(None)  # ArtifactBucket has no default
        if command == "pythonshell":
            cmd["PythonVersion"] = "3.9"
            fields["python_version"] = known("3.9")
            props["MaxCapacity"] = 1.0
            fields["max_capacity"] = known(1.0)
            fields["worker_type"] = fields["number_of_workers"] = None
        else:
            fields["python_version"] = fields["max_capacity"] = None
            if self.rng.random() < 0.5:
                props["WorkerType"] = {"Ref": "WorkerType"}
                fields["worker_type"] = known("G.1X", "parameter_default")
            else:
                worker = self.rng.choice(WORKERS[:3])
                props["WorkerType"] = worker
                fields["worker_type"] = known(worker)
            if self.rng.random() < 0.5:
                props["NumberOfWorkers"] = {"Fn::If": ["IsProd", 20, 2]}
                fields["number_of_workers"] = {"branches": {"IsProd": known(20), "!IsProd": known(2)}}
            else:
                count = self.rng.choice((2, 10))
                props["NumberOfWorkers"] = count
                fields["number_of_workers"] = known(count)
        props["Command"] = cmd
        version = self.rng.choice(VERSIONS)
        props["GlueVersion"] = version
        fields["glue_version"] = known(version)
        timeout = self.rng.choice((None, 60, 480))
        if timeout is not None:
            props["Timeout"] = timeout
        fields["timeout"] = known(timeout) if timeout is not None else None
        fields["max_retries"] = None
        if self.rng.random() < 0.4:
            props["MaxRetries"] = 1
            fields["max_retries"] = known(1)
        fields["max_concurrent_runs"] = None
        if self.rng.random() < 0.5:
            props["ExecutionProperty"] = {"MaxConcurrentRuns": 2}
            fields["max_concurrent_runs"] = known(2)
        choice = self.rng.randrange(3)
        if choice == 0:
            props["SecurityConfiguration"] = {"Ref": "GlueSecurity"}
            fields["security_configuration"] = unknown("GlueSecurity")
        elif choice == 1:
            props["SecurityConfiguration"] = {"Fn::ImportValue": "shared-glue-security"}
            fields["security_configuration"] = unknown(None)
        else:
            fields["security_configuration"] = None
        arguments: list[list[Any]] = [["--job-language", "python"], ["--enable-metrics", "true"]]
        if self.rng.random() < 0.3:  # a key written twice: both survive, the last one wins
            arguments += [["--conf", "spark.sql.shuffle.partitions=64"], ["--conf", "spark.driver.memory=4g"]]
        props["DefaultArguments"] = Pairs(arguments)
        return props, fields, arguments

    def cfn_padding(self, count: int) -> dict[str, Any]:
        resources: dict[str, Any] = {}
        for _ in range(count):
            name = self.unique(self.rng.choice(NOUNS)).replace("_", "")
            kind = self.rng.randrange(3)
            if kind == 0:
                resources[f"Bucket{name}"] = {"Type": "AWS::S3::Bucket", "Properties": {
                    "BucketName": {"Fn::Sub": "${Environment}-" + name},
                    "VersioningConfiguration": {"Status": "Enabled"},
                    "Tags": [{"Key": "team", "Value": "data"}]}}
            elif kind == 1:
                resources[f"Queue{name}"] = {"Type": "AWS::SQS::Queue", "Properties": {
                    "QueueName": {"Fn::Sub": "${Environment}-" + name}, "MessageRetentionPeriod": 345600}}
            else:
                resources[f"Fn{name}"] = {"Type": "AWS::Lambda::Function", "Properties": {
                    "Handler": "index.handler", "Runtime": "python3.12",
                    "Role": {"Fn::GetAtt": ["GlueRole", "Arn"]},
                    "Code": {"ZipFile": "import json\ndef handler(event, context):\n    return {'ok': True}\n"}}}
        return resources

    def template(self, glue_jobs: int, padding: int) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any],
                                                                                          list[list[Any]]]]]:
        resources: dict[str, Any] = {"GlueRole": {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"Service": "glue.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}}}
        jobs = []
        if glue_jobs:
            resources["GlueSecurity"] = {"Type": "AWS::Glue::SecurityConfiguration", "Properties": {
                "Name": {"Fn::Sub": "${Environment}-glue"}, "EncryptionConfiguration": {
                    "S3Encryptions": [{"S3EncryptionMode": "SSE-S3"}]}}}
        for _ in range(glue_jobs):
            logical = self.unique(self.rng.choice(NOUNS).capitalize() + "Job").replace("_", "")
            props, fields, arguments = self.cfn_job()
            resources[logical] = {"Type": "AWS::Glue::Job", "Properties": props}
            jobs.append((logical, fields, arguments))
        resources.update(self.cfn_padding(padding))
        document = {"AWSTemplateFormatVersion": "2010-09-09", "Description": "generated stack",
                    "Parameters": {"Environment": {"Type": "String", "Default": "dev"},
                                   "ArtifactBucket": {"Type": "String"},
                                   "WorkerType": {"Type": "String", "Default": "G.1X"}},
                    "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Environment"}, "prod"]}},
                    "Resources": resources,
                    "Outputs": {"RoleArn": {"Value": {"Fn::GetAtt": ["GlueRole", "Arn"]},
                                            "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-role"}}}}}
        return document, jobs

    def stack(self, team: str, glue: bool) -> None:
        is_json = self.rng.random() < 0.35
        stem = self.unique(self.rng.choice(NOUNS))
        file = f"stacks/{team}/{stem}.template.json" if is_json else f"stacks/{team}/{stem}.yaml"
        document, jobs = self.template(self.rng.randint(1, 2) if glue else 0, self.rng.randint(3, 12))
        self.write(file, render_json(document) if is_json else render_yaml(document))
        fmt = "cloudformation-json" if is_json else "cloudformation-yaml"
        for logical, fields, arguments in jobs:
            self.truth.jobs.append({"file": file, "format": fmt, "address": logical, "fields": fields,
                                    "arguments": arguments})
        if jobs:
            self.truth.others.append({"file": file, "format": fmt, "type": "AWS::Glue::SecurityConfiguration",
                                      "address": "GlueSecurity"})

    def nested(self, team: str) -> None:
        child_stem = self.unique("etl")
        child = f"stacks/{team}/nested/{child_stem}.yaml"
        document, jobs = self.template(1, 2)
        self.write(child, render_yaml(document))
        for logical, fields, arguments in jobs:
            self.truth.jobs.append({"file": child, "format": "cloudformation-yaml", "address": logical,
                                    "fields": fields, "arguments": arguments})
        self.truth.others.append({"file": child, "format": "cloudformation-yaml",
                                  "type": "AWS::Glue::SecurityConfiguration", "address": "GlueSecurity"})
        parent = f"stacks/{team}/{self.unique('platform')}.yaml"
        url = (f"nested/{child_stem}.yaml" if self.rng.random() < 0.5
               else {"Fn::Sub": f"https://${{AWS::AccountId}}-templates.s3.amazonaws.com/stacks/{team}/nested/"
                                f"{child_stem}.yaml"})
        stack_id = "EtlStack"
        parent_doc = {"AWSTemplateFormatVersion": "2010-09-09",
                      "Resources": {stack_id: {"Type": "AWS::CloudFormation::Stack", "Properties": {
                          "TemplateURL": url,
                          "Parameters": {"ArtifactBucket": "artifacts-bucket", "Environment": "prod"}}},
                          **self.cfn_padding(3)}}
        self.write(parent, render_yaml(parent_doc))
        for logical, fields, arguments in jobs:
            expected = dict(fields)
            script = document["Resources"][logical]["Properties"]["Command"]["ScriptLocation"]["Fn::Sub"]
            expected["script_location"] = known(script.replace("${ArtifactBucket}", "artifacts-bucket"),
                                                "module_input")
            self.truth.nested_jobs.append({"file": child, "parent": parent, "address": f"{stack_id}/{logical}",
                                           "fields": {"script_location": expected["script_location"]},
                                           "arguments": arguments})

    def serverless(self, team: str) -> None:
        """A SAM parent whose nested application is a local template with Glue (``Location``)."""
        child_stem = self.unique("sar")
        child = f"stacks/{team}/apps/{child_stem}.yaml"
        document, jobs = self.template(1, 1)
        self.write(child, render_yaml(document))
        for logical, fields, arguments in jobs:
            self.truth.jobs.append({"file": child, "format": "cloudformation-yaml", "address": logical,
                                    "fields": fields, "arguments": arguments})
        self.truth.others.append({"file": child, "format": "cloudformation-yaml",
                                  "type": "AWS::Glue::SecurityConfiguration", "address": "GlueSecurity"})
        parent = f"stacks/{team}/{self.unique('app')}.yaml"
        self.write(parent, render_yaml({
            "AWSTemplateFormatVersion": "2010-09-09", "Transform": "AWS::Serverless-2016-10-31",
            "Resources": {"EtlApp": {"Type": "AWS::Serverless::Application", "Properties": {
                "Location": f"apps/{child_stem}.yaml", "Parameters": {"ArtifactBucket": "artifacts-bucket"}}},
                "Handler": {"Type": "AWS::Serverless::Function", "Properties": {
                    "Handler": "app.handler", "Runtime": "python3.12", "CodeUri": "src/"}}}}))
        self.truth.serverless_applications.append({"file": parent, "child": child})

    # -- the whole repository -----------------------------------------------------------------------------
    def run(self) -> Truth:
        self.modules()
        teams = list(TEAMS)
        self.nested(teams[0])
        self.serverless(teams[1])
        folder = 0
        while self.written < self.target:
            if self.rng.random() < 0.55:
                env, component = ENVS[folder % len(ENVS)], f"{COMPONENTS[folder % len(COMPONENTS)]}{folder}"
                self.root_module(env, component, glue=self.rng.random() < 0.35)
                folder += 1
            else:
                self.stack(self.rng.choice(teams), glue=self.rng.random() < 0.25)
        return self.truth


# -- renderers --------------------------------------------------------------------------------------------------

class Pairs(list[list[Any]]):
    """A mapping written with its keys in order, repeats allowed (``--conf`` twice)."""


def render_json(value: Any, indent: int = 0) -> str:
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(value, Pairs | dict):
        items = list(value) if isinstance(value, Pairs) else list(value.items())
        if not items:
            return "{}"
        return "{\n" + ",\n".join(f"{inner}{json.dumps(k)}: {render_json(v, indent + 2)}" for k, v in items) \
            + f"\n{pad}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + render_json(v, indent + 2) for v in value) + f"\n{pad}]"
    return json.dumps(value)


SHORT = {"Ref": "!Ref", "Fn::Sub": "!Sub", "Fn::GetAtt": "!GetAtt", "Fn::If": "!If", "Fn::Equals": "!Equals",
         "Fn::ImportValue": "!ImportValue"}


def yaml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    plain = text and text[0].isalpha() and all(c.isalnum() or c in "-_./:" for c in text) \
        and text.lower() not in ("yes", "no", "true", "false", "on", "off", "null", "y", "n")
    return text if plain else json.dumps(text)


def yaml_flow(value: Any) -> str | None:
    """The value on one line, short-form intrinsics included; None when it needs a block."""
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in SHORT:
        ((name, arg),) = value.items()
        if name == "Fn::GetAtt":
            return f"!GetAtt {arg[0]}.{arg[1]}"
        inner = yaml_flow(arg)
        return None if inner is None else f"{SHORT[name]} {inner}"
    if isinstance(value, dict | Pairs):
        return None
    if isinstance(value, list):
        items = [yaml_flow(v) for v in value]
        return None if any(i is None for i in items) else "[" + ", ".join(i for i in items if i) + "]"
    if isinstance(value, str) and "\n" in value:
        return None
    return yaml_scalar(value)


def yaml_lines(value: Any, indent: int) -> list[str]:
    pad = "  " * indent
    lines: list[str] = []
    if isinstance(value, dict | Pairs):
        for key, item in (list(value) if isinstance(value, Pairs) else list(value.items())):
            flow = yaml_flow(item)
            if flow is not None:
                lines.append(f"{pad}{yaml_scalar(key)}: {flow}")
            elif isinstance(item, str):
                lines.append(f"{pad}{yaml_scalar(key)}: |")
                lines += [f"{pad}  {line}" for line in item.rstrip("\n").split("\n")]
            else:
                lines.append(f"{pad}{yaml_scalar(key)}:")
                lines += yaml_lines(item, indent + 1)
    elif isinstance(value, list):
        for item in value:
            flow = yaml_flow(item)
            if flow is not None:
                lines.append(f"{pad}- {flow}")
            else:
                inner = yaml_lines(item, indent + 1)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines += inner[1:]
    return lines


def render_yaml(document: dict[str, Any]) -> str:
    out: list[str] = []
    for key, value in document.items():
        out += yaml_lines({key: value}, 0)
        out.append("")
    return "\n".join(out)


def generate(out: Path, files: int, seed: int) -> dict[str, Any]:
    """Write the repository under ``out`` and return its manifest."""
    truth = Generator(out, files, seed).run()
    return {"seed": seed, "jobs": truth.jobs, "module_jobs": truth.module_jobs, "nested_jobs": truth.nested_jobs,
            "others": truth.others, "serverless_applications": truth.serverless_applications}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--manifest", type=Path)
    args = parser.parse_args()
    manifest = generate(args.out, args.files, args.seed)
    if args.manifest is not None:
        args.manifest.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
