"""Job scripts: find each job's script in the scanned tree and read it (Python with ``ast``, never run)."""

from __future__ import annotations

from pathlib import Path

from gluelint.model.inventory import Inventory
from gluelint.model.resources import Job
from gluelint.model.scripts import ScriptLink
from gluelint.parse.options import ParseOptions
from gluelint.parse.scripts.locate import ScriptFinder

__all__ = ["link_scripts"]


def link_scripts(inventory: Inventory, options: ParseOptions, script_paths: dict[str, Path]) -> None:
    """Follow every job's script location; the links are kept on the inventory for the GL9 checks."""
    uploads = [u for f in inventory.files for u in f.uploads]
    finder = ScriptFinder(options, uploads, script_paths)
    links: dict[tuple[str, str], ScriptLink] = {}
    for job in inventory.of(Job):
        links[(job.scope, job.address)] = finder.link(job)
    inventory.scripts = links
