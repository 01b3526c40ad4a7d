"""Price tables, the estimator and cost reports."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gluelint.config import Config
    from gluelint.cost.model import CostReport
    from gluelint.cost.usage import UsageHistory
    from gluelint.model.inventory import Inventory

__all__ = ["estimate_inventory"]


def estimate_inventory(inventory: Inventory, config: Config, region: str | None, today: dt.date | None = None,
                       usage: UsageHistory | None = None) -> CostReport:
    from gluelint.cost.estimate import estimate_inventory as _estimate

    return _estimate(inventory, config, region, today, usage)


def __getattr__(name: str) -> Any:  # pragma: no cover - convenience re-exports
    if name in ("CostReport", "JobCost"):
        from gluelint.cost import model

        return getattr(model, name)
    raise AttributeError(name)
