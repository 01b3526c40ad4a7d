"""GL3 logic: --conf parsing, near-miss detection, branches, undecided."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from checks_support import args, branch, job, lines, run, unknown

from gluelint.checks.argument_names import malformed_key, near_miss
from gluelint.checks.nearest import nearest, nearest_all
from gluelint.checks.s3_locations import classify_s3
from gluelint.checks.spark_conf import parse_conf
from gluelint.engine import RunRequest
from gluelint.engine import run as run_engine
from gluelint.findings import Severity
from gluelint.parse.options import ParseOptions

# -- --conf packing ---------------------------------------------------------------------------------------


def test_parse_conf_packed_settings() -> None:
    parsed = parse_conf("spark.sql.extensions=org.X --conf spark.sql.catalog.dev=org.Y --conf spark.a=b=c")
    assert parsed.pairs == [("spark.sql.extensions", "org.X"), ("spark.sql.catalog.dev", "org.Y"), ("spark.a", "b=c")]
    assert parsed.problems == []


def test_parse_conf_value_with_spaces_is_fine() -> None:
    parsed = parse_conf("spark.driver.extraJavaOptions=-Da=1 -Db=2 --conf spark.executor.cores=4")
    assert parsed.problems == []
    assert parsed.pairs[0] == ("spark.driver.extraJavaOptions", "-Da=1 -Db=2")


@pytest.mark.parametrize(("text", "fragment"), [
    ("--conf spark.a=1", "starts with `--conf`"),
    ("spark.a=1,spark.b=2", "joined by `,`/`;`"),
    ("spark.a=1\n--conf spark.b=2", "line break"),
    ("spark.a", "no `=`"),
    ("=1", "empty property name"),
    ("fs.s3a.endpoint=x", "not a Spark/Hadoop property"),
    ("", "empty"),
])
def test_parse_conf_problems(text: str, fragment: str) -> None:
    problems = parse_conf(text).problems
    assert any(fragment in p for p in problems), problems


def test_parse_conf_duplicates() -> None:
    assert parse_conf("spark.a=1 --conf spark.b=2 --conf spark.a=3").duplicates() == {"spark.a": ["1", "3"]}


def test_gl302_across_maps() -> None:
    j = job(default_arguments=args(("--conf", "spark.a=1 --conf spark.b=1")),
            non_overridable_arguments=args(("--conf", "spark.b=2"), first_line=40))
    findings, _ = run("GL302", j)
    assert lines(findings) == [40]
    assert "`spark.b`" in findings[0].message


def test_gl303_flags_each_conf_entry_and_is_undecided_when_unknown() -> None:
    findings, undecided = run("GL303", job(default_arguments=args(("--conf", "spark.a=1,spark.b=2"),
                                                                  ("--other", "x"))))
    assert lines(findings) == [20]
    findings, undecided = run("GL303", job(default_arguments=args(("--conf", unknown("var.conf")))))
    assert findings == [] and [u.attribute for u in undecided] == ["default_arguments.--conf"]


# -- GL301 duplicates -------------------------------------------------------------------------------------


def test_gl301_reports_each_duplicate_once_naming_both_lines() -> None:
    j = job(default_arguments=args(("--conf", "spark.a=1"), ("--x", "1"), ("--conf", "spark.b=2"), ("--conf", "c")))
    findings, _ = run("GL301", j)
    assert lines(findings) == [20, 22]  # the lost values; the winner at line 23 is named, not reported again
    assert all("again at line 23" in f.message for f in findings)


def test_gl301_unknown_map_is_undecided() -> None:
    findings, undecided = run("GL301", job(default_arguments=unknown("local.args")))
    assert findings == [] and undecided[0].attribute == "default_arguments"


def test_gl301_branch_is_named() -> None:
    j = job(default_arguments=branch(var_prod=args(("--a", "1"), ("--a", "2")), not_prod=args(("--a", "1"))))
    findings, _ = run("GL301", j)
    assert len(findings) == 1 and all(f.branch == "var prod" for f in findings)


# -- GL304 near misses ------------------------------------------------------------------------------------

NEGATIVES = ["--enable-spot-instances", "--max-workers", "--scale-up-behavior", "--cost-optimization-mode",
             "--source-connection", "--source-database", "--target-database", "--transformation-rules",
             "--enable-data-lineage", "--window-size", "--checkpoint-location", "--job-name", "--config",
             "--env", "--input-path", "--output-path", "--region"]
POSITIVES = {
    "--bookmark-option": "--job-bookmark-option",
    "--enable-metric": "--enable-metrics",
    "--tempdir": "--TempDir",
    "--temp-dir": "--TempDir",
    "--extra-py-file": "--extra-py-files",
    "--job-bookmark-options": "--job-bookmark-option",
    "--enable-continous-cloudwatch-log": "--enable-continuous-cloudwatch-log",
    "--datalake-format": "--datalake-formats",
    "--Enable-Auto-Scaling": "--enable-auto-scaling",
    "--continuous-log-logStream": "--continuous-log-logStreamPrefix",
}


@pytest.mark.parametrize("key", NEGATIVES)
def test_near_miss_never_flags_custom_arguments(key: str) -> None:
    assert near_miss(key) is None


@pytest.mark.parametrize(("key", "meant"), POSITIVES.items())
def test_near_miss_names_the_parameter(key: str, meant: str) -> None:
    found = near_miss(key)
    assert found is not None and found.name == meant


def test_near_miss_ignores_real_parameters_and_reserved_targets() -> None:
    assert near_miss("--job-bookmark-option") is None
    assert near_miss("--job_name") is None  # not a typo of the reserved --JOB_NAME
    assert near_miss("job-bookmark-option") is None  # GL307's business


def test_gl304_seed_arguments() -> None:
    j = job(default_arguments=args(("--enable-spot-instances", "true"), ("--max-workers", "10"),
                                   ("--scale-up-behavior", "fast"), ("--cost-optimization-mode", "on"),
                                   ("--source-connection", "rds"), ("--bookmark-option", "job-bookmark-enable")))
    findings, _ = run("GL304", j)
    assert lines(findings) == [25]
    assert "--job-bookmark-option" in findings[0].message


def test_nearest_matcher() -> None:
    assert nearest("WORKER_TYPE", ["worker_type", "timeout"]) == "worker_type"  # case and separator only
    assert nearest("G.1x", ["G.1X", "G.2X"]) == "G.1X"
    assert nearest("timout", ["timeout", "name"]) == "timeout"
    assert nearest("zzz", ["timeout", "name"]) is None
    assert nearest_all("G.3X", ["G.1X", "G.2X"]) == ["G.1X", "G.2X"]  # ambiguous: both


# -- GL307 / GL308 / GL309 --------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "meant"), [
    ("__job_language", "--job-language"), ("__tempdir", "--TempDir"), ("__enable_metrics", "--enable-metrics"),
    ("job-bookmark-option", "--job-bookmark-option"), ("-job-bookmark-option", "--job-bookmark-option"),
    ("TempDir", "--TempDir"),
])
def test_malformed_key(key: str, meant: str) -> None:
    found = malformed_key(key)
    assert found is not None and found[0].name == meant


@pytest.mark.parametrize("key", ["__source_connection", "source", "--job-language", "__job_name", "mode"])
def test_malformed_key_negatives(key: str) -> None:
    assert malformed_key(key) is None


def test_gl308_reserved() -> None:
    findings, _ = run("GL308", job(default_arguments=args(("--JOB_NAME", "x"), ("--job-name", "y"),
                                                          ("--debug", "true"))))
    assert lines(findings) == [20, 22]


@pytest.mark.parametrize(("value", "fires"), [("false", True), ("False", True), ("0", True), ("true", False),
                                              ("", False)])
def test_gl309_presence_flag(value: str, fires: bool) -> None:
    findings, _ = run("GL309", job(default_arguments=args(("--enable-metrics", value))))
    assert bool(findings) is fires


# -- GL305 / GL306 values and support ---------------------------------------------------------------------


@pytest.mark.parametrize(("pair", "fires"), [
    (("--job-bookmark-option", "enable"), True),
    (("--job-bookmark-option", "job-bookmark-pause"), False),
    (("--job-language", "java"), True),
    (("--datalake-formats", "iceberg,delta"), False),
    (("--datalake-formats", "iceberg,paimon"), True),
    (("--enable-auto-scaling", "yes"), True),
    (("--enable-glue-datacatalog", ""), False),
    (("--TempDir", "/tmp/glue"), True),
    (("--TempDir", "s3://bucket/tmp/"), False),
    (("--extra-py-files", "s3://b/a.py,https://x/b.py"), True),
    (("--customer-driver-env-vars", 'CUSTOMER_A=1,B="x, y"'), True),
    (("--customer-driver-env-vars", 'CUSTOMER_A=1,CUSTOMER_B="x, y"'), False),
    (("--executor-cores", "abc"), True),
])
def test_gl305_domains(pair: tuple[str, str], fires: bool) -> None:
    findings, _ = run("GL305", job(default_arguments=args(pair), worker_type="G.1X", number_of_workers=2))
    assert bool(findings) is fires, [f.message for f in findings]


def test_gl305_executor_cores_per_worker_branch() -> None:
    j = job(default_arguments=args(("--executor-cores", "12")), worker_type=branch(prod="G.2X", dev="G.1X"),
            number_of_workers=2)
    findings, _ = run("GL305", j)
    assert [f.branch for f in findings] == ["dev"]


def test_gl305_class_needs_scala() -> None:
    findings, _ = run("GL305", job(default_arguments=args(("--class", "com.x.Main"))))
    assert len(findings) == 1 and "--job-language" in findings[0].message
    findings, _ = run("GL305", job(default_arguments=args(("--class", "com.x.Main"), ("--job-language", "scala"))))
    assert findings == []


def test_gl305_non_overridable_wins() -> None:
    j = job(default_arguments=args(("--job-bookmark-option", "bad")),
            non_overridable_arguments=args(("--job-bookmark-option", "job-bookmark-disable"), first_line=40))
    assert run("GL305", j)[0] == []


def test_gl306_version_and_command() -> None:
    findings, _ = run("GL306", job(glue_version="2.0", default_arguments=args(("--enable-auto-scaling", "true"))))
    assert len(findings) == 1
    findings, _ = run("GL306", job(command_name="pythonshell", glue_version="3.0", python_version="3.9",
                                   default_arguments=args(("--job-bookmark-option", "job-bookmark-enable"),
                                                          ("--python-modules-installer-option", "--upgrade"))))
    assert lines(findings) == [20, 21]
    findings, undecided = run("GL306", job(glue_version=unknown("var.v"),
                                           default_arguments=args(("--enable-auto-scaling", "true"))))
    assert findings == [] and undecided


# -- GL310 / GL311 / GL312 --------------------------------------------------------------------------------


def test_gl310_size() -> None:
    big = "x" * (266 * 1024)
    assert len(run("GL310", job(default_arguments=args(("--blob", big))))[0]) == 1
    assert run("GL310", job(default_arguments=args(("--blob", "small"))))[0] == []
    findings, undecided = run("GL310", job(default_arguments=args(("--blob", unknown()))))
    assert findings == [] and undecided


def test_gl311_and_gl322_are_two_defects() -> None:
    both = args(("--python-modules-installer-option", "great-expectations==0.15.0,pandas==1.5.0"),
                ("--additional-python-modules", "pandas==2.1.0,boto3,s3://b/w.whl"))
    misplaced, _ = run("GL311", job(default_arguments=both))
    assert lines(misplaced) == [20] and "--python-modules-installer-option" in misplaced[0].message
    unpinned, _ = run("GL322", job(default_arguments=both))
    assert lines(unpinned) == [21] and unpinned[0].severity == Severity.INFO
    assert "installs boto3 without a pinned version" in unpinned[0].message
    assert run("GL311", job(default_arguments=args(("--python-modules-installer-option", "--upgrade"))))[0] == []
    assert run("GL322", job(default_arguments=args(("--additional-python-modules", "pandas==2.1.0"))))[0] == []


@pytest.mark.parametrize(("uri", "state"), [
    ("s3://bucket/key.py", "ok"), ("S3://bucket/key", "malformed"), ("s3a://bucket/key", "malformed"),
    ("s3:///key", "malformed"), ("s3://bucket/a//b", "malformed"), ("s3://bucket/my key", "malformed"),
    ("bucket/key", "not-s3"), ("https://x/y", "not-s3"), ("s3:/bucket/key", "malformed"),
])
def test_classify_s3(uri: str, state: str) -> None:
    assert classify_s3(uri)[0] == state


def test_gl312_script_and_arguments() -> None:
    j = job(script_location="s3a://scripts/job.py",
            default_arguments=args(("--TempDir", "S3://tmp/"), ("--checkpoint-location", "s3://b//c"),
                                   ("--output", "s3a://mine/out")))
    findings, _ = run("GL312", j)
    assert lines(findings) == [1, 20, 21]


def test_library_set_is_written_without_dashes() -> None:
    found = near_miss("--library-set")
    assert found is not None and found.name == "library-set"
    assert malformed_key("library-set") is None
    shell = {"command_name": "pythonshell", "glue_version": "3.0", "python_version": "3.9"}
    assert run("GL307", job(default_arguments=args(("library-set", "analytics")), **shell))[0] == []
    assert run("GL306", job(default_arguments=args(("library-set", "analytics")), **shell))[0] == []
    assert len(run("GL305", job(default_arguments=args(("library-set", "pandas")), **shell))[0]) == 1


def test_empty_s3_parameter_and_local_script_path_are_left_alone() -> None:
    assert run("GL305", job(default_arguments=args(("--extra-py-files", ""), ("--TempDir", ""))))[0] == []
    assert run("GL312", job(script_location="./glue/scripts/job.py"))[0] == []


# -- issue 11 item 10: deprecated and feature-gated parameters --------------------------------------------


def test_deprecated_disable_proxy_is_gl313_not_a_typo() -> None:
    j = job(default_arguments=args(("--disable-proxy", "true")))
    assert run("GL304", j)[0] == []
    findings, _ = run("GL313", j)
    assert lines(findings) == [20] and "use `--disable-proxy-v2` instead" in findings[0].message
    assert findings[0].fix is None  # the successor also routes CloudWatch and Glue calls: not a safe rename
    findings, _ = run("GL313", job(default_arguments=args(("--disable-proxy", "true"), ("--disable-proxy-v2", "true"))))
    assert "remove it (`--disable-proxy-v2` is already set)" in findings[0].message


def test_gl306_version_floor_per_branch_and_undecided_when_unknown() -> None:
    j = job(glue_version=branch(legacy="3.0", current="4.0"),
            default_arguments=args(("--enable-observability-metrics", "true")))
    findings, _ = run("GL306", j)
    assert [f.branch for f in findings] == ["legacy"] and "needs 4.0 or later" in findings[0].message
    findings, undecided = run("GL306", job(glue_version=unknown("var.glue_version"),
                                           default_arguments=args(("--enable-job-insights", "true"))))
    assert findings == [] and [u.attribute for u in undecided] == ["default_arguments.--enable-job-insights"]


def test_gl306_python_shell_ignores_the_glue_version() -> None:
    j = job(glue_version="1.0", command_name="pythonshell",
            default_arguments=args(("--enable-observability-metrics", "true"), ("--disable-proxy-v2", "true")))
    assert run("GL306", j)[0] == []


def test_gl306_spark_only_arguments_on_ray() -> None:
    j = job(command_name="glueray", default_arguments=args(("--enable-metrics", "true"), ("--pip-install", "x==1")))
    findings, _ = run("GL306", j)
    assert lines(findings) == [20] and "`glueray` jobs" in findings[0].message


def test_gl314_workers_per_branch_off_and_unknown() -> None:
    on = args(("--enable-lakeformation-fine-grained-access", "true"))
    findings, _ = run("GL314", job(glue_version="5.0", number_of_workers=branch(small=2, large=10),
                                   default_arguments=on))
    assert [f.branch for f in findings] == ["small"]
    off = args(("--enable-lakeformation-fine-grained-access", "false"))
    assert run("GL314", job(glue_version="5.0", number_of_workers=2, default_arguments=off)) == ([], [])
    findings, undecided = run("GL314", job(glue_version="5.0", number_of_workers=unknown("var.workers"),
                                           default_arguments=on))
    assert findings == [] and [u.attribute for u in undecided] == ["number_of_workers"]


def test_gl315_region_known_only_when_said() -> None:
    j = job(glue_version="5.0", number_of_workers=4,
            default_arguments=args(("--enable-lakeformation-fine-grained-access", "true")))
    assert run("GL315", j) == ([], [])  # no Region anywhere: not guessed
    findings, _ = run("GL315", j, region="us-gov-east-1")
    assert lines(findings) == [20] and "us-gov-east-1" in findings[0].message
    assert run("GL315", j, region="us-east-1")[0] == []


def test_gl315_region_from_a_plans_provider_config(tmp_path: Path) -> None:
    """A ``terraform show -json`` plan says its Region in the provider config: GL315 reads it there."""
    def plan(region: str) -> str:
        job_values = {"name": "pii-reader", "role_arn": "arn:aws:iam::123456789012:role/glue", "glue_version": "5.0",
                      "command": [{"name": "glueetl", "script_location": "s3://b/pii.py", "python_version": "3"}],
                      "worker_type": "G.1X", "number_of_workers": 4, "timeout": 60,
                      "default_arguments": {"--enable-lakeformation-fine-grained-access": "true"}}
        return json.dumps({
            "format_version": "1.2",
            "planned_values": {"root_module": {"resources": [
                {"address": "aws_glue_job.pii", "mode": "managed", "type": "aws_glue_job", "name": "pii",
                 "values": job_values}]}},
            "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {
                "region": {"constant_value": region}}}}},
        }, indent=2)

    for region, expected in (("us-gov-west-1", 1), ("eu-west-1", 0)):
        folder = tmp_path / region
        folder.mkdir()
        (folder / "main.plan.json").write_text(plan(region), encoding="utf-8")
        result = run_engine(RunRequest(paths=[folder], parse_options=ParseOptions(root=folder), select=["GL315"]))
        assert [f.rule for f in result.findings] == ["GL315"] * expected, result.findings
