"""The estimator: DPUs, rate, per-run and monthly cost of every job, and the assumptions behind them."""

from __future__ import annotations

from gluelint.config import Config
from gluelint.cost.model import CostReport, JobCost
from gluelint.cost.presets import Preset, largest, nearest, presets
from gluelint.cost.runs import RunCounter
from gluelint.cost.tables import DEFAULT_REGION, RateTable, billing, latest_vintage, load_table
from gluelint.knowledge import version_key
from gluelint.knowledge.commands import commands
from gluelint.knowledge.versions import versions
from gluelint.knowledge.workers import workers
from gluelint.model.inventory import Inventory
from gluelint.model.job import EffectiveJob, max_number, single_str
from gluelint.model.resources import Job

EXPECTED_TAG = "gluelint:expected-minutes"
WORKLOAD_TAG = "gluelint:workload"


AUTO_SCALING = "--enable-auto-scaling"


def auto_scaling(job: Job) -> bool | None:
    """Whether every run has auto scaling on (its effective ``--enable-auto-scaling``); None when unknown."""
    hits = EffectiveJob(job).argument(AUTO_SCALING).hits
    texts = {single_str(hit.value) for hit in hits}
    if not texts:
        return False
    if None in texts:
        return None
    return all((text or "").strip().lower() == "true" for text in texts)


def job_settings_key(job: Job, config: Config) -> str | None:
    for key in (job.literal_name(), job.address):
        if key is not None and key in config.jobs:
            return key
    return None


def tag(job: Job, key: str) -> str | None:
    tags = job.tag_map()
    value = tags.get(key) if tags is not None else None
    return value.as_str() if value is not None else None


def rate_kind(command: str, family: str, execution_class: str | None, version: str | None) -> str:
    spec = commands().get(command)
    kind = spec.kind if spec is not None else None
    if kind == "pythonshell":
        return "pythonshell"
    if kind == "ray" or family == "ray":
        return "ray"
    if commands().execution_class.is_flex(execution_class):
        return "etl_flex"
    if family == "memory_optimized":
        return "memory_optimized"
    key = version_key(version or "") or ()
    return "gen2" if key >= (6, 0) else "etl"


def min_billed_minutes(command: str, version: str | None) -> tuple[float | None, str | None]:
    """The billing minimum per run, and a note when it is assumed."""
    command_spec = commands().get(command)
    if command_spec is not None and command_spec.is_spark:
        spec = versions().get(version or "")
        return (float(spec.min_billed_minutes), None) if spec is not None else (None, None)
    minimum = billing().minimum.get(command)
    if minimum is None:
        return None, None
    note = f"{command} billing minimum {minimum.minutes:g} min ({minimum.confidence})"
    return minimum.minutes, note if minimum.confidence != "confirmed" else None


def billed_minutes(minutes: float, minimum: float | None) -> float:
    """Per-second billing with a minimum per run."""
    return max(minutes, minimum or 0.0)


class Estimator:
    def __init__(self, inventory: Inventory, config: Config, region: str | None) -> None:
        self.inventory = inventory
        self.config = config
        self.default_region = region or config.region or DEFAULT_REGION
        self.vintage = latest_vintage()
        self.presets = presets(config)
        self.counter = RunCounter(inventory)
        self.file_regions = {f.path: f.region for f in inventory.files if f.region}
        self.assumptions: set[str] = set()

    def region_of(self, job: Job) -> str:
        own = single_str(job.region)
        return own or self.file_regions.get(job.span.file) or self.default_region

    def table(self, region: str) -> RateTable | None:
        return load_table(region, self.vintage)

    def estimate(self, job: Job) -> JobCost:
        cost = JobCost(address=job.address, file=job.span.file, line=job.span.line, name=job.literal_name(),
                       resource_type=job.resource_type, region=self.region_of(job))
        effective = EffectiveJob(job)
        cost.command = single_str(effective.command())
        cost.version = single_str(effective.glue_version())
        cost.execution_class = single_str(effective.execution_class())
        spec = commands().get(cost.command or "")
        cost.streaming = spec is not None and spec.streaming
        cost.max_concurrent_runs, _ = max_number(effective.max_concurrent_runs())
        self._capacity(job, cost)
        self._rate(job, cost)
        self._per_run(job, cost)
        self._monthly(job, cost)
        self._preset(job, cost)
        return cost

    def _capacity(self, job: Job, cost: JobCost) -> None:
        capacity = EffectiveJob(job).capacity(cost.command, cost.version)
        cost.worker_type, cost.workers = capacity.worker_type, capacity.workers
        if capacity.note is not None:
            cost.notes.append(capacity.note)
        if capacity.dpus is None:
            return
        cost.dpus, cost.upper_bound = capacity.dpus, capacity.upper_bound
        if cost.upper_bound:
            cost.notes.append("DPUs: the largest of the branches (upper bound)")
        scaling = auto_scaling(job)
        if scaling and not cost.streaming:
            cost.upper_bound = True
            cost.notes.append("auto scaling: number_of_workers is the ceiling, figures are upper bounds")

    def _rate(self, job: Job, cost: JobCost) -> None:
        table = self.table(cost.region)
        if table is None:
            cost.notes.append(f"no price table for region {cost.region}")
            return
        if cost.command is None:
            cost.notes.append("command unknown: rate unknown")
            return
        spec = workers().get(cost.worker_type or "")
        family = spec.family if spec is not None else "dpu"
        kind = rate_kind(cost.command, family, cost.execution_class, cost.version)
        rate = table.rate(kind)
        cost.rate_kind, cost.rate_usd = kind, rate.usd_per_unit_hour
        cost.rate_confidence, cost.rate_source = rate.confidence, rate.source
        if rate.confidence == "assumed":
            self.assumptions.add(f"{cost.region} {kind} rate ${rate.usd_per_unit_hour:g}/{rate.unit}-hour "
                                 f"assumed: {rate.source}")
        command = commands().get(cost.command)
        if command is not None and command.flex and kind in ("etl", "gen2") and not cost.streaming:
            flex = table.rate("etl_flex")
            cost.flex_rate_confidence = flex.confidence
            if flex.confidence == "assumed":
                self.assumptions.add(f"{cost.region} etl_flex rate assumed: {flex.source}")

    def _per_run(self, job: Job, cost: JobCost) -> None:
        timeout, _ = max_number(EffectiveJob(job).timeout_minutes())
        cost.timeout_minutes = timeout
        if cost.command is None:
            return
        minimum, note = min_billed_minutes(cost.command, cost.version)
        cost.min_billed_minutes = minimum
        if note:
            self.assumptions.add(note)
        key = job_settings_key(job, self.config)
        expected = self.config.jobs[key].expected_minutes if key is not None else None
        if expected is None:
            tagged = tag(job, EXPECTED_TAG)
            try:
                expected = float(tagged) if tagged is not None else None
            except ValueError:
                cost.notes.append(f"tag {EXPECTED_TAG}={tagged!r} is not a number")
        cost.expected_minutes = expected
        if cost.dpus is None or cost.rate_usd is None:
            return
        per_minute = cost.dpus * cost.rate_usd / 60.0
        if timeout is not None:
            cost.worst_case_run_usd = per_minute * billed_minutes(timeout, minimum)
        else:
            cost.notes.append("timeout unknown: worst case per run unknown")
        if expected is not None:
            cost.expected_run_usd = per_minute * billed_minutes(expected, minimum)

    def _monthly(self, job: Job, cost: JobCost) -> None:
        hours = billing().hours_per_month
        if cost.streaming:
            cost.runs_source = f"streaming: continuous, {hours:g} h/month"
            if cost.dpus is not None and cost.rate_usd is not None:
                cost.monthly_usd = cost.dpus * hours * cost.rate_usd
                cost.monthly_basis = "continuous"
            return
        key = job_settings_key(job, self.config)
        configured = self.config.jobs[key].runs_per_month if key is not None else None
        if configured is not None:
            cost.runs_per_month, cost.runs_source = configured, "config runs_per_month"
        else:
            count = self.counter.runs(job)
            cost.runs_per_month, cost.runs_source = count.runs, count.source
            if count.upper_bound:
                cost.upper_bound = True
        per_run, basis = ((cost.expected_run_usd, "expected") if cost.expected_run_usd is not None
                          else (cost.worst_case_run_usd, "worst case"))
        if cost.runs_per_month is None or per_run is None:
            return
        cost.monthly_usd, cost.monthly_basis = cost.runs_per_month * per_run, basis
        if cost.flex_rate_confidence is not None and cost.rate_usd:
            table = self.table(cost.region)
            if table is not None:
                cost.flex_monthly_usd = cost.monthly_usd * table.rate("etl_flex").usd_per_unit_hour / cost.rate_usd

    def _preset(self, job: Job, cost: JobCost) -> None:
        key = job_settings_key(job, self.config)
        cost.workload = (self.config.jobs[key].workload if key is not None else None) or tag(job, WORKLOAD_TAG)
        if cost.dpus is None or cost.command is None:
            return
        declared: Preset | None = self.presets.get(cost.workload) if cost.workload else None
        if cost.workload and declared is None:
            cost.notes.append(f"workload {cost.workload!r} is not a known preset")
        found = declared or nearest(cost.dpus, cost.command, self.presets)
        if found is None or found.dpus is None:
            return
        cost.preset, cost.preset_dpus = found.name, found.dpus
        cost.preset_ratio = cost.dpus / found.dpus if found.dpus else None

    def report(self) -> CostReport:
        jobs = [self._isolated(job) for job in self.inventory.of(Job)]
        assumptions = [f"region: {self.default_region} unless a job's provider or template pins one",
                       f"price vintage: {self.vintage}",
                       f"scheduled runs counted over {billing().month_days} days from "
                       f"{billing().reference_month_start:%Y-%m-%d} (UTC); streaming {billing().hours_per_month:g} h",
                       "monthly = runs x expected cost per run when expected_minutes is set, else x worst case"]
        return CostReport(region=self.default_region, vintage=self.vintage, jobs=jobs,
                          assumptions=assumptions + sorted(self.assumptions))


    def _isolated(self, job: Job) -> JobCost:
        """One job's estimate; a bug in it leaves that job's figures unknown (and says so) instead of ending
        the run."""
        try:
            return self.estimate(job)
        except Exception as exc:  # isolation, as for rules (GL000)
            cost = JobCost(address=job.address, file=job.span.file, line=job.span.line, name=job.literal_name(),
                           resource_type=job.resource_type, region=self.default_region)
            cost.notes.append(f"internal error while estimating ({type(exc).__name__}: {exc}); figures unknown, "
                              "please report this")
            return cost


def largest_preset(command: str, config: Config) -> Preset | None:
    return largest(command, presets(config))


def estimate_inventory(inventory: Inventory, config: Config, region: str | None) -> CostReport:
    """Cost every job of ``inventory`` (the engine passes this to checks and reports)."""
    return Estimator(inventory, config, region).report()
