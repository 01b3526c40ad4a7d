"""The check registry: check functions bound by ID to rules of the catalog (gluelint.findings.catalog)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from gluelint.findings import Finding, Undecided
from gluelint.findings.catalog import ENGINE_RULES, catalog

Result = Finding | Undecided
F = TypeVar("F", bound=Callable[..., Iterable[Result]])


@dataclass(frozen=True)
class Check:
    rule_id: str
    # The model class the check runs on once per instance, or None for checks over the whole inventory.
    target: type[Any] | None
    fn: Callable[..., Iterable[Result]]


_CHECKS: list[Check] = []


def check(rule_id: str, target: type[Any] | None = None) -> Callable[[F], F]:
    """Bind a check function to a catalog rule. ``target=None`` runs it once with the inventory."""

    if rule_id not in catalog():
        # A check whose ID the catalog lacks would never run (nothing selects it): fail at import instead.
        raise LookupError(f"@check({rule_id!r}): no such rule in rules/catalog.toml; add its entry first")
    if rule_id in ENGINE_RULES:
        raise LookupError(f"@check({rule_id!r}): {rule_id} is reported by the engine, not by a check")

    def register(fn: F) -> F:
        _CHECKS.append(Check(rule_id=rule_id, target=target, fn=fn))
        return fn

    return register


def registered() -> list[Check]:
    """The checks registered so far (``gluelint.checks.all_checks`` loads every pack first)."""
    return list(_CHECKS)
