"""The examples of the rule doc pages (rules/docs/GLnnn.md) as files gluelint can check, for tests/test_rule_docs.py
and tests/test_cross_format.py.

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
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from gluelint.config import load_config
from gluelint.cost.usage import read_usage
from gluelint.engine import RunRequest, run
from gluelint.findings.catalog import catalog, doc
from gluelint.findings.result import RunResult
from gluelint.parse.options import ParseOptions

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


def runnable(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.illustrative is None]


def cases() -> list[tuple[str, str, str]]:
    out = []
    for rule_id in sorted(catalog()):
        ex = example(rule_id)
        for side, blocks in (("fails", ex.failing), ("passes", ex.passing)):
            for family in sorted({b.family for b in runnable(blocks) if b.family}):
                out.append((rule_id, side, family))
    return out


def _write(folder: Path, blocks: list[Block]) -> None:
    for block in blocks:
        target = folder / block.name
        target.parent.mkdir(parents=True, exist_ok=True)
        assert not target.exists(), f"two blocks write {block.name}; name one with file=NAME"
        target.write_text(as_job(block) if block.job else block.text, encoding="utf-8")




def run_example(rule_id: str, side: str, family: str, folder: Path) -> RunResult:
    """Write one side (``fails`` / ``passes``) of a page's example in one format family to ``folder`` and check it
    with every rule, configured by the example's own ``.gluelint.toml`` and run histories if it has them."""
    ex = example(rule_id)
    _write(folder, [b for b in runnable(ex.failing if side == "fails" else ex.passing) if b.family in (family, None)])
    request = RunRequest(paths=[folder], parse_options=ParseOptions(root=folder), today=FIXED_TODAY)
    request.config = load_config(None, folder)
    if (folder / USAGE_FOLDER).is_dir():
        request.usage = read_usage(folder / USAGE_FOLDER)
    return run(request)
