"""The result of one run: the inventory, findings, undecided checks, the rules that ran and the cost figures.

It sits next to the findings, below the engine, so reporters and baselines read it without importing the engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gluelint.cost.model import CostReport
from gluelint.findings import Finding, Undecided
from gluelint.findings.catalog import RuleMeta
from gluelint.model.inventory import Inventory


@dataclass
class RunResult:
    inventory: Inventory
    findings: list[Finding]
    undecided: list[Undecided]
    rules: list[RuleMeta]
    files_scanned: int
    costs: CostReport | None = None
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]
