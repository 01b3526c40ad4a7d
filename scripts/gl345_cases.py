"""The fixture cases of packs GL3, GL4 and GL5, rendered by gen_gl345_fixtures.py.

Every case is a complete, realistic job; ``E(...)`` marks where a finding is expected, ``expect_resource``
counts findings at the resource itself (a missing attribute, named by the case's ``attribute``). Each expected
message must name the marked attribute as its own format does (`timeout` / `Timeout`; an argument entry: its
key); a case's ``says`` replaces that with other words (``{term}`` is the attribute's name in the format).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class E:
    """An expected finding at this attribute (scalar value or argument entry)."""

    value: Any


@dataclass
class Job:
    label: str
    attrs: list[tuple[str, Any]]
    expect_resource: int = 0
    logical: str = ""

    def __post_init__(self) -> None:
        if not self.logical:
            self.logical = "".join(p.capitalize() for p in self.label.split("_")) + "Job"


class Block(dict[str, Any]):
    pass


class Args(list[tuple[str, Any]]):
    pass



ROLE = "arn:aws:iam::123456789012:role/GlueETLRole"
ORDER = ["name", "role_arn", "glue_version", "command", "worker_type", "number_of_workers", "max_capacity",
         "allocated_capacity", "timeout", "max_retries", "execution_class", "maintenance_window",
         "default_arguments", "non_overridable_arguments", "execution_property", "notification_property"]


def job(label: str, kind: str = "etl", expect_resource: int = 0, **overrides: Any) -> Job:
    """A realistic job of ``kind`` (etl, shell, streaming, ray) with ``overrides`` (None drops an attribute)."""
    script = f"s3://etl-scripts/{label}.py"
    base: dict[str, Any] = {
        "name": label.replace("_", "-"), "role_arn": ROLE, "glue_version": "4.0",
        "command": Block(name="glueetl", script_location=script, python_version="3"),
        "worker_type": "G.1X", "number_of_workers": 2, "timeout": 60,
        "default_arguments": Args([("--job-language", "python"), ("--TempDir", f"s3://etl-temp/{label}/"),
                                   ("--enable-metrics", "true")]),
    }
    if kind == "shell":
        base.update(glue_version="3.0", worker_type=None, number_of_workers=None, max_capacity=0.0625,
                    command=Block(name="pythonshell", script_location=script, python_version="3.9"),
                    default_arguments=Args([("--TempDir", f"s3://etl-temp/{label}/")]))
    elif kind == "streaming":
        base.update(command=Block(name="gluestreaming", script_location=script, python_version="3"),
                    timeout=None, maintenance_window="Sun:3")
    elif kind == "ray":
        base.update(command=Block(name="glueray", script_location=script, runtime="Ray2.4"), worker_type="Z.2X",
                    default_arguments=None)
    base.update(overrides)
    attrs = [(k, base[k]) for k in ORDER if base.get(k) is not None]
    attrs += [(k, v) for k, v in base.items() if k not in ORDER and v is not None]
    return Job(label=label, attrs=attrs, expect_resource=expect_resource)


def args(*pairs: tuple[str, Any]) -> Args:
    return Args(list(pairs))


def etl_args(label: str, *extra: tuple[str, Any]) -> Args:
    return Args([("--job-language", "python"), ("--TempDir", f"s3://etl-temp/{label}/"), *extra])


def cmd(name: str, label: str, **more: Any) -> Block:
    return Block(name=name, script_location=f"s3://etl-scripts/{label}.py", **more)


CASES: dict[str, dict[str, Any]] = {
    "GL301": {
        "why": "each duplicate once, at the value that is lost (the message names the line that wins)",
        "fail": [job("raw_ingestion", default_arguments=etl_args(
            "raw_ingestion", ("--conf", E("spark.sql.shuffle.partitions=200")), ("--enable-metrics", "true"),
            ("--conf", "spark.sql.adaptive.enabled=true")))],
        "pass": [job("raw_ingestion", default_arguments=etl_args(
            "raw_ingestion", ("--conf", "spark.sql.shuffle.partitions=200 --conf spark.sql.adaptive.enabled=true"),
            ("--enable-metrics", "true")))],
    },
    "GL302": {
        "fail": [job("transform", default_arguments=etl_args(
            "transform", ("--conf", E("spark.sql.shuffle.partitions=200 --conf spark.sql.adaptive.enabled=true "
                                      "--conf spark.sql.shuffle.partitions=400"))))],
        "pass": [job("transform", default_arguments=etl_args(
            "transform", ("--conf", "spark.sql.shuffle.partitions=400 --conf spark.sql.adaptive.enabled=true")))],
    },
    "GL303": {
        "fail": [job("iceberg_load", default_arguments=etl_args(
            "iceberg_load", ("--datalake-formats", "iceberg"),
            ("--conf", E("spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,"
                         "spark.sql.catalog.glue_catalog=org.apache.iceberg.spark.SparkCatalog"))))],
        "pass": [job("iceberg_load", default_arguments=etl_args(
            "iceberg_load", ("--datalake-formats", "iceberg"),
            ("--conf", "spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions "
                       "--conf spark.sql.catalog.glue_catalog=org.apache.iceberg.spark.SparkCatalog")))],
    },
    "GL304": {
        "why": "custom arguments (--source-connection, --max-workers, ...) are never flagged",
        "fail": [job("raw_ingestion", default_arguments=etl_args(
            "raw_ingestion", ("--source-connection", "rds-source"), ("--target-database", "raw_data_lake"),
            ("--bookmark-option", E("job-bookmark-enable")), ("--enable-metric", E("true")),
            ("--enable-spot-instances", "true"), ("--max-workers", "10"), ("--scale-up-behavior", "gradual"),
            ("--cost-optimization-mode", "balanced")))],
        "pass": [job("raw_ingestion", default_arguments=etl_args(
            "raw_ingestion", ("--source-connection", "rds-source"), ("--target-database", "raw_data_lake"),
            ("--job-bookmark-option", "job-bookmark-enable"), ("--enable-metrics", "true"),
            ("--enable-spot-instances", "true"), ("--max-workers", "10"), ("--scale-up-behavior", "gradual"),
            ("--cost-optimization-mode", "balanced")))],
    },
    "GL305": {
        "fail": [job("lake_merge", default_arguments=etl_args(
            "lake_merge", ("--job-bookmark-option", E("enable")), ("--datalake-formats", E("iceberg,paimon")),
            ("--enable-auto-scaling", E("yes")), ("--custom-logGroup-prefix", E("/acme:etl"))))],
        "pass": [job("lake_merge", default_arguments=etl_args(
            "lake_merge", ("--job-bookmark-option", "job-bookmark-enable"), ("--datalake-formats", "iceberg,delta"),
            ("--enable-auto-scaling", "true"), ("--custom-logGroup-prefix", "/acme/etl")))],
    },
    "GL306": {
        "fail": [job("quality_check", "shell", default_arguments=args(
            ("--TempDir", "s3://etl-temp/quality_check/"), ("--job-bookmark-option", E("job-bookmark-enable")))),
                 job("daily_rollup", glue_version="3.0", default_arguments=etl_args(
                     "daily_rollup", ("--auto-scale-within-microbatch", E("true")))),
                 # Spark- and Scala-only arguments on Python shell (issue 12); bookmarks off is fine there.
                 job("report", "shell", default_arguments=args(
                     ("--conf", E("spark.sql.shuffle.partitions=10")), ("--class", E("Report")),
                     ("--extra-jars", E("s3://acme-glue-scripts/lib/driver.jar")), ("--enable-spark-ui", E("true")),
                     ("--job-bookmark-option", "job-bookmark-disable"))),
                 # Version floors (issue 11 item 10): observability 4.0+, job insights and proxy v2 2.0+, Lake
                 # Formation fine-grained access and the custom log prefixes 5.0+.
                 job("legacy_export", glue_version="1.0", default_arguments=etl_args(
                     "legacy_export", ("--enable-job-insights", E("true")), ("--disable-proxy-v2", E("true")))),
                 job("orders_enrich", glue_version="3.0", default_arguments=etl_args(
                     "orders_enrich", ("--enable-observability-metrics", E("true")))),
                 job("pii_reader", number_of_workers=4, default_arguments=etl_args(
                     "pii_reader", ("--enable-lakeformation-fine-grained-access", E("true")),
                     ("--custom-logGroup-prefix", E("/acme/etl")), ("--custom-logStream-prefix", E("pii-reader")))),
                 # Lake Formation fine-grained access: Spark jobs only, and not Spark streaming.
                 job("clickstream", "streaming", glue_version="5.0", number_of_workers=4, default_arguments=etl_args(
                     "clickstream", ("--enable-lakeformation-fine-grained-access", E("true")))),
                 # Spark-only arguments on a Ray job (Ray jobs have their own parameters: --pip-install, ...).
                 job("ray_features", "ray", default_arguments=args(
                     ("--pip-install", "pandas==2.0.3"), ("--enable-metrics", E("true")),
                     ("--enable-continuous-cloudwatch-log", E("true")), ("--enable-spark-ui", E("true")),
                     ("--spark-event-logs-path", E("s3://etl-temp/ray_features/sparkui/")),
                     ("--conf", E("spark.sql.shuffle.partitions=10")), ("--enable-auto-scaling", E("true"))))],
        "pass": [job("quality_check", "shell", default_arguments=args(
            ("--TempDir", "s3://etl-temp/quality_check/"), ("--additional-python-modules", "pandas==2.1.4"))),
                 job("daily_rollup", glue_version="3.0", default_arguments=etl_args(
                     "daily_rollup", ("--enable-auto-scaling", "true"))),
                 job("legacy_export", glue_version="2.0", default_arguments=etl_args(
                     "legacy_export", ("--enable-job-insights", "true"), ("--disable-proxy-v2", "true"))),
                 job("orders_enrich", default_arguments=etl_args(
                     "orders_enrich", ("--enable-observability-metrics", "true"))),
                 job("pii_reader", glue_version="5.0", number_of_workers=4, default_arguments=etl_args(
                     "pii_reader", ("--enable-lakeformation-fine-grained-access", "true"),
                     ("--custom-logGroup-prefix", "/acme/etl"), ("--custom-logStream-prefix", "pii-reader"))),
                 job("ray_features", "ray", default_arguments=args(
                     ("--pip-install", "pandas==2.0.3"), ("--working-dir", "s3://etl-scripts/ray_features.zip"))),
                 # Python shell ignores the Glue version ("Any version specified will be ignored"): no floor.
                 job("legacy_shell", "shell", glue_version="1.0", default_arguments=args(
                     ("--TempDir", "s3://etl-temp/legacy_shell/"), ("--enable-observability-metrics", "true")))],
    },
    "GL313": {
        "says": "is deprecated",
        "fail": [job("vpc_loader", glue_version="4.0", default_arguments=etl_args(
            "vpc_loader", ("--disable-proxy", E("true")))),
                 job("vpc_export", default_arguments=etl_args(
                     "vpc_export", ("--disable-proxy", E("true")), ("--disable-proxy-v2", "true")))],
        "pass": [job("vpc_loader", default_arguments=etl_args("vpc_loader", ("--disable-proxy-v2", "true")))],
    },
    "GL314": {
        "fail": [job("pii_reader", glue_version="5.0", number_of_workers=2, default_arguments=etl_args(
            "pii_reader", ("--enable-lakeformation-fine-grained-access", E("true"))))],
        "pass": [job("pii_reader", glue_version="5.0", number_of_workers=4, default_arguments=etl_args(
            "pii_reader", ("--enable-lakeformation-fine-grained-access", "true"))),
                 job("small_reader", glue_version="5.0", default_arguments=etl_args(
                     "small_reader", ("--enable-lakeformation-fine-grained-access", "false")))],
    },
    "GL315": {
        "why": "Region from config.toml; Lake Formation fine-grained access is not offered in AWS GovCloud",
        "config.toml": 'region = "us-gov-west-1"\n',
        "fail": [job("pii_reader", glue_version="5.0", number_of_workers=4, default_arguments=etl_args(
            "pii_reader", ("--enable-lakeformation-fine-grained-access", E("true"))))],
        "pass": [job("pii_reader", glue_version="5.0", number_of_workers=4, default_arguments=etl_args(
            "pii_reader", ("--disable-proxy-v2", "true")))],
    },
    "GL307": {
        "why": "DSL-mangled keys and keys without --",
        "fail": [job("raw_ingestion", default_arguments=args(
            ("__job_language", E("python")), ("__enable_metrics", E("")),
            ("job-bookmark-option", E("job-bookmark-enable")),
            ("__source_connection", "rds-source")))],
        "pass": [job("raw_ingestion", default_arguments=args(
            ("--job-language", "python"), ("--enable-metrics", ""), ("--job-bookmark-option", "job-bookmark-enable"),
            ("--source-connection", "rds-source")))],
    },
    "GL308": {
        "fail": [job("raw_ingestion", default_arguments=etl_args("raw_ingestion", ("--JOB_NAME", E("raw-ingestion"))))],
        "pass": [job("raw_ingestion", default_arguments=etl_args("raw_ingestion", ("--job-name", "raw-ingestion")))],
    },
    "GL309": {
        "fail": [job("raw_ingestion", default_arguments=Args([("--job-language", "python"),
                                                               ("--enable-metrics", E("false"))]))],
        "pass": [job("raw_ingestion", default_arguments=Args([("--job-language", "python"),
                                                               ("--enable-metrics", "true")]))],
    },
    "GL310": {
        "says": "job arguments total",
        "fail": [job("config_loader",
                     default_arguments=E(etl_args("config_loader", ("--inline-config", "x" * 270_000))))],
        "pass": [job("config_loader", default_arguments=etl_args(
            "config_loader", ("--config-location", "s3://etl-config/config_loader.json")))],
    },
    "GL311": {
        "fail": [job("quality_check", "shell", default_arguments=args(
            ("--TempDir", "s3://etl-temp/quality_check/"),
            ("--python-modules-installer-option", E("great-expectations==0.15.0,pandas==1.5.0")),
            ("--additional-python-modules", "boto3,pyarrow==14.0.1")))],
        "pass": [job("quality_check", "shell", default_arguments=args(
            ("--TempDir", "s3://etl-temp/quality_check/"), ("--python-modules-installer-option", "--upgrade"),
            ("--additional-python-modules", "boto3,pyarrow==14.0.1")))],
    },
    "GL322": {
        "fail": [job("quality_check", "shell", default_arguments=args(
            ("--TempDir", "s3://etl-temp/quality_check/"), ("--python-modules-installer-option", "--upgrade"),
            ("--additional-python-modules", E("boto3,pyarrow==14.0.1"))))],
        "pass": [job("quality_check", "shell", default_arguments=args(
            ("--TempDir", "s3://etl-temp/quality_check/"),
            ("--additional-python-modules",
             "boto3==1.34.0,pyarrow==14.0.1,s3://etl-libs/wheels/common-1.0-py3-none-any.whl")))],
    },
    "GL312": {
        "fail": [job("raw_ingestion", command=Block(name="glueetl", script_location=E("S3://etl-scripts/raw.py"),
                                                    python_version="3"),
                     default_arguments=args(("--job-language", "python"), ("--TempDir", E("s3://etl-temp//raw/")),
                                            ("--extra-py-files", E("s3a://etl-libs/common.zip"))))],
        "pass": [job("raw_ingestion", default_arguments=args(
            ("--job-language", "python"), ("--TempDir", "s3://etl-temp/raw/"),
            ("--extra-py-files", "s3://etl-libs/common.zip")))],
    },
    "GL401": {
        "says": "sets no `{term}`",
        "why": "missing timeout reported at the resource",
        "attribute": "timeout",
        "fail": [job("nightly_batch", timeout=None, expect_resource=1, worker_type="G.2X", number_of_workers=10)],
        "pass": [job("nightly_batch", worker_type="G.2X", number_of_workers=10, timeout=120),
                 job("clickstream", "streaming")],
        # Python shell: 2,880 minutes whatever the Glue version (AWS ignores it for shell jobs), never Spark's 480.
        "fail_shell": [job("quality_check", "shell", glue_version=None, timeout=None, expect_resource=1)],
        "fail_shell.says": "one run can last up to 2,880 minutes (the pythonshell default, whatever the Glue version)",
        "pass_shell": [job("quality_check", "shell", glue_version=None, timeout=30)],
    },
    "GL402": {
        "config.toml": "max_timeout_minutes = 720\n",
        "fail": [job("nightly_batch", timeout=E(10080)), job("weekly_batch", timeout=E(1440))],
        "pass": [job("nightly_batch", timeout=600)],
    },
    "GL403": {
        "says": "and no `{term}`",
        "attribute": "maintenance_window",
        "fail": [job("clickstream", "streaming", maintenance_window=None, expect_resource=1)],
        "pass": [job("clickstream", "streaming")],
    },
    "GL404": {
        "why": "1,500 is above AWS's default quota (a warning); the _account cases give the account's own quota",
        "says": "`{term}` is 1,500, above the default quota of 1,000",
        "fail_account.says": "`{term}` is 150, above your account's quota of 100",
        "fail": [job("fan_out", execution_property=Block(max_concurrent_runs=E(1500)))],
        "pass": [job("fan_out", execution_property=Block(max_concurrent_runs=20))],
        "fail_account": [job("fan_out", execution_property=Block(max_concurrent_runs=E(150)))],
        "fail_account.config.toml": "[quotas]\nconcurrent_runs_per_job = 100\n",
        "pass_account": [job("fan_out", execution_property=Block(max_concurrent_runs=1500))],
        "pass_account.config.toml": "[quotas]\nconcurrent_runs_per_job = 2000\n",
    },
    "GL405": {
        "fail": [job("incremental_load", default_arguments=etl_args(
            "incremental_load", ("--job-bookmark-option", "job-bookmark-enable")),
            execution_property=Block(max_concurrent_runs=E(4)))],
        "pass": [job("incremental_load", default_arguments=etl_args(
            "incremental_load", ("--job-bookmark-option", "job-bookmark-enable")),
            execution_property=Block(max_concurrent_runs=1)),
                 job("parallel_load", default_arguments=etl_args(
                     "parallel_load", ("--job-bookmark-option", "job-bookmark-disable")),
                     execution_property=Block(max_concurrent_runs=4))],
    },
    "GL406": {
        "says": "`{term}` 12 is outside",
        "fail": [job("nightly_batch", max_retries=E(12))],
        "pass": [job("nightly_batch", max_retries=2)],
    },
    "GL411": {
        "fail": [job("clickstream", "streaming", max_retries=E(3))],
        "pass": [job("clickstream", "streaming", max_retries=0)],
    },
    "GL407": {
        "fail": [job("nightly_batch", timeout=60, notification_property=Block(notify_delay_after=E(120)))],
        "pass": [job("nightly_batch", timeout=60, notification_property=Block(notify_delay_after=30))],
    },
    "GL408": {
        "fail": [job("small_etl", number_of_workers=E(1))],
        "pass": [job("small_etl", number_of_workers=2)],
    },
    "GL409": {
        "says": "pythonshell job's `{term}` must be",
        "fail": [job("quality_check", "shell", max_capacity=E(0.5))],
        "pass": [job("quality_check", "shell", max_capacity=1.0)],
    },
    "GL410": {
        "says": "DPUs, above the default quota of 1,000",
        "fail_account.says": "DPUs, above your account's quota of 200",
        "fail": [job("large_etl", worker_type="G.2X", number_of_workers=100,
                     execution_property=Block(max_concurrent_runs=E(10)))],
        "pass": [job("large_etl", worker_type="G.2X", number_of_workers=20,
                     execution_property=Block(max_concurrent_runs=10))],
        # The account's own task DPU quota: 10 x 40 DPUs is over 200, and 10 x 200 DPUs within 3,000.
        "fail_account": [job("large_etl", worker_type="G.2X", number_of_workers=20,
                             execution_property=Block(max_concurrent_runs=E(10)))],
        "fail_account.config.toml": "[quotas]\ntask_dpus_per_account = 200\n",
        "pass_account": [job("large_etl", worker_type="G.2X", number_of_workers=100,
                             execution_property=Block(max_concurrent_runs=10))],
        "pass_account.config.toml": "[quotas]\ntask_dpus_per_account = 3000\n",
    },
    "GL501": {
        "says": "`{term}` \"4.5\" is not a released Glue version",
        "fail": [job("raw_ingestion", glue_version=E("4.5"))],
        "pass": [job("raw_ingestion", glue_version="5.0")],
        # 6.1 is newer than this data knows (one AWS page mentions it): a warning "unknown to this data vintage".
        "fail_newer": [job("graviton_batch", glue_version=E("6.1"))],
        "fail_newer.says": "`{term}` \"6.1\" is unknown to this data vintage (newest known: 6.0)",
    },
    "GL502": {
        "why": "checked on the fixed date 2026-11-26 (tests/test_rule_fixtures.py)",
        "says": "Glue 2.0 reached end of life",
        "fail": [job("legacy_etl", glue_version=E("2.0"))],
        # A Python shell job ignores its Glue version: no Spark end of life applies to it (1.0 is past EOL).
        "pass": [job("legacy_etl", glue_version="5.0"), job("quality_check", "shell", glue_version="1.0")],
    },
    "GL503": {
        "says": "sets no `{term}`",
        "attribute": "glue_version",
        "fail": [job("raw_ingestion", glue_version=None, expect_resource=1)],
        # Python shell ignores the Glue version, so there is nothing to pin.
        "pass": [job("raw_ingestion", glue_version="5.0"), job("quality_check", "shell", glue_version=None)],
    },
    "GL504": {
        "fail": [job("batch_small", worker_type=E("G.025X")), job("memory_heavy", glue_version="3.0",
                                                                  worker_type=E("R.2X"))],
        "pass": [job("batch_small", worker_type="G.1X"), job("memory_heavy", worker_type="R.2X")],
    },
    "GL505": {
        "fail": [job("raw_ingestion", max_capacity=E(10.0))],
        "pass": [job("raw_ingestion")],
    },
    "GL506": {
        "fail": [job("raw_ingestion", command=Block(name="glueetl", script_location="s3://etl-scripts/raw.py",
                                                    python_version=E("2")))],
        # Python shell 3.9 with any Glue version: the version is ignored, no pairing to judge; Python 3.6 shell
        # is allowed (its end of support is GL520's).
        "pass": [job("raw_ingestion"), job("quality_check", "shell", glue_version="1.0"),
                 job("legacy_shell", "shell", command=Block(name="pythonshell",
                                                            script_location="s3://etl-scripts/legacy_shell.py",
                                                            python_version="3"))],
    },
    "GL507": {
        "says": "AWS documents glueray jobs on Glue",
        "fail": [job("ray_features", "ray", glue_version=E("3.0"))],
        # Python shell on 4.0: the Glue version "doesn't apply for AWS Glue shell jobs" (ignored), not an error.
        "pass": [job("quality_check", "shell"), job("shell_on_four", "shell", glue_version="4.0")],
    },
    "GL508": {
        # Flex runs only on G.1X and G.2X workers (AWS's job-properties page).
        "fail": [job("clickstream", "streaming", execution_class=E("FLEX")),
                 job("wide_join", execution_class=E("FLEX"), worker_type="G.4X", number_of_workers=10)],
        "pass": [job("nightly_batch", execution_class="FLEX")],
    },
    "GL509": {
        "why": "Region from config.toml; Ray runs in five Regions",
        "config.toml": 'region = "eu-central-1"\n',
        "fail": [job("ray_features", "ray", worker_type=E("Z.2X"))],
        "pass": [job("nightly_batch", worker_type="G.2X")],
    },
    "GL510": {
        "says": "AWS Glue for Ray is closed to new customers from 2026-04-30",
        "fail": [job("ray_features", "ray", command=Block(name=E("glueray"),
                                                          script_location="s3://etl-scripts/ray_features.py",
                                                          runtime="Ray2.4"))],
        "pass": [job("nightly_batch")],
    },
    "GL520": {
        "says": "`{term}` \"3\" runs the Python 3.6 shell, past end of support",
        # Python 3.6 shell (python_version "3"), past end of support on the check date (no end of life announced).
        "fail": [job("legacy_shell", "shell", command=Block(name="pythonshell",
                                                            script_location="s3://etl-scripts/legacy_shell.py",
                                                            python_version=E("3")))],
        # Python 3.9 shell; a Spark job's python_version "3" is Python 3 of its Glue version, not the 3.6 shell.
        "pass": [job("quality_check", "shell"), job("raw_ingestion")],
    },
}
