"""Shared test paths and the generated corpus.

Every test runs on a plain clone of the repository, except those over ``../shared/corpus/real`` (third-party
files kept outside the repository; CI lays ``shared/`` beside the checkout, and they skip with that reason
elsewhere). The synthetic monorepo comes from the repository's own generator, ``tests/corpus_gen.py``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GLUELINT_SHARED_DIR", ROOT.parent / "shared"))
REAL_CORPUS = SHARED / "corpus" / "real"
REAL_CORPUS_MISSING = f"the real-world corpus is not beside the checkout ({REAL_CORPUS}); it runs in CI"
needs_real_corpus = pytest.mark.skipif(not REAL_CORPUS.is_dir(), reason=REAL_CORPUS_MISSING)


def generated_corpus(out: Path, files: int, seed: int) -> dict[str, Any]:
    """A synthetic monorepo under ``out`` (tests/corpus_gen.py); returns its ground-truth manifest."""
    from corpus_gen import generate

    return generate(out, files, seed)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own parse and result cache: a cached run of one test (perhaps with a rule
    monkeypatched) must never answer another. Tests of the cache set GLUELINT_CACHE_DIR themselves."""
    monkeypatch.setenv("GLUELINT_CACHE_DIR", str(tmp_path_factory.mktemp("gluelint-cache")))
