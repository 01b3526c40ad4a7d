"""Import rates from an AWS Price List offer file for service code AWSGlue.

Two shapes are read:
- the bulk offer file (``.../offers/v1.0/aws/AWSGlue/current/index.json``): ``products{sku: {attributes:
  {usagetype, regionCode, location, operation}}}`` and ``terms.OnDemand{sku: {term: {priceDimensions:
  {dim: {unit, pricePerUnit: {USD}}}}}}``;
- ``aws pricing get-products --service-code AWSGlue`` output: ``PriceList`` = JSON strings, each
  ``{product: {sku, attributes}, terms: {OnDemand: ...}}``.

Usage types (AWS Price List, offer ``AWSGlue``): ``<PREFIX>-ETL-DPU-Hour`` (etl), ``-ETL-Flex-DPU-Hour`` (etl_flex),
``-ETL-MemOptimized-DPU-Hour`` (memory_optimized), ``-ETL-DPU-Hour-Gen2`` (gen2). Python shell and Ray usage
type names are not confirmed by any source read: usage types naming ``PythonShell`` or ``Ray`` and ending in
``DPU-Hour`` are mapped to pythonshell / ray.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SOURCE = "AWS Price List offer file"
SERVICE_CODE = "AWSGlue"
_PREFIX = re.compile(r"^[A-Z]{2,4}\d-")
_EXACT = {
    "ETL-DPU-Hour": "etl",
    "ETL-Flex-DPU-Hour": "etl_flex",
    "ETL-MemOptimized-DPU-Hour": "memory_optimized",
    "ETL-DPU-Hour-Gen2": "gen2",
}


class OfferError(Exception):
    """The file is not an AWSGlue offer file in a documented shape."""


@dataclass
class ImportedRate:
    region: str
    kind: str
    usd: float
    usage_type: str
    unit: str


@dataclass
class OfferImport:
    rates: dict[str, dict[str, ImportedRate]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    publication_date: str | None = None


def rate_kind(usage_type: str) -> str | None:
    rest = _PREFIX.sub("", usage_type, count=1)
    if rest in _EXACT:
        return _EXACT[rest]
    lowered = rest.lower()
    if lowered.endswith("dpu-hour") and "flex" not in lowered:
        if "pythonshell" in lowered:
            return "pythonshell"
        if "ray" in lowered:
            return "ray"
    return None


def _products(data: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(attributes, on-demand terms of that sku) pairs, from either shape."""
    if isinstance(data.get("PriceList"), list):
        for item in data["PriceList"]:
            entry = json.loads(item) if isinstance(item, str) else item
            product = entry.get("product", {})
            yield product.get("attributes", {}), entry.get("terms", {}).get("OnDemand", {})
        return
    products, terms = data.get("products"), data.get("terms", {}).get("OnDemand", {})
    if not isinstance(products, dict):
        raise OfferError("neither 'products' (bulk offer file) nor 'PriceList' (get-products output) found")
    for sku, product in products.items():
        yield product.get("attributes", {}), terms.get(sku, {})


def _price(terms: dict[str, Any]) -> tuple[float, str] | None:
    for term in terms.values():
        dims = sorted(term.get("priceDimensions", {}).values(), key=lambda d: float(d.get("beginRange", 0) or 0))
        for dim in dims:
            value = dim.get("pricePerUnit", {}).get("USD")
            if value is not None:
                return float(value), str(dim.get("unit", ""))
    return None


def read_offer(path: Path) -> OfferImport:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OfferError(f"{path}: cannot read offer file: {exc}") from None
    if not isinstance(data, dict):
        raise OfferError(f"{path}: not an offer file (top level is not an object)")
    code = data.get("offerCode") or data.get("serviceCode")
    if code is not None and code != SERVICE_CODE:
        raise OfferError(f"{path}: offer for {code}, expected {SERVICE_CODE}")
    out = OfferImport(publication_date=data.get("publicationDate"))
    for attributes, terms in _products(data):
        usage = str(attributes.get("usagetype", ""))
        kind = rate_kind(usage)
        if kind is None:
            continue
        region = attributes.get("regionCode")
        price = _price(terms)
        if not region or price is None:
            out.skipped.append(f"{usage}: no regionCode or no on-demand USD price")
            continue
        out.rates.setdefault(str(region), {})[kind] = ImportedRate(str(region), kind, price[0], usage, price[1])
    if not out.rates:
        raise OfferError(f"{path}: no AWS Glue job DPU-hour rates found")
    return out


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def table_text(region: str, rates: dict[str, ImportedRate], origin: str, retrieved: str) -> str:
    source = f"{SOURCE} ({origin})"
    lines = [f"# AWS Glue rates for {region}, imported by `gluelint pricing import`. Kinds not in the offer",
             "# fall back to the etl rate (labelled assumed).",
             f"region = {_q(region)}", f"source = {_q(source)}", f"retrieved = {_q(retrieved)}",
             'currency = "USD"', ""]
    for kind in sorted(rates):
        r = rates[kind]
        unit = "M-DPU" if kind in ("ray", "memory_optimized") else "DPU"
        lines += [f"[rates.{kind}]", f"usd_per_unit_hour = {r.usd!r}", f"unit = {_q(unit)}",
                  'confidence = "confirmed"', f"source = {_q(f'{source}: usage type {r.usage_type}')}", ""]
    return "\n".join(lines)


def write_tables(result: OfferImport, out_dir: Path, vintage: str, origin: str,
                 retrieved: str | None = None) -> list[Path]:
    """Write one ``<out_dir>/<vintage>/<region>.toml`` per region that has an etl rate."""
    when = retrieved or (result.publication_date or "")[:10] or dt.date.today().isoformat()
    folder = out_dir / vintage
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for region in sorted(result.rates):
        rates = result.rates[region]
        if "etl" not in rates:
            result.skipped.append(f"{region}: no ETL-DPU-Hour rate; table not written")
            continue
        path = folder / f"{region}.toml"
        path.write_text(table_text(region, rates, origin, when), encoding="utf-8")
        written.append(path)
    return written
