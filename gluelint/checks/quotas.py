"""The service quotas a check compares against: the account's value when the configuration gives it
(``[tool.gluelint.quotas]``), else AWS's default from rules/glue/limits.toml — and how a message says which."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    # The name of the configuration file in use, so the advice names the table the user would edit.
    config_file: str | None = None

    def described(self) -> str:
        """``the default quota of 50 ("Max jobs per trigger", L-EEC98450, adjustable)`` or the account's."""
        if self.configured:
            where = self.config_file or "the configuration"
            return f"your account's quota of {_fmt(self.value)} (quotas.{self.key} in {where})"
        adjustable = ", adjustable" if self.quota.adjustable else ""
        return f"the default quota of {_fmt(self.value)} (\"{self.quota.name}\", {self.quota.code}{adjustable})"

    def how_to_set(self) -> str:
        """What to tell a user whose account has another value (empty once they have told gluelint)."""
        if self.configured or not self.quota.adjustable:
            return ""
        if self.config_file is not None and self.config_file.endswith(".gluelint.toml"):
            where = f"[quotas] in {self.config_file}"
        elif self.config_file is not None:
            where = f"[tool.gluelint.quotas] in {self.config_file}"
        else:
            where = "[tool.gluelint.quotas] in pyproject.toml (or [quotas] in .gluelint.toml)"
        return f"; if your account's quota is raised, tell gluelint with `{self.key} = <value>` under {where}"


def quota(config: Config, key: str) -> QuotaLimit:
    spec = limits().quotas.get(key)
    if spec is None:
        raise KeyError(f"no quota {key!r} in rules/glue/limits.toml [quotas]")
    configured = config.quota(key)
    # The file's name, not its path: the message stays the same wherever the repository is checked out.
    name = Path(config.source).name if config.source else None
    return QuotaLimit(key=key, quota=spec, value=spec.default if configured is None else configured,
                      configured=configured is not None, config_file=name)
