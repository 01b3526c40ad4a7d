"""Shared test paths. ``shared/`` (project notes, real corpus, corpus generator) lies beside the checkout,
both here and in CI, so it is found relative to this file, never by an absolute path."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GLUELINT_SHARED_DIR", ROOT.parent / "shared"))
GEN_CORPUS = SHARED / "tools" / "gen_corpus.py"
REAL_CORPUS = SHARED / "corpus" / "real"
