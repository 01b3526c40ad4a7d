"""The logic of the GitHub Action (action.yml runs ``python -m gluelint.integrations.github_action``).

Inputs arrive only as environment variables (``GLUELINT_*``, mapped from ``inputs.*`` by action.yml's ``env:``):
PATHS, CONFIG, REGION, SEVERITY, SARIF_FILE, SOURCE_ROOT, FAIL_ON_FINDINGS, COMMENT_COST_DIFF, GITHUB_TOKEN,
BASE_COST_JSON.

One ``gluelint check`` run writes every report: annotations (``--format github``, to the log), SARIF (for
``github/codeql-action/upload-sarif``), Markdown (appended to ``$GITHUB_STEP_SUMMARY``) and JSON (read back for the
outputs ``findings``, ``sarif-file``, ``monthly-usd``, ``exit-code``).

Cost diff comment (``comment-cost-diff: true`` on ``pull_request`` events): the base figures come from
``base-cost-json`` when given, else from ``gluelint cost --format json`` run in a temporary ``git worktree`` of the
pull request's base commit (``pull_request.base.sha`` from ``$GITHUB_EVENT_PATH``; fetched with depth 1 when the
checkout lacks it). ``gluelint cost --compare BASE --format markdown`` renders the change, and ONE comment per pull
request is created or updated through the REST API, found again by the hidden marker ``<!-- gluelint-cost -->``.
A failure there is a warning annotation, never a failed step.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

COMMENT_MARKER = "<!-- gluelint-cost -->"
# GitHub rejects issue comments above 65,536 characters.
MAX_COMMENT_CHARS = 65_000
_SEVERITIES = ("info", "warning", "error")
# Stop looking for our comment after this many pages of 100 (a runaway API must not hang the step).
_MAX_COMMENT_PAGES = 30


def _flag(value: str | None, default: bool = False) -> bool:
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass
class Inputs:
    paths: list[str]
    config: str = ""
    region: str = ""
    severity: str = "warning"
    sarif_file: str = "gluelint.sarif"
    source_root: str = ""
    fail_on_findings: bool = True
    comment_cost_diff: bool = False
    github_token: str = ""
    base_cost_json: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Inputs:
        severity = env.get("GLUELINT_SEVERITY", "").strip().lower() or "warning"
        if severity not in _SEVERITIES:
            raise ValueError(f"input severity must be one of {', '.join(_SEVERITIES)}, not {severity!r}")
        return cls(
            paths=shlex.split(env.get("GLUELINT_PATHS", "")) or ["."],
            config=env.get("GLUELINT_CONFIG", "").strip(),
            region=env.get("GLUELINT_REGION", "").strip(),
            severity=severity,
            sarif_file=env.get("GLUELINT_SARIF_FILE", "").strip() or "gluelint.sarif",
            source_root=env.get("GLUELINT_SOURCE_ROOT", "").strip(),
            fail_on_findings=_flag(env.get("GLUELINT_FAIL_ON_FINDINGS"), default=True),
            comment_cost_diff=_flag(env.get("GLUELINT_COMMENT_COST_DIFF")),
            github_token=env.get("GLUELINT_GITHUB_TOKEN", "").strip(),
            base_cost_json=env.get("GLUELINT_BASE_COST_JSON", "").strip(),
        )


def gluelint_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "gluelint", *args]


def scan_flags(inputs: Inputs) -> list[str]:
    flags = []
    if inputs.config:
        flags += ["--config", inputs.config]
    if inputs.region:
        flags += ["--region", inputs.region]
    return flags


def set_output(env: Mapping[str, str], name: str, value: str) -> None:
    target = env.get("GITHUB_OUTPUT")
    if not target:
        print(f"{name}={value}")
        return
    with open(target, "a", encoding="utf-8") as fh:
        if "\n" in value:
            fh.write(f"{name}<<GLUELINT_EOF\n{value}\nGLUELINT_EOF\n")
        else:
            fh.write(f"{name}={value}\n")


def append_summary(env: Mapping[str, str], markdown: str) -> None:
    target = env.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(markdown)


def warn(message: str) -> None:
    text = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    print(f"::warning title=gluelint::{text}", flush=True)


# Action output -> cost total and the count that says whether any job has that figure.
MONTHLY_OUTPUTS = {"monthly-usd": ("monthly_worst_case_usd", "jobs_with_worst_case"),
                   "monthly-expected-usd": ("monthly_expected_usd", "jobs_with_expected"),
                   "monthly-upper-bound-usd": ("monthly_upper_bound_usd", "jobs_with_upper_bound")}


def monthly_usd(report: Mapping[str, Any], output: str = "monthly-usd") -> str:
    """One monthly total of a check JSON report (worst case, expected or upper bound: never summed together),
    formatted; '' when no job has that figure."""
    costs = report.get("costs")
    totals = costs.get("totals") if isinstance(costs, dict) else None
    column, count = MONTHLY_OUTPUTS[output]
    value = None
    if isinstance(totals, dict) and totals.get(count):
        value = totals.get(column)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:.2f}"
    return ""


def count_findings(report: Mapping[str, Any], severity: str) -> int:
    rank = _SEVERITIES.index(severity)
    return sum(1 for f in report.get("findings", [])
               if not f.get("suppressed") and f.get("severity") in _SEVERITIES
               and _SEVERITIES.index(f["severity"]) >= rank)


def run_check(inputs: Inputs, workdir: Path) -> tuple[int, dict[str, Any], str]:
    """One ``gluelint check`` writing every format; annotations go straight to this step's log."""
    json_path, md_path = workdir / "gluelint.json", workdir / "gluelint.md"
    # Paths in SARIF and annotations are relative to the repository root (the git top level of the first path)
    # unless the source-root input says otherwise; no progress bar in the log (CI is set, and --quiet).
    root = ["--source-root", inputs.source_root] if inputs.source_root else []
    cmd = gluelint_command("check", *inputs.paths, *scan_flags(inputs), *root, "--quiet", "--severity",
                           inputs.severity, "--format", "github", "--format", f"sarif:{inputs.sarif_file}",
                           "--format", f"markdown:{md_path}", "--format", f"json:{json_path}")
    sys.stdout.flush()
    code = subprocess.run(cmd, check=False).returncode
    report: dict[str, Any] = {}
    if json_path.is_file():
        report = json.loads(json_path.read_text(encoding="utf-8"))
    markdown = md_path.read_text(encoding="utf-8") if md_path.is_file() else ""
    return code, report, markdown


# -- pull-request cost comment ---------------------------------------------------------------------------------

def pull_request(env: Mapping[str, str]) -> dict[str, Any] | None:
    path = env.get("GITHUB_EVENT_PATH")
    if not path or not Path(path).is_file():
        return None
    event = json.loads(Path(path).read_text(encoding="utf-8"))
    pr = event.get("pull_request") if isinstance(event, dict) else None
    return pr if isinstance(pr, dict) and isinstance(pr.get("number"), int) else None


def _git(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, check=False, capture_output=True, text=True)


def base_cost_json(inputs: Inputs, pr: Mapping[str, Any], workdir: Path) -> Path:
    """The base branch's cost JSON: the given file, or ``gluelint cost`` in a worktree of the base commit."""
    if inputs.base_cost_json:
        return Path(inputs.base_cost_json)
    sha = str((pr.get("base") or {}).get("sha") or "")
    if not sha:
        raise RuntimeError("the pull_request event names no base commit")
    if _git("cat-file", "-e", f"{sha}^{{commit}}").returncode != 0:
        _git("fetch", "--no-tags", "--depth=1", "origin", sha)
    tree = workdir / "base"
    added = _git("worktree", "add", "--detach", str(tree), sha)
    if added.returncode != 0:
        raise RuntimeError(f"cannot check out the base commit {sha}: {added.stderr.strip()}")
    try:
        out = workdir / "base-cost.json"
        cmd = gluelint_command("cost", *[p for p in inputs.paths if (tree / p).exists()] or ["."],
                               *scan_flags(inputs), "--format", "json", "--output", str(out))
        done = subprocess.run(cmd, cwd=tree, check=False, capture_output=True, text=True)
        if not out.is_file():
            raise RuntimeError(f"gluelint cost failed on the base commit: {done.stderr.strip()[-500:]}")
        return out
    finally:
        _git("worktree", "remove", "--force", str(tree))


def cost_diff_markdown(inputs: Inputs, base: Path) -> str:
    done = subprocess.run(gluelint_command("cost", *inputs.paths, *scan_flags(inputs), "--compare", str(base),
                                           "--format", "markdown"), check=False, capture_output=True, text=True)
    if not done.stdout.strip():
        raise RuntimeError(f"gluelint cost --compare failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def comment_body(diff: str) -> str:
    head = f"{COMMENT_MARKER}\n## gluelint: estimated Glue cost change\n\n"
    body = head + diff.strip() + "\n"
    if len(body) > MAX_COMMENT_CHARS:
        note = "\n\n_Truncated: the full table is in the job summary._\n"
        body = body[: MAX_COMMENT_CHARS - len(note)] + note
    return body


class GitHubApi:
    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token

    def request(self, method: str, path: str, payload: Any = None) -> Any:
        data = json.dumps(payload).encode("utf-8") if payload is not None else None
        req = urllib.request.Request(f"{self.base_url}{path}", data=data, method=method, headers={
            "Accept": "application/vnd.github+json", "Authorization": f"Bearer {self.token}",
            "X-GitHub-Api-Version": "2022-11-28", "User-Agent": "gluelint-action",
            **({"Content-Type": "application/json"} if data is not None else {})})
        with urllib.request.urlopen(req, timeout=30) as response:
            text = response.read().decode("utf-8")
        return json.loads(text) if text else None


def upsert_comment(api: GitHubApi, repository: str, number: int, body: str) -> str:
    """Update the pull request's gluelint comment (found by its marker) or create it; returns the action taken."""
    for page in range(1, _MAX_COMMENT_PAGES + 1):
        comments = api.request("GET", f"/repos/{repository}/issues/{number}/comments?per_page=100&page={page}")
        if not isinstance(comments, list):
            break
        for comment in comments:
            if isinstance(comment, dict) and COMMENT_MARKER in str(comment.get("body", "")):
                api.request("PATCH", f"/repos/{repository}/issues/comments/{comment['id']}", {"body": body})
                return "updated"
        if len(comments) < 100:
            break
    api.request("POST", f"/repos/{repository}/issues/{number}/comments", {"body": body})
    return "created"


def comment_cost_diff(inputs: Inputs, env: Mapping[str, str], workdir: Path) -> str | None:
    pr = pull_request(env)
    if pr is None:
        print("gluelint: comment-cost-diff needs a pull_request event; no comment posted", flush=True)
        return None
    if not inputs.github_token:
        raise RuntimeError("comment-cost-diff needs github-token (with pull-requests: write)")
    diff = cost_diff_markdown(inputs, base_cost_json(inputs, pr, workdir))
    api = GitHubApi(env.get("GITHUB_API_URL", "https://api.github.com"), inputs.github_token)
    action = upsert_comment(api, env["GITHUB_REPOSITORY"], int(pr["number"]), comment_body(diff))
    print(f"gluelint: {action} the cost comment on pull request #{pr['number']}", flush=True)
    return action


def main(env: Mapping[str, str] | None = None) -> int:
    env = os.environ if env is None else env
    try:
        inputs = Inputs.from_env(env)
    except ValueError as exc:
        print(f"::error title=gluelint::{exc}", flush=True)
        return 2
    temp = env.get("RUNNER_TEMP") or None
    with tempfile.TemporaryDirectory(prefix="gluelint-", dir=temp) as tmp:
        workdir = Path(tmp)
        code, report, markdown = run_check(inputs, workdir)
        if code not in (0, 1) or not report:
            print(f"::error title=gluelint::gluelint check failed (exit code {code}); see the log above", flush=True)
            set_output(env, "exit-code", str(code))
            return code or 2
        findings = count_findings(report, inputs.severity)
        append_summary(env, markdown)
        set_output(env, "findings", str(findings))
        set_output(env, "sarif-file", inputs.sarif_file)
        for name in MONTHLY_OUTPUTS:
            set_output(env, name, monthly_usd(report, name))
        set_output(env, "exit-code", str(code))
        if inputs.comment_cost_diff:
            try:
                comment_cost_diff(inputs, env, workdir)
            except (RuntimeError, OSError, urllib.error.URLError, ValueError, KeyError) as exc:
                warn(f"cost comment not posted: {exc}")
    return 1 if inputs.fail_on_findings and findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
