"""Malformed templates: exactly one located GL001 ParseError each, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from gluelint.model.resources import FileReport
from gluelint.parse.cloudformation import parse_template
from gluelint.parse.options import ParseOptions

HEAD = b"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
BOMB = HEAD + b"  J:\n    Type: AWS::Glue::Job\n    Properties:\n      a: &a [" + b"lol, " * 8 + b"lol]\n" + b"".join(
    f"      {c}: &{c} [{', '.join(['*' + p] * 9)}]\n".encode() for p, c in zip("abcdefgh", "bcdefghi", strict=True))

CASES: dict[str, tuple[str, bytes, int]] = {
    # name: (file name, content, expected line of the error)
    "bad_indentation": ("t.yaml", HEAD + b"  Job:\n    Type: AWS::Glue::Job\n   Properties: {}\n", 5),
    "tab_indentation": ("t.yaml", HEAD + b"  Job:\n\tType: AWS::Glue::Job\n", 4),
    "unclosed_flow": ("t.yaml", HEAD + b"  Job: {Type: AWS::Glue::Job\n", 4),
    "invalid_json": ("t.json", b'{\n  "Resources": {\n    "J": {"Type": "AWS::Glue::Job",}\n  }\n}\n', 3),
    "truncated_json": ("t.json", b'{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {', 1),
    "binary": ("t.yaml", b"AWSTemplateFormatVersion\x00\x01\x02\xff\xfe", 1),
    "empty": ("t.yaml", b"", 1),
    "whitespace_only": ("t.yaml", b"\n\n   \n", 1),
    "utf16": ("t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n".encode("utf-16"), 1),
    "utf16_no_bom": ("t.yaml", "AWSTemplateFormatVersion: x\n".encode("utf-16-le"), 1),
    "latin1": ("t.yaml", HEAD + b"  # caf\xe9\n", 3),
    "long_line": ("t.yaml", b"Resources: [" + b"x, " * 1_700_000 + b"\n", 2),
    "long_json_line": ("t.json", b'{"Resources": "' + b"a" * 5_000_000, 1),
    "deep_json": ("t.json", b'{"Resources": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", 1),
    "deep_yaml": ("t.yaml", b"Resources: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", 1),
    "alias_bomb": ("t.yaml", BOMB, 0),
    "recursive_alias": ("t.yaml", HEAD + b"  J: &a\n    Type: AWS::Glue::Job\n    Properties: *a\n", 5),
    "not_a_mapping": ("t.yaml", b"- AWSTemplateFormatVersion\n- Resources\n", 1),
    "two_documents": ("t.yaml", HEAD + b"  {}\n---\nResources: {}\n", 0),
    "control_character": ("t.yaml", HEAD + b"  J: \x07\n", 3),
}


def _parse(tmp_path: Path, name: str, data: bytes, **opts: int) -> FileReport:
    path = tmp_path / name
    path.write_bytes(data)
    return parse_template(path, ParseOptions(root=tmp_path, **opts))


SLOW_CASES = {"long_line"}  # megabytes of YAML


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.slow) if c in SLOW_CASES else c
                                  for c in sorted(CASES)])
def test_malformed_input_gives_one_located_error(tmp_path: Path, case: str) -> None:
    name, data, line = CASES[case]
    report = _parse(tmp_path, name, data)
    assert len(report.errors) == 1, report.errors
    error = report.errors[0]
    assert error.span.file == name and error.span.line >= 1 and error.span.column >= 1
    if line:
        assert error.span.line == line, error
    assert report.resources == []


def test_file_above_the_size_limit_is_not_parsed(tmp_path: Path) -> None:
    report = _parse(tmp_path, "t.yaml", HEAD + b"  # padding\n" * 100, max_file_bytes=100)
    assert len(report.errors) == 1 and "limit" in report.errors[0].message


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    report = parse_template(tmp_path / "gone.yaml", ParseOptions(root=tmp_path))
    assert len(report.errors) == 1


def test_error_messages_say_what_is_wrong(tmp_path: Path) -> None:
    name, data, _ = CASES["alias_bomb"]
    assert "alias" in _parse(tmp_path, name, data).errors[0].message
    name, data, _ = CASES["utf16"]
    assert "UTF-16" in _parse(tmp_path, name, data).errors[0].message
    name, data, _ = CASES["latin1"]
    error = _parse(tmp_path, name, data).errors[0]
    assert "UTF-8" in error.message and error.span.column == 8


def test_odd_but_valid_resources_do_not_raise(tmp_path: Path) -> None:
    text = b"""Resources:
  A: {Type: AWS::Glue::Job}
  B: {Type: AWS::Glue::Job, Properties: [1, 2]}
  C: {Type: AWS::Glue::Job, Properties: !If [X, {}, {}]}
  D: {Type: [AWS::Glue::Job]}
  E: 5
  F: {Type: AWS::Glue::Job, Properties: {Command: !Ref, DefaultArguments: !Join [1], Timeout: !Select [9, [1]],
      MaxRetries: !FindInMap [A, B], Name: !Sub [], Role: !GetAtt [], Tags: {Fn::Unknown: 1}}}
  1: {Type: AWS::Glue::Trigger, Properties: {Actions: !Ref AWS::NoValue}}
  ? [complex]
  : {Type: AWS::Glue::Workflow}
"""
    report = _parse(tmp_path, "t.yaml", text)
    assert report.errors == []
    assert [r.address for r in report.resources] == ["A", "B", "C", "F", "1", "['complex']"] or len(
        report.resources) == 6
