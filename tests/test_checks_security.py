"""GL0 definitions, GL1 security and GL2 encryption checks on model objects: undecided values, branches, links
(Terraform reference, CloudFormation Ref, literal name), redaction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gluelint.config import Config
from gluelint.engine import RunRequest, run, run_checks
from gluelint.findings import Finding, Severity, Undecided
from gluelint.findings.catalog import catalog
from gluelint.findings.redact import MASK, redact_plain, redact_text
from gluelint.model.branches import Branch, Condition, When
from gluelint.model.inventory import Inventory
from gluelint.model.resources import (
    DataCatalogEncryptionSettings,
    FileReport,
    Job,
    KeyRef,
    Resource,
    SecurityConfiguration,
    SourceFormat,
)
from gluelint.model.values import Alternative, Entry, ObjectValue, Span, Value
from gluelint.parse.options import ParseOptions

TF = SourceFormat.TERRAFORM_HCL
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
TODAY = dt.date(2026, 11, 26)


def sp(line: int, column: int = 3) -> Span:
    return Span(file="main.tf", line=line, column=column)


def check(rule_id: str, *resources: Resource, config: Config | None = None,
          external: list[str] | None = None) -> tuple[list[Finding], list[Undecided]]:
    inventory = Inventory([FileReport(path="main.tf", resources=list(resources))], external or [])
    return run_checks(inventory, [catalog()[rule_id]], config or Config(), TODAY, None, None)


def job(**fields: object) -> Job:
    base: dict[str, object] = {"address": "aws_glue_job.raw", "resource_type": "aws_glue_job", "source_format": TF,
                               "span": Span(file="main.tf", line=1, column=1), "name": Value.of("raw", sp(2))}
    base.update(fields)
    return Job.model_validate(base)


def config(address: str = "aws_glue_security_configuration.weak", name: str = "weak",
           **modes: Value | None) -> SecurityConfiguration:
    fields: dict[str, object] = {
        "address": address, "resource_type": "aws_glue_security_configuration", "source_format": TF,
        "span": Span(file="main.tf", line=20, column=1), "name": Value.of(name, sp(21)),
        "s3_encryption_mode": Value.of("SSE-KMS", sp(22)), "s3_kms_key_arn": Value.of(KEY, sp(23)),
        "cloudwatch_encryption_mode": Value.of("SSE-KMS", sp(24)), "cloudwatch_kms_key_arn": Value.of(KEY, sp(25)),
        "job_bookmarks_encryption_mode": Value.of("CSE-KMS", sp(26)),
        "job_bookmarks_kms_key_arn": Value.of(KEY, sp(27))}
    fields.update(modes)
    return SecurityConfiguration.model_validate(fields)


def args(*pairs: tuple[str, str | Value], line: int = 10) -> Value:
    entries = [Entry(key=k, value=v if isinstance(v, Value) else Value.of(v, sp(line + i, 20)),
                     key_span=sp(line + i, 5)) for i, (k, v) in enumerate(pairs)]
    return Value.of(ObjectValue(entries=entries), sp(line - 1, 23))


# -- GL101 / GL102: undecided and branches -------------------------------------------------------------------

def test_gl101_missing_and_unknown() -> None:
    findings, undecided = check("GL101", job())
    assert [f.span.line for f in findings] == [1]
    unknown = Value.unknown("var.security_configuration", "variable without default", sp(5, 28))
    findings, undecided = check("GL101", job(security_configuration=unknown))
    assert findings == [] and [u.expression for u in undecided] == ["var.security_configuration"]


def test_gl102_branch_is_named() -> None:
    mode = Value.branches([Alternative(condition=Condition("var.prod"), value=Value.of("SSE-KMS", sp(22, 30))),
                           Alternative(condition=Condition("var.prod", False), value=Value.of("DISABLED", sp(22, 45)))],
                          expression='var.prod ? "SSE-KMS" : "DISABLED"', span=sp(22, 28))
    findings, _ = check("GL102", config(s3_encryption_mode=mode))
    assert len(findings) == 1
    assert findings[0].branch == When((Branch.of(Condition("var.prod", False)),))
    assert "when" not in findings[0].message and "var.prod" not in findings[0].message


def test_gl102_absent_mode_points_at_resource_and_unknown_is_undecided() -> None:
    sc = config(cloudwatch_encryption_mode=None,
                job_bookmarks_encryption_mode=Value.unknown("var.bm", "variable without default", sp(26, 40)))
    findings, undecided = check("GL102", sc)
    assert [(f.span.line, f.attribute) for f in findings] == [(20, "cloudwatch_encryption_mode")]
    assert [u.attribute for u in undecided] == ["job_bookmarks_encryption_mode"]


# -- GL103 / GL104: links ------------------------------------------------------------------------------------

def test_gl103_terraform_reference_to_weak_configuration() -> None:
    ref = Value.unknown("aws_glue_security_configuration.weak.name", "reference", sp(5, 28),
                        reference="aws_glue_security_configuration.weak")
    j = job(security_configuration=ref, attribute_keys=[KeyRef(path="security_configuration", span=sp(5))])
    findings, _ = check("GL103", j, config(cloudwatch_encryption_mode=Value.of("DISABLED", sp(24, 36))))
    assert len(findings) == 1
    f = findings[0]
    assert f.resource == "aws_glue_job.raw" and (f.span.line, f.span.column) == (5, 3)
    assert "CloudWatch Logs encryption DISABLED" in f.message


def test_gl103_cloudformation_ref_and_literal_name() -> None:
    weak = config(address="WeakConfig", name="weak-config", job_bookmarks_encryption_mode=Value.of("DISABLED"))
    by_ref = job(address="RawJob", resource_type="AWS::Glue::Job", source_format=SourceFormat.CLOUDFORMATION_YAML,
                 security_configuration=Value.unknown("!Ref WeakConfig", "reference", reference="WeakConfig"))
    by_name = job(address="aws_glue_job.other", security_configuration=Value.of("weak-config", sp(6, 28)))
    findings, _ = check("GL103", by_ref, by_name, weak)
    assert sorted(f.resource or "" for f in findings) == ["RawJob", "aws_glue_job.other"]
    assert all("job bookmarks encryption DISABLED" in f.message for f in findings)


def test_gl103_strong_configuration_and_unknown_name() -> None:
    strong = job(security_configuration=Value.of("weak", sp(5, 28)))
    assert check("GL103", strong, config()) == ([], [])
    unknown = job(security_configuration=Value.unknown("var.sc", "variable without default", sp(5, 28)))
    findings, undecided = check("GL103", unknown, config(s3_encryption_mode=Value.of("DISABLED")))
    assert findings == [] and [u.expression for u in undecided] == ["var.sc"]


def test_gl104_undefined_external_and_defined() -> None:
    j = job(security_configuration=Value.of("shared-etl", sp(5, 28)))
    findings, _ = check("GL104", j)
    assert len(findings) == 1 and '"shared-etl"' in findings[0].message
    assert check("GL104", j, external=["shared-etl"]) == ([], [])
    assert check("GL104", j, config(name="shared-etl")) == ([], [])


# -- GL108 and redaction -------------------------------------------------------------------------------------

def test_gl108_secret_never_in_message() -> None:
    j = job(default_arguments=args(("--db-password", "Sup3r-S3cret!"),
                                   ("--url", "jdbc:mysql://db:3306/x?user=a&password=hunter2"),
                                   ("--upload", "AKIAIOSFODNN7EXAMPLE"),
                                   ("--db-secret-id", "prod/db"),
                                   ("--api-token", Value.unknown("var.token", "variable without default")),
                                   ("--password-arn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:x")))
    findings, undecided = check("GL108", j)
    assert sorted(f.span.line for f in findings) == [10, 11, 12]
    text = " ".join(f.message for f in findings)
    assert "Sup3r-S3cret!" not in text and "hunter2" not in text and "AKIAIOSFODNN7EXAMPLE" not in text
    assert MASK in text and undecided == []


def test_gl108_branch_with_literal_secret() -> None:
    value = Value.branches([Alternative(condition=Condition("IsProd"), value=Value.of("{{resolve:secretsmanager:db}}")),
                            Alternative(condition=Condition("IsProd", False), value=Value.of("devpassword"))])
    findings, _ = check("GL108", job(default_arguments=args(("--db-password", value))))
    assert [f.branch for f in findings] == [When((Branch.of(Condition("IsProd", False)),))]


def test_redaction_of_credential_formats() -> None:
    assert redact_text("key AKIAIOSFODNN7EXAMPLE here") == f"key {MASK} here"
    assert redact_text("jdbc:postgresql://h:5432/db?user=a&password=hunter2&ssl=true") == \
        f"jdbc:postgresql://h:5432/db?user=a&password={MASK}&ssl=true"
    pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"
    assert redact_text(f"x {pem} y") == f"x {MASK} y"
    plain = [["--db-password", "p"], ["--note", "AKIAIOSFODNN7EXAMPLE"], ["--secret-id", "prod/db"]]
    assert redact_plain(plain) == [["--db-password", MASK], ["--note", MASK], ["--secret-id", "prod/db"]]


# -- GL112 / GL201 / GL203 -----------------------------------------------------------------------------------

V4 = Value.of("4.0", sp(3))


def test_gl112_unknown_arguments_undecided_and_pythonshell_skipped() -> None:
    unknown = Value.unknown("var.arguments", "variable without default", sp(9, 23))
    findings, undecided = check("GL112", job(default_arguments=unknown, glue_version=V4))
    assert findings == [] and [u.attribute for u in undecided] == ["default_arguments"]
    shell = job(command_name=Value.of("pythonshell", sp(4, 5)))
    assert check("GL112", shell) == ([], [])
    overridden = job(glue_version=V4, default_arguments=args(("--enable-continuous-cloudwatch-log", "true")),
                     non_overridable_arguments=args(("--enable-continuous-cloudwatch-log", "false"), line=15))
    findings, _ = check("GL112", overridden)
    assert [f.span.line for f in findings] == [15]
    # Glue 5.0+ (and an unpinned job, created on today's default 6.0) logs in real time: no GL112.
    assert check("GL112", job()) == ([], [])
    assert check("GL112", job(glue_version=Value.of("5.0", sp(3)))) == ([], [])
    assert len(check("GL112", job(glue_version=V4))[0]) == 1


def test_gl201_severity_by_value() -> None:
    findings, _ = check("GL201", job(default_arguments=args(("--encryption-type", "sse-s3"))))
    assert findings[0].severity is Severity.WARNING
    findings, _ = check("GL201", job(default_arguments=args(("--encryption-type", "sse-kms"))))
    assert findings[0].severity is Severity.ERROR


def test_gl203_key_forms_per_field() -> None:
    sc = config(s3_kms_key_arn=Value.of("alias/glue", sp(23, 30)))
    findings, _ = check("GL203", sc)
    assert [f.attribute for f in findings] == ["s3_kms_key_arn"]
    catalog_settings = DataCatalogEncryptionSettings(
        address="aws_glue_data_catalog_encryption_settings.x",
        resource_type="aws_glue_data_catalog_encryption_settings",
        source_format=TF, span=sp(30, 1), encryption_at_rest_mode=Value.of("SSE-KMS"),
        sse_kms_key_id=Value.of("alias/glue"), connection_password_kms_key_id=Value.of("DISABLED", sp(33, 30)))
    findings, _ = check("GL203", catalog_settings)
    assert len(findings) == 1 and "literal DISABLED" in findings[0].message


# -- GL003 did-you-mean, end to end through the parsers --------------------------------------------------------

def test_gl003_did_you_mean_and_link_via_parsers(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('''resource "aws_glue_job" "raw" {
  name         = "raw"
  role_arn     = "arn:aws:iam::123456789012:role/glue"
  GlueVersion  = "5.0"
  security_configuration = aws_glue_security_configuration.weak.name
  command {
    script_location = "s3://acme/raw.py"
  }
}

resource "aws_glue_security_configuration" "weak" {
  name = "weak"
  encryption_configuration {
    cloudwatch_encryption { cloudwatch_encryption_mode = "DISABLED" }
    job_bookmarks_encryption { job_bookmarks_encryption_mode = "DISABLED" }
    s3_encryption { s3_encryption_mode = "SSE-S3" }
  }
}
''', encoding="utf-8")
    result = run(RunRequest(paths=[tmp_path], parse_options=ParseOptions(root=tmp_path), select=["GL003", "GL103"],
                            today=TODAY))
    by_rule = {f.rule: f for f in result.findings}
    assert "did you mean `glue_version`?" in by_rule["GL003"].message
    assert (by_rule["GL003"].span.line, by_rule["GL003"].span.column) == (4, 3)
    assert (by_rule["GL103"].span.line, by_rule["GL103"].span.column) == (5, 3)


def test_engine_masks_credentials_in_any_message() -> None:
    from gluelint.findings.redact import redact_results

    leaked = Finding(rule="GL312", name="malformed-s3-uri", severity=Severity.ERROR, span=sp(3),
                     message="--extra-jars 'jdbc:x://h/db?password=hunter2' is not an S3 URI")
    pending = Undecided(rule="GL108", resource="r", attribute="a", expression="AKIAIOSFODNN7EXAMPLE")
    findings, undecided = redact_results([leaked], [pending])
    assert "hunter2" not in findings[0].message and MASK in findings[0].message
    assert undecided[0].expression == MASK
