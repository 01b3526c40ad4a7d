"""Property-based robustness tests (hypothesis) over each parser and the whole ``check`` pipeline.

Inputs are seeds (examples/, shared/corpus/real when present, a ``tests/corpus_gen.py --files 60 --seed 3``
corpus; files under 40 KB so the suite stays fast) mutated by ``tests/fuzz/fuzzlib.py``: truncation, byte flips,
duplicated and deleted lines, random Unicode, swapped indentation; plus raw random bytes / text. Properties:

1. No exception escapes a parser (``parse_template``, ``parse_terraform``, ``parse_plan``) or the pipeline
   (``engine.run``), and every GL001 record has a 1-based line.
2. Each parse / run ends within 20 s (a hang guard measured with ``time.monotonic``, not a performance test).
3. No lost job: after a *safe* mutation (``fuzzlib.safe_ops``: one duplicated line, and/or a byte changed or
   Unicode inserted inside the double-quoted value of an inert attribute, see fuzzlib's docstring), every job
   ``(file, address)`` the unmutated file held is still reported, unless the mutated file has a GL001.
   Other mutations can legitimately remove or rename a job without a syntax error (deleting a single-line
   resource, changing a label), so property 3 is not claimed for them.

Examples are derandomized (the same every run); the open-ended random search is ``tests/fuzz/fuzz_parsers.py``.
"""

from __future__ import annotations

import random
import tempfile
import time
from functools import cache
from pathlib import Path

import pytest
from fuzz import fuzzlib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gluelint.model.resources import FileReport
from gluelint.parse.options import ParseOptions

pytestmark = pytest.mark.slow

SMALL = 40_000
PROPERTY = settings(max_examples=50, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PIPELINE = settings(PROPERTY, max_examples=40)
MUTATIONS = sorted(fuzzlib.SAFE) + sorted(fuzzlib.UNSAFE)


@cache
def _seeds() -> tuple[fuzzlib.Seed, ...]:
    generated = fuzzlib.generate_corpus(Path(tempfile.gettempdir()) / "gluelint-properties-corpus-gen-60-3")
    return tuple(s for s in fuzzlib.all_seeds(generated) if len(s.data) <= SMALL)


def _of_kind(kind: str) -> list[fuzzlib.Seed]:
    return [s for s in _seeds() if fuzzlib.kind_of(s.name, s.data) == kind]


def _mutated(data: st.DataObject, seeds: list[fuzzlib.Seed], names: list[str]) -> tuple[fuzzlib.Seed, bytes]:
    seed = data.draw(st.sampled_from(seeds), label="seed")
    ops = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3), label="mutations")
    rng = random.Random(data.draw(st.integers(0, 2**32 - 1), label="rng"))
    return seed, fuzzlib.mutate(seed.data, rng, ops)


def _check_reports(reports: list[FileReport]) -> None:
    for report in reports:
        assert isinstance(report, FileReport)
        for error in report.errors:
            assert error.message and (error.span.line is None or error.span.line >= 1)


def _parse(kind: str, name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / name
        path.write_bytes(content)
        options = ParseOptions(root=folder)
        started = time.monotonic()
        if kind == "terraform":
            from gluelint.parse.terraform import parse_terraform

            reports = parse_terraform([path], options)
        elif kind == "plan":
            from gluelint.parse.plan import parse_plan

            reports = [parse_plan(path, options)]
        else:
            from gluelint.parse.cloudformation import parse_template

            reports = [parse_template(path, options)]
        elapsed = time.monotonic() - started
    assert elapsed < fuzzlib.HANG_SECONDS, f"{kind} parse of {name} took {elapsed:.1f} s"
    _check_reports(reports)


@pytest.mark.parametrize("kind", ["cloudformation", "terraform", "plan"])
@PROPERTY
@given(data=st.data())
def test_parser_survives_mutated_input(kind: str, data: st.DataObject) -> None:
    seeds = _of_kind(kind)
    if not seeds:
        pytest.skip(f"no {kind} seed")
    seed, content = _mutated(data, seeds, MUTATIONS)
    _parse(kind, seed.name, content)


NAMES = {"cloudformation": ["t.yaml", "t.json", "t.template"], "terraform": ["main.tf", "main.tf.json"],
         "plan": ["plan.json"]}


@pytest.mark.parametrize("kind", ["cloudformation", "terraform", "plan"])
@PROPERTY
@given(data=st.data())
def test_parser_survives_generated_input(kind: str, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(NAMES[kind]), label="name")
    prefix = {"cloudformation": b"AWSTemplateFormatVersion: x\nResources:\n", "terraform": b"",
              "plan": b'{"format_version": "1.2", "planned_values": '}[kind]
    body = data.draw(st.one_of(st.binary(max_size=3000), st.text(max_size=1500).map(lambda t: t.encode("utf-8",
                                                                                                        "replace"))),
                     label="body")
    if kind == "terraform" and data.draw(st.booleans(), label="glue"):
        prefix = b'resource "aws_glue_job" "j" {\n'
    _parse(kind, name, prefix + body)


def _pipeline(name: str, content: bytes) -> fuzzlib.Outcome:
    with tempfile.TemporaryDirectory() as tmp:
        outcome = fuzzlib.run_input(name, content, Path(tmp), render=False)
    for stage, seconds in outcome.seconds.items():
        assert seconds < fuzzlib.HANG_SECONDS, f"{stage} took {seconds:.1f} s"
    return outcome


@cache
def _baseline(seed: fuzzlib.Seed) -> fuzzlib.Outcome:
    return _pipeline(seed.name, seed.data)


@PIPELINE
@given(data=st.data())
def test_pipeline_survives_mutated_input(data: st.DataObject) -> None:
    seed, content = _mutated(data, list(_seeds()), MUTATIONS)
    outcome = _pipeline(seed.name, content)
    assert outcome.problems == []


@PIPELINE
@given(data=st.data())
def test_pipeline_loses_no_job_under_safe_mutations(data: st.DataObject) -> None:
    with_jobs = [s for s in _seeds() if b"aws_glue_job" in s.data or b"AWS::Glue::Job" in s.data]
    seed = data.draw(st.sampled_from(with_jobs), label="seed")
    ops = data.draw(st.lists(st.sampled_from(["value_flip", "value_unicode"]), max_size=2), label="value mutations")
    if not ops or data.draw(st.booleans(), label="duplicate a line"):
        ops.insert(data.draw(st.integers(0, len(ops)), label="where"), "duplicate_line")
    content = fuzzlib.mutate(seed.data, random.Random(data.draw(st.integers(0, 2**32 - 1), label="rng")), ops)
    if not _baseline(seed).jobs or _baseline(seed).gl001_files:
        return  # nothing to lose (a module's jobs live elsewhere, or the seed alone does not parse)
    outcome = _pipeline(seed.name, content)
    assert outcome.problems == []
    assert fuzzlib.lost_jobs(_baseline(seed), outcome) == set()
