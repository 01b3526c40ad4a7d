"""The pre-filter asks the parsers' own link resolvers, and so cannot disagree with them: which ``module`` source
is a local folder (``parse.terraform.module_source``) and which nested stack is followed
(``parse.cloudformation.stacks``). And it loads neither parser to ask (start-up, the warm run)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from gluelint.parse import prefilter
from gluelint.parse.options import ParseOptions
from gluelint.parse.terraform.run import Run

# Local paths (Terraform also reads ``.\`` / ``..\`` as local, backslashes as slashes), a missing local folder,
# paths past the file system's limits, and sources ``terraform init`` fetches: registry, git, GitHub, S3, HTTP,
# an absolute path, a relative path without ``./``.
SOURCES = [
    "./modules/glue", "../shared/glue", "./modules/glue/", "./modules/../modules/glue", ".\\modules\\glue",
    "..\\shared\\glue", "./missing", "../" * 40, "./" + "a/" * 3000 + "x", "./modules/glue/main.tf",
    "terraform-aws-modules/glue/aws", "app.terraform.io/org/glue/aws", "git::https://example.com/glue.git//job?ref=v1",
    "github.com/org/terraform-glue", "s3::https://s3.amazonaws.com/bucket/glue.zip", "https://example.com/glue.zip",
    "modules/glue", "/", ".modules/glue", "",
]


def _layout(tmp_path: Path) -> Path:
    for folder in ("root/modules/glue", "shared/glue"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "main.tf").write_text('resource "aws_glue_job" "j" {\n  name = "j"\n}\n')
    return tmp_path / "root"


def _parser_decision(folder: Path) -> list[Path]:
    run = Run(ParseOptions(root=folder))
    module = run.module(folder)
    return [t for call in module.calls if (t := run.local_source(module, call)) is not None]


@pytest.mark.parametrize("syntax", ["hcl", "json"])
@pytest.mark.parametrize("source", SOURCES)
def test_prefilter_and_parser_make_one_local_module_decision(tmp_path: Path, source: str, syntax: str) -> None:
    root = _layout(tmp_path)
    quoted = json.dumps(source)  # the same escapes in HCL and JSON
    if syntax == "hcl":
        (root / "main.tf").write_text(f'module "m" {{\n  source = {quoted}\n}}\n')
    else:
        (root / "main.tf.json").write_text(f'{{"module": {{"m": {{"source": {quoted}}}}}}}\n')
    parser = _parser_decision(root.resolve())
    assert prefilter._load_folder(root.resolve()).sources == parser
    if source.endswith(".tf"):  # a file, not a folder
        assert parser == []
    elif source.startswith(("./modules/glue", "./modules/..", ".\\modules")):
        assert parser == [(root / "modules/glue").resolve()]
    elif source.startswith(("../shared", "..\\shared")):
        assert parser == [(tmp_path / "shared/glue").resolve()]
    elif source != "../" * 40:  # the file system's root is a folder, as it is for Terraform
        assert parser == []


def test_backslash_local_source_is_followed_like_terraform(tmp_path: Path) -> None:
    """``.\\modules\\glue`` is a local module for Terraform: the job is the caller's (``module.m``), not a root."""
    from gluelint.engine import RunRequest, run

    root = _layout(tmp_path)
    (root / "main.tf").write_text('module "m" {\n  source = ".\\\\modules\\\\glue"\n}\n')
    for use_prefilter in (True, False):
        result = run(RunRequest(paths=[root], parse_options=ParseOptions(root=root), use_cache=False, jobs=1,
                                prefilter=use_prefilter))
        assert [r.address for r in result.inventory.resources if r.kind == "job"] == ["module.m.aws_glue_job.j"]


def _imported_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(m for m in sys.modules if m.startswith('gluelint'))))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT,
                         env=env)
    return set(out.stdout.split())


PARSERS = {"gluelint.parse.terraform.run", "gluelint.parse.terraform.hcl_reader", "gluelint.parse.terraform.evaluator",
           "gluelint.parse.cloudformation.template", "gluelint.parse.cloudformation.intrinsics"}


def test_prefilter_loads_no_parser(tmp_path: Path) -> None:
    root = _layout(tmp_path)
    (root / "main.tf").write_text('module "m" {\n  source = "./modules/glue"\n}\n')
    (root / "parent.yaml").write_text("Resources:\n  S:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
                                      "      TemplateURL: child.yaml\n")
    (root / "child.yaml").write_text("Resources:\n  J:\n    Type: AWS::Glue::Job\n")
    code = "\n".join([
        "from pathlib import Path", "from gluelint.discover import discover",
        "from gluelint.parse.options import ParseOptions", "from gluelint.parse.prefilter import select",
        f"root = Path({str(root)!r})", "units = select(discover([root]), options=ParseOptions(root=root)).units",
        "assert len(units) == 3, units",  # the module with its caller, and each template
    ])
    assert _imported_after(code) & PARSERS == set()


def test_warm_run_loads_no_parser(tmp_path: Path) -> None:
    """The warm run replays the result cache after the pre-filter: it imports no parser and no rule pack."""
    root = _layout(tmp_path)
    (root / "main.tf").write_text('module "m" {\n  source = "./modules/glue"\n}\n')
    env = {**os.environ, "GLUELINT_CACHE_DIR": str(tmp_path / "cache")}
    check = "\n".join(["from gluelint.cli import main", "try:", f"    main(['check', {str(root)!r}, '--exit-zero'])",
                       "except SystemExit:", "    pass"])
    cold = _imported_after(check, env)
    assert PARSERS & cold  # the cold run parses
    warm = _imported_after(check, env)
    assert warm & PARSERS == set()
    assert not any(m.startswith("gluelint.checks.gl") for m in warm)
