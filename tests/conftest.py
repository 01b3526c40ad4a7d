"""Shared test paths. ``shared/`` (project notes, real corpus, corpus generator) lies beside the checkout,
both here and in CI, so it is found relative to this file, never by an absolute path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GLUELINT_SHARED_DIR", ROOT.parent / "shared"))
GEN_CORPUS = SHARED / "tools" / "gen_corpus.py"
REAL_CORPUS = SHARED / "corpus" / "real"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own parse and result cache: a cached run of one test (perhaps with a rule
    monkeypatched) must never answer another. Tests of the cache set GLUELINT_CACHE_DIR themselves."""
    monkeypatch.setenv("GLUELINT_CACHE_DIR", str(tmp_path_factory.mktemp("gluelint-cache")))
