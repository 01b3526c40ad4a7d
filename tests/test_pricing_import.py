"""`gluelint pricing import` from AWS's own data shapes, and `gluelint pricing show`: hand-checked cells."""

from __future__ import annotations

import tomllib
from pathlib import Path

from click.testing import CliRunner

from gluelint.cli import main
from gluelint.cost.offer import rate_kind

FIXTURES = Path(__file__).parent / "fixtures" / "pricing"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _import(tmp_path: Path, *names: str) -> Path:
    code, out = _run("pricing", "import", *(str(FIXTURES / n) for n in names), "--output-dir", str(tmp_path),
                     "--vintage", "test")
    assert code == 0, out
    return tmp_path / "test"


def _table(folder: Path, region: str) -> dict[str, dict[str, object]]:
    return tomllib.loads((folder / f"{region}.toml").read_text())["rates"]


def test_usage_types_with_every_prefix_shape() -> None:
    assert rate_kind("EU-ETL-DPU-Hour") == "etl"  # eu-west-1's bare two-letter prefix
    assert rate_kind("USE1-ETL-Flex-DPU-Hour-Gen2") == "etl_flex_gen2"
    assert rate_kind("EUC1-ETL-DPU-Hour-Gen2") == "gen2"
    assert rate_kind("ETL-DPU-Hour") == "etl"  # no prefix at all
    assert rate_kind("APS2-Crawler-DPU-Hour") == "crawler"
    assert rate_kind("EU-GlueInteractiveSession-MemOptimized-DPU-Hour") == "ray_interactive_session"
    assert rate_kind("USE1-Catalog-Request") is None


def test_pricing_page_and_extraction_merge_with_sources_and_dates(tmp_path: Path) -> None:
    folder = _import(tmp_path, "pricing_page.json", "extraction_us-east-1.json")
    use1 = _table(folder, "us-east-1")
    # AWS's own pricing-page file wins over the extraction for the same cell (both say 0.44).
    assert use1["etl"]["usd_per_unit_hour"] == 0.44 and use1["etl"]["confidence"] == "confirmed"
    assert use1["etl"]["date"] == "2025-12-01" and "SKU CXGYW3G8GS2SN9UG" in str(use1["etl"]["source"])
    # Gen2 is only in the 2026-09 extraction: 0.308 and Flex Gen2 0.203, secondary.
    assert use1["gen2"] == {**use1["gen2"], "usd_per_unit_hour": 0.308, "confidence": "secondary",
                            "date": "2026-09-03"}
    assert use1["etl_flex_gen2"]["usd_per_unit_hour"] == 0.203
    # Memory-optimized: the unnamed 0.52 SKU group is used as a candidate, labelled assumed.
    assert use1["memory_optimized"]["usd_per_unit_hour"] == 0.52
    assert use1["memory_optimized"]["confidence"] == "assumed" and use1["memory_optimized"]["unit"] == "M-DPU"
    assert use1["pythonshell"]["confidence"] == "assumed" and use1["pythonshell"]["usd_per_unit_hour"] == 0.44


def test_missing_kinds_are_assumed_with_the_reason(tmp_path: Path) -> None:
    folder = _import(tmp_path, "pricing_page.json", "extraction_us-east-1.json")
    sae1 = _table(folder, "sa-east-1")
    assert sae1["etl"]["usd_per_unit_hour"] == 0.69 and sae1["etl_flex"]["usd_per_unit_hour"] == 0.46
    # Gen2 for Sao Paulo: its ETL rate 0.69 x the Gen2/ETL ratio seen in us-east-1 (0.308 / 0.44 = 0.7) = 0.483;
    # Flex Gen2: 0.46 x (0.203 / 0.29 = 0.7) = 0.322.
    assert sae1["gen2"]["usd_per_unit_hour"] == 0.483 and sae1["gen2"]["confidence"] == "assumed"
    assert "x 0.7" in str(sae1["gen2"]["source"])
    assert sae1["etl_flex_gen2"]["usd_per_unit_hour"] == 0.322
    # No candidate SKU in Sao Paulo: memory-optimized falls back to its ETL rate, assumed.
    assert sae1["memory_optimized"]["usd_per_unit_hour"] == 0.69
    assert "unconfirmed" in str(sae1["memory_optimized"]["source"])
    assert sae1["ray"]["confidence"] == "assumed"


def test_every_glue_region_is_indexed_and_missing_ones_say_why(tmp_path: Path) -> None:
    from cfnlint.helpers import REGIONS

    folder = _import(tmp_path, "pricing_page.json")
    index = tomllib.loads((folder / "regions.toml").read_text())
    assert sorted(index["region"]) == sorted(REGIONS) and len(REGIONS) >= 45
    assert index["region"]["us-east-1"] == {"table": "us-east-1.toml"}
    assert "no ETL job rate" in index["region"]["ap-southeast-5"]["missing"]  # catalog rows only
    assert "does not cover" in index["region"]["cn-north-1"]["missing"]
    assert index["source"][0]["date"] == "2025-12-01" and len(index["source"][0]["sha256"]) == 64
    assert not (folder / "ap-southeast-5.toml").exists()


def test_offer_file_gen2_and_eu_prefix(tmp_path: Path) -> None:
    folder = _import(tmp_path, "offer_bulk.json")
    eus1 = _table(folder, "eu-south-1")
    assert eus1["gen2"]["usd_per_unit_hour"] == 0.5 and eus1["gen2"]["confidence"] == "confirmed"
    assert eus1["crawler"]["usd_per_unit_hour"] == 0.52
    assert "usage type EUS1-ETL-DPU-Hour-Gen2" in str(eus1["gen2"]["source"])


def test_import_never_writes_into_the_package_by_default(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    mp = pytest.MonkeyPatch()
    mp.chdir(tmp_path)
    try:
        code, out = _run("pricing", "import", str(FIXTURES / "pricing_page.json"))
    finally:
        mp.undo()
    assert code == 2 and "--output-dir" in out


def test_pricing_show_lists_every_region_with_source_and_date() -> None:
    from cfnlint.helpers import REGIONS

    code, out = _run("pricing", "show", "--region", "eu-west-1")
    assert code == 0, out
    lines = {line.split()[0]: line for line in out.splitlines() if line.split() and line.split()[0] in REGIONS}
    assert set(lines) == set(REGIONS)
    assert "2025-12-01" in lines["eu-west-1"] and "pricing-page data file" in lines["eu-west-1"]
    assert "no table" in lines["cn-north-1"]
    assert "Rates for eu-west-1" in out


def test_pricing_show_region_without_table_exits_2() -> None:
    code, out = _run("pricing", "show", "--region", "cn-north-1")
    assert code == 2 and "no price table for region cn-north-1" in out


def test_data_quality_is_not_priced_never_guessed(tmp_path: Path) -> None:
    import pytest

    from gluelint.cost.tables import NotPriced, load_table

    folder = _import(tmp_path, "pricing_page.json", "extraction_us-east-1.json")
    use1 = _table(folder, "us-east-1")
    assert "data_quality" not in use1  # no stand-in cell, not even an assumed one
    index = tomllib.loads((folder / "regions.toml").read_text(encoding="utf-8"))
    gap = index["unpriced"]["data_quality"]
    assert gap["label"] == "Data Quality" and "no Data Quality group" in gap["reason"]
    # The sources read, with their dates: the pricing page of 2025-12-01 and the extraction of 2026-09-03.
    assert "pricing-page data file pricing_page.json (2025-12-01)" in gap["sources"]
    assert "extraction_us-east-1.json (2026-09-03)" in gap["sources"]
    # The shipped tables say the same; asking for the rate raises instead of falling back to etl.
    shipped = load_table("us-east-1")
    assert shipped is not None and "data_quality" not in shipped.rates
    with pytest.raises(NotPriced, match=r"Data Quality is not priced: .*\(2025-12-01\)"):
        shipped.rate("data_quality")
    code, out = _run("pricing", "show", "--region", "us-east-1")
    assert code == 0 and "Not priced: data_quality (Data Quality), no figure given" in out
    assert "(2025-12-01)" in out.split("Not priced: data_quality", 1)[1]
    fallback = next((line for line in out.splitlines() if line.startswith("Not in the sources")), "")
    assert "data_quality" not in fallback
