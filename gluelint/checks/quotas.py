"""The service quotas a check compares against: the account's value when the configuration gives it
(``[tool.gluelint.quotas]``), else AWS's default from rules/glue/limits.toml — and how a message says which."""

from __future__ import annotations

from dataclasses import dataclass

from gluelint.config import Config
from gluelint.knowledge.limits import Quota, limits


def _fmt(n: float) -> str:
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,g}"


@dataclass(frozen=True)
class QuotaLimit:
    key: str  # the name under [tool.gluelint.quotas]
    quota: Quota
    value: float
    # True when the configuration gives the account's value: a finding keeps its rule's severity; against
    # AWS's default the checks report their ``default_quota`` variant (the account may have raised it).
    configured: bool

    def described(self) -> str:
        """``the default quota of 50 ("Max jobs per trigger", L-EEC98450, adjustable)`` or the account's."""
        if self.configured:
            return f"your account's quota of {_fmt(self.value)} (quotas.{self.key} in the gluelint configuration)"
        adjustable = ", adjustable" if self.quota.adjustable else ""
        return f"the default quota of {_fmt(self.value)} (\"{self.quota.name}\", {self.quota.code}{adjustable})"

    def how_to_set(self) -> str:
        """What to tell a user whose account has another value (empty once they have told gluelint)."""
        if self.configured or not self.quota.adjustable:
            return ""
        return (f"; if your account's quota is raised, tell gluelint with `{self.key} = <value>` under "
                "[tool.gluelint.quotas]")


def quota(config: Config, key: str) -> QuotaLimit:
    spec = limits().quotas.get(key)
    if spec is None:
        raise KeyError(f"no quota {key!r} in rules/glue/limits.toml [quotas]")
    configured = config.quota(key)
    return QuotaLimit(key=key, quota=spec, value=spec.default if configured is None else configured,
                      configured=configured is not None)
