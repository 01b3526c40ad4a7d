"""Script-aware checks (GL9): reading scripts with ast, finding them, undecided when they are not there."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from gluelint.cli import main
from gluelint.config import Config
from gluelint.engine import RunRequest, run
from gluelint.model.scripts import ScriptStatus
from gluelint.parse.options import ParseOptions
from gluelint.parse.scripts.python_script import read_python_script

ROOT = Path(__file__).resolve().parents[1]


def _facts(tmp_path: Path, source: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "job.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return read_python_script(path, "job.py")


# -- reading scripts -------------------------------------------------------------------------------------------
def test_option_lists_through_names_and_concatenation(tmp_path: Path) -> None:
    facts = _facts(tmp_path, """
        import sys
        from awsglue.utils import getResolvedOptions as gro
        BASE = ["JOB_NAME"]
        EXTRA = ("target_path",)
        def main():
            args = gro(sys.argv, BASE + ["source_table"] + list_of_nothing) if False else None
            args = gro(sys.argv, BASE + ["source_table"])
            more = gro(sys.argv, EXTRA)
        main()
    """)
    always = [(a.name, a.unconditional) for a in facts.arguments]
    assert ("JOB_NAME", True) in always and ("source_table", True) in always and ("target_path", True) in always
    # The call inside the conditional expression asks only sometimes, and its list is not readable.
    assert facts.arguments_unknown is not None and "computed at run time" in facts.arguments_unknown


def test_conditional_calls_are_not_required(tmp_path: Path) -> None:
    facts = _facts(tmp_path, """
        import sys
        from awsglue.utils import getResolvedOptions
        args = getResolvedOptions(sys.argv, ["JOB_NAME"])
        if "--limit" in sys.argv:
            args.update(getResolvedOptions(sys.argv, ["limit"]))
    """)
    assert {(a.name, a.unconditional) for a in facts.arguments} == {("JOB_NAME", True), ("limit", False)}
    # `"--limit" in sys.argv` reads argv directly: which arguments are read is no longer fully known.
    assert facts.arguments_unknown is not None and "sys.argv directly" in facts.arguments_unknown


def test_bookmark_protocol_and_source_contexts(tmp_path: Path) -> None:
    facts = _facts(tmp_path, """
        from awsglue.job import Job
        job = Job(glue)
        job.init("x", {})
        a = glue.create_dynamic_frame.from_catalog(database="d", table_name="t", transformation_ctx="a")
        b = glue.create_dynamic_frame_from_options("s3", {"paths": ["s3://b/"]})
        c = glue.create_dynamic_frame.from_options(**opts)
    """)
    assert facts.creates_job and facts.calls_job_init and not facts.calls_job_commit
    assert [(s.call.rsplit(".", 1)[-1], s.has_context) for s in facts.sources] == [
        ("from_catalog", True), ("create_dynamic_frame_from_options", False), ("from_options", True)]


def test_syntax_error_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    facts = _facts(tmp_path, "def broken(:\n")
    assert facts.unreadable is not None and "SyntaxError" in facts.unreadable
    assert facts.arguments == []


# -- finding scripts ---------------------------------------------------------------------------------------------
JOB_TF = """\
resource "aws_glue_job" "etl" {{
  name     = "etl"
  role_arn = "arn:aws:iam::123456789012:role/glue"
  command {{
    script_location = "{location}"
  }}
  default_arguments = {{
    "--source_table" = "orders"
  }}
}}
"""
SCRIPT = ('import sys\nfrom awsglue.utils import getResolvedOptions\n'
          'args = getResolvedOptions(sys.argv, ["source_table", "target_path"])\n')


def _run(folder: Path, config: Config | None = None, select: str = "GL901"):  # type: ignore[no-untyped-def]
    return run(RunRequest(paths=[folder], config=config or Config(), parse_options=ParseOptions(root=folder),
                          select=[select], use_cache=False))


def test_script_not_in_the_tree_is_undecided_never_flagged(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(JOB_TF.format(location="s3://elsewhere/etl.py"), encoding="utf-8")
    result = _run(tmp_path)
    assert [f for f in result.findings if f.rule == "GL901"] == []
    [undecided] = [u for u in result.undecided if u.rule == "GL901"]
    assert undecided.attribute == "script_location" and undecided.reason is not None
    assert "no scanned file is uploaded to s3://elsewhere/etl.py" in undecided.reason


def test_script_paths_in_config_map_a_prefix_to_a_folder(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(JOB_TF.format(location="s3://acme-scripts/glue/etl.py"), encoding="utf-8")
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "etl.py").write_text(SCRIPT, encoding="utf-8")
    config = Config(script_paths={"s3://acme-scripts/glue/": "jobs"}, source=str(tmp_path / ".gluelint.toml"))
    result = _run(tmp_path, config)
    [finding] = [f for f in result.findings if f.rule == "GL901"]
    assert "`target_path`" in finding.message and "default_arguments" in finding.message
    assert finding.span.line == 7  # the default_arguments key
    link = result.inventory.script_of(next(iter(result.inventory.resources)))  # type: ignore[arg-type]
    assert link is not None and link.status is ScriptStatus.FOUND and link.via == "`script_paths` maps s3://acme-scripts/glue/"


def test_cdk_asset_manifest_leads_to_the_script(tmp_path: Path) -> None:
    digest = "a" * 64
    template = {"Resources": {"EtlJob": {"Type": "AWS::Glue::Job", "Properties": {
        "Name": "etl", "Role": "arn:aws:iam::123456789012:role/glue",
        "Command": {"Name": "glueetl", "ScriptLocation": {
            "Fn::Sub": "s3://cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}/" + digest + ".py"}},
        "DefaultArguments": {"--source_table": "orders"}}}}}
    (tmp_path / "Stack.template.json").write_text(json.dumps(template, indent=1), encoding="utf-8")
    manifest = {"version": "36.0.0", "files": {digest: {
        "source": {"path": f"asset.{digest}.py", "packaging": "file"},
        "destinations": {"current": {"bucketName": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}",
                                     "objectKey": f"{digest}.py"}}}}}
    (tmp_path / "Stack.assets.json").write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / f"asset.{digest}.py").write_text(SCRIPT, encoding="utf-8")
    result = _run(tmp_path)
    [finding] = [f for f in result.findings if f.rule == "GL901"]
    assert "DefaultArguments" in finding.message and "default_arguments" not in finding.message
    assert f"asset.{digest}.py" in finding.message


def test_terraform_upload_in_a_sibling_file_and_a_data_local_file(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(JOB_TF.format(
        location="s3://${var.bucket}/${aws_s3_object.etl.key}").replace(
        'resource "aws_glue_job"', 'variable "bucket" {}\n\nresource "aws_glue_job"'), encoding="utf-8")
    (tmp_path / "s3.tf").write_text(textwrap.dedent("""\
        data "local_file" "etl" {
          filename = "${path.module}/src/etl.py"
        }

        resource "aws_s3_object" "etl" {
          bucket = var.bucket
          key    = "glue/etl.py"
          source = data.local_file.etl.filename
        }
    """), encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "etl.py").write_text(SCRIPT, encoding="utf-8")
    result = _run(tmp_path)
    [finding] = [f for f in result.findings if f.rule == "GL901"]
    assert "src/etl.py" in finding.message


def test_a_changed_script_is_not_served_from_the_result_cache(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLUELINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    infra = tmp_path / "infra"
    infra.mkdir()
    (infra / "main.tf").write_text(JOB_TF.format(location="s3://acme/etl.py") + textwrap.dedent("""\
        resource "aws_s3_object" "etl" {
          bucket = "acme"
          key    = "etl.py"
          source = "${path.module}/etl.py"
        }
    """), encoding="utf-8")
    (infra / "etl.py").write_text(SCRIPT, encoding="utf-8")

    def check() -> str:
        return CliRunner().invoke(main, ["check", "infra", "--select", "GL901"]).output

    first = check()
    assert "target_path" in first
    (infra / "etl.py").write_text(SCRIPT.replace(', "target_path"', ""), encoding="utf-8")
    assert "GL901" not in check()


def test_the_gl9_fixtures_are_in_sync_with_their_generator() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_gl9_fixtures.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("case", ["pass_trigger", "pass_state_machine", "pass_schedule"])
@pytest.mark.parametrize("suffix", [".tf", ".tf.json", ".yaml"])
def test_arguments_from_starters_count(tmp_path: Path, case: str, suffix: str) -> None:
    """The passing twins pass only because their trigger action / state-machine task / schedule passes
    --target_path: rename it there and GL901 fires."""
    folder = ROOT / "tests" / "rules" / "GL901"
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "etl.py").write_text((folder / "scripts" / "etl.py").read_text(), encoding="utf-8")
    text = (folder / f"{case}{suffix}").read_text(encoding="utf-8")
    assert text.count("--target_path") == 1  # only the starter passes it
    (tmp_path / f"case{suffix}").write_text(text.replace("--target_path", "--other_path"), encoding="utf-8")
    result = _run(tmp_path)
    assert [f.rule for f in result.findings] == ["GL901"]


def test_arguments_from_an_airflow_dag_count(tmp_path: Path) -> None:
    """A DAG's GlueJobOperator script_args reach the job's run like a trigger action's arguments."""
    folder = ROOT / "tests" / "rules" / "GL901"
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "etl.py").write_text((folder / "scripts" / "etl.py").read_text(), encoding="utf-8")
    (tmp_path / "job.yaml").write_text((folder / "fail.yaml").read_text(), encoding="utf-8")
    (tmp_path / "dags").mkdir()
    dag = textwrap.dedent('''\
        from datetime import datetime

        from airflow import DAG
        from airflow.providers.amazon.aws.operators.glue import GlueJobOperator

        with DAG("orders", schedule="@daily", start_date=datetime(2024, 1, 1)):
            GlueJobOperator(task_id="load", job_name="orders-etl", script_args={"--target_path": "s3://acme/o/"})
    ''')
    (tmp_path / "dags" / "orders.py").write_text(dag, encoding="utf-8")
    assert [f.rule for f in _run(tmp_path).findings] == []
    (tmp_path / "dags" / "orders.py").write_text(dag.replace("--target_path", "--other"), encoding="utf-8")
    assert [f.rule for f in _run(tmp_path).findings] == ["GL901"]
