"""Every catalog rule has a doc page with the ruff-style headings, docs/rules/ is generated from them, and every
example on a page is true: the failing one raises the rule, the fixed one does not.

How a page's examples are read (the convention is documented in CONTRIBUTING.md, "Rule doc pages"):
- In ``## Example``, fenced blocks before the line ``Use instead:`` are the failing example, blocks after it the
  fixed one. Each block is a whole file of its format: ``hcl`` → ``main.tf``, ``yaml`` → ``template.yaml``,
  ``json`` → ``template.json`` (CloudFormation); ``file=NAME`` names it otherwise (``file=main.tf.json``,
  ``file=scripts/job.py``).
- ``job`` marks a block that is the body of one Glue job (``aws_glue_job`` / ``AWS::Glue::Job`` Properties): it is
  run inside a job that has what the block does not set itself (:data:`JOB_HCL`, :data:`JOB_YAML`).
- ``context`` marks a block that belongs to both examples (the job that runs the script the example changes).
- ``illustrative <reason>`` marks a block that cannot be run as it stands; the reason is required.
Blocks are grouped by the format family they belong to (Terraform: ``.tf`` / ``.tf.json``; CloudFormation:
``.yaml`` / ``.json``); any other file (a script) goes with every family, and so do run histories written under
``usage/`` (``file=usage/NAME.json``: ``aws glue get-job-runs`` output, given to the run as ``--usage`` is). Each
group is checked alone in a fresh folder, with every rule, on the fixture date.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from gluelint.config import load_config
from gluelint.cost.usage import read_usage
from gluelint.engine import RunRequest, run
from gluelint.findings.catalog import ENGINE_RULES, catalog, doc
from gluelint.parse.options import ParseOptions

ROOT = Path(__file__).resolve().parent.parent
FIXED_TODAY = dt.date(2026, 11, 26)  # the date the rule fixtures are checked on (tests/test_rule_fixtures.py)
FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```[ \t]*$", re.M | re.S)
DEFAULT_NAMES = {"hcl": "main.tf", "yaml": "template.yaml", "json": "template.json"}
FAMILIES = {"terraform": ("terraform-hcl", "terraform-json"), "cloudformation": ("cloudformation-yaml",
                                                                                 "cloudformation-json")}
# The line a page has for a family its rule cannot apply to: "CloudFormation: does not apply — <why>."
NOT_APPLICABLE = {"terraform": re.compile(r"^Terraform: does not apply\b.{12,}", re.M),
                  "cloudformation": re.compile(r"^CloudFormation: does not apply\b.{12,}", re.M)}
# Where a page's run histories go (GL610's examples need one): the run reads them as --usage.
USAGE_FOLDER = "usage/"
# The rule whose failing examples are files that do not parse.
SYNTAX_RULES = {"GL001"}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_rule_docs", ROOT / "scripts" / "generate_rule_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Block:
    language: str
    name: str
    text: str
    context: bool
    illustrative: str | None  # the reason it is not run
    job: bool = False  # the body of one Glue job, completed by JOB_HCL / JOB_YAML

    @property
    def family(self) -> str | None:
        if self.name.startswith(USAGE_FOLDER):
            return None  # a run history: beside every family
        if self.name.endswith((".tf", ".tf.json")):
            return "terraform"
        if self.name.endswith((".yaml", ".yml", ".json", ".template")):
            return "cloudformation"
        return None  # a script or any other file: beside every family


@dataclass
class Example:
    failing: list[Block] = field(default_factory=list)
    passing: list[Block] = field(default_factory=list)


def _block(info: str, text: str) -> Block:
    language, _, rest = info.strip().partition(" ")
    illustrative = None
    name = DEFAULT_NAMES.get(language, "")
    context = job = False
    words = rest.split()
    for i, word in enumerate(words):
        if word.startswith("file="):
            name = word.removeprefix("file=")
        elif word == "context":
            context = True
        elif word == "job":
            job = True
        elif word == "illustrative":
            illustrative = " ".join(words[i + 1:])
            break
        else:
            raise AssertionError(f"unknown word {word!r} in the fence line ```{info}")
    return Block(language, name, text, context, illustrative, job)


# What a ``job`` block is completed with: one valid Spark job, each attribute on its own line(s), so that a block
# setting an attribute replaces it. Capacity is one choice: a block setting any of it replaces all of it.
JOB_HCL = {
    "name": 'name     = "example"',
    "role_arn": 'role_arn = "arn:aws:iam::123456789012:role/glue-example"',
    "command": 'command {\n  name            = "glueetl"\n  script_location = "s3://example-scripts/example.py"\n}',
    "glue_version": 'glue_version      = "5.0"',
    "capacity": 'worker_type       = "G.1X"\nnumber_of_workers = 2',
}
JOB_YAML = {
    "Name": "Name: example",
    "Role": "Role: arn:aws:iam::123456789012:role/glue-example",
    "Command": "Command:\n  Name: glueetl\n  ScriptLocation: s3://example-scripts/example.py",
    "GlueVersion": 'GlueVersion: "5.0"',
    "capacity": "WorkerType: G.1X\nNumberOfWorkers: 2",
}
CAPACITY = {"worker_type", "number_of_workers", "max_capacity", "WorkerType", "NumberOfWorkers", "MaxCapacity",
            "AllocatedCapacity"}
SCRIPT = "s3://example-scripts/example.py"
HCL_JOB = re.compile(r'^resource "aws_glue_job" "[^"]+" \{\n', re.M)
YAML_JOB = re.compile(r"^( *)Type: AWS::Glue::Job\n\1Properties:\n", re.M)


def _indent(text: str, width: int) -> str:
    return "\n".join(" " * width + line if line.strip() else line for line in text.splitlines()) + "\n"


def _completed(text: str, start: int, end: int, width: int, base: dict[str, str], key: re.Pattern[str],
               command: tuple[str, str]) -> str:
    """The job body text[start:end] (attributes at ``width``) with the base attributes it does not set."""
    body = text[start:end]
    own = set(key.findall(body))
    kept = [_indent(line, width) for name, line in base.items()
            if name not in own and not (name == "capacity" and own & CAPACITY)]
    header, script = command
    if header in own and re.split(r"\s*[=:]", script)[0] not in body:  # a command block without its script
        body = re.sub(rf"^( {{{width}}}){header}( \{{|:)\n", lambda m: m.group(0) + _indent(script, width + 2), body,
                      count=1, flags=re.M)
    return text[:start] + "".join(kept) + body + text[end:]


def as_job(block: Block) -> str:
    """A ``job`` block as a whole file: the first Glue job in it (or the block itself, as a job's body) gets the
    attributes of :data:`JOB_HCL` / :data:`JOB_YAML` it does not set, and a script for a bare ``command``."""
    text = block.text
    if block.family == "terraform":
        if not HCL_JOB.search(text):
            text = 'resource "aws_glue_job" "example" {\n' + _indent(text, 2) + "}\n"
        match = HCL_JOB.search(text)
        assert match is not None
        close = text.find("\n}", match.end())  # none in a GL001 example: the block is cut off
        end = close + 1 if close >= 0 else len(text)
        return _completed(text, match.end(), end, 2, JOB_HCL, re.compile(r"^  ([A-Za-z_][\w-]*)\s*(?:=|\{)", re.M),
                          ("command", f'script_location = "{SCRIPT}"'))
    if not YAML_JOB.search(text):
        text = "Resources:\n  ExampleJob:\n    Type: AWS::Glue::Job\n    Properties:\n" + _indent(text, 6)
    match = YAML_JOB.search(text)
    assert match is not None, "a ```yaml job block: Type: AWS::Glue::Job, then Properties:"
    width = len(match.group(1)) + 2
    outdent = re.compile(rf"^ {{0,{width - 1}}}\S", re.M).search(text, match.end())
    end = outdent.start() if outdent else len(text)
    return _completed(text, match.end(), end, width, JOB_YAML, re.compile(rf"^ {{{width}}}([A-Za-z_][\w-]*):", re.M),
                      ("Command", f"ScriptLocation: {SCRIPT}"))


def example_section(text: str) -> str:
    return text[text.find("\n## Example\n"):text.find("\n## How to fix\n")]


@cache
def example(rule_id: str) -> Example:
    section = example_section(doc(rule_id))
    split = section.find("\nUse instead:\n")
    out = Example()
    for match in FENCE.finditer(section):
        block = _block(match.group(1), match.group(2))
        if block.context:
            out.failing.append(block)
            out.passing.append(block)
        else:
            (out.failing if match.start() < split else out.passing).append(block)
    return out


def families(rule_id: str) -> list[str]:
    formats = set(catalog()[rule_id].formats)
    return [name for name, members in FAMILIES.items() if formats & set(members)]


def _runnable(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.illustrative is None]


def cases() -> list[tuple[str, str, str]]:
    out = []
    for rule_id in sorted(catalog()):
        ex = example(rule_id)
        for side, blocks in (("fails", ex.failing), ("passes", ex.passing)):
            runnable = _runnable(blocks)
            for family in sorted({b.family for b in runnable if b.family}):
                out.append((rule_id, side, family))
    return out


@pytest.mark.parametrize("rule_id", sorted(catalog()))
def test_rule_has_doc_page(rule_id: str) -> None:
    text = doc(rule_id)
    meta = catalog()[rule_id]
    assert text, f"rules/docs/{rule_id}.md is missing"
    assert text.startswith(f"# {rule_id} {meta.name}\n"), f"{rule_id}: first line must be '# {rule_id} {meta.name}'"
    headings = _generator().HEADINGS
    positions = [text.find(f"\n{h}\n") for h in headings]
    missing = [h for h, p in zip(headings, positions, strict=True) if p < 0]
    assert not missing, f"{rule_id}: missing headings {missing}"
    assert positions == sorted(positions), f"{rule_id}: headings out of order"
    assert "\nUse instead:\n" in example_section(text), \
        f"{rule_id}: the example needs a failing snippet, then 'Use instead:'"


@pytest.mark.parametrize("rule_id", sorted(catalog()))
def test_example_in_every_format_the_rule_applies_to(rule_id: str) -> None:
    """A failing and a fixed example per format family the rule applies to; for a family it cannot apply to,
    the page says so and why ("CloudFormation: does not apply — ...")."""
    ex = example(rule_id)
    text = example_section(doc(rule_id))
    applies = families(rule_id)
    for family in FAMILIES:
        if family not in applies:
            assert NOT_APPLICABLE[family].search(text), \
                f"{rule_id}: say why the rule cannot apply to {family} (a line '{family}: does not apply ...')"
            continue
        if rule_id in ENGINE_RULES and rule_id not in SYNTAX_RULES:
            continue  # GL000 / GL004 are about gluelint and its suppressions; their blocks are checked below
        for side, blocks in (("failing", ex.failing), ("fixed", ex.passing)):
            assert any(b.family == family for b in blocks), f"{rule_id}: no {side} {family} example"
    for block in ex.failing + ex.passing:
        assert block.name or block.illustrative is not None, \
            f"{rule_id}: a ```{block.language} block needs file=NAME (or illustrative <reason>)"
        if block.illustrative is not None:
            assert len(block.illustrative) >= 12, f"{rule_id}: say why the block is illustrative"


def _write(folder: Path, blocks: list[Block]) -> None:
    for block in blocks:
        target = folder / block.name
        target.parent.mkdir(parents=True, exist_ok=True)
        assert not target.exists(), f"two blocks write {block.name}; name one with file=NAME"
        target.write_text(as_job(block) if block.job else block.text, encoding="utf-8")


@pytest.mark.parametrize(("rule_id", "side", "family"), cases())
def test_example_is_true(rule_id: str, side: str, family: str, tmp_path: Path) -> None:
    """The failing example raises the page's rule and the fixed one does not; both parse, every attribute they name
    exists and none the resource requires is missing (no GL001 / GL002 / GL003), so a page cannot show what
    Terraform, CloudFormation or Glue would not accept."""
    ex = example(rule_id)
    blocks = [b for b in _runnable(ex.failing if side == "fails" else ex.passing) if b.family in (family, None)]
    _write(tmp_path, blocks)
    request = RunRequest(paths=[tmp_path], parse_options=ParseOptions(root=tmp_path), today=FIXED_TODAY)
    request.config = load_config(None, tmp_path)  # a ```toml file=.gluelint.toml block configures the rule
    if (tmp_path / USAGE_FOLDER).is_dir():
        request.usage = read_usage(tmp_path / USAGE_FOLDER)
    result = run(request)
    rules = {f.rule for f in result.findings}
    shown = "\n".join(f"{f.rule} {f.span.line}:{f.span.column} {f.message}" for f in result.findings)
    if rule_id not in SYNTAX_RULES:
        assert not result.inventory.parse_errors, result.inventory.parse_errors
        assert not {"GL002", "GL003"} & (rules - {rule_id}), shown  # every attribute real, none missing
    if side == "fails":
        assert rule_id in rules, f"{rule_id}: the failing {family} example does not raise it\n{shown}"
    else:
        assert rule_id not in rules, f"{rule_id}: the fixed {family} example still raises it\n{shown}"


def test_docs_rules_up_to_date() -> None:
    assert _generator().stale() == [], "docs/rules/ is out of date: run python scripts/generate_rule_docs.py"


def test_index_lists_every_rule() -> None:
    index = _generator().render_index(_generator().catalog())
    for rule_id in catalog():
        assert f"| {rule_id} " in index or f"[{rule_id}]" in index
