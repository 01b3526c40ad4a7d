"""Import rates from an AWS Price List offer file for service code AWSGlue.

Two shapes are read:
- the bulk offer file (``.../offers/v1.0/aws/AWSGlue/current/index.json``): ``products{sku: {attributes:
  {usagetype, regionCode, location, operation}}}`` and ``terms.OnDemand{sku: {term: {priceDimensions:
  {dim: {unit, pricePerUnit: {USD}}}}}}``;
- ``aws pricing get-products --service-code AWSGlue`` output: ``PriceList`` = JSON strings, each
  ``{product: {sku, attributes}, terms: {OnDemand: ...}}``.

Usage types are ``<region prefix>-<name>``: the prefix is ``USE1``, ``EUC1``, ... or a bare ``EU``/``US``-style
code (``EU-ETL-DPU-Hour`` is eu-west-1), and some regions have none. The names and their kinds are data
(pricing/sources.toml ``[offer.usage_types]``: ``ETL-DPU-Hour``, ``ETL-Flex-DPU-Hour``, ``ETL-DPU-Hour-Gen2``,
``ETL-Flex-DPU-Hour-Gen2``, ``ETL-MemOptimized-DPU-Hour``, ``Crawler-DPU-Hour``, ...). Python shell and Ray usage
type names are not confirmed by any source read: usage types naming ``PythonShell`` or ``Ray`` and ending in
``DPU-Hour`` are mapped to pythonshell / ray.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gluelint.cost.tables import source_names

SOURCE = "AWS Price List offer file"
SERVICE_CODE = "AWSGlue"
_PREFIX = re.compile(r"^[A-Z]{2,4}\d?-")


class OfferError(Exception):
    """The file is not an AWSGlue offer file in a documented shape."""


@dataclass
class ImportedRate:
    region: str
    kind: str
    usd: float
    usage_type: str
    unit: str
    sku: str | None = None


@dataclass
class OfferImport:
    rates: dict[str, dict[str, ImportedRate]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    publication_date: str | None = None


def rate_kind(usage_type: str) -> str | None:
    """The kind a usage type bills: the name as it is (no prefix), else after its region prefix."""
    names: dict[str, str] = source_names()["offer"]["usage_types"]
    if usage_type in names:
        return names[usage_type]
    rest = _PREFIX.sub("", usage_type, count=1)
    if rest in names:
        return names[rest]
    lowered = rest.lower()
    if lowered.endswith("dpu-hour") and "flex" not in lowered:
        if "pythonshell" in lowered:
            return "pythonshell"
        if "ray" in lowered:
            return "ray"
    return None


def _products(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(sku, attributes, on-demand terms of that sku), from either shape."""
    if isinstance(data.get("PriceList"), list):
        for item in data["PriceList"]:
            entry = json.loads(item) if isinstance(item, str) else item
            product = entry.get("product", {})
            yield str(product.get("sku", "")), product.get("attributes", {}), entry.get("terms", {}).get("OnDemand", {})
        return
    products, terms = data.get("products"), data.get("terms", {}).get("OnDemand", {})
    if not isinstance(products, dict):
        raise OfferError("neither 'products' (bulk offer file) nor 'PriceList' (get-products output) found")
    for sku, product in products.items():
        yield str(sku), product.get("attributes", {}), terms.get(sku, {})


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
    for sku, attributes, terms in _products(data):
        usage = str(attributes.get("usagetype", ""))
        kind = rate_kind(usage)
        if kind is None:
            continue
        region = attributes.get("regionCode")
        price = _price(terms)
        if not region or price is None:
            out.skipped.append(f"{usage}: no regionCode or no on-demand USD price")
            continue
        out.rates.setdefault(str(region), {})[kind] = ImportedRate(str(region), kind, price[0], usage, price[1],
                                                                   sku or None)
    if not out.rates:
        raise OfferError(f"{path}: no AWS Glue job DPU-hour rates found")
    return out
