"""How a run reports its progress: the engine calls a :class:`Progress`; the CLI decides whether anyone sees it.

The engine knows no terminal: it announces each phase (``parse`` with the number of files, ``rules`` with the
number of checks) and advances it; :class:`Silent` (the default) ignores everything.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def phase(self, label: str, total: int) -> None:
        """A new phase of ``total`` steps begins (the previous one, if any, is over)."""

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps of the current phase are done."""

    def close(self) -> None:
        """The run is over: remove any trace from the screen."""


class Silent:
    """No progress shown: pipes, CI logs, ``--quiet``, the library API."""

    def phase(self, label: str, total: int) -> None:
        return None

    def advance(self, steps: int = 1) -> None:
        return None

    def close(self) -> None:
        return None
