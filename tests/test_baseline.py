"""End-to-end baselines (interface.md "CLI"): ``gluelint baseline -o`` then ``check --baseline`` reports only
new findings, matched by fingerprint across line shifts and reformatting; a bad baseline exits 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import SECURITY_CONFIGURATION, Outcome, invoke, tf_job


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLUELINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def bare_job(name: str) -> str:
    """GL101, GL401, GL503 — and GL502 (Glue 2.0 past end of support) for the versioned variant below."""
    return tf_job(name, glue_version=None, timeout=None, security=None)


def old_job(name: str) -> str:
    return tf_job(name, glue_version="2.0", timeout=None, arguments={"--TempDir": "s3://bucket/tmp/"})


def project(tmp_path: Path) -> Path:
    folder = tmp_path / "proj"
    folder.mkdir()
    (folder / "main.tf").write_text(SECURITY_CONFIGURATION + "\n" + bare_job("a") + "\n" + old_job("b"))
    return folder


def make_baseline(folder: Path) -> Path:
    target = folder.parent / "base.json"
    out = invoke("baseline", ".", "-o", target, "--today", "2026-03-01", cwd=folder)
    assert out.exit_code == 0, out.stderr
    assert re.search(r"wrote [1-9]\d* findings", out.output)
    return target


def check(folder: Path, base: Path, *args: str) -> Outcome:
    return invoke("check", ".", "--baseline", base, "--today", "2026-03-01", "--severity", "info", *args,
                  cwd=folder)


def new_rules(folder: Path, base: Path) -> list[tuple[str, str | None]]:
    out = check(folder, base, "--format", "json", "--exit-zero")
    assert out.exit_code == 0, out.stderr
    return [(f["rule"], f.get("resource")) for f in out.json()["findings"] if not f.get("suppressed")]


def test_baseline_then_check_reports_nothing(tmp_path: Path) -> None:
    folder = project(tmp_path)
    before = invoke("check", ".", "--today", "2026-03-01", cwd=folder)
    assert before.exit_code == 1
    base = make_baseline(folder)
    document = json.loads(base.read_text())
    assert document["version"] == 1 and {f["rule"] for f in document["findings"]} >= {"GL101", "GL401", "GL502"}
    assert all(f["file"] == "main.tf" for f in document["findings"])
    out = check(folder, base)
    assert out.exit_code == 0, out.output
    assert "GL101" not in out.output and "GL502" not in out.output
    assert new_rules(folder, base) == []


def test_line_shifts_do_not_matter(tmp_path: Path) -> None:
    folder = project(tmp_path)
    base = make_baseline(folder)
    main = folder / "main.tf"
    text = main.read_text()
    text = "# Glue jobs of the data platform\n\n\n" + text
    text = text.replace('resource "aws_glue_job" "b"', '# the nightly job\n// owned by data\n\n'
                                                         'resource "aws_glue_job" "b"')
    text = text.replace("  command {", "\n  # entry point\n  command {")
    main.write_text(text)
    assert new_rules(folder, base) == []
    assert check(folder, base).exit_code == 0


def test_reformatting_does_not_matter(tmp_path: Path) -> None:
    folder = project(tmp_path)
    base = make_baseline(folder)
    main = folder / "main.tf"
    text = main.read_text()
    # re-indent (4 spaces, no alignment) and reorder the attributes of every job
    lines = [re.sub(r"\s+=\s+", " = ", line) for line in text.splitlines()]
    lines = [("    " * ((len(line) - len(line.lstrip(" "))) // 2)) + line.lstrip(" ") for line in lines]
    blocks = "\n".join(lines).split('resource "aws_glue_job"')
    reordered = [blocks[0]]
    for block in blocks[1:]:
        head, _, rest = block.partition("\n")
        body_lines = rest.rstrip().splitlines()  # ends with the closing brace
        simple = [line for line in body_lines if re.match(r"^    \w+ = [^{]*$", line)]
        others = [line for line in body_lines if line not in simple]
        reordered.append(head + "\n" + "\n".join(others[:-1] + list(reversed(simple)) + others[-1:]) + "\n\n")
    main.write_text('resource "aws_glue_job"'.join(reordered))
    assert invoke("check", ".", "--today", "2026-03-01", cwd=folder).exit_code == 1  # still the same defects
    assert new_rules(folder, base) == []


def test_moving_resources_between_files(tmp_path: Path) -> None:
    folder = project(tmp_path)
    base = make_baseline(folder)
    (folder / "main.tf").write_text(SECURITY_CONFIGURATION + "\n" + old_job("b") + "\n" + bare_job("a"))
    assert new_rules(folder, base) == []


def test_new_defect_is_the_only_one_reported(tmp_path: Path) -> None:
    folder = project(tmp_path)
    base = make_baseline(folder)
    main = folder / "main.tf"
    main.write_text("\n\n" + main.read_text().replace("  number_of_workers = 2\n",
                                                        "  number_of_workers = 2\n  max_retries = 42\n", 1)
                    + "\n" + bare_job("c"))
    found = new_rules(folder, base)
    assert ("GL406", "aws_glue_job.a") in found
    assert {r for r, res in found if res == "aws_glue_job.c"} == {"GL101", "GL401", "GL503"}
    assert {res for _, res in found} == {"aws_glue_job.a", "aws_glue_job.c"}
    assert [r for r, res in found if res == "aws_glue_job.a"] == ["GL406"]
    out = check(folder, base)
    assert out.exit_code == 1 and "GL406" in out.output


def test_cloudformation_line_shift(tmp_path: Path) -> None:
    folder = tmp_path / "cfn"
    folder.mkdir()
    template = ('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Job:\n    Type: AWS::Glue::Job\n'
                "    Properties:\n      Role: arn:aws:iam::123456789012:role/glue\n      Command:\n"
                "        Name: glueetl\n        ScriptLocation: s3://bucket/script.py\n")
    (folder / "t.yaml").write_text(template)
    base = make_baseline(folder)
    (folder / "t.yaml").write_text("# stack of the data platform\n\n" + template.replace(
        "    Properties:\n", "    # the job\n    Properties:\n      Description: nightly\n"))
    assert new_rules(folder, base) == []


@pytest.mark.parametrize("content", ["{not json", "[]", '{"findings": 3}', '"text"', "\xff\xfe"])
def test_corrupt_baseline_exits_2(tmp_path: Path, content: str) -> None:
    folder = project(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="latin-1")
    out = check(folder, bad)
    assert out.exit_code == 2, out.output
    assert "bad.json" in out.stderr and "Traceback" not in out.stderr + out.output


def test_missing_baseline_exits_2(tmp_path: Path) -> None:
    out = check(project(tmp_path), tmp_path / "absent.json")
    assert out.exit_code == 2 and "absent.json" in out.stderr


def test_baseline_respects_config(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / ".gluelint.toml").write_text('ignore = ["GL4"]\n')
    base = make_baseline(folder)
    assert "GL401" not in {f["rule"] for f in json.loads(base.read_text())["findings"]}
    (folder / ".gluelint.toml").unlink()
    assert {r for r, _ in new_rules(folder, base)} == {"GL401"}
