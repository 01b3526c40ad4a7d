"""Check code, one module per pack. Listing the modules here (not scanning) keeps start-up explicit."""

from __future__ import annotations

import importlib
from functools import cache

# Each module registers its checks with @check when imported.
MODULES: tuple[str, ...] = ("gl3_arguments", "spark_conf", "gl6_cost", "gl7_orchestration", "gl7_starters",
                              "gl9_scripts",
                              "gl0_definitions", "gl1_security", "gl1_hygiene", "gl2_encryption",
                              "gl4_limits", "gl5_compatibility")


@cache
def load_all() -> None:
    for name in MODULES:
        importlib.import_module(f"gluelint.checks.{name}")
