"""``gluelint cost`` and ``gluelint pricing``, end to end on Terraform files."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path

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
    code, out = _run("cost", str(_project(tmp_path, MAIN_TF)))
    assert code == 0, out
    assert "aws_glue_job.j" in out and "$6.60" in out and "$792.00" in out and "120" in out
    assert "Assumptions:" in out and "price vintage: 2026-11" in out


def test_cost_json_markdown_csv(tmp_path: Path) -> None:
    folder = _project(tmp_path, MAIN_TF)
    code, out = _run("cost", str(folder), "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert data["totals"]["monthly_usd"] == 792.0
    assert data["jobs"][0]["worst_case_run_usd"] == 6.6
    code, out = _run("cost", str(folder), "--format", "markdown")
    assert code == 0 and "| aws_glue_job.j |" in out and "**Total monthly: $792.00" in out
    code, out = _run("cost", str(folder), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["address"] == "aws_glue_job.j" and float(rows[0]["monthly_usd"]) == 792.0


def test_cost_compare(tmp_path: Path) -> None:
    base_dir = tmp_path / "base"
    base_dir.mkdir()
    (base_dir / "main.tf").write_text(MAIN_TF, encoding="utf-8")
    base_json = tmp_path / "base.json"
    code, out = _run("cost", str(base_dir), "--format", "json", "-o", str(base_json))
    assert code == 0, out
    head = _project(tmp_path, MAIN_TF.replace("number_of_workers = 10", "number_of_workers = 20"), EXTRA_TF)
    code, out = _run("cost", str(head), "--format", "markdown", "--compare", str(base_json))
    assert code == 0, out
    assert "## Glue cost change" in out
    assert "| changed | `aws_glue_job.j` | $792.00 | $1,584.00 | +$792.00 |" in out
    assert "| added | `aws_glue_job.k` |" in out
    # removed: compare the other way round
    head_json = tmp_path / "head.json"
    _run("cost", str(head), "--format", "json", "-o", str(head_json))
    code, out = _run("cost", str(base_dir), "--format", "json", "--compare", str(head_json))
    diff = json.loads(out)["compare"]
    assert [c["address"] for c in diff["removed"]] == ["aws_glue_job.k"]
    assert diff["monthly_delta_usd"] == -792.0


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
