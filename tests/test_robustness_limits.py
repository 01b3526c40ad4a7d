"""Robustness limits: whatever is committed, a run ends with a clear GL001 finding, never a crash or a hang.

File size, unreadable files, encodings and NUL bytes, YAML alias bombs, nesting depth, very long lines,
resource counts, symlink loops / links out of the tree / FIFOs, parser exceptions and the parse time bound.
Each is checked through the whole pipeline (discover → pre-filter → dispatch → parser) and, where the parser
is meant to cope itself, on the parser directly.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import os
import pathlib
import re
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gluelint.discover import discover, walk
from gluelint.engine import RunRequest, run
from gluelint.findings.result import RunResult
from gluelint.model.resources import FileReport
from gluelint.parse import dispatch
from gluelint.parse.dispatch import ParseTimeout, is_internal, time_limit
from gluelint.parse.options import ParseOptions

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TODAY = __import__("datetime").date(2026, 11, 26)

CFN_JSON = b"""{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Job": {
      "Type": "AWS::Glue::Job",
      "Properties": {
        "Description": "orders",
        "Role": "arn:aws:iam::123456789012:role/Glue",
        "Command": {"Name": "glueetl", "ScriptLocation": "s3://b/s.py"}
      }
    }
  }
}
"""

# name in the scanned folder → content; every one holds at least one Glue job.
INPUTS: dict[str, tuple[str, bytes]] = {
    "cfn-yaml": ("template.yaml", (EXAMPLES / "golden" / "cloudformation" / "golden.yaml").read_bytes()),
    "cfn-json": ("template.json", CFN_JSON),
    "hcl": ("main.tf", (EXAMPLES / "golden" / "hcl" / "main.tf").read_bytes()),
    "tf-json": ("main.tf.json", (EXAMPLES / "golden" / "json" / "main.tf.json").read_bytes()),
    "plan": ("plan.json", (EXAMPLES / "golden" / "plan" / "plan.json").read_bytes()),
}
FORMATS = list(INPUTS)


def _run(folder: Path, **options: Any) -> RunResult:
    return run(RunRequest(paths=[folder], parse_options=ParseOptions(root=folder, **options), today=TODAY,
                          use_cache=False, jobs=1))


def _write(folder: Path, fmt: str, data: bytes | None = None) -> Path:
    name, content = INPUTS[fmt]
    path = folder / name
    path.write_bytes(content if data is None else data)
    return path


def _gl001(result: RunResult) -> list[str]:
    return [f.message for f in result.findings if f.rule == "GL001"]


def _jobs(result: RunResult) -> list[str]:
    return [r.address for r in result.inventory.resources if r.kind == "job"]


def _parse_direct(fmt: str, path: Path, options: ParseOptions) -> list[FileReport]:
    if fmt in ("hcl", "tf-json"):
        from gluelint.parse.terraform import parse_terraform

        return parse_terraform([path], options)
    if fmt == "plan":
        from gluelint.parse.plan import parse_plan

        return [parse_plan(path, options)]
    from gluelint.parse.cloudformation import parse_template

    return [parse_template(path, options)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_input_parses_cleanly(tmp_path: Path, fmt: str) -> None:
    _write(tmp_path, fmt)
    result = _run(tmp_path)
    assert _gl001(result) == []
    assert _jobs(result)


# -- file size -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_file_above_the_size_limit_is_gl001(tmp_path: Path, fmt: str) -> None:
    path = _write(tmp_path, fmt)
    size = path.stat().st_size
    result = _run(tmp_path, max_file_bytes=size - 1)
    assert len(_gl001(result)) == 1
    assert f"{size} bytes" in _gl001(result)[0] and "limit" in _gl001(result)[0]
    assert _jobs(result) == []
    assert _gl001(_run(tmp_path, max_file_bytes=size)) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_parser_itself_honours_the_size_limit(tmp_path: Path, fmt: str) -> None:
    path = _write(tmp_path, fmt)
    reports = _parse_direct(fmt, path, ParseOptions(root=tmp_path, max_file_bytes=path.stat().st_size - 1))
    assert [e.message for r in reports for e in r.errors if "limit" in e.message]
    assert not [r for rep in reports for r in rep.resources]


def test_size_limit_from_cli_flag_and_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from gluelint.cli.check import check

    _write(tmp_path, "hcl")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    flagged = runner.invoke(check, [".", "--max-file-bytes", "100", "--no-cache", "--today", "2026-11-26"])
    assert "GL001" in flagged.output and "above the limit of 100 bytes" in flagged.output
    assert flagged.exit_code == 1
    (tmp_path / ".gluelint.toml").write_text("max-file-bytes = 200\n", encoding="utf-8")
    configured = runner.invoke(check, [".", "--no-cache", "--today", "2026-11-26"])
    assert "above the limit of 200 bytes" in configured.output
    bad = (tmp_path / ".gluelint.toml")
    bad.write_text("max_file_bytes = 0\n", encoding="utf-8")
    assert runner.invoke(check, [".", "--no-cache"]).exit_code == 2


# -- unreadable files ----------------------------------------------------------------------------------


def _deny(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Every way gluelint opens a file raises PermissionError for files called ``name`` (CI runs as root,
    where chmod 000 does not stop reading)."""

    def denied(target: object) -> bool:
        return os.fspath(target).endswith(name) if isinstance(target, (str, os.PathLike)) else False

    def error(target: object) -> PermissionError:
        return PermissionError(13, "Permission denied", os.fspath(target))  # type: ignore[call-overload]

    real_open, real_path_open = builtins.open, pathlib.Path.open
    real_read_bytes, real_read_text = pathlib.Path.read_bytes, pathlib.Path.read_text

    def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if denied(file):
            raise error(file)
        return real_open(file, *args, **kwargs)

    def wrap(real: Callable[..., Any]) -> Callable[..., Any]:
        def method(self: Path, *args: Any, **kwargs: Any) -> Any:
            if denied(self):
                raise error(self)
            return real(self, *args, **kwargs)

        return method

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(pathlib.Path, "open", wrap(real_path_open))
    monkeypatch.setattr(pathlib.Path, "read_bytes", wrap(real_read_bytes))
    monkeypatch.setattr(pathlib.Path, "read_text", wrap(real_read_text))


@pytest.mark.parametrize("fmt", FORMATS)
def test_unreadable_file_is_gl001(tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, fmt)
    _deny(monkeypatch, path.name)
    result = _run(tmp_path)
    messages = _gl001(result)
    assert len(messages) == 1 and "Permission denied" in messages[0]
    assert not is_internal(result.inventory.parse_errors[0])


@pytest.mark.parametrize("fmt", FORMATS)
def test_parser_itself_reports_an_unreadable_file(tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, fmt)
    _deny(monkeypatch, path.name)
    reports = _parse_direct(fmt, path, ParseOptions(root=tmp_path))
    assert [e.message for r in reports for e in r.errors if "Permission denied" in e.message]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads mode-000 files")
@pytest.mark.parametrize("fmt", FORMATS)
def test_mode_000_file_is_gl001(tmp_path: Path, fmt: str) -> None:
    path = _write(tmp_path, fmt)
    path.chmod(0)
    try:
        messages = _gl001(_run(tmp_path))
    finally:
        path.chmod(0o644)
    assert len(messages) == 1 and "Permission denied" in messages[0]


# -- encodings and binary content ------------------------------------------------------------------------

ENCODINGS: dict[str, Callable[[bytes], bytes]] = {
    "utf-16-bom": lambda b: b.decode("utf-8").encode("utf-16"),
    "utf-16-le": lambda b: b.decode("utf-8").encode("utf-16-le"),
    "utf-16-be": lambda b: b.decode("utf-8").encode("utf-16-be"),
    "latin-1": lambda b: b.replace(b"\n", "\n# caf\u00e9\n".encode("latin-1"), 1)
    if not b.lstrip().startswith(b"{") else b.replace(b"{", "{\"caf\u00e9\": 1,".encode("latin-1"), 1),
    "nul-byte": lambda b: b[: len(b) // 2] + b"\x00" + b[len(b) // 2:],
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_bad_encoding_is_gl001(tmp_path: Path, fmt: str, encoding: str) -> None:
    _write(tmp_path, fmt, ENCODINGS[encoding](INPUTS[fmt][1]))
    result = _run(tmp_path)
    messages = _gl001(result)
    assert len(messages) == 1, messages
    assert any(word in messages[0] for word in ("UTF-8", "UTF-16", "NUL", "binary")), messages
    assert not is_internal(result.inventory.parse_errors[0])


@pytest.mark.parametrize("fmt", FORMATS)
def test_utf8_bom_is_fine(tmp_path: Path, fmt: str) -> None:
    _write(tmp_path, fmt, b"\xef\xbb\xbf" + INPUTS[fmt][1])
    result = _run(tmp_path)
    assert _gl001(result) == []
    assert _jobs(result)


# -- YAML aliases, nesting, long lines, resource counts ---------------------------------------------------


def test_yaml_alias_bomb_is_gl001(tmp_path: Path) -> None:
    lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    lines += ["Resources:", "  Job:", "    Type: AWS::Glue::Job", "    Properties:", "      Tags: *a9"]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    messages = _gl001(_run(tmp_path))
    assert len(messages) == 1 and "alias" in messages[0]


def _deep(fmt: str, depth: int) -> bytes:
    _name, data = INPUTS[fmt]
    if fmt == "cfn-yaml":
        return data.replace(b"Description: Compacts", b"Tags: " + b"[" * depth + b"]" * depth + b"\n      X: ", 1)
    if fmt == "hcl":
        return data.replace(b'name                   = "orders-daily-compaction"',
                            b'name = "x"\n  tags = ' + b"[" * depth + b"]" * depth, 1)
    # JSON formats: the deep value goes first in the top object
    return data.replace(b"{", b'{"deep": ' + b"[" * depth + b"]" * depth + b",", 1)


@pytest.mark.parametrize("depth", [1_000, 100_000])
@pytest.mark.parametrize("fmt", FORMATS)
def test_deep_nesting_is_gl001_not_a_crash(tmp_path: Path, fmt: str, depth: int) -> None:
    _write(tmp_path, fmt, _deep(fmt, depth))
    result = _run(tmp_path)
    messages = _gl001(result)
    assert len(messages) == 1, messages
    assert not is_internal(result.inventory.parse_errors[0]), messages


@pytest.mark.parametrize("fmt", FORMATS)
def test_very_long_line_is_read(tmp_path: Path, fmt: str) -> None:
    """A 1 MB value on one line (within the size limit) is just a long value."""
    _name, data = INPUTS[fmt]
    long = b"x" * 1_000_000
    if fmt == "cfn-yaml":
        data = data.replace(b"Description: Compacts", b"Description: " + long + b" Compacts", 1)
    elif fmt == "hcl":
        data = data.replace(b'description = "Glue encryption"', b'description = "' + long + b'"', 1)
    else:
        data = data.replace(b"{", b'{"long": "' + long + b'",', 1)
    _write(tmp_path, fmt, data)
    result = _run(tmp_path)
    if fmt in ("cfn-json", "tf-json", "plan"):  # an unknown top-level key: harmless or a clear GL001
        assert all(not is_internal(e) for e in result.inventory.parse_errors)
    else:
        assert _gl001(result) == []
        assert _jobs(result)


def _many_jobs(fmt: str, count: int) -> bytes:
    if fmt == "hcl":
        return b"".join(b'resource "aws_glue_job" "j%d" {\n  name = "j%d"\n  role_arn = "r"\n'
                        b'  command {\n    script_location = "s3://b/s.py"\n  }\n}\n' % (i, i) for i in range(count))
    body = "".join(f"  J{i}:\n    Type: AWS::Glue::Job\n    Properties:\n      Role: r\n"
                   f"      Command: {{Name: glueetl, ScriptLocation: 's3://b/s.py'}}\n" for i in range(count))
    return f'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n{body}'.encode()


@pytest.mark.parametrize("fmt", ["cfn-yaml", "hcl"])
def test_resource_count_limit_is_gl001(tmp_path: Path, fmt: str) -> None:
    _write(tmp_path, fmt, _many_jobs(fmt, 60))
    assert len(_jobs(_run(tmp_path))) == 60
    result = _run(tmp_path, max_resources_per_file=5)
    messages = _gl001(result)
    assert len(messages) == 1 and "5" in messages[0], messages
    assert len(_jobs(result)) == 5


# -- discovery: links, loops, special files -----------------------------------------------------------------


def test_symlink_loops_and_links_out_of_the_tree(tmp_path: Path) -> None:
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    (tree / "a").mkdir(parents=True)
    outside.mkdir()
    (tree / "a" / "main.tf").write_bytes(INPUTS["hcl"][1])
    (outside / "secret.tf").write_bytes(INPUTS["hcl"][1])
    (tree / "a" / "loop").symlink_to(tree / "a", target_is_directory=True)  # a/loop → a
    (tree / "a" / "up").symlink_to(tree, target_is_directory=True)  # a/up → the root
    (tree / "out").symlink_to(outside, target_is_directory=True)  # leaves the tree
    (tree / "stolen.tf").symlink_to(outside / "secret.tf")  # a file link leaving the tree
    (tree / "self.tf").symlink_to(tree / "self.tf")  # a link to itself
    (tree / "ping.tf").symlink_to(tree / "pong.tf")
    (tree / "pong.tf").symlink_to(tree / "ping.tf")
    (tree / "alias.tf").symlink_to(tree / "a" / "main.tf")  # inside: kept
    found = sorted(p.relative_to(tree).as_posix() for p in walk([tree]))
    assert found == ["a/main.tf", "alias.tf"]
    result = _run(tree)
    assert all(not is_internal(e) for e in result.inventory.parse_errors)
    assert {r.span.file for r in result.inventory.resources} <= {"a/main.tf", "alias.tf"}


def test_dangling_symlink_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "main.tf").symlink_to(tmp_path / "gone" / "main.tf")
    (tmp_path / "t.yaml").symlink_to(tmp_path / "gone.yaml")
    assert list(walk([tmp_path])) == []
    assert _run(tmp_path).findings == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifo_is_skipped_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.tf")
    os.mkfifo(tmp_path / "pipe.yaml")
    _write(tmp_path, "cfn-yaml")
    assert [c.path.name for c in discover([tmp_path])] == ["template.yaml"]
    assert _gl001(_run(tmp_path)) == []


# -- parser exceptions and the time bound ---------------------------------------------------------------------


def test_parser_exception_is_an_internal_gl001_and_other_files_go_on(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import gluelint.parse.cloudformation as cfn

    real = cfn.parse_template

    def broken(path: Path, options: ParseOptions) -> FileReport:
        if path.name == "broken.yaml":
            raise KeyError("boom")
        return real(path, options)

    monkeypatch.setattr(cfn, "parse_template", broken)
    (tmp_path / "broken.yaml").write_bytes(INPUTS["cfn-yaml"][1])
    _write(tmp_path, "cfn-yaml")
    result = _run(tmp_path)
    messages = _gl001(result)
    assert len(messages) == 1 and "KeyError" in messages[0] and "please report" in messages[0]
    assert is_internal(result.inventory.parse_errors[0])
    assert {r.span.file for r in result.inventory.resources} == {"template.yaml"}


def test_terraform_batch_failure_is_retried_file_by_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gluelint.parse.terraform as tf

    real = tf.parse_terraform

    def broken(paths: list[Path], options: ParseOptions) -> list[FileReport]:
        if any(p.name == "broken.tf" for p in paths):
            raise RecursionError("deep")
        return real(paths, options)

    monkeypatch.setattr(tf, "parse_terraform", broken)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "main.tf").write_bytes(INPUTS["hcl"][1])
    (tmp_path / "two" / "broken.tf").write_bytes(INPUTS["hcl"][1])
    result = _run(tmp_path)
    messages = _gl001(result)
    assert len(messages) == 1 and "RecursionError" in messages[0]
    assert {r.span.file for r in result.inventory.resources} == {"one/main.tf"}


@pytest.mark.parametrize("fmt", ["cfn-yaml", "hcl"])
def test_a_hanging_parser_is_stopped(tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import gluelint.parse.cloudformation as cfn
    import gluelint.parse.terraform as tf

    def spin(*args: Any) -> Any:
        while True:
            with contextlib.suppress(Exception):  # a parser's broad except cannot swallow the time-out
                sum(range(1000))

    monkeypatch.setattr(cfn if fmt == "cfn-yaml" else tf, "parse_template" if fmt == "cfn-yaml" else
                        "parse_terraform", spin)
    monkeypatch.setattr(dispatch, "BYTES_PER_EXTRA_SECOND", 1 << 40)
    _write(tmp_path, fmt)
    result = _run(tmp_path, max_parse_seconds=0.2)
    messages = _gl001(result)
    assert len(messages) == 1 and "gave up" in messages[0]
    assert is_internal(result.inventory.parse_errors[0])
    assert signal.getitimer(signal.ITIMER_PROF)[0] == 0


def test_time_limit_restores_the_handler_and_stands_aside() -> None:
    before = signal.getsignal(signal.SIGPROF)
    with time_limit(5):
        assert signal.getitimer(signal.ITIMER_PROF)[0] > 0
    assert signal.getsignal(signal.SIGPROF) is before
    assert signal.getitimer(signal.ITIMER_PROF)[0] == 0
    with pytest.raises(ParseTimeout), time_limit(0.05):
        while True:
            pass
    assert signal.getsignal(signal.SIGPROF) is before
    # an outer timer is left alone
    signal.signal(signal.SIGPROF, lambda *_: None)
    try:
        signal.setitimer(signal.ITIMER_PROF, 30)
        with time_limit(0.01):
            remaining = signal.getitimer(signal.ITIMER_PROF)[0]
        assert remaining > 20
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, before)
    # not in the main thread: no timer, no error
    seen: list[float] = []

    def worker() -> None:
        with time_limit(5):
            seen.append(signal.getitimer(signal.ITIMER_PROF)[0])

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == [0.0]


# -- file names ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_file_names_that_are_not_utf8_are_reported(tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Git stores any bytes as a file name; every report must still encode (shown as \\xNN)."""
    from click.testing import CliRunner

    from gluelint.cli.check import check
    from gluelint.report import FORMATS as REPORTS

    name, content = INPUTS[fmt]
    try:
        folder = os.fsdecode(os.fsencode(tmp_path) + b"/d\xff")
        os.mkdir(folder)
        Path(folder, os.fsdecode(b"\xe9" + name.encode())).write_bytes(content)
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    monkeypatch.chdir(tmp_path)
    for report in REPORTS:
        result = CliRunner().invoke(check, [".", "--no-cache", "--jobs", "1", "--format", f"{report}:out.{report}"])
        assert result.exit_code in (0, 1), (report, result.output)
        written = (tmp_path / f"out.{report}").read_text(encoding="utf-8")
        assert report != "json" or "d\\\\xff/\\\\xe9" in written


# -- numbers -------------------------------------------------------------------------------------------------

HUGE = b"9" * 5000  # more digits than int() converts (sys.get_int_max_str_digits, 4300 by default)


def _with_huge_number(fmt: str) -> bytes:
    data = INPUTS[fmt][1]
    if fmt == "cfn-yaml":
        return data.replace(b"Timeout: 60", b"Timeout: " + HUGE, 1)
    if fmt == "cfn-json":
        return data.replace(b'"Description": "orders",', b'"Timeout": ' + HUGE + b",", 1)
    if fmt == "hcl":
        return re.sub(rb"timeout\s+= 60", b"timeout = " + HUGE, data, count=1)
    return re.sub(rb'"timeout": 60', b'"timeout": ' + HUGE, data, count=1)


@pytest.mark.parametrize("fmt", FORMATS)
def test_number_with_too_many_digits_is_not_a_crash(tmp_path: Path, fmt: str) -> None:
    data = _with_huge_number(fmt)
    assert HUGE in data
    path = _write(tmp_path, fmt, data)
    _parse_direct(fmt, path, ParseOptions(root=tmp_path))  # no exception out of the parser
    result = _run(tmp_path)
    assert all(not is_internal(e) for e in result.inventory.parse_errors)
    assert [f for f in result.findings if f.rule == "GL000"] == []
    assert _jobs(result)


def _non_finite(fmt: str) -> bytes:
    data = INPUTS[fmt][1]
    if fmt == "cfn-yaml":
        return data.replace(b"Timeout: 60", b"Timeout: .inf", 1).replace(b"NumberOfWorkers: 10",
                                                                          b"NumberOfWorkers: .nan", 1)
    if fmt == "cfn-json":
        return data.replace(b'"Description": "orders",', b'"Timeout": 1e999, "NumberOfWorkers": -1e999,', 1)
    if fmt == "hcl":
        return re.sub(rb"timeout\s+= 60", b"timeout = 1e999", data, count=1)
    return re.sub(rb'"timeout": 60', b'"timeout": 1e999', data, count=1)


@pytest.mark.parametrize("fmt", FORMATS)
def test_infinite_and_nan_numbers_give_standard_json(tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    from importlib import resources

    import jsonschema
    from click.testing import CliRunner

    from gluelint.cli.check import check

    _write(tmp_path, fmt, _non_finite(fmt))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(check, [".", "--no-cache", "--jobs", "1", "--format", "json:out.json",
                                        "--format", "sarif:out.sarif"])
    assert result.exit_code in (0, 1), result.output

    def strict(constant: str) -> None:
        raise ValueError(f"non-standard JSON: {constant}")

    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"), parse_constant=strict)
    json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"), parse_constant=strict)
    schema = json.loads(resources.files("gluelint").joinpath("schemas/report.schema.json").read_text("utf-8"))
    jsonschema.validate(document, schema)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_var_file_from_a_pipe_is_read_once_for_everyone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--var-file <(sops -d prod.tfvars)``: the cache key, the parser and every parser process all read the
    variables, but a pipe can be read once only."""
    import json

    from click.testing import CliRunner

    from gluelint.cli.check import check

    (tmp_path / "main.tf").write_text('variable "workers" {}\nresource "aws_glue_job" "j" {\n  name = "j"\n'
                                      '  role_arn = "r"\n  worker_type = "G.1X"\n  number_of_workers = var.workers\n'
                                      '  command {\n    script_location = "s3://b/s.py"\n  }\n}\n', encoding="utf-8")
    pipe = tmp_path / "vars"
    os.mkfifo(pipe)

    def feed() -> None:
        with open(pipe, "w", encoding="utf-8") as fh:
            fh.write("workers = 7\n")

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    monkeypatch.setenv("GLUELINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(check, ["main.tf", "--var-file", str(pipe), "--format", "json:out.json"])
    writer.join(5)
    assert result.exit_code in (0, 1), result.output
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [r["attributes"]["number_of_workers"] for r in document["resources"]] == [7]


@pytest.mark.parametrize("expression", ["cron(" + "9" * 5000 + " * * * ? *)", "cron(\u00b2 * * * ? *)",
                                        "cron(0/\u00b2 * * * ? *)", "cron(0 12 ? * 2#\u00b2 *)",
                                        "rate(" + "9" * 5000 + " minutes)"])
def test_schedule_numbers_int_cannot_read_are_schedule_errors(expression: str) -> None:
    from gluelint.cost.cron import ScheduleError, parse_schedule

    with pytest.raises(ScheduleError):
        parse_schedule(expression, allow_rate=True)


@pytest.mark.parametrize("edit", [
    ("Description: Compacts yesterday's orders into Parquet", 'Description: !Select ["1e999", [a, b]]'),
    ("Description: Compacts yesterday's orders into Parquet", "Description: !Select [.nan, [a, b]]"),
    ('"--job-language": python', '"--job-language": python\n        "--executor-cores": "' + "9" * 5000 + '"'),
    ('"--job-language": python', '"--job-language": python\n        "--executor-cores": "\u00b2"'),
])
def test_extreme_numbers_in_values_are_no_internal_error(tmp_path: Path, edit: tuple[str, str]) -> None:
    text = INPUTS["cfn-yaml"][1].decode("utf-8")
    assert edit[0] in text
    _write(tmp_path, "cfn-yaml", text.replace(edit[0], edit[1], 1).encode("utf-8"))
    result = _run(tmp_path)
    assert [f.message for f in result.findings if f.rule in ("GL000", "GL001")] == []
    assert _jobs(result)


@pytest.mark.parametrize("source", ["./" + "a/" * 3000 + "x", "./a\x00b", "../" * 2000])
def test_odd_module_sources_are_no_internal_error(tmp_path: Path, source: str) -> None:
    """A module source too long for the file system, with a NUL byte, or climbing past the root."""
    data = INPUTS["hcl"][1] + f'module "m" {{\n  source = "{source}"\n}}\n'.encode()
    path = _write(tmp_path, "hcl", data)
    _parse_direct("hcl", path, ParseOptions(root=tmp_path))  # no exception out of the parser
    result = _run(tmp_path)
    assert all(not is_internal(e) for e in result.inventory.parse_errors)
    assert [f for f in result.findings if f.rule == "GL000"] == []
    assert "\x00" in source or _jobs(result)


@pytest.mark.parametrize("fmt", ["hcl", "cfn-yaml"])
def test_file_that_cannot_even_be_looked_at_is_gl001(tmp_path: Path, fmt: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder without search permission: the name is listed, but stat() and open() fail."""
    path = _write(tmp_path, fmt)
    _deny(monkeypatch, path.name)
    real_stat = pathlib.Path.stat

    def stat(self: Path, *args: Any, **kwargs: Any) -> os.stat_result:
        if self.name == path.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "stat", stat)
    assert list(walk([tmp_path])) == [path]
    messages = _gl001(_run(tmp_path))
    assert len(messages) == 1 and "Permission denied" in messages[0]


def test_ints_beyond_the_float_range_are_infinite_numbers() -> None:
    from gluelint.model.values import Value

    assert Value.of(10**400).as_number() == float("inf")
    assert Value.of(-(10**400)).as_number() == float("-inf")
    assert Value.of(7).as_number() == 7.0


@pytest.mark.parametrize("encoding", [*ENCODINGS, "after-non-ascii"])
def test_every_format_reads_text_one_way(tmp_path: Path, encoding: str) -> None:
    """One ``read_text`` (parse/source.py) for every parser: the same bad bytes are the same GL001, at the same
    character position, whatever the format (a Terraform file in UTF-16 is told it is UTF-16)."""
    seen: dict[str, tuple[str, int, int]] = {}
    for fmt in FORMATS:
        folder = tmp_path / fmt
        folder.mkdir()
        content = INPUTS[fmt][1]
        # An invalid byte after two two-byte characters: character column 4, byte column 6.
        _write(folder, fmt, b"#\xc3\xa9\xc3\xa9\xff\n" + content if encoding == "after-non-ascii"
               else ENCODINGS[encoding](content))
        found = [f for f in _run(folder).findings if f.rule == "GL001"]
        assert len(found) == 1, (fmt, found)
        seen[fmt] = (found[0].message, found[0].span.line, found[0].span.column)
    if encoding == "after-non-ascii":
        assert set(seen.values()) == {(seen["hcl"][0], 1, 4)}, seen
    elif encoding.startswith("utf-16"):
        assert len(set(seen.values())) == 1, seen  # (NUL and latin-1 bytes sit where each format puts them)
    assert len({message for message, _, _ in seen.values()}) == 1, seen
    if encoding.startswith("utf-16"):
        assert "UTF-16" in seen["hcl"][0]
