"""Seed inputs, mutations and one-input runs shared by the fuzz harness (``fuzz_parsers.py``), the
property-based tests (``test_robustness_properties.py``) and the fixture replay (``test_fuzz_regressions.py``).

Not collected by pytest (no ``test_`` prefix). Import it as ``fuzz.fuzzlib`` with ``tests/`` on ``sys.path``.

The "no lost job" property (:func:`lost_jobs`) is only claimed for :data:`SAFE` mutations: they cannot remove
or rename a resource declaration, whatever the format:

- ``duplicate_line``, *once*: a repeated line either breaks the syntax (a GL001 finding, which voids the claim),
  or repeats a key / list item / attribute; a repeated resource key keeps the resource (last wins or both kept).
  Twice is not safe: an opening line and a closing line repeated rebalance the braces and can move a whole
  section under another key without any syntax error (found by the fuzzer: a plan's ``"planned_values": {``
  and its last ``}`` repeated nest the real section one level down). See :func:`safe_ops`.
- ``value_flip`` / ``value_unicode``: a byte changed or a Unicode character inserted *inside the double-quoted
  value* of an inert attribute (``description`` / ``Description`` / ``script_location`` / ``ScriptLocation``),
  never a quote, backslash, ``$``, ``%``, brace or line break. These values name no resource, feed no
  ``count`` / ``for_each`` / condition, and are never a logical ID or label.

Other mutations (truncation, byte flips anywhere, deleted lines, swapped indentation, random Unicode anywhere,
amplified lines, deep nesting, very long lines) may legitimately drop a job without a syntax error, so for them
only "no exception escapes and the parse ends in time" is claimed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
EXAMPLES = ROOT / "examples"
FIXTURES = TESTS / "fixtures" / "fuzz"
TODAY = dt.date(2026, 11, 26)
# A single parse or pipeline run longer than this is a hang (a guard, not a performance bound).
HANG_SECONDS = 20.0

SEED_SUFFIXES = (".tf", ".tf.json", ".json", ".yaml", ".yml", ".template")


@dataclass(frozen=True)
class Seed:
    name: str  # file name, suffix kept (the format is told by name and content)
    data: bytes
    origin: str


def kind_of(name: str, data: bytes) -> str:
    """The parser an input is meant for: "terraform", "plan" or "cloudformation"."""
    if name.endswith((".tf", ".tf.json")):
        return "terraform"
    if name.endswith(".json") and b"planned_values" in data[:262144]:
        return "plan"
    return "cloudformation"


def _shared() -> Path:
    return Path(os.environ.get("GLUELINT_SHARED_DIR", ROOT.parent / "shared"))


def real_corpus() -> Path:
    return _shared() / "corpus" / "real"


def generate_corpus(out: Path, files: int = 60, seed: int = 3) -> Path:
    """The synthetic corpus of ``tests/corpus_gen.py`` (one subprocess call, outside any timed loop)."""
    if not out.is_dir() or not any(out.iterdir()):
        tool = ROOT / "tests" / "corpus_gen.py"
        subprocess.run([sys.executable, str(tool), str(out), "--files", str(files), "--seed", str(seed)],
                       check=True, capture_output=True)
    return out


def seeds_from(folder: Path, label: str) -> list[Seed]:
    found: list[Seed] = []
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name.endswith(SEED_SUFFIXES):
            found.append(Seed(path.name, path.read_bytes(), f"{label}/{path.relative_to(folder).as_posix()}"))
    return found


def all_seeds(generated: Path | None) -> list[Seed]:
    seeds = seeds_from(real_corpus(), "real") + seeds_from(EXAMPLES, "examples")
    if generated is not None:
        seeds += seeds_from(generated, "generated")
    return seeds


# ---------------------------------------------------------------------------------------------------
# Mutations: (data, rng) -> data
# ---------------------------------------------------------------------------------------------------

Mutator = Callable[[bytes, random.Random], bytes]

_INERT = re.compile(rb'^[ \t]*"?(?:description|Description|script_location|ScriptLocation)"?[ \t]*[:=][ \t]*"'
                    rb'([^"\\$%{}\r\n]*)"', re.M)
# Characters never inserted into a quoted value (they could end it, escape, or start a template).
_UNSAFE_IN_VALUE = set('"\\$%{}\'`#&*!|>@:')


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def flip_byte(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    i = rng.randrange(len(data))
    return data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]


def duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    line = lines[i] if lines[i].endswith(b"\n") else lines[i] + b"\n"
    return b"".join([*lines[:i], line, *lines[i:]])


def delete_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def random_char(rng: random.Random, safe: bool = False) -> str:
    """A random character: ASCII, Latin, CJK, astral (emoji), or, unless ``safe``, control and separators."""
    while True:
        pool = rng.random()
        if pool < 0.3:
            code = rng.randrange(0x20, 0x7F)
        elif pool < 0.55:
            code = rng.randrange(0xA0, 0x800)
        elif pool < 0.75:
            code = rng.randrange(0x800, 0x10000)
        elif pool < 0.9:
            code = rng.randrange(0x10000, 0x30000)
        else:
            code = rng.choice([0, 9, 0x0B, 0x0C, 0x0D, 0x1B, 0x7F, 0x85, 0xFEFF, 0x2028, 0x2029, 0xFFFD, 0x200B])
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if safe and (char in _UNSAFE_IN_VALUE or unicodedata.category(char)[0] not in "LNPS"):
            continue
        return char


def insert_unicode(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data) + 1)
    text = "".join(random_char(rng) for _ in range(rng.randint(1, 4)))
    return data[:i] + text.encode("utf-8", "surrogatepass") + data[i:]


def swap_indentation(data: bytes, rng: random.Random) -> bytes:
    """Tabs for spaces (or back) on one line or all lines, or one line indented one step more or less."""
    lines = _lines(data)
    choice = rng.random()
    if choice < 0.3:
        return data.replace(b"  ", b"\t") if b"  " in data else data.replace(b"\t", b"  ")
    i = rng.randrange(len(lines))
    line = lines[i]
    if choice < 0.6:
        lines[i] = line.replace(b"  ", b"\t", 1) if line.startswith(b"  ") else b"\t" + line
    elif choice < 0.8:
        lines[i] = b"  " + line
    else:
        lines[i] = line[2:] if line.startswith(b"  ") else line.lstrip()
    return b"".join(lines)


def amplify(data: bytes, rng: random.Random) -> bytes:
    """One line repeated many times (resource counts, duplicate keys, long files)."""
    lines = _lines(data)
    i = rng.randrange(len(lines))
    line = lines[i] if lines[i].endswith(b"\n") else lines[i] + b"\n"
    return b"".join([*lines[:i], line * rng.choice([100, 1000, 20000]), *lines[i:]])


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([100, 1000, 10000, 50000])
    opener, closer = rng.choice([(b"[", b"]"), (b"{", b"}"), (b"(", b")"), (b"{a: ", b"}"), (b"- ", b"")])
    i = rng.randrange(len(data) + 1)
    return data[:i] + opener * depth + (closer * depth if rng.random() < 0.7 else b"") + data[i:]


def long_line(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data) + 1)
    unit = rng.choice([b"a", b"x ", b'"', b"${", b"\\", b"#", b"!Ref "])
    return data[:i] + unit * rng.choice([10_000, 200_000, 1_000_000]) + data[i:]


_NUMBER = re.compile(rb"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")
SPECIAL_NUMBERS = (b"1e999", b"-1e999", b".inf", b"-.inf", b".nan", b"NaN", b"Infinity", b"9" * 5000, b"-0",
                   b"0x1F", b"1_000", b"0o17", b"1e-999", b"4" * 400 + b".5", b"18446744073709551617")


def special_number(data: bytes, rng: random.Random) -> bytes:
    """A number literal replaced by an extreme or odd one (overflow, NaN, thousands of digits, hex)."""
    found = list(_NUMBER.finditer(data))
    if not found:
        return data
    m = rng.choice(found)
    return data[: m.start()] + rng.choice(SPECIAL_NUMBERS) + data[m.end():]


_QUOTED = re.compile(rb'"([^"\\\r\n]{0,200})"')
SPECIAL_STRINGS = (b"", b" ", b"inf", b"-inf", b"nan", b"1e999", b"-1", b"0", b"1_000", b"0x10", b"\\u0000",
                   b"${", b"%{", b"$${x}", b"null", b"true", b"AWS::Glue::Job", b"aws_glue_job", b"Ref", b"Fn::If",
                   b"cron(0 0 * * ? *)", b"cron(\xc2\xb2 * * * ? *)", b"G.025X", b"Z.2X", b"glueray", b"../..",
                   b"s3://", b"arn:aws:iam::123456789012:role/x", b"x" * 5000, b"./" + b"a/" * 3000,
                   b"./a\x00b", b"../" * 200, b"./\xff\xfe", "\u202e\u0301\U0001f600".encode())


def special_string(data: bytes, rng: random.Random) -> bytes:
    """A double-quoted string replaced by an odd one (numbers as text, template starts, type names...)."""
    found = list(_QUOTED.finditer(data))
    if not found:
        return data
    m = rng.choice(found)
    return data[: m.start(1)] + rng.choice(SPECIAL_STRINGS) + data[m.end(1):]


def _value_spans(data: bytes) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in _INERT.finditer(data)]


def value_flip(data: bytes, rng: random.Random) -> bytes:
    """Safe: one byte inside an inert quoted value becomes a random printable ASCII or a high byte."""
    spans = [s for s in _value_spans(data) if s[1] > s[0]]
    if not spans:
        return data
    start, end = rng.choice(spans)
    i = rng.randrange(start, end)
    while True:
        byte = rng.randrange(0x20, 0x100)
        if byte != 0x7F and chr(byte) not in _UNSAFE_IN_VALUE:
            break
    return data[:i] + bytes([byte]) + data[i + 1:]


def value_unicode(data: bytes, rng: random.Random) -> bytes:
    """Safe: random Unicode text inserted inside an inert quoted value."""
    spans = _value_spans(data)
    if not spans:
        return data
    start, end = rng.choice(spans)
    i = rng.randint(start, end)
    text = "".join(random_char(rng, safe=True) for _ in range(rng.randint(1, 6)))
    return data[:i] + text.encode("utf-8") + data[i:]


SAFE: dict[str, Mutator] = {"duplicate_line": duplicate_line, "value_flip": value_flip,
                            "value_unicode": value_unicode}
UNSAFE: dict[str, Mutator] = {"truncate": truncate, "flip_byte": flip_byte, "delete_line": delete_line,
                              "insert_unicode": insert_unicode, "swap_indentation": swap_indentation,
                              "special_number": special_number, "special_string": special_string}
HEAVY: dict[str, Mutator] = {"amplify": amplify, "deep_nesting": deep_nesting, "long_line": long_line}
ALL: dict[str, Mutator] = {**SAFE, **UNSAFE, **HEAVY}


def mutate(data: bytes, rng: random.Random, names: list[str]) -> bytes:
    for name in names:
        data = ALL[name](data, rng)
    return data


def safe_ops(rng: random.Random) -> list[str]:
    """A safe combination: at most one ``duplicate_line`` and up to two value mutations."""
    ops = [rng.choice(["value_flip", "value_unicode"]) for _ in range(rng.randint(0, 2))]
    if not ops or rng.random() < 0.5:
        ops.insert(rng.randint(0, len(ops)), "duplicate_line")
    return ops


def has_safe_site(data: bytes) -> bool:
    return bool(_value_spans(data))


# ---------------------------------------------------------------------------------------------------
# Running one input
# ---------------------------------------------------------------------------------------------------


class Hang(BaseException):
    """The harness's own time guard fired."""


@contextmanager
def guard(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` after ``seconds`` of this process's CPU time (``ITIMER_VIRTUAL``, main thread only).

    CPU time, not wall time, so that a loaded machine (other engineers' test runs on two shared cores) does not
    turn a slow-but-finite parse into a false hang; the wall time is measured too and reported. gluelint's
    own parse watchdog (``ITIMER_PROF``, 30 s of CPU and more) stays active underneath.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = [True]

    def on_alarm(signum: int, frame: object) -> None:
        if armed[0]:
            armed[0] = False
            raise Hang(f"no result after {seconds} s of CPU time")

    previous = signal.signal(signal.SIGVTALRM, on_alarm)
    try:
        signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            armed[0] = False
    finally:
        signal.signal(signal.SIGVTALRM, previous)


@dataclass
class Outcome:
    """What one input did. ``problems`` are (signature, detail) pairs; empty when all is well."""

    problems: list[tuple[str, str]] = field(default_factory=list)
    jobs: set[tuple[str, str]] = field(default_factory=set)
    gl001_files: set[str] = field(default_factory=set)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage
    cpu: dict[str, float] = field(default_factory=dict)  # CPU time per stage


def _signature(stage: str, exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "gluelint" in f.filename.replace("\\", "/")]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{stage}:{type(exc).__name__}@{where}"


def parse_direct(kind: str, path: Path, options: Any) -> int:
    """Call the format's parser itself (no dispatch isolation); the number of reports."""
    if kind == "terraform":
        from gluelint.parse.terraform import parse_terraform

        reports = parse_terraform([path], options)
        assert isinstance(reports, list)
        return len(reports)
    if kind == "plan":
        from gluelint.parse.plan import parse_plan

        parse_plan(path, options)
        return 1
    from gluelint.parse.cloudformation import parse_template

    parse_template(path, options)
    return 1


def run_pipeline(folder: Path) -> Any:
    from gluelint.engine import RunRequest, run
    from gluelint.parse.options import ParseOptions

    return run(RunRequest(paths=[folder], parse_options=ParseOptions(root=folder), today=TODAY,
                          use_cache=False, jobs=1))


def run_input(name: str, data: bytes, work: Path, hang_seconds: float = HANG_SECONDS,
              render: bool = True) -> Outcome:
    """Parse ``data`` (as a file called ``name``) with its parser, then run the whole pipeline on it."""
    from gluelint.parse.options import ParseOptions

    outcome = Outcome()
    folder = Path(tempfile.mkdtemp(dir=work))
    try:
        path = folder / name
        path.write_bytes(data)
        kind = kind_of(name, data)
        stages: list[tuple[str, Callable[[], Any]]] = [
            (f"parse-{kind}", lambda: parse_direct(kind, path, ParseOptions(root=folder))),
            ("pipeline", lambda: run_pipeline(folder)),
        ]
        for stage, action in stages:
            started, cpu_started = time.monotonic(), time.process_time()
            try:
                with guard(hang_seconds):
                    result = action()
            except Hang:
                outcome.problems.append((f"{stage}:hang", f"{stage} took more than {hang_seconds} s of CPU time"))
                continue
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # every escape is a finding of the harness
                outcome.problems.append((_signature(stage, exc), traceback.format_exc()))
                continue
            finally:
                outcome.seconds[stage] = time.monotonic() - started
                outcome.cpu[stage] = time.process_time() - cpu_started
            elapsed = outcome.cpu[stage]
            if elapsed > hang_seconds:  # the guard could not interrupt (C code): still a hang
                outcome.problems.append((f"{stage}:slow", f"{stage} took {elapsed:.1f} s of CPU"))
            if stage == "pipeline":
                _inspect(result, outcome, render)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return outcome


def _inspect(result: Any, outcome: Outcome, render: bool) -> None:
    from gluelint.parse.dispatch import is_internal

    for report in result.inventory.files:
        for error in report.errors:
            outcome.gl001_files.add(report.path)
            if is_internal(error):
                outcome.problems.append((f"pipeline:internal-GL001:{error.message[:60]}", error.message))
    for finding in result.findings:
        if finding.rule == "GL000":
            outcome.problems.append((f"pipeline:GL000:{finding.attribute}", finding.message))
    outcome.jobs = {(r.span.file, r.address) for r in result.inventory.resources if r.kind == "job"}
    if render:
        from gluelint.report import FORMATS, ReportOptions, renderer

        for fmt in FORMATS:
            started = time.process_time()
            try:
                with guard(HANG_SECONDS):
                    text = renderer(fmt)(result, ReportOptions())
                text.encode("utf-8")
                if fmt in ("json", "sarif"):
                    json.loads(text, parse_constant=_non_standard)
                elif fmt == "junit":
                    import xml.etree.ElementTree as ElementTree

                    ElementTree.fromstring(text)
            except Hang:
                outcome.problems.append((f"render-{fmt}:hang", f"render-{fmt} took more than {HANG_SECONDS} s of CPU"))
            except Exception as exc:  # a reporter crash (or output no consumer can read) is a finding too
                outcome.problems.append((_signature(f"render-{fmt}", exc), traceback.format_exc()))
            outcome.cpu[f"render-{fmt}"] = time.process_time() - started


def _non_standard(constant: str) -> None:
    raise ValueError(f"non-standard JSON constant {constant}")


def lost_jobs(before: Outcome, after: Outcome) -> set[tuple[str, str]]:
    """Jobs the unmutated file held that the mutated one no longer reports, when it has no GL001."""
    if after.gl001_files:
        return set()
    return before.jobs - after.jobs


def save_fixture(name: str, data: bytes, detail: str, header: str, out: Path = FIXTURES) -> Path:
    """Save a failing input as ``<id>__<name>`` with ``<id>__<name>.txt`` (what happened) beside it."""
    import hashlib

    out.mkdir(parents=True, exist_ok=True)
    ident = hashlib.sha256(data).hexdigest()[:12]
    target = out / f"{ident}__{name}"
    target.write_bytes(data)
    Path(f"{target}.txt").write_text(f"{header}\n\n{detail}\n", encoding="utf-8")
    return target


def fixtures(folder: Path = FIXTURES) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and "__" in p.name and not p.name.endswith(".txt"))


def fixture_name(path: Path) -> str:
    return path.name.split("__", 1)[1]
