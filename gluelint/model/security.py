"""The security configuration(s) a job, crawler or endpoint resolves to, per branch, and the effective mode of
each encryption part of one configuration (defaults from rules/glue/security.toml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from gluelint.knowledge.security import security
from gluelint.model.outcomes import split_leaves
from gluelint.model.resources import Resource, SecurityConfiguration
from gluelint.model.values import Value

if TYPE_CHECKING:
    from gluelint.model.inventory import Inventory, Link


def security_links(inventory: Inventory, owner: Resource,
                   value: Value | None) -> Iterator[tuple[str | None, Link]]:
    """The security configuration each branch of ``value`` (an owner's ``security_configuration``) names."""
    if value is None:
        return
    for label, leaf in value.leaves():
        yield label, inventory.security_configuration_of(owner, leaf)


def encryption_modes(config: SecurityConfiguration,
                     part_id: str) -> tuple[list[tuple[str | None, str, Value | None]], list[Value]]:
    """The effective mode of one encryption part per branch — (branch, mode, the value as written or None
    when absent and defaulted) — and the outcomes unknown until apply."""
    part = security().part_by_id(part_id)
    value: Value | None = getattr(config, part.mode_field)
    if value is None:
        return [(None, part.default, None)], []
    known, unknown = split_leaves(value)
    return [(label, leaf.as_str() or part.default, leaf) for label, leaf in known], unknown
