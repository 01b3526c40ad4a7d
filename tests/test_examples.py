"""The bundled examples: the golden job raises nothing; the seed notes' mistakes are caught exactly."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from gluelint.config import load_config
from gluelint.engine import RunRequest, load, run
from gluelint.knowledge.parameters import mangle
from gluelint.model.resources import Job
from gluelint.model.values import Value
from gluelint.parse.options import ParseOptions

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize("fmt", ["hcl", "json", "plan", "cloudformation"])
def test_golden_job_raises_nothing(fmt: str) -> None:
    folder = EXAMPLES / "golden" / fmt
    result = run(RunRequest(paths=[folder], config=load_config(None, folder), parse_options=ParseOptions(root=folder),
                            today=TODAY))
    assert result.inventory.resources
    assert [(f.rule, f.span.line, f.message) for f in result.findings] == []
    assert result.undecided == []


def _findings(folder: Path) -> list[str]:
    result = run(RunRequest(paths=[folder], parse_options=ParseOptions(root=folder), today=TODAY))
    return sorted(f"{f.span.file} {f.span.line}:{f.span.column} {f.rule} {f.resource}" for f in result.findings)


@pytest.mark.parametrize("fmt", ["hcl", "dsl-json", "cloudformation"])
def test_seed_findings_are_exact(fmt: str) -> None:
    folder = EXAMPLES / "seed" / fmt
    snapshot = EXAMPLES / "seed" / f"expected-{fmt}.txt"
    if os.environ.get("GLUELINT_UPDATE_SNAPSHOTS"):  # after a deliberate change; review the diff by hand
        header = "# file line:column rule resource - the seed notes' mistakes as gluelint reports them"
        snapshot.write_text("\n".join([header, *_findings(folder)]) + "\n", encoding="utf-8")
    expected = snapshot.read_text(encoding="utf-8").splitlines()
    assert _findings(folder) == [line for line in expected if line and not line.startswith("#")]


def _jobs(folder: Path) -> dict[str, Job]:
    inventory = load(RunRequest(paths=[folder], parse_options=ParseOptions(root=folder)))
    assert not inventory.parse_errors
    return {job.address: job for job in inventory.of(Job)}


def _plain(value: Value | None) -> object:
    return None if value is None else value.plain()


def test_dsl_output_parses_into_the_jobs_the_seed_describes() -> None:
    """The Ruby DSL's Terraform JSON holds the seed's jobs: same sizing, commands, versions and arguments, with
    the DSL's two defects (no ``name``; argument keys mangled, Ruby's last-wins hash) and nothing else lost."""
    written = _jobs(EXAMPLES / "seed" / "hcl")
    emitted = _jobs(EXAMPLES / "seed" / "dsl-json")
    assert emitted.keys() == written.keys() and len(emitted) == 15
    for address, job in emitted.items():
        person = written[address]
        assert job.name is None and person.name is not None
        for field in ("role", "description", "command_name", "script_location", "python_version", "glue_version",
                      "worker_type", "number_of_workers", "max_capacity", "timeout", "max_concurrent_runs",
                      "security_configuration"):
            assert _plain(getattr(job, field)) == _plain(getattr(person, field)), (address, field)
        dsl_args = job.default_arguments.as_object() if job.default_arguments else None
        hcl_args = person.default_arguments.as_object() if person.default_arguments else None
        assert dsl_args is not None and hcl_args is not None
        ruby_hash = {mangle(k): e.value.plain() for k, e in hcl_args.effective().items()}
        assert [(e.key, e.value.plain()) for e in dsl_args.entries] == list(ruby_hash.items()), address
