"""The pre-commit hook installs from this repository (at HEAD) with pre-commit itself and runs offline.

pre-commit builds the hook's venv with `pip install .` from a clone of the repository; gluelint's own
dependencies come from the configured package index (PyPI or a local wheelhouse), which is the only network use.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow

REPO = Path(__file__).parents[1]


def test_hook_definition() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    hook = hooks["gluelint"]
    assert hook["language"] == "python" and hook["entry"] == "gluelint check"
    import re

    pattern = re.compile(hook["files"])
    for name in ("main.tf", "stack.tf.json", "t.yaml", "t.yml", "plan.json", "x.template", "a/b/c.tf"):
        assert pattern.search(name), name
    for name in ("README.md", "main.tfvars", "x.py", "tf"):
        assert not pattern.search(name), name


def _pre_commit() -> list[str]:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        exe = shutil.which("pre-commit")
        if exe is None:
            pytest.skip("pre-commit is not installed (pip install pre-commit, or the dev extra)")
        return [exe]
    return [sys.executable, "-m", "pre_commit"]


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def test_hook_runs_through_pre_commit(tmp_path: Path) -> None:
    pre_commit = _pre_commit()
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "gluelint-clone"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(REPO), str(clone)], check=True)
    if not (clone / ".pre-commit-hooks.yaml").exists():
        pytest.skip(".pre-commit-hooks.yaml is not committed at HEAD yet")
    rev = _git(clone, "rev-parse", "HEAD")
    project = tmp_path / "project"
    project.mkdir()
    _git(project, "init", "-q")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {clone.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: gluelint\n")
    (project / "ok.tf").write_text('resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n')
    (project / "README.md").write_text("not linted\n")
    _git(project, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([*pre_commit, "run", "--all-files"], cwd=project, env=env, capture_output=True,
                              text=True, check=False, timeout=900)

    first = run()
    if first.returncode != 0 and "An unexpected error has occurred" in first.stdout + first.stderr:
        log = tmp_path / "pre-commit-home" / "pre-commit.log"
        pytest.fail("pre-commit could not install the hook:\n" + (log.read_text() if log.exists() else first.stdout))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "gluelint (AWS Glue policy and cost)" in first.stdout and "Passed" in first.stdout

    (project / "bad.tf").write_text('resource "aws_glue_job" "y" {\n  name = \n')
    _git(project, "add", "bad.tf")
    second = run()
    assert second.returncode == 1, second.stdout + second.stderr
    assert "Failed" in second.stdout and "GL001" in second.stdout and "bad.tf" in second.stdout
