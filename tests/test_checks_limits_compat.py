"""GL4 / GL5 logic on model objects: effective defaults, branches, undecided, config limits."""

from __future__ import annotations

import datetime as dt

import pytest
from checks_support import args, branch, job, lines, run, span, unknown, val, when_on

from gluelint.findings import Severity
from gluelint.model.resources import KeyRef, SourceFormat


def test_gl401_default_timeout_and_dpu_hours() -> None:
    findings, _ = run("GL401", job(glue_version="4.0", worker_type="G.2X", number_of_workers=10))
    assert len(findings) == 1
    message = findings[0].message
    assert "2,880 minutes" in message and "20 DPUs" in message and "960 DPU-hours" in message
    assert run("GL401", job(timeout=60))[0] == []
    assert run("GL401", job(command_name="gluestreaming"))[0] == []  # GL403's business


def test_gl401_branches_on_version() -> None:
    findings, _ = run("GL401", job(glue_version=branch(old="4.0", new="5.0"), max_capacity=None))
    assert [(f.branch, "2,880" in f.message) for f in findings] == [(when_on("old"), True), (when_on("new"), False)]


def test_gl401_pythonshell_default_capacity() -> None:
    findings, _ = run("GL401", job(command_name="pythonshell", glue_version="3.0"))
    assert "0.0625 DPUs" in findings[0].message


@pytest.mark.parametrize(("timeout", "config", "fires"), [
    (0, {}, True), (10080, {}, True), (10079, {}, False), (300, {"max_timeout_minutes": 120}, True),
    (None, {"max_timeout_minutes": 120}, True), (None, {}, False),
])
def test_gl402(timeout: int | None, config: dict[str, int], fires: bool) -> None:
    findings, _ = run("GL402", job(timeout=timeout), **config)
    assert bool(findings) is fires


def test_gl402_points_at_the_key() -> None:
    j = job(timeout=0).model_copy(update={"attribute_keys": [KeyRef(path="timeout", span=span(7))]})
    assert lines(run("GL402", j)[0]) == [7]


def test_gl402_unknown_is_undecided() -> None:
    findings, undecided = run("GL402", job(timeout=unknown("var.timeout")))
    assert findings == [] and undecided[0].attribute == "timeout"


def test_gl403() -> None:
    assert len(run("GL403", job(command_name="gluestreaming"))[0]) == 1
    assert len(run("GL403", job(command_name="gluestreaming", timeout=20000))[0]) == 1
    assert run("GL403", job(command_name="gluestreaming", timeout=600))[0] == []
    assert run("GL403", job(command_name="gluestreaming", maintenance_window="Sun:3"))[0] == []
    assert run("GL403", job())[0] == []


@pytest.mark.parametrize(("runs", "config", "fires"), [(0, {}, True), (1001, {}, True), (1000, {}, False),
                                                       (5, {"max_concurrent_runs": 3}, True)])
def test_gl404(runs: int, config: dict[str, int], fires: bool) -> None:
    assert bool(run("GL404", job(max_concurrent_runs=runs), **config)[0]) is fires


def test_gl404_default_quota_is_a_warning_the_accounts_own_an_error() -> None:
    """The per-job quota is adjustable: above AWS's default gluelint cannot know the account's value (warning,
    saying how to tell it); above the value the configuration gives, the API rejects the job (error)."""
    (default,), _ = run("GL404", job(max_concurrent_runs=1500))
    assert default.severity == Severity.WARNING
    assert "the default quota of 1,000" in default.message and "L-F574AED9, adjustable" in default.message
    assert "`concurrent_runs_per_job = <value>` under [tool.gluelint.quotas]" in default.message
    (own,), _ = run("GL404", job(max_concurrent_runs=1500), quotas={"concurrent_runs_per_job": 1200})
    assert own.severity == Severity.ERROR and "your account's quota of 1,200" in own.message
    assert "[tool.gluelint.quotas]" not in own.message  # already told
    assert run("GL404", job(max_concurrent_runs=1500), quotas={"concurrent_runs_per_job": 2000})[0] == []
    # The advice names the table of the configuration file in use (its name, not its path).
    (dot,), _ = run("GL404", job(max_concurrent_runs=1500), source="/repo/.gluelint.toml")
    assert "under [quotas] in .gluelint.toml" in dot.message and "/repo" not in dot.message
    (pyproject,), _ = run("GL404", job(max_concurrent_runs=1500), source="/repo/pyproject.toml")
    assert "under [tool.gluelint.quotas] in pyproject.toml" in pyproject.message


def test_gl405() -> None:
    on = args(("--job-bookmark-option", "job-bookmark-enable"))
    findings, _ = run("GL405", job(max_concurrent_runs=2, default_arguments=on))
    assert len(findings) == 1 and findings[0].severity == Severity.INFO
    assert run("GL405", job(max_concurrent_runs=1, default_arguments=on))[0] == []
    off = args(("--job-bookmark-option", "job-bookmark-disable"))
    assert run("GL405", job(max_concurrent_runs=2, default_arguments=off))[0] == []


def test_gl406() -> None:
    assert len(run("GL406", job(max_retries=11))[0]) == 1
    assert run("GL406", job(max_retries=2, command_name="gluestreaming"))[0] == []  # GL411's defect
    assert run("GL406", job(max_retries=3))[0] == []


def test_gl411_streaming_retries() -> None:
    findings, _ = run("GL411", job(max_retries=2, command_name="gluestreaming"))
    assert len(findings) == 1 and findings[0].severity == Severity.WARNING
    assert run("GL411", job(max_retries=11, command_name="gluestreaming"))[0] == []  # out of range: GL406
    assert run("GL411", job(max_retries=0, command_name="gluestreaming"))[0] == []
    assert run("GL411", job(max_retries=3))[0] == []


def test_gl407() -> None:
    assert len(run("GL407", job(notify_delay_after=0))[0]) == 1
    assert len(run("GL407", job(notify_delay_after=60, timeout=60))[0]) == 1
    assert len(run("GL407", job(notify_delay_after=600, glue_version="5.0"))[0]) == 1  # default 480
    assert run("GL407", job(notify_delay_after=30, timeout=60))[0] == []


def test_gl408() -> None:
    assert len(run("GL408", job(worker_type="G.1X", number_of_workers=1))[0]) == 1
    assert run("GL408", job(command_name="glueray", worker_type="Z.2X", number_of_workers=1))[0] == []
    assert len(run("GL408", job(worker_type="G.1X", number_of_workers=50), max_workers=20)[0]) == 1


def test_gl409() -> None:
    assert len(run("GL409", job(command_name="pythonshell", max_capacity=0.5))[0]) == 1
    assert run("GL409", job(command_name="pythonshell", max_capacity=0.0625))[0] == []
    assert len(run("GL409", job(glue_version="1.0", max_capacity=2.5))[0]) == 1
    assert len(run("GL409", job(glue_version="1.0", max_capacity=200))[0]) == 1


def test_gl410() -> None:
    assert len(run("GL410", job(worker_type="G.2X", number_of_workers=50, max_concurrent_runs=20))[0]) == 1
    assert run("GL410", job(worker_type="G.2X", number_of_workers=5, max_concurrent_runs=20))[0] == []
    assert len(run("GL410", job(worker_type="G.2X", number_of_workers=5, max_concurrent_runs=20),
                   account_max_dpus=100)[0]) == 1  # the older spelling of quotas.task_dpus_per_account


def test_gl410_names_the_default_quota_or_the_accounts() -> None:
    big = job(worker_type="G.2X", number_of_workers=50, max_concurrent_runs=20)  # 2,000 DPUs
    (default,), _ = run("GL410", big)
    assert default.severity == Severity.WARNING and "the default quota of 1,000" in default.message
    assert "`task_dpus_per_account = <value>` under [tool.gluelint.quotas]" in default.message
    assert run("GL410", big, quotas={"task_dpus_per_account": 2000})[0] == []
    (own,), _ = run("GL410", big, quotas={"task_dpus_per_account": 1500})
    assert own.severity == Severity.WARNING and "your account's quota of 1,500" in own.message


# -- GL5 --------------------------------------------------------------------------------------------------


def test_gl501() -> None:
    assert len(run("GL501", job(glue_version="4.5"))[0]) == 1
    assert run("GL501", job(glue_version="auto"))[0] == []
    assert len(run("GL501", job(SourceFormat.CLOUDFORMATION_YAML, glue_version="auto"))[0]) == 1


def test_gl502_uses_the_check_date() -> None:
    findings, _ = run("GL502", job(glue_version="2.0"))
    assert len(findings) == 1 and findings[0].severity == Severity.ERROR
    findings, _ = run("GL502", job(glue_version="2.0"), today=dt.date(2025, 1, 1))
    assert len(findings) == 1 and findings[0].severity == Severity.WARNING
    assert run("GL502", job(glue_version="2.0"), today=dt.date(2023, 1, 1))[0] == []


def test_gl503() -> None:
    j = job()
    assert len(run("GL503", j.model_copy(update={"glue_version": None}))[0]) == 1
    assert run("GL503", j)[0] == []


@pytest.mark.parametrize(("fields", "fires"), [
    ({"worker_type": "G.025X"}, True),
    ({"worker_type": "G.025X", "command_name": "gluestreaming"}, False),
    ({"worker_type": "G.4X", "glue_version": "2.0"}, True),
    ({"worker_type": "G.12X", "glue_version": "3.0"}, True),
    ({"worker_type": "R.1X", "command_name": "gluestreaming"}, True),
    ({"worker_type": "Z.2X"}, True),
    ({"worker_type": "Z.2X", "command_name": "glueray"}, False),
    ({"worker_type": "Standard", "glue_version": "2.0"}, True),
    ({"worker_type": "G.1X", "command_name": "pythonshell", "glue_version": "3.0"}, True),
    ({"worker_type": "G.3X"}, False),  # not a worker type at all: GL010 reports it
    ({"worker_type": "G.2X"}, False),
])
def test_gl504(fields: dict[str, str], fires: bool) -> None:
    assert bool(run("GL504", job(number_of_workers=2, **fields))[0]) is fires


def test_gl504_branch_and_undecided() -> None:
    findings, _ = run("GL504", job(worker_type=branch(prod="G.1X", dev="G.025X"), number_of_workers=2))
    assert [f.branch for f in findings] == [when_on("dev")]
    findings, undecided = run("GL504", job(worker_type=unknown("var.wt"), number_of_workers=2))
    assert findings == [] and undecided


def test_gl505() -> None:
    assert len(run("GL505", job(max_capacity=10, worker_type="G.1X", number_of_workers=2))[0]) == 1
    assert len(run("GL505", job(max_capacity=10, glue_version="3.0"))[0]) == 1
    assert run("GL505", job(max_capacity=10, glue_version="1.0"))[0] == []
    assert len(run("GL505", job(worker_type="G.1X"))[0]) == 1
    cfn = SourceFormat.CLOUDFORMATION_YAML
    assert len(run("GL505", job(cfn, allocated_capacity=10, glue_version="1.0"))[0]) == 1
    # Terraform's provider removed the argument in 3.0: GL003 says it is not accepted, GL505 stays quiet.
    assert run("GL505", job(allocated_capacity=10, glue_version="1.0"))[0] == []
    assert run("GL505", job(command_name="pythonshell", max_capacity=1, glue_version="3.0"))[0] == []


def test_gl506() -> None:
    assert len(run("GL506", job(python_version="2", glue_version="3.0"))[0]) == 1
    # Python shell ignores the Glue version: no pairing error (its runtime's end of support is GL520).
    assert run("GL506", job(command_name="pythonshell", glue_version="1.0", python_version="3.9"))[0] == []
    assert run("GL506", job(command_name="pythonshell", glue_version="1.0", python_version="3"))[0] == []
    assert run("GL506", job(command_name="pythonshell", glue_version="3.0", python_version="3.9"))[0] == []
    assert run("GL506", job(python_version="3"))[0] == []


def test_gl520() -> None:
    # The 3.6 shell's end of support: a warning naming both AWS dates, that existing jobs still run, and the
    # newest supported runtime (commands.toml) to move to.
    findings, _ = run("GL520", job(command_name="pythonshell", glue_version="1.0", python_version="3"))
    assert len(findings) == 1 and findings[0].severity == Severity.WARNING and "3.6" in findings[0].message
    assert "2026-03-01" in findings[0].message and "2026-03-31" in findings[0].message
    assert "still run" in findings[0].message and "end of life on" not in findings[0].message
    assert 'python_version = "3.9"' in findings[0].message
    assert run("GL520", job(command_name="pythonshell", python_version="3.9"))[0] == []
    assert run("GL520", job(python_version="3"))[0] == []  # a Spark job's Python 3 is no shell runtime
    _, undecided = run("GL520", job(command_name="pythonshell", python_version=unknown("var.py")))
    assert len(undecided) == 1


def test_gl507() -> None:
    assert run("GL507", job(command_name="pythonshell", glue_version="4.0"))[0] == []  # the version is ignored
    unpinned = job(command_name="pythonshell")
    assert run("GL507", unpinned.model_copy(update={"glue_version": None}))[0] == []
    assert len(run("GL507", job(command_name="glueray", glue_version="3.0", runtime="Ray2.4"))[0]) == 1
    assert len(run("GL507", job(command_name="glueray", glue_version="4.0"))[0]) == 1
    assert run("GL507", job(command_name="glueray", glue_version="4.0", runtime="Ray2.4"))[0] == []
    assert len(run("GL507", job(runtime="Ray2.4"))[0]) == 1
    assert len(run("GL507", job(command_name="gluebatch"))[0]) == 1


def test_gl508() -> None:
    assert len(run("GL508", job(execution_class="FLEX", glue_version="2.0"))[0]) == 1
    assert len(run("GL508", job(execution_class="FLEX", command_name="gluestreaming"))[0]) == 1
    assert run("GL508", job(execution_class="FLEX", glue_version="3.0"))[0] == []
    assert run("GL508", job(execution_class="STANDARD", glue_version="2.0"))[0] == []


def test_gl509_region_table() -> None:
    ray = {"command_name": "glueray", "worker_type": "Z.2X", "number_of_workers": 2, "runtime": "Ray2.4"}
    assert len(run("GL509", job(**ray), region="eu-central-1")[0]) == 1
    assert run("GL509", job(**ray), region="us-east-1")[0] == []
    assert run("GL509", job(**ray))[0] == []  # no Region known: nothing to say
    # Worker types whose Region list is not published stay silent.
    assert run("GL509", job(worker_type="G.12X", number_of_workers=2), region="af-south-1")[0] == []


def test_gl510() -> None:
    findings, _ = run("GL510", job(command_name="glueray"))
    assert len(findings) == 1 and findings[0].severity == Severity.INFO
    assert run("GL510", job())[0] == []


def test_python_shell_ignores_the_glue_version() -> None:
    """AWS: the Glue version "doesn't apply for AWS Glue shell jobs. Any version specified will be ignored"."""
    from gluelint.model.job import EffectiveJob

    shell = job(command_name="pythonshell", glue_version="1.0", python_version="3.9", max_capacity=0.0625)
    assert run("GL502", shell)[0] == []  # no Spark end of life for it
    assert run("GL503", shell.model_copy(update={"glue_version": None}))[0] == []
    # Its default timeout is 2,880 minutes whatever the version (not the 480 of Spark on 5.0+).
    for version in ("1.0", "5.0", None):
        unpinned = shell.model_copy(update={"glue_version": val(version) if version else None})
        assert EffectiveJob(unpinned).timeout_minutes().as_number() == 2880
    assert EffectiveJob(job(glue_version="5.0")).timeout_minutes().as_number() == 480


def test_gl501_newer_version_is_a_warning() -> None:
    findings, _ = run("GL501", job(glue_version="6.1"))
    assert len(findings) == 1 and findings[0].severity == Severity.WARNING
    assert "unknown to this data vintage" in findings[0].message
    typo, _ = run("GL501", job(glue_version="40.0"))
    assert len(typo) == 1 and typo[0].severity == Severity.ERROR


def test_gl510_says_when_ray_closed() -> None:
    findings, _ = run("GL510", job(command_name="glueray", glue_version="4.0", runtime="Ray2.4"))
    assert "closed to new customers from 2026-04-30" in findings[0].message
