"""Check code, one module per pack. Listing the modules here (not scanning) keeps start-up explicit.

The packs import ``registry`` to register their checks; the registry never imports the packs (that would be
a cycle): whoever needs every check asks :func:`all_checks` here.
"""

from __future__ import annotations

import importlib
from functools import cache

from gluelint.checks.registry import Check, registered

# Each module registers its checks with @check when imported.
MODULES: tuple[str, ...] = ("gl3_keys", "gl3_values", "gl3_support", "gl3_sizes", "gl3_packages", "gl3_s3", "gl3_text",
                              "spark_conf", "gl6_cost", "gl6_usage", "gl7_orchestration", "gl7_starters", "gl9_scripts",
                              "gl0_definitions", "gl0_schema", "gl1_security", "gl1_hygiene", "gl2_encryption",
                              "gl4_limits", "gl5_versions", "gl5_workers", "gl5_runtimes", "gl5_availability",
                              "gl8_iam")


@cache
def load_all() -> None:
    for name in MODULES:
        importlib.import_module(f"gluelint.checks.{name}")


def all_checks() -> list[Check]:
    """Every registered check, every pack loaded."""
    load_all()
    return registered()
