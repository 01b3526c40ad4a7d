"""Progress on the terminal: click's progress bar on stderr, only where a person is watching.

Shown only when stderr is a terminal, ``TERM`` is not ``dumb``, no CI is detected (``CI``, ``GITHUB_ACTIONS``)
and ``--quiet`` is not given, so logs and machine output stay clean; and only once the run has taken
``GLUELINT_PROGRESS_DELAY`` seconds (1 by default), so quick runs never flicker. click is already a dependency
and its bar costs no import time; the bar is drawn on one line that is erased when the run ends.
"""

from __future__ import annotations

import os
import sys
import time
from typing import IO, Any, TextIO, cast

from gluelint.progress import Progress, Silent

DEFAULT_DELAY_SECONDS = 1.0
_CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "BUILDKITE", "GITLAB_CI", "JENKINS_URL", "TF_BUILD")


def wanted(quiet: bool, stream: IO[str] | None = None, env: dict[str, str] | None = None) -> bool:
    """Whether progress may be shown on ``stream`` (stderr by default)."""
    env = dict(os.environ) if env is None else env
    stream = stream or sys.stderr
    if quiet or env.get("TERM") == "dumb":
        return False
    if any(env.get(name, "").strip().lower() not in ("", "0", "false") for name in _CI_VARIABLES):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def for_run(quiet: bool) -> Progress:
    """A terminal progress bar when :func:`wanted`, else :class:`Silent`."""
    if not wanted(quiet):
        return Silent()
    try:
        delay = float(os.environ.get("GLUELINT_PROGRESS_DELAY", DEFAULT_DELAY_SECONDS))
    except ValueError:
        delay = DEFAULT_DELAY_SECONDS
    return TerminalProgress(sys.stderr, delay)


class TerminalProgress:
    """One click progress bar per phase ("Parsing files 812/10000", then "Running rules 40/95")."""

    def __init__(self, stream: IO[str], delay: float) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.delay = delay
        self.label = ""
        self.total = 0
        self.done = 0
        self.bar: Any = None
        self.drawn = False

    def phase(self, label: str, total: int) -> None:
        self._end_bar()
        self.label, self.total, self.done = label, total, 0
        self._maybe_show()

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        if self.bar is not None:
            self.bar.update(steps)
        else:
            self._maybe_show()

    def close(self) -> None:
        self._end_bar()
        if self.drawn:
            self.stream.write("\r\x1b[2K\x1b[?25h")  # erase the bar's line: the report starts on a clean screen
            self.stream.flush()

    def _maybe_show(self) -> None:
        if self.total <= 0 or time.monotonic() - self.started < self.delay:
            return
        import click

        self.bar = click.progressbar(length=self.total, label=self.label, file=cast(TextIO, self.stream), show_pos=True,
                                     show_eta=False, width=30)
        self.bar.__enter__()
        self.bar.update(self.done)
        self.drawn = True

    def _end_bar(self) -> None:
        if self.bar is None:
            return
        # Not the bar's own ending (a newline per phase): the next phase redraws the same line.
        self.bar.finished = True
        self.bar.render_progress()
        self.stream.write("\r\x1b[2K\x1b[?25h")  # click hides the cursor while a bar is drawn
        self.stream.flush()
        self.bar = None
