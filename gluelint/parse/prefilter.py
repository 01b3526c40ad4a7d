"""The safe pre-filter: which discovered files can hold or feed a Glue resource, and how to parse them in units.

Parsing (HCL above all) is the whole cost of a run, and most files of a monorepo have nothing to do with Glue.
A plain "contains ``glue``" test is not enough: it drops the module callers, variable files and nested-stack
parents that hold the real values of a Glue resource. So the decision is made on whole dependency groups:

- Terraform is decided per module folder (the parser reads a folder as one module). A folder is *Glue* when one of
  its ``.tf`` / ``.tf.json`` files names an ``aws_glue_`` type or an orchestrator that starts Glue jobs (a state
  machine, a ``glue:startJobRun`` target); it *feeds* Glue when it calls (through local module ``source`` paths,
  transitively) a folder that is Glue. Which sources are local, and which folder each names, is the parser's own
  rule (``parse.terraform.module_source``), never re-implemented here. Kept: every folder that is or feeds Glue,
  plus the local modules those folders call (so the parser sees the same module tree as in a full run). A folder
  calling a remote module where the word ``glue`` appears is kept too (GL005 reports such modules). Variable files
  (``terraform.tfvars``, ``*.auto.tfvars``) live in the kept folders and are read by the parser with them.
- CloudFormation is decided per template: Glue when it names an ``AWS::Glue::`` type (or an orchestrator); it
  feeds Glue when a nested stack links it to a template that is or feeds Glue. Which links count is the
  parser's decision, asked of it (``parse.cloudformation.stacks.linked_templates``), never re-implemented here:
  a template naming a nested-stack type is read with the parser's reader; one it cannot read is kept.
- Terraform plans are kept when they name an ``aws_glue_`` type.
- Any file with a ``gluelint`` comment directive is kept (reasonless suppressions are findings on their own),
  and so is any file with a ``\\u`` / ``\\x`` escape (an escaped type name would hide from a substring test),
  or that cannot be read (the parser reports it).

The pre-filter reads each file once and keeps a content digest of it, which the parse cache uses as its key.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from gluelint.discover import Candidate
from gluelint.model.resources import InputKind
from gluelint.parse.options import DEFAULT_MAX_FILE_BYTES, ParseOptions
from gluelint.parse.terraform.module_source import is_local, local_module

TERRAFORM_CODE = (".tf", ".tf.json")
TERRAFORM_FILES = (".tf", ".tf.json", ".tfvars", ".tfvars.json")
_ESCAPE = re.compile(rb"\\[uUx]")
# A ``source`` argument (HCL ``source = "..."``, JSON ``"source": "..."``); whether it names a local module is the
# parser's decision (``parse.terraform.module_source``), asked with the string's escapes undone.
_SOURCE = re.compile(rb'\bsource"?\s*[=:]\s*"((?:[^"\\\r\n]|\\.)*)"')
_ESCAPED = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t"}
# Orchestrators that start Glue jobs (gluelint.parse.orchestration) make a folder or template worth parsing too.
TERRAFORM_MARKERS = (b"aws_glue_", b"aws_sfn_state_machine", b"glue:startJobRun", b"glue:startWorkflowRun",
                     b":stateMachine:")
CLOUDFORMATION_MARKERS = (b"AWS::Glue::", b"AWS::StepFunctions::StateMachine", b"AWS::Serverless::StateMachine",
                          b"glue:startJobRun", b"glue:startWorkflowRun", b":stateMachine:")
# Local files a module reads at plan time (``file("${path.module}/etl.asl.json")``): cache inputs of the unit.
_READ_FILE = re.compile(rb'\b(?:file|templatefile)\(\s*"(?:\$\{path\.module\}/)?([^"$\r\n]+)"')
_DEFINITION_FILE = re.compile(rb"(?:DefinitionUri|DefinitionS3Location)[\"']?\s*:\s*[\"']?([^\s\"'#{}]+)")
UNREADABLE = "unreadable"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# Larger files are not read here: they stand in as a marker that keeps them (the parser's size guard then
# reports them as GL001 without reading them either), and their size and mtime key the cache.
MAX_PREFILTER_BYTES = DEFAULT_MAX_FILE_BYTES


def _read(path: Path) -> bytes | None:
    try:
        stat = path.stat()
        if stat.st_size > MAX_PREFILTER_BYTES:
            return b"gluelint-oversized:%d:%d" % (stat.st_size, stat.st_mtime_ns)
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def _marked(data: bytes) -> bool:
    """A gluelint directive, an escape that could spell a type name, or a NUL byte (UTF-16 text, whose type
    names a byte search cannot see, or a binary file; the parser reports either): keep the file whatever
    else it holds."""
    return b"gluelint" in data or b"\x00" in data or _ESCAPE.search(data) is not None


@dataclass(frozen=True)
class Unit:
    """Files parsed together, independent of every other unit.

    ``paths`` go to the parser; ``inputs`` is every file the result may depend on (the unit's own files, sibling
    variable files, called module folders, nested-stack relatives), with content digests for the cache key.
    """

    kind: InputKind
    paths: tuple[Path, ...]
    inputs: tuple[tuple[str, str], ...]
    size: int
    folders: tuple[str, ...] = ()  # Terraform: the module folders whose files the unit reports on


@dataclass
class Selection:
    units: list[Unit] = field(default_factory=list)
    kept: list[Candidate] = field(default_factory=list)
    skipped: list[Candidate] = field(default_factory=list)

    @property
    def kept_bytes(self) -> int:
        return sum(u.size for u in self.units)


@dataclass
class _Folder:
    path: Path
    files: list[tuple[str, str, int]] = field(default_factory=list)  # (path, digest, size)
    glue: bool = False
    sources: list[Path] = field(default_factory=list)


def _load_folder(path: Path) -> _Folder:
    folder = _Folder(path)
    try:
        names = sorted(e.name for e in os.scandir(path) if e.name.endswith(TERRAFORM_FILES) and e.is_file())
    except OSError:
        names = []
    nonlocal_source = False
    reads: list[Path] = []
    for name in names:
        file = path / name
        data = _read(file)
        if data is None:
            folder.files.append((str(file), UNREADABLE, 0))
            folder.glue = True
            continue
        folder.files.append((str(file), digest(data), len(data)))
        if _marked(data):
            folder.glue = True
        if not name.endswith(TERRAFORM_CODE):
            continue
        if any(marker in data for marker in TERRAFORM_MARKERS):
            folder.glue = True
        reads.extend(path / m.group(1).decode("utf-8", "replace") for m in _READ_FILE.finditer(data))
        for match in _SOURCE.finditer(data):
            source = _unescape(match.group(1).decode("utf-8", "replace"))
            if is_local(source):
                target = local_module(path, source)  # the parser's own rule: the folder it would read, if any
                if target is not None:
                    folder.sources.append(target)
            else:
                nonlocal_source = True
                if b"glue" in data.lower():
                    # A remote module that may create Glue resources is reported (GL005): keep its caller.
                    folder.glue = True
    if folder.glue:
        for file in reads:
            _add_read_file(folder, file)
    if nonlocal_source and _is_dir(path / ".terraform" / "modules"):
        # Installed remote modules might hold Glue and the parser might read them: keep the caller.
        folder.glue = True
    return folder


def _unescape(text: str) -> str:
    """A quoted HCL / JSON string's value (``\\\\`` is one backslash); ``\\u`` escapes keep the file anyway
    (``_marked``)."""
    return _ESCAPED.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), text) if "\\" in text else text


def _add_read_file(folder: _Folder, file: Path) -> None:
    data = _read(file) if _is_file(file) else None
    if data is not None:
        folder.files.append((str(file), digest(data), len(data)))


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # Path.is_dir lets ENAMETOOLONG through
        return False


def _select_terraform(candidates: list[Candidate]) -> list[Unit]:
    by_folder: dict[Path, list[Path]] = {}
    for c in candidates:
        try:
            folder = c.path.parent.resolve()
        except (OSError, RuntimeError):
            folder = Path(os.path.abspath(c.path.parent))
        by_folder.setdefault(folder, []).append(c.path)
    # Load every candidate folder and, transitively, every local module folder they call.
    folders: dict[Path, _Folder] = {}
    todo = list(by_folder)
    while todo:
        path = todo.pop()
        if path in folders:
            continue
        folders[path] = info = _load_folder(path)
        todo.extend(s for s in info.sources if s not in folders)
    callers: dict[Path, list[Path]] = {}
    for info in folders.values():
        for source in info.sources:
            callers.setdefault(source, []).append(info.path)
    # Backwards from every Glue folder to everything that calls it.
    feeds: set[Path] = set()
    todo = [p for p, info in folders.items() if info.glue]
    while todo:
        path = todo.pop()
        if path in feeds:
            continue
        feeds.add(path)
        todo.extend(callers.get(path, ()))
    # Units: a folder that is or feeds Glue is parsed together with every kept folder that calls it (the
    # parser instantiates a module folder as a root only when no scanned folder calls it). Other units are
    # independent; modules without Glue (called or not) are read by the parser from disk when called.
    parent: dict[Path, Path] = {p: p for p in feeds}

    def find(p: Path) -> Path:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    for path in feeds:
        for source in folders[path].sources:
            if source in feeds:
                parent[find(source)] = find(path)
    groups: dict[Path, list[Path]] = {}
    for path in sorted(feeds):
        groups.setdefault(find(path), []).append(path)
    units: list[Unit] = []
    for members in groups.values():
        paths = tuple(p for m in members for p in by_folder.get(m, ()))
        if not paths:
            continue
        reach = set(members)
        todo = list(members)
        while todo:
            for source in folders[todo.pop()].sources:
                if source in folders and source not in reach:
                    reach.add(source)
                    todo.append(source)
        files = sorted({f for m in reach for f in folders[m].files})
        own = sum(s for m in members for f, _, s in folders[m].files if f.endswith(TERRAFORM_CODE))
        units.append(Unit(InputKind.TERRAFORM, paths, tuple((f, d) for f, d, _ in files), own,
                          tuple(str(m) for m in members)))
    return units


def _select_cloudformation(candidates: list[Candidate], options: ParseOptions) -> list[Unit]:
    # Imported here, not at load: a run without templates (and the warm replay of one) never needs them.
    from gluelint.parse.cloudformation.stacks import STACK_TYPES, linked_templates

    nested = tuple(t.encode() for t in STACK_TYPES)  # a template naming one is read with the parser's reader
    info: dict[Path, tuple[str, int]] = {}
    glue: set[Path] = set()
    links: dict[Path, list[Path]] = {}
    unresolved: set[Path] = set()  # a nested stack in a template the parser's reader cannot read: keep it
    extra: dict[Path, list[tuple[str, str]]] = {}  # local state machine definition files a template reads
    todo = [c.path for c in candidates]
    while todo:  # candidates, then any local child template they link to (the parser reads it from disk)
        path = todo.pop()
        if path in info:
            continue
        data = _read(path)
        if data is None:
            info[path] = (UNREADABLE, 0)
            glue.add(path)
            continue
        info[path] = (digest(data), len(data))
        if any(marker in data for marker in CLOUDFORMATION_MARKERS) or _marked(data):
            glue.add(path)
        for match in _DEFINITION_FILE.finditer(data):
            definition = path.parent / match.group(1).decode("utf-8", "replace")
            content = _read(definition) if _is_file(definition) else None
            if content is not None:
                extra.setdefault(path, []).append((str(definition), digest(content)))
        if any(marker in data for marker in nested):
            children = linked_templates(path, options)  # the links the parser follows, found its way
            if children is None:
                unresolved.add(path)
                continue
            links[path] = [_resolved(child) for child in children]
            todo.extend(links[path])
    parents: dict[Path, list[Path]] = {}
    for p, kids in links.items():
        for kid in kids:
            parents.setdefault(kid, []).append(p)
    keep: set[Path] = set()
    todo = list(glue | unresolved)
    while todo:
        path = todo.pop()
        if path in keep:
            continue
        keep.add(path)
        todo.extend(parents.get(path, ()))
    todo = list(keep)
    while todo:  # the children of kept parents too
        path = todo.pop()
        for kid in links.get(path, ()):
            if kid not in keep:
                keep.add(kid)
                todo.append(kid)
    units: list[Unit] = []
    for c in candidates:
        if _resolved(c.path) not in keep and c.path not in keep:
            continue
        family = _family(c.path, links, parents)
        inputs = tuple(sorted({(str(p), info[p][0]) for p in family if p in info}
                              | {e for p in family for e in extra.get(p, ())}))
        units.append(Unit(InputKind.CLOUDFORMATION, (c.path,), inputs, info[c.path][1]))
    return units


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def _family(start: Path, links: dict[Path, list[Path]], parents: dict[Path, list[Path]]) -> set[Path]:
    seen = {start}
    todo = [start]
    while todo:
        path = todo.pop()
        for other in (*links.get(path, ()), *parents.get(path, ())):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def _select_plans(candidates: list[Candidate]) -> list[Unit]:
    units: list[Unit] = []
    for c in candidates:
        data = _read(c.path)
        if data is None:
            units.append(Unit(InputKind.PLAN, (c.path,), ((str(c.path), UNREADABLE),), 0))
        elif any(marker in data for marker in TERRAFORM_MARKERS) or _marked(data):
            units.append(Unit(InputKind.PLAN, (c.path,), ((str(c.path), digest(data)),), len(data)))
    return units


def _select_airflow(candidates: list[Candidate]) -> list[Unit]:
    """DAG files are candidates only when they name GlueJobOperator (gluelint.discover): each is its own unit."""
    units: list[Unit] = []
    for c in candidates:
        data = _read(c.path)
        key = UNREADABLE if data is None else digest(data)
        units.append(Unit(InputKind.AIRFLOW, (c.path,), ((str(c.path), key),), len(data or b"")))
    return units


def select(candidates: Iterable[Candidate], prefilter: bool = True, options: ParseOptions | None = None) -> Selection:
    """Group the candidates into parse units; with ``prefilter``, only those that can hold or feed Glue.

    ``options`` are the parse options of the run (the scan root decides where a nested stack's URL points)."""
    options = options if options is not None else ParseOptions()
    candidates = list(candidates)
    by_kind: dict[InputKind, list[Candidate]] = {}
    for c in candidates:
        by_kind.setdefault(c.kind, []).append(c)
    if not prefilter:
        return Selection(units=_unfiltered(by_kind), kept=candidates)
    units = (_select_terraform(by_kind.get(InputKind.TERRAFORM, []))
             + _select_cloudformation(by_kind.get(InputKind.CLOUDFORMATION, []), options)
             + _select_plans(by_kind.get(InputKind.PLAN, []))
             + _select_airflow(by_kind.get(InputKind.AIRFLOW, [])))
    kept_paths = {p for u in units for p in u.paths}
    selection = Selection(units=units)
    for c in candidates:
        (selection.kept if c.path in kept_paths else selection.skipped).append(c)
    return selection


def _unfiltered(by_kind: dict[InputKind, list[Candidate]]) -> list[Unit]:
    """Every candidate, as the units a full parse would use (digests are not computed)."""
    units: list[Unit] = []
    terraform = [c.path for c in by_kind.get(InputKind.TERRAFORM, [])]
    if terraform:
        units.append(Unit(InputKind.TERRAFORM, tuple(terraform), (), 0))
    for kind in (InputKind.CLOUDFORMATION, InputKind.PLAN, InputKind.AIRFLOW):
        units.extend(Unit(kind, (c.path,), (), 0) for c in by_kind.get(kind, []))
    return units
