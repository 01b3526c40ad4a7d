"""gluelint configuration: ``[tool.gluelint]`` in pyproject.toml or a ``.gluelint.toml``, validated."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from gluelint.findings import Severity


class ConfigError(Exception):
    """A configuration file that cannot be used: the CLI exits 2 with this message."""


class Budget(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    max_run_usd: float | None = Field(default=None, ge=0)
    max_monthly_usd_per_job: float | None = Field(default=None, ge=0)
    max_monthly_usd: float | None = Field(default=None, ge=0)
    # Monthly budgets per group: "tag:team=data" or "path:prod/" -> USD (worst case, else expected).
    groups: dict[str, float] = Field(default_factory=dict)
    # A pull request whose monthly worst-case delta exceeds either threshold fails `gluelint cost --compare`.
    pr_delta_usd: float | None = Field(default=None, ge=0)
    pr_delta_percent: float | None = Field(default=None, ge=0)


class Preset(BaseModel):
    model_config = ConfigDict(extra="forbid")

    worker_type: str | None = None
    number_of_workers: int | None = Field(default=None, ge=1)
    max_capacity: float | None = Field(default=None, gt=0)
    command: str | None = None
    description: str = ""


class JobSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    workload: str | None = None
    expected_minutes: float | None = Field(default=None, gt=0)
    runs_per_month: float | None = Field(default=None, ge=0)
    # A streaming job documented as running all month although it has a timeout.
    continuous: bool = False
    # DPUs of a crawler (AWS chooses them; its cost is unknown without this).
    dpus: float | None = Field(default=None, gt=0)


class CostSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Private pricing: every list rate is lowered by this percentage.
    discount_percent: float | None = Field(default=None, ge=0, lt=100)
    # Default --group-by of `gluelint cost` ("tag:team" or "path").
    group_by: str | None = None
    # GL610, a gluelint policy (not a Glue fact): a job's effective timeout is "far above" its run history when
    # it is at least timeout_p95_factor x the p95 ExecutionTime AND at least timeout_p95_margin_minutes above
    # it, over at least timeout_p95_min_runs runs that ended; the suggested timeout is timeout_p95_headroom x
    # the p95, rounded up to a whole minute.
    timeout_p95_factor: float = Field(default=3.0, gt=1)
    timeout_p95_margin_minutes: float = Field(default=60.0, ge=0)
    timeout_p95_min_runs: int = Field(default=20, ge=1)
    timeout_p95_headroom: float = Field(default=2.0, ge=1)

    @model_validator(mode="after")
    def _headroom_below_factor(self) -> CostSettings:
        if self.timeout_p95_headroom >= self.timeout_p95_factor:
            raise ValueError(f"timeout_p95_headroom ({self.timeout_p95_headroom:g}) must be below "
                             f"timeout_p95_factor ({self.timeout_p95_factor:g}): the suggested timeout would "
                             "itself be flagged")
        return self


class Config(BaseModel):
    """Every key of interface.md; dashes and underscores are both accepted in key names."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    exclude: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    region: str | None = None
    today: dt.date | None = None
    required_tags: list[str] = Field(default_factory=list)
    sensitive_markers: list[str] = Field(default_factory=list)
    external_security_configurations: list[str] = Field(default_factory=list)
    external_jobs: list[str] = Field(default_factory=list)
    max_timeout_minutes: int | None = Field(default=None, ge=1)
    max_workers: int | None = Field(default=None, ge=1)
    max_concurrent_runs: int | None = Field(default=None, ge=1)
    # The account's own values of the adjustable Glue service quotas, by the names of rules/glue/limits.toml
    # [quotas] (``jobs_per_trigger = 100``); a quota not set here is AWS's default.
    quotas: dict[str, float] = Field(default_factory=dict)
    # The older spelling of ``quotas.task_dpus_per_account`` (still accepted).
    account_max_dpus: float | None = Field(default=None, gt=0)
    # Files larger than this are not parsed (a GL001 finding instead); default 10 MiB.
    max_file_bytes: int | None = Field(default=None, ge=1)
    budget: Budget = Field(default_factory=Budget)
    presets: dict[str, Preset] = Field(default_factory=dict)
    jobs: dict[str, JobSettings] = Field(default_factory=dict)
    cost: CostSettings = Field(default_factory=CostSettings)
    # S3 prefix → repository folder (relative to the configuration file) where the job scripts uploaded
    # there live: ``"s3://my-scripts/glue/" = "jobs/"``.
    script_paths: dict[str, str] = Field(default_factory=dict)
    # Where the config came from (for messages); not a user key.
    source: str | None = Field(default=None, exclude=True)

    @field_validator("quotas")
    @classmethod
    def _known_quotas(cls, value: dict[str, float]) -> dict[str, float]:
        from gluelint.knowledge.limits import limits

        known = limits().quotas
        for name, number in value.items():
            if known.get(name) is None:
                names = ", ".join(type(known).model_fields)
                raise ValueError(f"unknown quota {name!r} (known: {names})")
            if not number > 0:
                raise ValueError(f"quota {name!r} must be a positive number, not {number}")
        return value

    @model_validator(mode="after")
    def _one_dpu_quota(self) -> Config:
        both = self.quotas.get("task_dpus_per_account"), self.account_max_dpus
        if None not in both and both[0] != both[1]:
            raise ValueError("account_max_dpus and quotas.task_dpus_per_account disagree: set only "
                             "quotas.task_dpus_per_account")
        return self

    def quota(self, name: str) -> float | None:
        """The account's value of quota ``name`` when the configuration gives it, else None (AWS's default)."""
        if name in self.quotas:
            return self.quotas[name]
        return self.account_max_dpus if name == "task_dpus_per_account" else None

    @field_validator("severity", mode="before")
    @classmethod
    def _lower_severity(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: (v.lower() if isinstance(v, str) else v) for k, v in value.items()}
        return value


def _normalise_keys(data: Any) -> Any:
    """``per-file-ignores`` → ``per_file_ignores`` at every level except user-named tables."""
    if not isinstance(data, dict):
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        norm = key.replace("-", "_") if isinstance(key, str) else key
        if norm in ("jobs", "presets", "severity", "per_file_ignores", "groups", "script_paths") and \
                isinstance(value, dict):
            out[norm] = {k: _normalise_keys(v) for k, v in value.items()}
        else:
            out[norm] = _normalise_keys(value) if norm in ("budget", "cost", "quotas") else value
    return out


def load_config(explicit: Path | None, start: Path) -> Config:
    """The explicit file, else the nearest ``.gluelint.toml`` or pyproject with ``[tool.gluelint]``."""
    path, table = (explicit, _read_table(explicit)) if explicit else _discover(start)
    if path is None or table is None:
        return Config()
    try:
        config = Config.model_validate(_normalise_keys(table))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{path}: invalid configuration: {problems}") from None
    return _check_rules(config, path).model_copy(update={"source": str(path)})


def _check_rules(config: Config, path: Path) -> Config:
    """Every rule the file names must exist (a typo would silently select or silence nothing); severity
    overrides are keyed by rule ID afterwards, whether the file wrote an ID or a name."""
    from gluelint.findings.catalog import lookup
    from gluelint.findings.selection import SelectionError, expand

    fields: list[tuple[str, list[str]]] = [("select", config.select), ("ignore", config.ignore)]
    fields += [(f"per_file_ignores.{pattern!r}", ids) for pattern, ids in config.per_file_ignores.items()]
    for key, selectors in fields:
        try:
            expand(selectors)
        except SelectionError as exc:
            raise ConfigError(f"{path}: invalid configuration: {key}: {exc}") from None
    severity: dict[str, Severity] = {}
    for rule, level in config.severity.items():
        meta = lookup(rule)
        if meta is None:
            raise ConfigError(f"{path}: invalid configuration: severity.{rule}: unknown rule {rule!r} (use an ID "
                              "like GL301 or a rule name like duplicate-argument-key)")
        severity[meta.id] = level
    return config.model_copy(update={"severity": severity})


def _read_table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        return dict(tool.get("gluelint", {})) if isinstance(tool, dict) else {}
    return data


def _discover(start: Path) -> tuple[Path | None, dict[str, Any] | None]:
    folder = start.resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        dot = candidate / ".gluelint.toml"
        if dot.is_file():
            return dot, _read_table(dot)
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            table = _read_table(pyproject)
            if table:
                return pyproject, table
    return None, None
