"""Product files cite primary sources (AWS documentation, provider docs, release notes), never the project's
research notes or any path outside the repository, which no user has."""

from __future__ import annotations

import re
import subprocess

from conftest import ROOT

# What ships or is read by users: the package, its data, the docs, the examples, the Action.
PRODUCT = ("gluelint/", "rules/", "pricing/", "docs/", "examples/", "README.md", "action.yml", "bench/README.md")
OUTSIDE = re.compile(r"(?<![\w.-])(?:\.\./)?shared/|glue-facts")


def _product_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", *PRODUCT], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split()
    return sorted(f for f in listed if (ROOT / f).is_file())


def test_no_product_file_points_outside_the_repository() -> None:
    files = _product_files()
    assert len(files) > 100
    offenders = []
    for name in files:
        try:
            text = (ROOT / name).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        offenders += [f"{name}:{n}: {line.strip()}" for n, line in enumerate(text.splitlines(), 1)
                      if OUTSIDE.search(line)]
    assert offenders == []


def test_the_pattern_catches_what_it_must() -> None:
    for bad in ("see ../shared/glue-facts.md", "(shared/reference/dsl.md)", "glue-facts section 5.3"):
        assert OUTSIDE.search(bad), bad
    for fine in ("shared-etl", "a shared_config/ folder", "https://example.com/not-shared/x"):
        assert not OUTSIDE.search(fine), fine
