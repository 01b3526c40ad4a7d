"""The one JSON reader with positions (``parse/json_reader.py``): every JSON input (Terraform JSON, variable files,
CloudFormation JSON, plans) is read by it, a syntax error is located where Python's own ``json`` module locates it,
and every format reports the same broken text at the same place."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import ROOT

from gluelint.parse.json_reader import SKIPPED, load_json
from gluelint.parse.options import ParseOptions
from gluelint.parse.tree import MAP, SCALAR, SEQ, TreeError

SEEDS = [ROOT / "examples/golden/json/main.tf.json", ROOT / "examples/golden/plan/plan.json"]


def _error(text: str) -> tuple[int, int] | None:
    try:
        load_json(text)
    except TreeError as exc:
        return exc.line, exc.column
    return None


def _stdlib_error(text: str) -> tuple[int, int] | None:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.lineno, exc.colno
    return None


def _mutants(count: int, seed: int) -> list[str]:
    """Truncations, deletions and insertions of stray JSON characters in real files."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        text = rng.choice(texts)
        i = rng.randrange(len(text))
        op = rng.randrange(3)
        out.append(text[:i] if op == 0 else text[:i] + text[i + 1:] if op == 1
                   else text[:i] + rng.choice('{}[],:"\\ \x01a1-e.') + text[i:])
    return out


def test_errors_are_located_where_python_json_locates_them() -> None:
    mutants = _mutants(3000, 7)
    assert sum(_stdlib_error(t) is not None for t in mutants) > 1000  # most are broken
    assert [_error(t) for t in mutants] == [_stdlib_error(t) for t in mutants]


@pytest.mark.parametrize("text", ['{"a": 1,}', '{"a" 1}', "[1 2]", '"abc', '"a\x01"', '"\\q"', "tru", "{} x",
                                  "{", "[", '{"a":', "\n\n{\n", "NaN", "[Infinity]", "[-]", "01", "\u0661"])
def test_known_errors(text: str) -> None:
    assert _error(text) == _stdlib_error(text) or text.strip() in ("NaN", "[Infinity]")
    assert _error(text) is not None  # NaN / Infinity are Python's extension, not JSON


def test_tree_keeps_duplicates_positions_and_number_text() -> None:
    root = load_json('{\n  "a": 1,\n  "a": [2.50, "x"],\n  "b": {"c": null}\n}\n')
    assert root.kind == MAP and [k.value for k, _ in root.pairs()] == ["a", "a", "b"]
    last = root.get("a")
    assert last is not None and last.kind == SEQ
    assert (last.line, last.column, last.end_line, last.end_column) == (3, 8, 3, 19)
    number = last.items()[0]
    assert number.kind == SCALAR and number.value == 2.5 and number.text == "2.50"
    key = root.pairs()[2][0]
    assert (key.line, key.column, key.end_column) == (4, 3, 6)


def test_members_not_kept_are_validated_and_skipped() -> None:
    text = '{"keep": {"x": 1}, "skip": {"deep": [1, 2, {"y": "z"}]}}'
    root = load_json(text, keep=lambda path: path[0] != "skip")
    skipped = root.get("skip")
    assert skipped is not None and skipped.kind == SKIPPED and skipped.value is None
    assert (skipped.column, skipped.end_column) == (28, 56)
    kept = root.get("keep")
    assert kept is not None and kept.get("x") is not None
    for broken, column in (('{"skip": [1, NaN]}', 14), ('{"skip": [1, 2}', 15)):  # a skipped member is still checked
        with pytest.raises(TreeError) as caught:
            load_json(broken, keep=lambda path: False)
        assert (caught.value.line, caught.value.column) == (1, column)


def test_deep_nesting_is_a_located_error_not_a_recursion_error() -> None:
    with pytest.raises(TreeError, match="nesting deeper than 200"):
        load_json("[" * 5000 + "]" * 5000)
    with pytest.raises(TreeError, match="nesting deeper than 200"):  # too deep for the C decoder that skips too
        load_json('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", keep=lambda path: False)
    assert load_json("[" * 150 + "]" * 150).kind == SEQ


BROKEN = '{\n  "resource": {\n    "aws_glue_job": {\n      "j": {\n        "name": "a\x01b"\n      }\n    }\n  }\n'


@pytest.mark.parametrize("cut", [len(BROKEN), BROKEN.index("\x01") + 3])
def test_every_json_format_reports_a_broken_text_at_one_place(tmp_path: Path, cut: int) -> None:
    """The same broken text as a Terraform JSON file, a variable file, a CloudFormation template and a plan:
    one reader, one position (the control character; the end of a truncated text)."""
    from gluelint.parse.cloudformation import parse_template
    from gluelint.parse.plan import parse_plan
    from gluelint.parse.terraform import parse_terraform

    text = BROKEN[:cut] if cut < len(BROKEN) else BROKEN.replace("\x01", "")
    options = ParseOptions(root=tmp_path)
    where: dict[str, tuple[int, int]] = {}
    for name in ("main.tf.json", "template.json", "plan.json", "terraform.tfvars.json"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "vars.tf").write_text('variable "v" {}\nresource "aws_glue_job" "j" {\n  name = var.v\n}\n',
                                      encoding="utf-8")
    reports = [*parse_terraform([tmp_path / "main.tf.json", tmp_path / "vars.tf"], options),
               parse_template(tmp_path / "template.json", options), parse_plan(tmp_path / "plan.json", options)]
    for report in reports:
        for error in report.errors:
            where[Path(error.span.file).name] = (error.span.line, error.span.column)
    expected = _stdlib_error(text)
    assert expected is not None
    assert where == dict.fromkeys(("main.tf.json", "template.json", "plan.json", "terraform.tfvars.json"), expected)
