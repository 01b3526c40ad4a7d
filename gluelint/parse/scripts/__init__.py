"""Job scripts: find each job's script in the scanned tree (:mod:`.locate`) and read it (:mod:`.python_script`,
with ``ast``, never run). The engine links every job of a run through :class:`ScriptFinder`."""

from __future__ import annotations

from gluelint.parse.scripts.locate import ScriptFinder

__all__ = ["ScriptFinder"]
