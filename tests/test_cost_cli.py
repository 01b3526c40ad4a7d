"""``gluelint cost`` and ``gluelint pricing``, end to end on Terraform files."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from gluelint.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "pricing"

MAIN_TF = """
resource "aws_glue_job" "j" {
  name              = "j"
  role_arn          = "arn:aws:iam::123456789012:role/r"
  glue_version      = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 10
  timeout           = 90
  command {
    script_location = "s3://b/s.py"
  }
}

resource "aws_glue_trigger" "t" {
  name     = "t"
  type     = "SCHEDULED"
  schedule = "cron(0 */6 * * ? *)"
  actions {
    job_name = aws_glue_job.j.name
  }
}
"""

EXTRA_TF = """
resource "aws_glue_job" "k" {
  name              = "k"
  role_arn          = "arn:aws:iam::123456789012:role/r"
  glue_version      = "4.0"
  worker_type       = "G.1X"
  number_of_workers = 2
  timeout           = 60
  command {
    script_location = "s3://b/k.py"
  }
}
"""


def _project(tmp: Path, *texts: str) -> Path:
    folder = tmp / "proj"
    folder.mkdir(exist_ok=True)
    (folder / "main.tf").write_text("\n".join(texts), encoding="utf-8")
    return folder


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_cost_text(tmp_path: Path) -> None:
    code, out = _run("cost", str(_project(tmp_path, MAIN_TF)), "--today", "2026-12-01")
    assert code == 0, out
    # 10 DPU x 1.5 h x $0.44 = $6.60 a run; every 6 h = 4 x 365 / 12 = 121.67 runs; x $6.60 = $803.00
    assert "aws_glue_job.j" in out and "$6.60" in out and "$803.00" in out and "121.6667" in out
    assert "Assumptions:" in out and "price vintage: 2026-11" in out


def test_cost_json_markdown_csv(tmp_path: Path) -> None:
    folder = _project(tmp_path, MAIN_TF)
    code, out = _run("cost", str(folder), "--format", "json", "--today", "2026-12-01")
    assert code == 0, out
    data = json.loads(out)
    assert data["totals"]["monthly_worst_case_usd"] == 803.0
    assert data["totals"]["monthly_expected_usd"] == 0 and data["totals"]["jobs_with_expected"] == 0
    assert data["jobs"][0]["worst_case_run_usd"] == 6.6
    code, out = _run("cost", str(folder), "--format", "markdown", "--today", "2026-12-01")
    assert code == 0 and "| aws_glue_job.j |" in out and "**Monthly worst case: $803.00" in out
    code, out = _run("cost", str(folder), "--format", "csv", "--today", "2026-12-01")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["address"] == "aws_glue_job.j" and float(rows[0]["monthly_worst_case_usd"]) == 803.0
    assert rows[0]["name"] == "j" and rows[0]["file"].endswith("main.tf")


def test_cost_compare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base_dir = tmp_path / "base"
    base_dir.mkdir()
    (base_dir / "main.tf").write_text(MAIN_TF, encoding="utf-8")
    base_json = tmp_path / "base.json"
    monkeypatch.chdir(base_dir)  # base and head are the same paths in two checkouts, as in the GitHub Action
    code, out = _run("cost", ".", "--format", "json", "-o", str(base_json), "--today", "2026-12-01")
    assert code == 0, out
    head = _project(tmp_path, MAIN_TF.replace("number_of_workers = 10", "number_of_workers = 20"), EXTRA_TF)
    monkeypatch.chdir(head)
    code, out = _run("cost", ".", "--format", "markdown", "--compare", str(base_json), "--today", "2026-12-01")
    assert code == 0, out
    assert "## Glue cost change" in out
    # 20 DPUs: $13.20 a run x 121.67 = $1,606.00, +$803.00
    assert ("| changed | `aws_glue_job.j` | main.tf:2 | worst case $803.00 | worst case $1,606.00 | "
            "worst case +$803.00 |") in out
    assert "| added | `aws_glue_job.k` |" in out
    head_json = tmp_path / "head.json"
    _run("cost", ".", "--format", "json", "-o", str(head_json), "--today", "2026-12-01")
    monkeypatch.chdir(base_dir)
    code, out = _run("cost", ".", "--format", "json", "--compare", str(head_json), "--today", "2026-12-01")
    diff = json.loads(out)["compare"]
    assert [c["address"] for c in diff["removed"]] == ["aws_glue_job.k"]
    # removed k: no trigger, so no monthly figure; j: $1,606 -> $803
    assert diff["monthly_delta_usd"] == -803.0
    code, out = _run("cost", ".", "--format", "csv", "--compare", str(head_json), "--today", "2026-12-01")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["change"] for r in rows] == ["removed", "changed", "total"]
    assert float(rows[-1]["delta_monthly_worst_case_usd"]) == -803.0


def test_compare_unchanged_tree_has_no_phantoms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Figures that do not round to cents (121.6667 runs x $0.7333...) must still compare equal to their own JSON.
    odd = MAIN_TF.replace("timeout           = 90", "timeout           = 7").replace(
        "cron(0 */6 * * ? *)", "cron(0 */7 * * ? *)")
    folder = _project(tmp_path, odd, EXTRA_TF)
    monkeypatch.chdir(folder)
    own = tmp_path / "own.json"
    _run("cost", ".", "--format", "json", "-o", str(own))
    _, out = _run("cost", ".", "--format", "json", "--compare", str(own))
    diff = json.loads(out)["compare"]
    assert diff["changed"] == [] and diff["added"] == [] and diff["removed"] == []
    assert diff["monthly_delta_usd"] == 0 and diff["unchanged"]
    _, out = _run("cost", ".", "--format", "markdown", "--compare", str(own))
    assert "no cost change" in out


def test_two_folders_same_address_are_two_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for env, workers in (("dev", 10), ("prod", 20)):
        (tmp_path / env).mkdir()
        (tmp_path / env / "main.tf").write_text(MAIN_TF.replace("number_of_workers = 10",
                                                                f"number_of_workers = {workers}"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out = _run("cost", ".", "--format", "json", "--today", "2026-12-01")
    jobs = {j["file"]: j for j in json.loads(out)["jobs"]}
    # dev: 10 DPUs -> $803.00; prod: 20 DPUs -> $1,606.00 (never mixed up by the shared address)
    assert jobs["dev/main.tf"]["monthly_worst_case_usd"] == 803.0
    assert jobs["prod/main.tf"]["monthly_worst_case_usd"] == 1606.0
    base = tmp_path / "b.json"
    _run("cost", ".", "--format", "json", "-o", str(base), "--today", "2026-12-01")
    (tmp_path / "prod" / "main.tf").write_text(MAIN_TF, encoding="utf-8")
    _, out = _run("cost", ".", "--format", "json", "--compare", str(base), "--today", "2026-12-01")
    diff = json.loads(out)["compare"]
    assert [c["identity"] for c in diff["changed"]] == ["prod/main.tf:aws_glue_job.j"]
    assert diff["monthly_delta_usd"] == -803.0


def test_pr_delta_threshold_fails_compare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _project(tmp_path, MAIN_TF)
    monkeypatch.chdir(folder)
    base = tmp_path / "b.json"
    _run("cost", ".", "--format", "json", "-o", str(base), "--today", "2026-12-01")
    (folder / "main.tf").write_text(MAIN_TF.replace("number_of_workers = 10", "number_of_workers = 11"),
                                    encoding="utf-8")
    # +1 DPU: +$80.30 a month (121.67 x 1.5 h x $0.44), +10 % of $803.00
    (folder / ".gluelint.toml").write_text("[budget]\npr_delta_usd = 100\npr_delta_percent = 5\n", encoding="utf-8")
    code, out = _run("cost", ".", "--compare", str(base), "--today", "2026-12-01")
    assert code == 1 and "rises 10.0%, over budget.pr_delta_percent 5%" in out
    (folder / ".gluelint.toml").write_text("[budget]\npr_delta_usd = 50\n", encoding="utf-8")
    code, out = _run("cost", ".", "--compare", str(base), "--today", "2026-12-01")
    assert code == 1 and "rises $80.30, over budget.pr_delta_usd $50.00" in out


def test_cost_compare_bad_base(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    code, _ = _run("cost", str(_project(tmp_path, MAIN_TF)), "--compare", str(bad))
    assert code == 2


def test_pricing_show() -> None:
    code, out = _run("pricing", "show")
    assert code == 0, out
    assert "etl_flex" in out and "$0.29" in out and "assumed" in out
    assert "medium_etl" in out and "$3,212.00" in out  # 10 DPU x 730 h x $0.44
    code, out = _run("pricing", "show", "--region", "eu-south-1")
    assert code == 0 and "$0.52" in out


def test_pricing_import_bulk(tmp_path: Path) -> None:
    code, out = _run("pricing", "import", str(FIXTURES / "offer_bulk.json"), "--vintage", "2099-01",
                     "--output-dir", str(tmp_path))
    assert code == 0, out
    table = tomllib.loads((tmp_path / "2099-01" / "eu-south-1.toml").read_text(encoding="utf-8"))
    assert table["source"].startswith("AWS Price List offer file")
    assert table["retrieved"] == "2026-11-01"
    assert table["rates"]["etl"]["usd_per_unit_hour"] == 0.52
    assert table["rates"]["etl_flex"]["usd_per_unit_hour"] == 0.34
    assert table["rates"]["memory_optimized"]["usd_per_unit_hour"] == 0.62
    assert table["rates"]["gen2"]["usd_per_unit_hour"] == 0.5
    assert all(cell["confidence"] == "confirmed" for cell in table["rates"].values())
    assert "crawler" not in json.dumps(table).lower()
    assert (tmp_path / "2099-01" / "us-east-1.toml").exists()


def test_pricing_import_get_products(tmp_path: Path) -> None:
    code, out = _run("pricing", "import", str(FIXTURES / "get_products.json"), "--vintage", "2099-02",
                     "--output-dir", str(tmp_path))
    assert code == 0, out
    table = tomllib.loads((tmp_path / "2099-02" / "eu-west-1.toml").read_text(encoding="utf-8"))
    assert table["rates"]["etl_flex"]["usd_per_unit_hour"] == 0.29


def test_pricing_import_rejects_other_service(tmp_path: Path) -> None:
    other = tmp_path / "ec2.json"
    other.write_text(json.dumps({"offerCode": "AmazonEC2", "products": {}, "terms": {}}), encoding="utf-8")
    code, _ = _run("pricing", "import", str(other), "--output-dir", str(tmp_path))
    assert code == 2
