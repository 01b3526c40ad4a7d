"""``gluelint pricing import``: rate tables from AWS's own Glue price data, one cell per region and kind, each
with its source and date.

Three shapes are read (all documented in pricing/sources.toml, which names the kinds):
- the Price List offer file for service code AWSGlue (bulk ``index.json`` or ``aws pricing get-products``
  output; gluelint.cost.offer): ``usagetype`` names the kind;
- AWS's pricing-page data file (``meteredUnitMaps/glue/USD/current/glue.json``): ``regions.<location>.<group>`` =
  ``{rateCode, price}``, the group names being Price List groups; the date is ``manifest.hawkFilePublicationDate``;
- a Price List extraction excerpt: ``{meta: {region, source, fetchedAt}, glueDpuHour: {standard, glue_6, flex,
  flex_glue_6}, glueCrawlerDpuHour}``.

Cells from several sources merge: AWS's own files beat an extraction, then the newest source wins a cell (a
disagreement is noted on the cell). A kind no source lists is filled as pricing/sources.toml ``[assumed]`` says
and labelled ``assumed`` with the reason, except the ``[unpriced]`` kinds (Data Quality): never filled, they are
listed in ``regions.toml`` as not priced, with the reason and the sources read.
Regions come from cfn-lint's provider schemas (every region where ``AWS::Glue::Job`` exists); one without data
gets no table, and the index (``regions.toml``) says so.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from gluelint.cost.tables import billing
from gluelint.cost.tables import source_names as mapping

PAGE_SOURCE = "AWS pricing-page data file (meteredUnitMaps/glue/USD/current/glue.json)"


class PriceImportError(Exception):
    """A file in none of the documented shapes."""


@dataclass(frozen=True)
class Cell:
    region: str
    kind: str
    usd: Decimal
    source: str
    date: str
    confidence: str
    unit: str = "DPU"
    sku: str | None = None
    note: str | None = None


@dataclass
class Imported:
    cells: list[Cell] = field(default_factory=list)
    # Per source file: its shape, date and sha256 (the provenance written beside the tables).
    files: list[dict[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # Pricing-page prices by (region, regionless rate code), for [assumed] candidates.
    page_codes: dict[tuple[str, str], Decimal] = field(default_factory=dict)


def unit_of(kind: str) -> str:
    return "M-DPU" if kind in billing().m_dpu_kinds else "DPU"


def _decimal(text: Any) -> Decimal | None:
    try:
        value = Decimal(str(text))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() and value >= 0 else None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PriceImportError(f"{path}: cannot read: {exc}") from None


def read_page(path: Path, data: dict[str, Any], out: Imported) -> None:
    manifest = data.get("manifest") or {}
    date = str(manifest.get("hawkFilePublicationDate") or "")[:10]
    if not date:
        raise PriceImportError(f"{path}: pricing-page data without manifest.hawkFilePublicationDate")
    groups, locations = mapping()["page"]["groups"], mapping()["page"]["locations"]
    for location, entries in (data.get("regions") or {}).items():
        region = locations.get(location)
        if region is None:
            if location != "Any":  # "Any" is the catalog's region-less free tier
                out.skipped.append(f"{path.name}: location {location!r} has no region code in pricing/sources.toml")
            continue
        for name, entry in entries.items():
            if not isinstance(entry, dict):
                continue
            price = _decimal(entry.get("price"))
            if price is None:
                continue
            code = str(entry.get("RegionlessRateCode", ""))
            out.page_codes[(region, code)] = price
            kind = groups.get(name)
            if kind is None:
                continue
            sku = str(entry.get("rateCode", "")).split(".")[0] or None
            out.cells.append(Cell(region, kind, price, f"{PAGE_SOURCE}, group {name!r}, SKU {sku}", date,
                                  "confirmed", unit_of(kind), sku))
    out.files.append({"file": path.name, "shape": "AWS pricing-page data file", "date": date})


def read_extraction(path: Path, data: dict[str, Any], out: Imported) -> None:
    meta = data.get("meta") or {}
    region, date = str(meta.get("region") or ""), str(meta.get("fetchedAt") or "")[:10]
    if not region or not date:
        raise PriceImportError(f"{path}: extraction without meta.region or meta.fetchedAt")
    keys = mapping()["extraction"]["keys"]
    values = dict(data.get("glueDpuHour") or {})
    values["glueCrawlerDpuHour"] = data.get("glueCrawlerDpuHour")
    origin = str(meta.get("source") or "AWS Price List")
    for key, kind in keys:
        price = _decimal(values.get(key)) if values.get(key) is not None else None
        if price is None:
            continue
        out.cells.append(Cell(region, kind, price, f"{origin} extraction ({path.name}), key {key!r}", date,
                              "secondary", unit_of(kind)))
    out.files.append({"file": path.name, "shape": "Price List extraction excerpt", "date": date})


def read_offer_cells(path: Path, out: Imported) -> None:
    from gluelint.cost.offer import OfferError, read_offer

    try:
        offer = read_offer(path)
    except OfferError as exc:
        raise PriceImportError(str(exc)) from None
    date = (offer.publication_date or "")[:10]
    for region, kinds in offer.rates.items():
        for kind, rate in kinds.items():
            out.cells.append(Cell(region, kind, Decimal(repr(rate.usd)),
                                  f"AWS Price List offer file ({path.name}), usage type {rate.usage_type}", date,
                                  "confirmed", unit_of(kind), rate.sku))
    out.skipped += [f"{path.name}: {s}" for s in offer.skipped]
    out.files.append({"file": path.name, "shape": "AWS Price List offer file", "date": date})


def read_sources(paths: list[Path]) -> Imported:
    out = Imported()
    for path in paths:
        data = _read_json(path)
        if not isinstance(data, dict):
            raise PriceImportError(f"{path}: not AWS price data (top level is not an object)")
        before = len(out.files)
        if "regions" in data and "manifest" in data:
            read_page(path, data, out)
        elif "glueDpuHour" in data:
            read_extraction(path, data, out)
        else:
            read_offer_cells(path, out)
        out.files[before]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


_RANK = {"assumed": 0, "secondary": 1, "confirmed": 2}


def merge(cells: list[Cell]) -> dict[str, dict[str, Cell]]:
    """One cell per region and kind: AWS's own data beats an extraction, then the newest source wins; a
    different value from the source that lost is noted on the cell."""
    table: dict[str, dict[str, Cell]] = {}
    for cell in sorted(cells, key=lambda c: (_RANK[c.confidence], c.date)):
        old = table.setdefault(cell.region, {}).get(cell.kind)
        if old is not None and old.usd != cell.usd:
            cell = replace(cell, note=f"{old.source} ({old.date}) lists {old.usd.normalize()}")
        table[cell.region][cell.kind] = cell
    return table


def _ratio(table: dict[str, dict[str, Cell]], kinds: list[str]) -> tuple[Decimal, list[str]] | None:
    """The ratio of two kinds' rates, when every region that lists both agrees on it."""
    top, bottom = kinds
    seen = {(r[top].usd / r[bottom].usd).quantize(Decimal("0.0001")): name for name, r in table.items()
            if top in r and bottom in r and r[bottom].usd and r[top].confidence != "assumed"}
    if len(seen) != 1:
        return None
    regions = sorted(name for name, r in table.items() if top in r and bottom in r)
    return next(iter(seen)), regions


def fill_assumed(table: dict[str, dict[str, Cell]], out: Imported) -> None:
    rules = mapping()["assumed"]
    for region, cells in table.items():
        if "etl" not in cells:
            continue
        for kind, rule in rules.items():
            if kind in cells:
                continue
            base = cells.get(rule["from"])
            if base is None:
                continue
            usd, how = base.usd, f"{rule['from']} rate {base.usd.normalize()}"
            candidate = out.page_codes.get((region, str(rule.get("candidate_rate_code", ""))))
            if candidate is not None:
                usd, how = candidate, f"candidate {candidate.normalize()} used"
            elif "ratio" in rule:
                found = _ratio(table, rule["ratio"])
                if found is None:
                    continue
                ratio, _ = found
                usd, how = (base.usd * ratio).quantize(Decimal("0.0001")), \
                    f"{rule['from']} rate {base.usd.normalize()} x {ratio.normalize()}"
            cells[kind] = Cell(region, kind, usd, f"{rule['reason']} ({how})", base.date, "assumed",
                               unit_of(kind))


def glue_regions() -> list[str]:
    """Every region where AWS::Glue::Job exists, from cfn-lint's bundled provider schemas."""
    from cfnlint.helpers import REGIONS

    return sorted(REGIONS)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def table_text(region: str, cells: dict[str, Cell], files: list[dict[str, str]]) -> str:
    newest = max(c.date for c in cells.values())
    def contributes(f: dict[str, str]) -> bool:
        page = f["shape"] == "AWS pricing-page data file"
        return any(f["file"] in c.source or (page and c.source.startswith(PAGE_SOURCE)) for c in cells.values())

    used = sorted({f"{f['shape']} {f['file']} ({f['date']})" for f in files if contributes(f)})
    m_dpu = ", ".join(sorted(billing().m_dpu_kinds))
    lines = [f"# AWS Glue rates for {region}, USD per DPU-hour (per M-DPU-hour for {m_dpu}).",
             "# Generated by `gluelint pricing import` from AWS's own price data: do not edit by hand; every cell",
             "# names its source and date, and a cell no source lists is labelled assumed with the reason.",
             f"region = {_q(region)}", f"source = {_q('; '.join(used))}", f"retrieved = {_q(newest)}",
             'currency = "USD"', ""]
    for kind in sorted(cells):
        c = cells[kind]
        lines += [f"[rates.{kind}]", f"usd_per_unit_hour = {float(c.usd)!r}", f"unit = {_q(c.unit)}",
                  f"confidence = {_q(c.confidence)}", f"source = {_q(c.source)}", f"date = {_q(c.date)}"]
        if c.sku:
            lines.append(f"sku = {_q(c.sku)}")
        if c.note:
            lines.append(f"note = {_q(c.note)}")
        lines.append("")
    return "\n".join(lines)


def unpriced_text(table: dict[str, dict[str, Cell]], files: list[dict[str, str]]) -> list[str]:
    """regions.toml's ``[unpriced.<kind>]`` entries: the kinds pricing/sources.toml ``[unpriced]`` names that no
    source priced in any region, with the reason and the sources (and their dates) that were read."""
    groups: dict[tuple[str, str], list[str]] = {}
    for f in files:
        groups.setdefault((f["shape"], f["date"]), []).append(f["file"])
    read = "; ".join(f"{shape} {names[0]} ({date})" if len(names) == 1 else f"{shape}s, {len(names)} files ({date})"
                     for (shape, date), names in sorted(groups.items(), key=lambda item: item[0][1]))
    lines: list[str] = []
    for kind, entry in mapping().get("unpriced", {}).items():
        if any(kind in cells for cells in table.values()):
            continue
        lines += [f"[unpriced.{kind}]", f"label = {_q(entry['label'])}", f"reason = {_q(entry['reason'])}",
                  f"sources = {_q(read)}", ""]
    return lines


def write(result: Imported, folder: Path) -> tuple[list[Path], list[str]]:
    """Write ``<folder>/<region>.toml`` for every region with an ETL rate and ``regions.toml`` listing every Glue
    region with its table or the reason it has none. Returns the tables written and the regions without one."""
    table = merge(result.cells)
    fill_assumed(table, result)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.toml"):
        old.unlink()
    written, missing = [], []
    index = ["# Every region where AWS Glue runs (cfn-lint's provider schemas) and its rate table.",
             "# Generated by `gluelint pricing import`.", ""]
    for f in result.files:
        index += ["[[source]]", *(f"{k} = {_q(v)}" for k, v in f.items()), ""]
    for region in sorted(set(glue_regions()) | set(table)):
        cells = table.get(region, {})
        index.append(f"[region.{_q(region)}]")
        if "etl" in cells:
            path = folder / f"{region}.toml"
            path.write_text(table_text(region, cells, result.files), encoding="utf-8")
            written.append(path)
            index += [f"table = {_q(path.name)}", ""]
        else:
            listed = cells or any(r == region for r, _ in result.page_codes)
            why = "the imported AWS price data lists no ETL job rate for this region" if listed else \
                "the imported AWS price data does not cover this region"
            missing.append(region)
            index += [f"missing = {_q(why)}", ""]
    index += unpriced_text(table, result.files)
    (folder / "regions.toml").write_text("\n".join(index), encoding="utf-8")
    return written, missing
