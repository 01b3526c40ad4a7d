"""The estimator: DPUs, rate, per-run and monthly cost of every job, and the assumptions behind them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from gluelint.config import Config
from gluelint.cost.billing_terms import billed_minutes, flex_kind, min_billed_minutes, rate_kind
from gluelint.cost.declared import (
    CONTINUOUS_TAG,
    EXPECTED_TAG,
    WORKLOAD_TAG,
    auto_scaling,
    job_settings_key,
    streaming_timeout,
    tag,
    tags_of,
)
from gluelint.cost.model import CostReport, JobCost, money, usd
from gluelint.cost.presets import Preset, nearest, presets
from gluelint.cost.run_count import RunCount
from gluelint.cost.runs import RunCounter
from gluelint.cost.tables import DEFAULT_REGION, RateTable, billing, latest_vintage, load_table
from gluelint.cost.timeout_review import Exposure, describe, review
from gluelint.cost.usage import UsageHistory
from gluelint.knowledge.commands import commands
from gluelint.knowledge.workers import workers
from gluelint.model.inventory import Inventory
from gluelint.model.job import EffectiveJob
from gluelint.model.naming import naming
from gluelint.model.outcomes import max_number, single_str
from gluelint.model.resources import Crawler, Job, Resource

R = TypeVar("R", bound=Resource)


class Estimator:
    def __init__(self, inventory: Inventory, config: Config, region: str | None, today: dt.date | None = None,
                 usage: UsageHistory | None = None) -> None:
        self.inventory = inventory
        self.config = config
        self.default_region = region or config.region or DEFAULT_REGION
        self.today = today or config.today or dt.date.today()
        self.usage = usage
        self.vintage = latest_vintage()
        self.presets = presets(config)
        self.counter = RunCounter(inventory, self.today)
        self.file_regions = {f.path: f.region for f in inventory.files if f.region}
        self.assumptions: set[str] = set()
        self.missing_regions: set[str] = set()
        discount = config.cost.discount_percent
        self.price_factor = 1.0 - (discount or 0.0) / 100.0

    def region_of(self, job: Resource) -> str:
        own = single_str(job.region)
        return own or self.file_regions.get(job.span.file) or self.default_region

    def table(self, region: str) -> RateTable | None:
        return load_table(region, self.vintage)

    def _base(self, resource: Resource) -> JobCost:
        return JobCost(address=resource.address, file=resource.span.file, line=resource.span.line,
                       scope=resource.scope, name=resource.literal_name(), resource_type=resource.resource_type,
                       tags=tags_of(resource), region=self.region_of(resource))

    def estimate(self, job: Job) -> JobCost:
        cost = self._base(job)
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
        self._apply_usage(job, cost)
        self._monthly(job, cost)
        self._review_timeout(job, cost)
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
        if auto_scaling(job):
            cost.upper_bound = True
            cost.notes.append("auto scaling: number_of_workers is the ceiling, figures are upper bounds")

    def _set_rate(self, cost: JobCost, table: RateTable, kind: str) -> None:
        rate = table.rate(kind)
        cost.rate_kind, cost.rate_usd = kind, rate.usd_per_unit_hour * self.price_factor
        cost.rate_confidence, cost.rate_source = rate.confidence, rate.source
        if rate.confidence == "assumed":
            self.assumptions.add(f"{cost.region} {kind} rate ${rate.usd_per_unit_hour:g}/{rate.unit}-hour "
                                 f"assumed: {rate.source}")

    def _rate(self, job: Job, cost: JobCost) -> None:
        table = self.table(cost.region)
        if table is None:
            self._no_table(cost)
            return
        if cost.command is None:
            cost.notes.append("command unknown: rate unknown")
            return
        spec = workers().get(cost.worker_type or "")
        family = spec.family if spec is not None else "dpu"
        kind = rate_kind(cost.command, family, cost.execution_class, cost.version)
        self._set_rate(cost, table, kind)
        command = commands().get(cost.command)
        if command is not None and command.flex and kind in ("etl", "gen2") and not cost.streaming:
            flex = table.rate(flex_kind(kind))
            cost.flex_rate_confidence = flex.confidence
            if flex.confidence == "assumed":
                self.assumptions.add(f"{cost.region} {flex.kind} rate assumed: {flex.source}")

    def _no_table(self, cost: JobCost) -> None:
        cost.notes.append(f"no price table for region {cost.region}: figures unknown")
        self.missing_regions.add(cost.region)

    def _expected_minutes(self, job: Resource, cost: JobCost) -> float | None:
        key = job_settings_key(job, self.config)
        expected = self.config.jobs[key].expected_minutes if key is not None else None
        if expected is not None:
            cost.expected_source = "config expected_minutes"
            return expected
        tagged = tag(job, EXPECTED_TAG)
        try:
            expected = float(tagged) if tagged is not None else None
        except ValueError:
            cost.notes.append(f"tag {EXPECTED_TAG}={tagged!r} is not a number")
            return None
        if expected is not None:
            cost.expected_source = f"tag {EXPECTED_TAG}"
        return expected

    def _per_run(self, job: Job, cost: JobCost) -> None:
        timeout = streaming_timeout(job) if cost.streaming else max_number(EffectiveJob(job).timeout_minutes())[0]
        cost.timeout_minutes = timeout
        if cost.command is None:
            return
        minimum, note = min_billed_minutes(cost.command, cost.version)
        cost.min_billed_minutes = minimum
        if note:
            self.assumptions.add(note)
        expected = self._expected_minutes(job, cost)
        cost.expected_minutes = expected
        if cost.dpus is None or cost.rate_usd is None:
            return
        per_minute = cost.dpus * cost.rate_usd / 60.0
        if timeout is not None:
            cost.worst_case_run_usd = per_minute * billed_minutes(timeout, minimum)
        elif not cost.streaming:
            cost.notes.append("timeout unknown: worst case per run unknown")
        if expected is not None:
            cost.expected_run_usd = per_minute * billed_minutes(expected, minimum)

    def _apply_usage(self, job: Job, cost: JobCost) -> None:
        if self.usage is None:
            return
        stats = self.usage.for_job(cost.name)
        if stats is None:
            return
        cost.usage = stats.to_json()
        if cost.rate_usd is None:
            return
        cost.expected_run_usd = stats.mean_run_usd(cost.dpus, cost.rate_usd, cost.min_billed_minutes)
        cost.expected_minutes = stats.p50_minutes
        cost.expected_source = f"run history ({stats.runs} runs, {stats.source})"

    def _review_timeout(self, job: Job, cost: JobCost) -> None:
        """GL610's figures: a timeout far above the p95 of the job's real runs (gluelint.cost.timeout_review)."""
        stats = self.usage.for_job(cost.name) if self.usage is not None else None
        if stats is None or cost.continuous:
            return
        runs: float | None = cost.runs_per_month
        basis: str | None = "definition"
        if runs is None:
            runs, basis = stats.runs_per_month, "run history" if stats.runs_per_month is not None else None
        per_minute = cost.dpus * cost.rate_usd / 60.0 if cost.dpus is not None and cost.rate_usd is not None else None
        exposure = Exposure(per_minute, cost.min_billed_minutes, runs, basis, cost.monthly_cap_usd,
                            cost.upper_bound or not cost.runs_certain)
        found = review(cost.timeout_minutes, job.timeout is None, stats, exposure, self.config.cost)
        if found is None:
            return
        cost.timeout_review = found.to_json()
        cost.notes.append("GL610: " + describe(found, naming(job)))

    def _runs(self, job: Resource, cost: JobCost) -> RunCount:
        key = job_settings_key(job, self.config)
        configured = self.config.jobs[key].runs_per_month if key is not None else None
        if configured is not None:
            return RunCount(configured, "config runs_per_month")
        if isinstance(job, Job):
            return self.counter.runs(job)
        return self.counter.crawler_runs(job) if isinstance(job, Crawler) else RunCount(None, "unknown")

    def _continuous(self, job: Job) -> bool:
        """A streaming job runs all month when it has no timeout, or when it is documented as continuous."""
        key = job_settings_key(job, self.config)
        if key is not None and self.config.jobs[key].continuous:
            return True
        return streaming_timeout(job) is None or (tag(job, CONTINUOUS_TAG) or "").strip().lower() == "true"

    def _monthly(self, job: Job, cost: JobCost) -> None:
        hours = billing().hours_per_month
        concurrency = max(cost.max_concurrent_runs or 1.0, 1.0)
        if cost.dpus is not None and cost.rate_usd is not None:
            cost.monthly_cap_usd = concurrency * hours * cost.dpus * cost.rate_usd
        if cost.streaming and self._continuous(job):
            cost.continuous = True
            cost.runs_source = f"streaming: continuous, {hours:g} h/month"
            if cost.dpus is not None and cost.rate_usd is not None:
                self._put(cost, cost.dpus * hours * cost.rate_usd, None)
            return
        count = self._runs(job, cost)
        self._record_runs(cost, count)
        usage_runs = cost.usage.get("runs_per_month") if cost.usage else None
        worst = cost.runs_per_month * cost.worst_case_run_usd \
            if cost.runs_per_month is not None and cost.worst_case_run_usd is not None else None
        runs_for_expected = usage_runs if usage_runs is not None else cost.runs_per_month
        expected = runs_for_expected * cost.expected_run_usd \
            if runs_for_expected is not None and cost.expected_run_usd is not None else None
        self._put(cost, worst, expected)
        if worst is not None and cost.flex_rate_confidence is not None and cost.rate_usd:
            table = self.table(cost.region)
            if table is not None and cost.rate_kind is not None:
                flex = table.rate(flex_kind(cost.rate_kind)).usd_per_unit_hour * self.price_factor
                cost.flex_monthly_usd = min(worst, cost.monthly_cap_usd or worst) * flex / cost.rate_usd

    def _record_runs(self, cost: JobCost, count: RunCount) -> None:
        cost.runs_per_month, cost.runs_source = count.runs, count.source
        cost.runs_certain = count.certain
        cost.runs_scheduled = count.scheduled
        if count.upper_bound:
            cost.upper_bound = True
        if not count.certain:
            cost.notes.append("runs not certain: a CloudFormation trigger without StartOnCreation: true stays "
                              "stopped until someone starts it; the monthly figures assume it is started")

    def _put(self, cost: JobCost, worst: float | None, expected: float | None) -> None:
        """Monthly figures, capped by what the job can physically run (concurrency x 730 h)."""
        cap = cost.monthly_cap_usd
        if cap is not None and worst is not None and money(worst) > money(cap):  # type: ignore[operator]
            cost.capped = True
            cost.notes.append(f"monthly worst case capped at {max(cost.max_concurrent_runs or 1, 1):g} "
                              f"concurrent run(s) x {billing().hours_per_month:g} h x {cost.dpus:g} DPUs "
                              f"x ${cost.rate_usd:g}")
            worst = cap
        if cap is not None and expected is not None:
            expected = min(expected, cap)
        if cost.upper_bound:
            cost.monthly_upper_bound_usd = worst
        else:
            cost.monthly_worst_case_usd = worst
        cost.monthly_expected_usd = expected

    def _preset(self, job: Job, cost: JobCost) -> None:
        key = job_settings_key(job, self.config)
        configured = self.config.jobs[key].workload if key is not None else None
        tagged = tag(job, WORKLOAD_TAG)
        cost.workload = configured or tagged
        cost.workload_source = "config" if configured else f"tag {WORKLOAD_TAG}" if tagged else None
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

    def crawler(self, crawler: Crawler) -> JobCost:
        """A crawler: AWS picks its DPUs and bills per second with a 10-minute minimum per crawl, so its figures
        need the user's ``dpus`` (and ``expected_minutes``) in config; the runs come from its schedule."""
        cost = self._base(crawler)
        cost.command = "crawler"
        minimum = billing().minimum.get("crawler")
        cost.min_billed_minutes = minimum.minutes if minimum is not None else None
        if minimum is not None and minimum.confidence != "confirmed":
            self.assumptions.add(f"crawler billing minimum {minimum.minutes:g} min per crawl ({minimum.confidence})")
        self._record_runs(cost, self._runs(crawler, cost))
        table = self.table(cost.region)
        if table is None:
            self._no_table(cost)
            return cost
        self._set_rate(cost, table, "crawler")
        key = job_settings_key(crawler, self.config)
        cost.dpus = self.config.jobs[key].dpus if key is not None else None
        cost.expected_minutes = self._expected_minutes(crawler, cost)
        if cost.dpus is None or cost.rate_usd is None:
            cost.notes.append("AWS chooses a crawler's DPUs: set dpus (and expected_minutes) under "
                              f"[tool.gluelint.jobs.\"{cost.name or crawler.address}\"] to price it")
            return cost
        per_minute = cost.dpus * cost.rate_usd / 60.0
        floor = per_minute * (cost.min_billed_minutes or 0.0)
        cost.notes.append(f"each crawl bills at least {usd(floor)} ({cost.min_billed_minutes:g} min x "
                          f"{cost.dpus:g} DPUs x ${cost.rate_usd:g})")
        if cost.expected_minutes is not None:
            cost.expected_run_usd = per_minute * billed_minutes(cost.expected_minutes, cost.min_billed_minutes)
            if cost.runs_per_month is not None:
                cost.monthly_expected_usd = cost.runs_per_month * cost.expected_run_usd
        return cost

    def report(self) -> CostReport:
        jobs = [self._isolated(job, self.estimate) for job in self.inventory.of(Job)]
        jobs += [self._isolated(c, self.crawler) for c in self.inventory.of(Crawler)]
        assumptions = [f"region: {self.default_region} unless a job's provider or template pins one",
                       f"price vintage: {self.vintage}",
                       f"a month is {billing().hours_per_month:g} h; scheduled runs are the average month of a "
                       f"whole year from {self.today:%Y-%m-%d} (UTC; four years for 29-February schedules)",
                       "worst case = runs x cost of a run that reaches its timeout, capped at "
                       "max_concurrent_runs x 730 h; expected = runs x expected cost per run (expected_minutes "
                       "or run history); upper bounds (auto scaling, conditional triggers) are their own column"]
        if self.price_factor != 1.0:
            assumptions.append(f"discount: {self.config.cost.discount_percent:g}% off every list rate")
        for region in sorted(self.missing_regions):
            assumptions.append(f"no price table for region {region}: its jobs' figures are unknown")
        report = CostReport(region=self.default_region, vintage=self.vintage, jobs=jobs,
                            assumptions=assumptions + sorted(self.assumptions),
                            regions_without_prices=sorted(self.missing_regions))
        return report

    def _isolated(self, resource: R, estimate: Callable[[R], JobCost]) -> JobCost:
        """One resource's estimate; a bug in it leaves its figures unknown (and says so) instead of ending the
        run."""
        try:
            return estimate(resource)
        except Exception as exc:  # isolation, as for rules (GL000)
            cost = JobCost(address=resource.address, file=resource.span.file, line=resource.span.line,
                           scope=resource.scope, name=resource.literal_name(), resource_type=resource.resource_type,
                           region=self.default_region)
            cost.notes.append(f"internal error while estimating ({type(exc).__name__}: {exc}); figures unknown, "
                              "please report this")
            return cost


def estimate_inventory(inventory: Inventory, config: Config, region: str | None, today: dt.date | None = None,
                       usage: UsageHistory | None = None) -> CostReport:
    """Cost every job and crawler of ``inventory`` (the engine passes this to checks and reports)."""
    return Estimator(inventory, config, region, today, usage).report()
