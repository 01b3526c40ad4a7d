"""Price data: per-region rate tables (pricing/aws/<vintage>/<region>.toml), billing rules and presets."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from gluelint.knowledge import load_data

Confidence = Literal["confirmed", "secondary", "assumed"]
DEFAULT_REGION = "us-east-1"


class Rate(BaseModel):
    """One cell of a rate table: USD per DPU-hour (M-DPU-hour for ray / memory_optimized)."""

    model_config = ConfigDict(frozen=True)

    kind: str
    usd_per_unit_hour: float
    confidence: Confidence
    source: str
    unit: str = "DPU"
    # The date of the source the cell came from (its publication or retrieval date).
    date: str | None = None
    sku: str | None = None
    # A different value an older source gave.
    note: str | None = None
    # Set when the cell is missing and the region's etl rate stands in for it.
    fallback_from: str | None = None


class NotPriced(LookupError):
    """A kind no source prices (regions.toml ``[unpriced]``): there is no number to give, not even an assumed one."""


class Unpriced(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: str
    reason: str
    # The sources the import read (shape, file, date) that name no rate for the kind.
    sources: str


class RateTable(BaseModel):
    model_config = ConfigDict(frozen=True)

    region: str
    vintage: str
    source: str
    retrieved: str
    currency: str = "USD"
    rates: dict[str, Rate]

    def rate(self, kind: str) -> Rate:
        """The rate for ``kind``; a missing cell falls back to the etl rate, labelled ``assumed`` — except a kind
        the price data records as not priced (Data Quality), which raises :class:`NotPriced`."""
        found = self.rates.get(kind)
        if found is not None:
            return found
        unpriced = unpriced_kinds(self.vintage).get(kind)
        if unpriced is not None:
            raise NotPriced(f"{unpriced.label} is not priced: {unpriced.reason} (sources read: {unpriced.sources})")
        etl = self.rates["etl"]
        unit = "M-DPU" if kind in billing().m_dpu_kinds else etl.unit
        return Rate(kind=kind, usd_per_unit_hour=etl.usd_per_unit_hour, confidence="assumed", unit=unit,
                    source=f"no {kind} rate known for {self.region}; the region's etl rate is assumed",
                    fallback_from="etl", date=etl.date)


def _aws_root() -> Traversable:
    return resources.files("gluelint.pricing").joinpath("aws")


def vintages() -> list[str]:
    """Price vintages shipped, oldest first (folder names sort by date: ``2026-11``)."""
    root = _aws_root()
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def latest_vintage() -> str:
    found = vintages()
    if not found:
        raise LookupError("no price tables shipped under pricing/aws/")
    return found[-1]


def table_from_dict(data: dict[str, Any], vintage: str) -> RateTable:
    rates = {kind: Rate(kind=kind, **cell) for kind, cell in data.get("rates", {}).items()}
    if "etl" not in rates:
        raise ValueError(f"rate table for {data.get('region')} has no etl rate")
    return RateTable(region=str(data["region"]), vintage=vintage, source=str(data["source"]),
                     retrieved=str(data["retrieved"]), currency=str(data.get("currency", "USD")), rates=rates)


@cache
def load_table(region: str, vintage: str | None = None) -> RateTable | None:
    """The rate table of ``region`` in ``vintage`` (default: the newest that has the region)."""
    if region == INDEX[: -len(".toml")]:
        return None
    candidates = [vintage] if vintage else list(reversed(vintages()))
    for v in candidates:
        path = _aws_root().joinpath(v).joinpath(f"{region}.toml")
        if path.is_file():
            return table_from_dict(tomllib.loads(path.read_text(encoding="utf-8")), v)
    return None


INDEX = "regions.toml"


def regions(vintage: str | None = None) -> list[str]:
    """Regions with a rate table in ``vintage``."""
    v = vintage or latest_vintage()
    folder = _aws_root().joinpath(v)
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml") and p.name != INDEX)


class RegionEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    table: str | None = None
    # Why the region has no table.
    missing: str | None = None


@cache
def region_index(vintage: str | None = None) -> dict[str, RegionEntry]:
    """Every region where Glue runs (the import's index) with its table or the reason it has none."""
    v = vintage or latest_vintage()
    path = _aws_root().joinpath(v).joinpath(INDEX)
    if not path.is_file():
        return {name: RegionEntry(table=f"{name}.toml") for name in regions(v)}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {name: RegionEntry(**entry) for name, entry in data.get("region", {}).items()}


@cache
def unpriced_kinds(vintage: str | None = None) -> dict[str, Unpriced]:
    """The kinds the price data of ``vintage`` records as not priced (regions.toml ``[unpriced]``)."""
    v = vintage or latest_vintage()
    path = _aws_root().joinpath(v).joinpath(INDEX)
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {kind: Unpriced(**entry) for kind, entry in data.get("unpriced", {}).items()}


def missing_reason(region: str, vintage: str | None = None) -> str:
    entry = region_index(vintage).get(region)
    if entry is not None and entry.missing:
        return entry.missing
    return "not a region where AWS Glue runs (cfn-lint's region list)" if entry is None else "no table shipped"


class Minimum(BaseModel):
    model_config = ConfigDict(frozen=True)

    minutes: float
    confidence: Confidence
    source: str


class Billing(BaseModel):
    model_config = ConfigDict(frozen=True)

    hours_per_month: float
    gen2_min_version: str
    gen2_min_version_source: str
    # gluelint's rate kinds, in table order (pricing/billing.toml), and those AWS bills per M-DPU-hour.
    rate_kinds: list[str]
    m_dpu_kinds: frozenset[str]
    m_dpu_kinds_source: str
    # The rate kind of each non-Spark command kind (pythonshell, ray).
    command_rate_kinds: dict[str, str]
    minimum: dict[str, Minimum]


@cache
def billing() -> Billing:
    return Billing.model_validate(load_data("gluelint.pricing", "billing.toml"))


@cache
def source_names() -> dict[str, Any]:
    """How AWS's price data names each rate kind (pricing/sources.toml)."""
    return load_data("gluelint.pricing", "sources.toml")
