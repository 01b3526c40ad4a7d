"""Cost reports: text (tabulate), JSON, Markdown and CSV, and the compare block."""

from __future__ import annotations

import csv
import io
import json

from gluelint.cost.model import UNKNOWN, CostReport, JobCost, usd

HEADERS = ("resource", "name", "file:line", "tags", "command", "version", "workers", "DPUs", "rate",
           "worst case/run", "expected/run", "runs/month", "monthly worst case", "monthly expected",
           "monthly upper bound", "nearest preset")


def number(value: float | None) -> str:
    if value is None:
        return UNKNOWN
    return f"{value:,.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def rate_cell(job: JobCost) -> str:
    if job.rate_usd is None:
        return UNKNOWN
    flag = "" if job.rate_confidence == "confirmed" else f" ({job.rate_confidence})"
    return f"${job.rate_usd:g} {job.rate_kind}{flag}"


def workers_cell(job: JobCost) -> str:
    if job.worker_type is None and job.workers is None:
        return "max_capacity" if job.dpus is not None else UNKNOWN
    return f"{job.worker_type or UNKNOWN} x {number(job.workers)}"


def monthly_cells(job: JobCost) -> list[str]:
    """Worst case, expected and upper bound: a job has either a worst case or an upper bound, never both."""
    worst = usd(job.monthly_worst_case_usd) + (" (capped)" if job.capped and not job.upper_bound else "")
    if job.monthly_worst_case_usd is None:
        worst = "-" if job.monthly_upper_bound_usd is not None else UNKNOWN
    expected = usd(job.monthly_expected_usd) if job.monthly_expected_usd is not None else "-"
    bound = usd(job.monthly_upper_bound_usd, True) if job.monthly_upper_bound_usd is not None else "-"
    if job.capped and job.upper_bound and job.monthly_upper_bound_usd is not None:
        bound += " (capped)"
    if not job.runs_certain:
        worst, bound = (c if c in ("-", UNKNOWN) else f"{c} if started" for c in (worst, bound))
    return [worst, expected, bound]


def runs_cell(job: JobCost) -> str:
    if job.continuous:
        return "continuous"
    return number(job.runs_per_month) + ("" if job.runs_certain else " (not started)")


def tags_cell(job: JobCost) -> str:
    return ", ".join(f"{k}={v}" for k, v in sorted(job.tags.items()))


def preset_cell(job: JobCost) -> str:
    if job.preset is None:
        return ""
    ratio = f" x{job.preset_ratio:.2g}" if job.preset_ratio is not None else ""
    return f"{job.preset}{ratio}"


def row(job: JobCost) -> list[str]:
    return [job.address, job.name or "", f"{job.file}:{job.line}", tags_cell(job), job.command or UNKNOWN,
            job.version or (UNKNOWN if job.command != "crawler" else "-"), workers_cell(job), number(job.dpus),
            rate_cell(job), usd(job.worst_case_run_usd, job.upper_bound), usd(job.expected_run_usd),
            runs_cell(job), *monthly_cells(job), preset_cell(job)]


def totals_lines(report: CostReport) -> list[str]:
    """One line per monthly column: they are different questions and are never added together."""
    t = report.totals_json()
    lines = [f"Monthly worst case: {usd(t['monthly_worst_case_usd'])} ({t['jobs_with_worst_case']} job(s))",
             f"Monthly expected: {usd(t['monthly_expected_usd'])} ({t['jobs_with_expected']} job(s) with an "
             "expected duration or run history)",
             f"Monthly upper bounds: {usd(t['monthly_upper_bound_usd'], True)} ({t['jobs_with_upper_bound']} "
             "job(s) whose capacity or runs are only a ceiling)"]
    unknown = report.unknown_monthly
    if unknown:
        lines.append(f"Monthly cost unknown for {len(unknown)} of {len(report.jobs)}: {', '.join(unknown)}")
    if t["jobs_with_uncertain_runs"]:
        lines.append("Runs not certain (trigger not started on creation): "
                     + ", ".join(t["jobs_with_uncertain_runs"]))
    for region in report.regions_without_prices:
        lines.append(f"No price table for region {region}: its jobs are not priced")
    return lines


def monthly_cell(job: JobCost) -> str:
    """The short table's one monthly cell: the worst case (or upper bound), and the expected figure beside it."""
    worst, expected, bound = monthly_cells(job)
    main = worst if job.monthly_worst_case_usd is not None else bound if job.monthly_upper_bound_usd is not None \
        else UNKNOWN
    return main + (f" (expected {expected})" if job.monthly_expected_usd is not None else "")


def totals_line(report: CostReport) -> str:
    return "; ".join(totals_lines(report))


# The text table that fits a terminal: the columns that decide a bill; the rest is in --wide, JSON, Markdown.
SHORT_HEADERS = ("resource", "file:line", "workers", "DPUs", "worst case/run", "runs/month", "monthly")
DEFAULT_WIDTH = 120
_MIN_FLEX = 12  # the narrowest a shortened resource or file:line column gets
_SHORT_RESOURCE = 24  # the resource column is cut to this before file:line is dropped
_GAP = 2  # tabulate's "simple" format puts two spaces between columns


def short_row(job: JobCost) -> list[str]:
    return [job.address, f"{job.file}:{job.line}", workers_cell(job), number(job.dpus),
            usd(job.worst_case_run_usd, job.upper_bound), runs_cell(job), monthly_cell(job)]


def shorten(text: str, width: int) -> str:
    """``text`` in ``width`` characters, keeping its end (the job's name, the file name and line)."""
    return text if len(text) <= width else "…" + text[len(text) - width + 1:]


def _width(rows: list[list[str]], headers: tuple[str, ...]) -> list[int]:
    """Column widths as tabulate makes them (at least the header + 2)."""
    return [max(len(h) + 2, *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]


def _total(widths: list[int]) -> int:
    return sum(widths) + _GAP * (len(widths) - 1)


def _fit(rows: list[list[str]], width: int) -> tuple[tuple[str, ...], list[list[str]]]:
    """Headers and rows at most ``width`` wide. In turn, while too wide: the ``aws_glue_job.`` type leaves the
    addresses (every row is a job), file:line is shortened (its start goes), then the resource (down to
    :data:`_SHORT_RESOURCE`); then file:line goes (the notes name each job) and the resource is shortened as
    far as needed. The money columns are never cut."""
    headers: tuple[str, ...] = SHORT_HEADERS
    if _total(_width(rows, headers)) > width:
        headers = ("job", *headers[1:])
        rows = [[r[0].replace("aws_glue_job.", ""), *r[1:]] for r in rows]
    natural = _width(rows, headers)
    widths = list(natural)
    over = _total(widths) - width
    for column, floor in ((1, _MIN_FLEX), (0, _SHORT_RESOURCE)):
        cut = min(max(over, 0), max(0, widths[column] - floor))
        widths[column] -= cut
        over -= cut
    if over > 0:
        headers = headers[:1] + headers[2:]
        rows = [r[:1] + r[2:] for r in rows]
        widths = natural[:1] + natural[2:]
        widths[0] = max(_MIN_FLEX, widths[0] - max(_total(widths) - width, 0))
        rows = [[shorten(r[0], widths[0]), *r[1:]] for r in rows]
        if _total(_width(rows, headers)) > width:  # the basis of each monthly figure moves to the notes
            rows = [[*r[:-1], r[-1].split(" (", 1)[0]] for r in rows]
        return headers, rows
    return headers, [[shorten(r[0], widths[0]), shorten(r[1], widths[1]), *r[2:]] for r in rows]


def render_text(report: CostReport, width: int | None = DEFAULT_WIDTH) -> str:
    """The cost table and notes; within ``width`` columns (None: every column, as ``--wide``)."""
    from tabulate import tabulate

    if not report.jobs:
        return "No Glue jobs found.\n" + _assumptions_text(report, width)
    headers: tuple[str, ...] = HEADERS
    rows = [row(j) for j in report.jobs]
    if width is None:
        table = tabulate(rows, headers=HEADERS, tablefmt="simple", disable_numparse=True)
    else:
        headers, rows = _fit([short_row(j) for j in report.jobs], width)
        table = tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)
    basis = width is not None and "monthly" in headers and all(" (" not in r[-1] for r in rows)
    notes = [_wrapped(f"{j.identity}: {'; '.join([j.runs_source, *j.notes, *_basis(j, basis)])}", width, "  ",
                      "      ") for j in report.jobs]
    tail = [] if width is None else [_wrapped(
        "Rates, command, version, expected cost per run and presets: gluelint cost --wide, --format json or markdown.",
        width, "", "")]
    totals = [_wrapped(line, width, "", "  ") for line in totals_lines(report)]
    return "\n".join([table, "", *totals, *_groups_text(report), "", "Runs and notes:", *notes, *tail, ""]) + \
        _assumptions_text(report, width)


def _groups_text(report: CostReport) -> list[str]:
    if report.group_by is None:
        return []
    lines = ["", f"By {report.group_by}:"]
    for name, group in report.groups.items():
        budget = f", budget {usd(group['budget_usd'])}" if group.get("budget_usd") is not None else ""
        lines.append(f"  {name}: worst case {usd(group['monthly_worst_case_usd'])}, expected "
                     f"{usd(group['monthly_expected_usd'])}, upper bound "
                     f"{usd(group['monthly_upper_bound_usd'], True)} ({group['jobs']} job(s){budget})")
    return lines


def _basis(job: JobCost, wanted: bool) -> list[str]:
    return [f"monthly: {job.monthly_basis}"] if wanted and job.monthly_usd is not None else []


def _wrapped(text: str, width: int | None, first: str, rest: str) -> str:
    if width is None:
        return first + text
    import textwrap

    return "\n".join(textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest,
                                   break_on_hyphens=False, break_long_words=False)) or first + text


def _assumptions_text(report: CostReport, width: int | None = None) -> str:
    return "Assumptions:\n" + "".join(_wrapped(a, width, "  - ", "    ") + "\n" for a in report.assumptions)


def render_json(report: CostReport) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(report: CostReport) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    lines += ["| " + " | ".join(_md_escape(c) for c in row(j)) + " |" for j in report.jobs]
    return "\n".join(lines) + "\n"


def render_markdown(report: CostReport) -> str:
    parts = ["## Glue cost estimate\n", markdown_table(report) if report.jobs else "No Glue jobs found.\n", "\n"]
    parts += [f"- **{_md_escape(line)}**\n" for line in totals_lines(report)]
    if report.group_by is not None:
        parts.append(f"\n| {report.group_by} | jobs | monthly worst case | monthly expected | monthly upper bound |"
                     f"\n|---|---|---|---|---|\n")
        parts += [f"| {_md_escape(name)} | {g['jobs']} | {usd(g['monthly_worst_case_usd'])} | "
                  f"{usd(g['monthly_expected_usd'])} | {usd(g['monthly_upper_bound_usd'], True)} |\n"
                  for name, g in report.groups.items()]
    if report.jobs:  # what starts each job: the chain of schedules, rules, state machines and triggers
        parts.append("\n<details><summary>Runs per month from</summary>\n\n")
        parts += [f"- `{_md_escape(j.identity)}`: {_md_escape(j.runs_source)}\n" for j in report.jobs]
        parts.append("\n</details>\n")
    parts.append("\n<details><summary>Assumptions</summary>\n\n")
    parts += [f"- {_md_escape(a)}\n" for a in report.assumptions]
    parts.append("\n</details>\n")
    return "".join(parts)


CSV_FIELDS = ("identity", "address", "name", "file", "line", "scope", "tags", "region", "command", "version",
              "execution_class", "worker_type", "workers", "dpus", "upper_bound", "rate_kind", "rate_usd",
              "rate_confidence", "timeout_minutes", "min_billed_minutes", "worst_case_run_usd", "expected_minutes",
              "expected_run_usd", "runs_per_month", "runs_certain", "monthly_cap_usd", "monthly_worst_case_usd",
              "monthly_expected_usd", "monthly_upper_bound_usd", "preset", "runs_source", "notes")


def csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dict):
        return ";".join(f"{k}={v}" for k, v in sorted(value.items()))
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def render_csv(report: CostReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for job in report.jobs:
        data = job.to_json()
        writer.writerow([csv_cell(data[f]) for f in CSV_FIELDS])
    return buffer.getvalue()


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown, "csv": render_csv}


def render(report: CostReport, fmt: str, width: int | None = DEFAULT_WIDTH) -> str:
    if fmt == "text":
        return render_text(report, width)
    return RENDERERS[fmt](report)
