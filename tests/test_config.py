"""End-to-end configuration contract (interface.md "Config"): discovery, precedence, keys, validation errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import SECURITY_CONFIGURATION, clean_project, invoke, tf_job


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLUELINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def defective(folder: Path) -> Path:
    """GL503 (no glue_version), GL401 (no timeout), GL101 (no security configuration)."""
    return clean_project(folder, tf_job("bad", glue_version=None, timeout=None, security=None))


def rules_of(*args: str | Path, cwd: Path | None = None) -> set[str]:
    out = invoke("check", *args, "--format", "json", "--exit-zero", "--severity", "info", cwd=cwd)
    assert out.exit_code == 0, out.stderr
    return set(out.rules())


def findings_of(*args: str | Path, cwd: Path | None = None) -> list[dict[str, object]]:
    out = invoke("check", *args, "--format", "json", "--exit-zero", "--severity", "info", cwd=cwd)
    assert out.exit_code == 0, out.stderr
    return [f for f in out.json()["findings"] if not f.get("suppressed")]


# --- where the configuration comes from ---------------------------------------------------------------------


def test_pyproject_tool_table(tmp_path: Path) -> None:
    project = defective(tmp_path / "proj")
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.gluelint]\nselect = ["GL5"]\n')
    assert rules_of(project) == {"GL503"}


def test_dot_gluelint_toml(tmp_path: Path) -> None:
    project = defective(tmp_path / "proj")
    (project / ".gluelint.toml").write_text('select = ["GL4"]\n')
    assert rules_of(project) == {"GL401"}


def test_config_searched_upwards_from_first_path(tmp_path: Path) -> None:
    defective(tmp_path / "repo" / "infra" / "glue")
    (tmp_path / "repo" / ".gluelint.toml").write_text('select = ["GL4"]\n')
    assert rules_of(tmp_path / "repo" / "infra" / "glue") == {"GL401"}
    assert rules_of(tmp_path / "repo" / "infra" / "glue" / "main.tf") == {"GL401"}
    assert rules_of(Path("infra/glue"), cwd=tmp_path / "repo") == {"GL401"}


def test_nearest_config_wins(tmp_path: Path) -> None:
    defective(tmp_path / "repo" / "glue")
    (tmp_path / "repo" / ".gluelint.toml").write_text('select = ["GL4"]\n')
    (tmp_path / "repo" / "glue" / "pyproject.toml").write_text('[tool.gluelint]\nselect = ["GL5"]\n')
    assert rules_of(tmp_path / "repo" / "glue") == {"GL503"}


def test_pyproject_without_tool_table_is_passed_over(tmp_path: Path) -> None:
    defective(tmp_path / "repo" / "glue")
    (tmp_path / "repo" / ".gluelint.toml").write_text('select = ["GL4"]\n')
    (tmp_path / "repo" / "glue" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert rules_of(tmp_path / "repo" / "glue") == {"GL401"}


def test_explicit_config_file(tmp_path: Path) -> None:
    project = defective(tmp_path / "proj")
    (project / ".gluelint.toml").write_text('select = ["GL4"]\n')
    other = tmp_path / "ci.toml"
    other.write_text('select = ["GL5"]\n')
    assert rules_of(project, "--config", other) == {"GL503"}
    pyproject = tmp_path / "elsewhere" / "pyproject.toml"
    pyproject.parent.mkdir()
    pyproject.write_text('[tool.gluelint]\nselect = ["GL1"]\n')
    assert rules_of(project, "--config", pyproject) == {"GL101"}


def test_missing_explicit_config_exits_2(tmp_path: Path) -> None:
    out = invoke("check", defective(tmp_path / "proj"), "--config", tmp_path / "nope.toml")
    assert out.exit_code == 2
    assert "nope.toml" in out.stderr and "Traceback" not in out.stderr


# --- precedence and spelling ----------------------------------------------------------------------------------


def test_cli_flags_win_over_config(tmp_path: Path) -> None:
    project = defective(tmp_path / "proj")
    (project / ".gluelint.toml").write_text('select = ["GL4"]\ntoday = 2026-05-01\n')
    assert rules_of(project, "--select", "GL5") == {"GL503"}
    project2 = clean_project(tmp_path / "p2", tf_job(glue_version="2.0"))
    (project2 / ".gluelint.toml").write_text("today = 2026-05-01\n")
    assert invoke("check", project2, "--severity", "error").exit_code == 1  # config date: past end of life
    assert invoke("check", project2, "--severity", "error", "--today", "2026-03-01").exit_code == 0


def test_config_select_accepts_prefix_and_names(tmp_path: Path) -> None:
    project = defective(tmp_path / "proj")
    (project / ".gluelint.toml").write_text('select = ["timeout-not-set", "GL10"]\nignore = ["GL102"]\n')
    assert rules_of(project) == {"GL401", "GL101"}


@pytest.mark.parametrize("key", ["per-file-ignores", "per_file_ignores"])
def test_dashes_and_underscores(tmp_path: Path, key: str) -> None:
    project = defective(tmp_path / "proj")
    (project / ".gluelint.toml").write_text(f'[{key}]\n"main.tf" = ["GL101"]\n')
    assert "GL101" not in rules_of(project)


@pytest.mark.parametrize("text", ['external-security-configurations = ["ext"]',
                                  'external_security_configurations = ["ext"]'])
def test_external_security_configurations_silences_gl104(tmp_path: Path, text: str) -> None:
    project = tmp_path / "proj"
    project.mkdir()
    (project / "main.tf").write_text(tf_job(security="ext"))
    assert "GL104" in rules_of(project)
    (project / ".gluelint.toml").write_text(text + "\n")
    assert "GL104" not in rules_of(project)


# --- per-rule severity -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("override", ['{ GL503 = "error" }', '{ glue-version-not-pinned = "error" }',
                                      '{ GL503 = "ERROR" }'])
def test_severity_override(tmp_path: Path, override: str) -> None:
    project = clean_project(tmp_path / "proj", tf_job(glue_version=None))
    assert invoke("check", project, "--severity", "error").exit_code == 0
    (project / ".gluelint.toml").write_text(f"severity = {override}\n")
    out = invoke("check", project, "--severity", "error", "--format", "json")
    assert out.exit_code == 1
    assert [f["severity"] for f in out.json()["findings"] if f["rule"] == "GL503"] == ["error"]


def test_severity_override_downgrades(tmp_path: Path) -> None:
    project = clean_project(tmp_path / "proj", tf_job(glue_version=None))
    (project / ".gluelint.toml").write_text('[severity]\nGL503 = "info"\n')
    assert invoke("check", project).exit_code == 0


# --- per-file-ignores, exclude ----------------------------------------------------------------------------------


def two_folders(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    defective(root / "legacy")
    defective(root / "current")
    return root


def test_per_file_ignores(tmp_path: Path) -> None:
    root = two_folders(tmp_path)
    (root / ".gluelint.toml").write_text('[per-file-ignores]\n"legacy/*.tf" = ["GL1", "timeout-not-set"]\n')
    for target, cwd in ((Path("."), root), (root, None)):
        found = {(str(f["file"]).split("/")[-2], f["rule"]) for f in findings_of(target, cwd=cwd)}
        assert ("legacy", "GL503") in found
        assert ("legacy", "GL101") not in found and ("legacy", "GL401") not in found
        assert {("current", "GL101"), ("current", "GL401")} <= found


@pytest.mark.parametrize("pattern", ["legacy", "legacy/*", "legacy/main.tf", "**/legacy/*"])
def test_exclude(tmp_path: Path, pattern: str) -> None:
    root = two_folders(tmp_path)
    (root / ".gluelint.toml").write_text(f'exclude = ["{pattern}"]\n')
    for target, cwd in ((Path("."), root), (root, None)):
        folders = {str(f["file"]).split("/")[-2] for f in findings_of(target, cwd=cwd)}
        assert folders == {"current"}, (pattern, target)


def test_exclude_flag_adds_to_config(tmp_path: Path) -> None:
    root = two_folders(tmp_path)
    (root / ".gluelint.toml").write_text('exclude = ["legacy"]\n')
    assert findings_of(root, "--exclude", "current") == []


# --- keys that turn rules on or tune them --------------------------------------------------------------------


def test_required_tags_turns_gl111_on(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    project.mkdir()
    (project / "main.tf").write_text(SECURITY_CONFIGURATION + tf_job("untagged") +
                                     tf_job("tagged", tags={"owner": "data", "cost-center": "42"}))
    assert "GL111" not in rules_of(project)
    (project / ".gluelint.toml").write_text('required-tags = ["owner", "cost-center"]\n')
    gl111 = [f for f in findings_of(project) if f["rule"] == "GL111"]
    assert [f["resource"] for f in gl111] == ["aws_glue_job.untagged"]


def test_budget(tmp_path: Path) -> None:
    project = clean_project(tmp_path / "proj", tf_job(timeout=600))
    assert "GL601" not in rules_of(project)
    (project / ".gluelint.toml").write_text("[budget]\nmax-run-usd = 0.5\n")
    assert "GL601" in rules_of(project)
    (project / ".gluelint.toml").write_text("[budget]\nmax_run_usd = 1000\n")
    assert "GL601" not in rules_of(project)


def test_max_timeout_minutes(tmp_path: Path) -> None:
    project = clean_project(tmp_path / "proj", tf_job(timeout=600))
    (project / ".gluelint.toml").write_text("max-timeout-minutes = 120\n")
    assert "GL402" in rules_of(project)


def test_account_quotas_from_pyproject(tmp_path: Path) -> None:
    """[tool.gluelint.quotas] gives the account's own quota values (dashes accepted in the names)."""
    from gluelint.config import load_config

    (tmp_path / "pyproject.toml").write_text("[tool.gluelint.quotas]\njobs-per-trigger = 120\n"
                                             "concurrent_runs_per_job = 2500\n")
    config = load_config(None, tmp_path)
    assert config.quota("jobs_per_trigger") == 120 and config.quota("concurrent_runs_per_job") == 2500
    assert config.quota("task_dpus_per_account") is None  # AWS's default applies
    (tmp_path / "pyproject.toml").write_text("[tool.gluelint]\naccount_max_dpus = 3000\n")
    assert load_config(None, tmp_path).quota("task_dpus_per_account") == 3000


# --- invalid configuration: exit 2, file and key named, no traceback -----------------------------------------


@pytest.mark.parametrize(("name", "text", "key"), [
    (".gluelint.toml", 'selcet = ["GL1"]\n', "selcet"),
    (".gluelint.toml", 'select = "GL1"\n', "select"),
    (".gluelint.toml", "max_workers = \"many\"\n", "max_workers"),
    (".gluelint.toml", 'severity = { GL503 = "fatal" }\n', "GL503"),
    (".gluelint.toml", "[budget]\nmax_run_usd = -1\n", "max_run_usd"),
    (".gluelint.toml", "[budget]\nmax_run_dollars = 1\n", "max_run_dollars"),
    (".gluelint.toml", '[jobs."etl"]\nworkload = "small"\nruns = 3\n', "runs"),
    (".gluelint.toml", 'select = ["GL1"\n', ".gluelint.toml"),
    ("pyproject.toml", '[tool.gluelint]\nexlude = ["x"]\n', "exlude"),
    ("pyproject.toml", "[tool.gluelint\n", "pyproject.toml"),
    (".gluelint.toml", "[quotas]\njobs_per_trigerr = 100\n", "jobs_per_trigerr"),
    (".gluelint.toml", "[quotas]\njobs_per_trigger = 0\n", "jobs_per_trigger"),
    (".gluelint.toml", "account_max_dpus = 500\n[quotas]\ntask_dpus_per_account = 800\n", "task_dpus_per_account"),
])
def test_invalid_config(tmp_path: Path, name: str, text: str, key: str) -> None:
    project = defective(tmp_path / "proj")
    (project / name).write_text(text)
    commands: list[list[str | Path]] = [["check", project], ["baseline", project, "-o", tmp_path / "b.json"],
                                        ["cost", project]]
    for command in commands:
        out = invoke(*command)
        assert out.exit_code == 2, (command, out.output)
        assert name in out.stderr and key in out.stderr, out.stderr
        assert "Traceback" not in out.stderr + out.output


@pytest.mark.parametrize(("text", "key"), [
    ('severity = { GL999 = "error" }\n', "GL999"),
    ('select = ["GL99"]\n', "GL99"),
    ('ignore = ["no-such-rule"]\n', "no-such-rule"),
    ('[per-file-ignores]\n"*.tf" = ["bogus"]\n', "bogus"),
])
def test_unknown_rules_in_config(tmp_path: Path, text: str, key: str) -> None:
    project = defective(tmp_path / "proj")
    (project / ".gluelint.toml").write_text(text)
    out = invoke("check", project)
    assert out.exit_code == 2, out.output
    assert ".gluelint.toml" in out.stderr and key in out.stderr, out.stderr
