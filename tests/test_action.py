"""action.yml: schema-valid, injection-safe, and its run step works against a fake GitHub environment."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from gluelint.integrations import github_action as ga

pytestmark = pytest.mark.slow

REPO = Path(__file__).parents[1]
ACTION = REPO / "action.yml"


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


# -- metadata ---------------------------------------------------------------------------------------------------

def test_action_matches_schemastore_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("check_jsonschema", reason="SchemaStore's github-action schema ships in check-jsonschema")
    schema = json.loads(resources.files("check_jsonschema.builtin_schemas.vendor")
                        .joinpath("github-actions.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(action()))
    assert not errors, [e.message for e in errors]
    bad = action()
    bad["runs"]["steps"][0]["shel"] = "bash"
    assert list(jsonschema.Draft7Validator(schema).iter_errors(bad))


def test_action_matches_schema_through_the_cli() -> None:
    exe = shutil.which("check-jsonschema")
    if exe is None:
        pytest.skip("check-jsonschema CLI not installed")
    done = subprocess.run([exe, "--builtin-schema", "vendor.github-actions", str(ACTION)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_inputs_reach_shell_only_through_env() -> None:
    meta = action()
    assert meta["runs"]["using"] == "composite"
    for step in meta["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], f"expression inside run: of step {step.get('name')}"
            assert step["shell"] == "bash"
    env_values = " ".join(str(v) for step in meta["runs"]["steps"] for v in step.get("env", {}).values())
    for name in meta["inputs"]:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name), name
        assert f"inputs.{name} }}}}" in env_values, f"input {name} is not passed to any step"
    assert set(meta["outputs"]) == {"findings", "sarif-file", "monthly-usd", "monthly-expected-usd",
                                    "monthly-upper-bound-usd"}
    for name, out in meta["outputs"].items():
        assert out["value"] == f"${{{{ steps.check.outputs.{name} }}}}"
    for name in ("paths", "config", "region", "severity", "sarif-file", "fail-on-findings", "comment-cost-diff",
                 "github-token", "version"):
        assert name in meta["inputs"]


# -- a fake GitHub: REST API on 127.0.0.1 and the runner's files ---------------------------------------------------

class FakeGitHub:
    def __init__(self) -> None:
        self.comments: list[dict[str, Any]] = []
        self.requests: list[tuple[str, str, Any, dict[str, str]]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _reply(self, status: int, payload: Any) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> Any:
                length = int(self.headers.get("Content-Length") or 0)
                return json.loads(self.rfile.read(length)) if length else None

            def do_GET(self) -> None:
                fake.requests.append(("GET", self.path, None, dict(self.headers)))
                query = parse_qs(urlsplit(self.path).query)
                self._reply(200, fake.comments if query.get("page") == ["1"] else [])

            def do_POST(self) -> None:
                body = self._body()
                fake.requests.append(("POST", self.path, body, dict(self.headers)))
                comment = {"id": 1000 + len(fake.comments), "body": body["body"]}
                fake.comments.append(comment)
                self._reply(201, comment)

            def do_PATCH(self) -> None:
                body = self._body()
                fake.requests.append(("PATCH", self.path, body, dict(self.headers)))
                comment_id = int(self.path.rsplit("/", 1)[1])
                for comment in fake.comments:
                    if comment["id"] == comment_id:
                        comment["body"] = body["body"]
                self._reply(200, {"id": comment_id})

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    yield fake
    fake.close()


def _workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "examples" / "terraform", ws / "infra")
    return ws


def _git(ws: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e"}
    return subprocess.run(["git", *args], cwd=ws, env=env, check=True, capture_output=True, text=True).stdout.strip()


def run_step(ws: Path, tmp_path: Path, inputs: dict[str, str], api_url: str = "http://127.0.0.1:9",
             event: dict[str, Any] | None = None) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    """Run the action's 'Run gluelint' step with bash as the runner would: env from `env:` (expressions
    evaluated against the inputs and their defaults), GITHUB_* files in tmp_path."""
    meta = action()
    step = next(s for s in meta["runs"]["steps"] if s.get("id") == "check")
    values = {name: spec.get("default", "") for name, spec in meta["inputs"].items()}
    values["github-token"] = "test-token"
    values.update(inputs)

    def evaluate(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            expr = match.group(1).strip()
            if expr.startswith("inputs."):
                return str(values[expr.removeprefix("inputs.")])
            if expr == "steps.install.outputs.python":
                return sys.executable
            raise AssertionError(f"unexpected expression {expr}")
        return re.sub(r"\$\{\{(.*?)\}\}", one, text)

    runner = tmp_path / "runner"
    runner.mkdir(exist_ok=True)
    output, summary, event_path = runner / "output", runner / "summary.md", runner / "event.json"
    for f in (output, summary):
        f.write_text("")
    event_path.write_text(json.dumps(event or {}))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GLUELINT_", "RUNNER_"))}
    env.update({k: evaluate(str(v)) for k, v in step["env"].items()})
    env.update({"GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary),
                "GITHUB_EVENT_PATH": str(event_path), "GITHUB_API_URL": api_url,
                "GITHUB_REPOSITORY": "acme/glue-infra", "RUNNER_TEMP": str(runner), "GITHUB_WORKSPACE": str(ws)})
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=ws, env=env, capture_output=True, text=True,
                          check=False, timeout=300)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return done, outputs, summary.read_text()


def test_run_step_writes_outputs_summary_and_sarif(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    done, outputs, summary = run_step(ws, tmp_path, {"paths": "infra", "severity": "info",
                                                     "sarif-file": "reports/gluelint.sarif"})
    assert done.returncode in (0, 1), done.stderr
    assert outputs["sarif-file"] == "reports/gluelint.sarif"
    assert outputs["findings"].isdigit()
    assert done.returncode == (1 if int(outputs["findings"]) else 0)
    # The example's scheduled job auto-scales: its figure is an upper bound (10 DPUs x 1.5 h x $0.44 = $6.60 a
    # run x 4 x 365 / 12 runs = $803.00), reported apart from the worst case, which no job has.
    assert outputs["monthly-upper-bound-usd"] == "803.00"
    assert outputs["monthly-usd"] == "" and outputs["monthly-expected-usd"] == ""
    assert summary.startswith("<!-- gluelint-report -->") and "## gluelint" in summary
    sarif = json.loads((ws / "reports" / "gluelint.sarif").read_text())
    assert sarif["runs"][0]["tool"]["driver"]["name"] == "gluelint"
    assert len(sarif["runs"][0]["results"]) >= int(outputs["findings"])
    # annotations go to the log (stdout), one workflow command per line
    assert all(line.startswith("::") for line in done.stdout.splitlines() if line.startswith(":"))


def test_fail_on_findings_false_and_bad_severity(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    done, _, _ = run_step(ws, tmp_path, {"paths": "infra", "fail-on-findings": "false", "severity": "info"})
    assert done.returncode == 0, done.stderr
    done, _, _ = run_step(ws, tmp_path, {"paths": "infra", "severity": "loud"})
    assert done.returncode == 2 and "::error title=gluelint::input severity" in done.stdout


def test_paths_cannot_inject_shell(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    marker = tmp_path / "pwned"
    done, _, _ = run_step(ws, tmp_path, {"paths": f'infra"; touch {marker}; echo "'})
    assert not marker.exists()
    assert done.returncode == 2  # the odd path does not exist: a usage error, nothing executed


def test_cost_comment_created_then_updated(tmp_path: Path, fake_github: FakeGitHub) -> None:
    ws = _workspace(tmp_path)
    _git(ws, "init", "-q", "-b", "main")
    _git(ws, "add", ".")
    _git(ws, "commit", "-q", "-m", "base")
    base_sha = _git(ws, "rev-parse", "HEAD")
    main_tf = ws / "infra" / "main.tf"
    text = main_tf.read_text()
    assert "number_of_workers" in text
    main_tf.write_text(re.sub(r"number_of_workers(\s*)=(\s*)10", r"number_of_workers\1=\g<2>20", text, count=1))
    _git(ws, "commit", "-q", "-am", "double the workers")
    event = {"pull_request": {"number": 7, "base": {"sha": base_sha}}}
    inputs = {"paths": "infra", "comment-cost-diff": "true", "fail-on-findings": "false"}

    done, _, _ = run_step(ws, tmp_path, inputs, api_url=fake_github.url, event=event)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "created the cost comment on pull request #7" in done.stdout, done.stdout
    posts = [r for r in fake_github.requests if r[0] == "POST"]
    assert len(posts) == 1 and posts[0][1] == "/repos/acme/glue-infra/issues/7/comments"
    assert posts[0][3]["Authorization"] == "Bearer test-token"
    body = posts[0][2]["body"]
    assert body.startswith(ga.COMMENT_MARKER) and "cost change" in body.lower()
    # 10 -> 20 workers doubles the upper bound: $803.00 -> $1,606.00
    assert "Monthly upper bound: <= $803.00 → <= $1,606.00 (**+$803.00**)" in body
    assert "| upper bound <= $803.00 | upper bound <= $1,606.00 | upper bound +$803.00 |" in body
    assert not list((tmp_path / "runner").glob("gluelint-*")), "temporary folder and base worktree removed"

    done, _, _ = run_step(ws, tmp_path, inputs, api_url=fake_github.url, event=event)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "updated the cost comment" in done.stdout
    patches = [r for r in fake_github.requests if r[0] == "PATCH"]
    assert len(patches) == 1 and patches[0][1] == "/repos/acme/glue-infra/issues/comments/1000"
    assert len(fake_github.comments) == 1


def test_cost_comment_on_unchanged_tree_says_no_cost_change(tmp_path: Path, fake_github: FakeGitHub) -> None:
    ws = _workspace(tmp_path)
    _git(ws, "init", "-q", "-b", "main")
    _git(ws, "add", ".")
    _git(ws, "commit", "-q", "-m", "base")
    event = {"pull_request": {"number": 8, "base": {"sha": _git(ws, "rev-parse", "HEAD")}}}
    done, _, _ = run_step(ws, tmp_path, {"paths": "infra", "comment-cost-diff": "true", "fail-on-findings": "false"},
                          api_url=fake_github.url, event=event)
    assert done.returncode == 0, done.stdout + done.stderr
    body = next(r for r in fake_github.requests if r[0] == "POST")[2]["body"]
    assert "no cost change" in body and "| changed |" not in body


def test_cost_comment_with_given_base_and_api_failure(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    base = tmp_path / "base.json"
    subprocess.run([sys.executable, "-m", "gluelint", "cost", "infra", "--format", "json", "--output", str(base)],
                   cwd=ws, check=True, capture_output=True)
    event = {"pull_request": {"number": 3, "base": {"sha": "0" * 40}}}
    done, outputs, _ = run_step(ws, tmp_path, {"paths": "infra", "comment-cost-diff": "true",
                                               "fail-on-findings": "false", "base-cost-json": str(base)},
                                api_url="http://127.0.0.1:9", event=event)  # nothing listens there
    assert done.returncode == 0, done.stderr
    assert "::warning title=gluelint::cost comment not posted" in done.stdout
    assert outputs["findings"].isdigit()


def test_no_comment_outside_pull_requests(tmp_path: Path, fake_github: FakeGitHub) -> None:
    ws = _workspace(tmp_path)
    done, _, _ = run_step(ws, tmp_path, {"paths": "infra", "comment-cost-diff": "true", "fail-on-findings": "false"},
                          api_url=fake_github.url, event={"push": {}})
    assert done.returncode == 0 and fake_github.requests == []


# -- units ------------------------------------------------------------------------------------------------------

def test_upsert_paginates_and_comment_body_is_capped(fake_github: FakeGitHub) -> None:
    fake_github.comments = [{"id": i, "body": "other"} for i in range(100)]
    api = ga.GitHubApi(fake_github.url, "t")
    assert ga.upsert_comment(api, "a/b", 1, ga.comment_body("x")) == "created"
    assert any(r[1].endswith("&page=2") for r in fake_github.requests)
    body = ga.comment_body("y" * 100_000)
    assert len(body) <= ga.MAX_COMMENT_CHARS and body.startswith(ga.COMMENT_MARKER)


def test_inputs_from_env() -> None:
    inputs = ga.Inputs.from_env({"GLUELINT_PATHS": "a\n'b c'  d", "GLUELINT_FAIL_ON_FINDINGS": "False",
                                 "GLUELINT_SEVERITY": "Error"})
    assert inputs.paths == ["a", "b c", "d"] and not inputs.fail_on_findings and inputs.severity == "error"
    assert ga.Inputs.from_env({}).paths == ["."]
    totals = {"monthly_worst_case_usd": 12.345, "jobs_with_worst_case": 1, "monthly_upper_bound_usd": 0.0,
              "jobs_with_upper_bound": 0}
    assert ga.monthly_usd({"costs": {"totals": totals}}) == "12.35"
    assert ga.monthly_usd({"costs": {"totals": totals}}, "monthly-upper-bound-usd") == ""  # no job has one
    assert ga.monthly_usd({"costs": None}) == ""


def test_annotations_and_sarif_relative_to_the_repository_root(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    (ws / ".git").mkdir(exist_ok=True)
    done, _, _ = run_step(ws, tmp_path, {"paths": "infra", "severity": "info"})
    files = {line.split("file=", 1)[1].split(",", 1)[0] for line in done.stdout.splitlines() if "file=" in line}
    assert files and all(f.startswith("infra/") for f in files), done.stdout
    sarif = json.loads((ws / "gluelint.sarif").read_text())
    assert sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ws.resolve().as_uri() + "/"
    done, _, _ = run_step(ws, tmp_path, {"paths": "infra", "severity": "info", "source-root": "infra"})
    files = {line.split("file=", 1)[1].split(",", 1)[0] for line in done.stdout.splitlines() if "file=" in line}
    assert files and not any(f.startswith("infra/") for f in files), done.stdout
