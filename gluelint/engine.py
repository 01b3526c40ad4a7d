"""One run: discover → parse → inventory → cost → checks → suppressions and fingerprints."""

from __future__ import annotations

import datetime as dt
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gluelint.checks import all_checks
from gluelint.checks.context import RuleContext
from gluelint.checks.registry import Check
from gluelint.config import Config
from gluelint.discover import Candidate, discover
from gluelint.findings import Finding, Severity, Undecided
from gluelint.findings.catalog import RuleMeta, catalog
from gluelint.findings.fingerprint import fingerprint
from gluelint.findings.redact import redact_results
from gluelint.findings.result import RunResult
from gluelint.findings.selection import ignored_for_file, selected_rules
from gluelint.findings.suppress import apply as apply_suppressions
from gluelint.findings.suppress import reasonless
from gluelint.model.inventory import Inventory
from gluelint.model.resources import FileReport, Job
from gluelint.model.values import Span
from gluelint.parse.dispatch import parse_candidates, parse_units, skipped_report
from gluelint.parse.options import ParseOptions
from gluelint.progress import Progress, Silent

if TYPE_CHECKING:
    from gluelint.cost.model import CostReport
    from gluelint.cost.usage import UsageHistory
    from gluelint.parse.prefilter import Selection

# The rule pack whose checks read each job's script (see gluelint.parse.scripts).
SCRIPT_PACK = "GL9"


@dataclass
class RunRequest:
    paths: list[Path]
    config: Config = field(default_factory=Config)
    parse_options: ParseOptions = field(default_factory=ParseOptions)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    today: dt.date | None = None
    with_cost: bool = True
    # The jobs' real run history (``--usage``: ``aws glue get-job-runs`` output), for expected costs and GL610.
    usage: UsageHistory | None = None
    # Parser processes (0 = automatic: several only when there is enough to parse; 1 = none).
    jobs: int = 0
    # Read and write the parse cache (GLUELINT_CACHE_DIR or the user cache directory).
    use_cache: bool = True
    # Parse only what can hold or feed Glue (False: every discovered file, as a reference for tests).
    prefilter: bool = True
    # Discovery and pre-filter results already computed for this request (see gluelint.result_cache).
    preselected: tuple[list[Candidate], Selection] | None = None
    # Told about each phase and step (the CLI draws a bar on a terminal); silent by default.
    progress: Progress = field(default_factory=Silent)


def load(request: RunRequest) -> Inventory:
    """Discover and parse: the model of every Glue resource under the requested paths."""
    options = request.parse_options
    selection: Selection | None
    if request.preselected is not None:
        candidates, selection = request.preselected
    else:
        candidates = discover(request.paths, list(request.config.exclude))
        selection = preselect(candidates, options) if request.prefilter else None
    progress = request.progress
    if selection is None:
        progress.phase("Parsing files", len(candidates))
        reports: list[FileReport] = parse_candidates(candidates, options)
        progress.advance(len(candidates))
    else:
        cache = None
        if request.use_cache:
            from gluelint.parse.cache import ParseCache, default_directory

            cache = ParseCache(default_directory(), options)
        progress.phase("Parsing files", sum(len(u.paths) for u in selection.units) + len(selection.skipped))
        progress.advance(len(selection.skipped))
        watched = None if isinstance(progress, Silent) else progress.advance
        reports = parse_units(selection.units, options, jobs=request.jobs, cache=cache, progress=watched)
        reports += [skipped_report(c, options) for c in selection.skipped]
    return Inventory(reports, request.config.external_security_configurations, request.config.external_jobs)


def preselect(candidates: list[Candidate], options: ParseOptions) -> Selection | None:
    """The pre-filter's choice of what to parse; None (parse everything) if the pre-filter itself fails, so a
    bug there costs speed, never a finding."""
    from gluelint.parse.prefilter import select

    try:
        return select(candidates, options=options)
    except Exception:  # isolation: the slow path is always correct
        return None


def run(request: RunRequest) -> RunResult:
    inventory = load(request)
    config = request.config
    metas = selected_rules(request.select or config.select, request.ignore + config.ignore)
    if any(m.pack == SCRIPT_PACK for m in metas):
        _link_scripts(inventory, request)
    today = request.today or config.today or dt.date.today()
    region = request.parse_options.region or config.region
    costs = _estimate(inventory, config, region, today, request.usage) if request.with_cost else None
    findings, undecided = run_checks(inventory, metas, config, today, region, costs, request.progress)
    findings = merge_branches(findings)
    findings += _input_findings(inventory, {m.id for m in metas}, config)
    findings, undecided = redact_results(findings, undecided)  # no credential reaches any output
    findings = _filter_per_file(findings, config)
    findings = apply_suppressions(findings, inventory)
    findings = [f.model_copy(update={"fingerprint": fingerprint(f)}) for f in findings]
    findings.sort(key=lambda f: (f.span.file, f.span.line, f.span.column, f.rule))
    return RunResult(inventory=inventory, findings=findings, undecided=undecided, rules=metas,
                     files_scanned=len(inventory.files), costs=costs, today=today)


def _link_scripts(inventory: Inventory, request: RunRequest) -> None:
    """Find and read every job's script (only when a script-aware rule runs: it costs file reads)."""
    from gluelint.parse.scripts import ScriptFinder

    config = request.config
    base = Path(config.source).parent if config.source else Path.cwd()
    prefixes = {prefix: (base / folder).resolve() for prefix, folder in config.script_paths.items()}
    uploads = [u for f in inventory.files for u in f.uploads]
    finder = ScriptFinder(request.parse_options, uploads, prefixes)
    inventory.scripts = {(job.scope, job.address): finder.link(job) for job in inventory.of(Job)}


def _estimate(inventory: Inventory, config: Config, region: str | None, today: dt.date,
              usage: UsageHistory | None) -> CostReport | None:
    try:
        from gluelint.cost import estimate_inventory
    except ImportError:
        return None
    return estimate_inventory(inventory, config, region, today, usage)


def configured_severity(meta: RuleMeta, config: Config) -> Severity | None:
    """The user's severity for the rule (by ID or name), if the config sets one."""
    for key in (meta.id, meta.name):
        if key in config.severity:
            return config.severity[key]
    return None


def run_checks(inventory: Inventory, metas: list[RuleMeta], config: Config, today: dt.date,
               region: str | None, costs: CostReport | None,
               progress: Progress | None = None) -> tuple[list[Finding], list[Undecided]]:
    """Run every selected check on its targets; an exception becomes a GL000 finding and the run goes on."""
    wanted = {m.id: m for m in metas}
    findings: list[Finding] = []
    undecided: list[Undecided] = []
    selected = [chk for chk in all_checks() if chk.rule_id in wanted]
    progress = progress or Silent()
    progress.phase("Running rules", len(selected))
    for chk in selected:
        meta = wanted[chk.rule_id]
        ctx = RuleContext(meta=meta, config=config, inventory=inventory,
                          configured_severity=configured_severity(meta, config),
                          today=today, region=region, costs=costs, active=frozenset(wanted))
        targets: list[Any] = list(inventory.of(chk.target)) if chk.target is not None else [inventory]
        for target in targets:
            ctx.resource = target if chk.target is not None else None
            _run_one(chk, target, ctx, findings, undecided)
        progress.advance()
    return findings, undecided


def _run_one(chk: Check, target: Any, ctx: RuleContext, findings: list[Finding],
             undecided: list[Undecided]) -> None:
    try:
        for result in chk.fn(target, ctx):
            if isinstance(result, Finding):
                findings.append(result)
            else:
                undecided.append(result)
    except Exception as exc:
        findings.append(_internal_error(chk, target, exc, ctx.config))


def _internal_error(chk: Check, target: Any, exc: Exception, config: Config) -> Finding:
    meta = catalog()["GL000"]
    severity = meta.severity_of(None, configured_severity(meta, config))
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    resource = getattr(target, "address", None)
    span = getattr(target, "span", None) or Span(file="<inventory>")
    return Finding(rule=meta.id, name=meta.name, severity=severity, span=span, resource=resource,
                   resource_type=getattr(target, "resource_type", None), attribute=chk.rule_id,
                   message=(f"internal error in rule {chk.rule_id} on {resource or 'the inventory'}: "
                            f"{type(exc).__name__}: {exc}{where}; please report this to the gluelint issue tracker"))


def merge_branches(findings: list[Finding]) -> list[Finding]:
    """One finding per defect: the same rule at the same place on several branches is reported once, with
    the branches joined (and none at all when they are a condition and its negation, i.e. always)."""
    groups: dict[tuple[str, str, int, int, str | None, str | None, str | None, str], list[Finding]] = {}
    for f in findings:
        base = f.message.removesuffix(f" (when {f.branch})") if f.branch else f.message
        key = (f.rule, f.span.file, f.span.line, f.span.column, f.resource, f.scope, f.attribute, base)
        groups.setdefault(key, []).append(f)
    merged: list[Finding] = []
    for key, group in groups.items():
        labels = list(dict.fromkeys(f.branch for f in group))
        if len(group) == 1 or None in labels:
            merged.append(group[0] if None not in labels else next(f for f in group if f.branch is None))
            continue
        branch = None if _complementary(labels) else " or ".join(str(label) for label in labels)
        message = key[-1] + (f" (when {branch})" if branch else "")
        merged.append(group[0].model_copy(update={"branch": branch, "message": message}))
    return merged


def _complementary(labels: list[str | None]) -> bool:
    """``["c", "!(c)"]`` or ``["C", "!C"]``: a condition and its negation cover every case."""
    if len(labels) != 2 or None in labels:
        return False
    a, b = str(labels[0]), str(labels[1])
    return b in (f"!({a})", f"!{a}") or a in (f"!({b})", f"!{b}")


def _input_findings(inventory: Inventory, selected: set[str], config: Config) -> list[Finding]:
    """GL001 for every file that could not be parsed; GL004 for reasonless suppressions. Like every rule they
    run only when selected, with the user's severity; per-file ignores and suppressions apply afterwards."""
    out: list[Finding] = []
    if "GL001" in selected:
        meta = catalog()["GL001"]
        severity = meta.severity_of(None, configured_severity(meta, config))
        for error in inventory.parse_errors:
            out.append(Finding(rule=meta.id, name=meta.name, severity=severity, span=error.span,
                               message=error.message))
    if "GL004" in selected:
        gl004 = catalog()["GL004"]
        severity = gl004.severity_of(None, configured_severity(gl004, config))
        for directive in reasonless(inventory):
            if directive.span is None:
                continue
            out.append(Finding(rule=gl004.id, name=gl004.name, severity=severity, span=directive.span,
                               attribute=",".join(directive.rules),
                               message=f"gluelint:ignore {', '.join(directive.rules)} gives no reason: add one "
                                       "after the rule IDs (the suppression still applies)"))
    return out


def _filter_per_file(findings: list[Finding], config: Config) -> list[Finding]:
    if not config.per_file_ignores:
        return findings
    return [f for f in findings if f.rule not in ignored_for_file(f.span.file, config.per_file_ignores)]
