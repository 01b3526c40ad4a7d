"""What a check receives: the rule it runs for, the config, the inventory, the check date, the cost figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from gluelint.checks.registry import RuleMeta
from gluelint.config import Config
from gluelint.findings import Finding, Severity, Undecided
from gluelint.model.inventory import Inventory
from gluelint.model.resources import Resource
from gluelint.model.values import Span, Value


@dataclass
class RuleContext:
    meta: RuleMeta
    severity: Severity
    config: Config
    inventory: Inventory
    today: dt.date
    region: str | None = None
    # The cost estimator's results (gluelint.cost), for GL4/GL6 messages; set by the engine.
    costs: Any = None
    resource: Resource | None = None

    def finding(self, span: Span | None, message: str, *, resource: Resource | None = None,
                attribute: str | None = None, branch: str | None = None,
                severity: Severity | None = None) -> Finding:
        """A finding at ``span`` (the resource block when None); the message should name the resource."""
        owner = resource or self.resource
        where = span or (owner.span if owner is not None else Span(file="<unknown>"))
        if owner is not None and "<" in owner.scope:
            # The same module file instantiated from several root folders: say which instance this is.
            message = f"{message} [as called from {owner.scope.split('<', 1)[1]}]"
        if branch:
            message = f"{message} (when {branch})"
        return Finding(rule=self.meta.id, name=self.meta.name, severity=severity or self.severity,
                       message=message, span=where, resource=owner.address if owner else None,
                       resource_type=owner.resource_type if owner else None,
                       scope=owner.scope if owner else None, branch=branch,
                       attribute=attribute)

    def undecided(self, attribute: str, value: Value | None, *, resource: Resource | None = None) -> Undecided:
        owner = resource or self.resource
        return Undecided(rule=self.meta.id, resource=owner.address if owner else "", attribute=attribute,
                         expression=value.expression if value is not None else None,
                         reason=value.reason if value is not None else None,
                         span=value.span if value is not None else None)
