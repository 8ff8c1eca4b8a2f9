"""A progress line on a terminal, for ``component-lsp check`` over many files or with ShellCheck.

It is written to stderr, only when stderr is a terminal (never into a CI log or a pipe), at most ten times a
second (and at each new step), each time over the last (``\\r``), and cleared before the report is printed.
"""

from __future__ import annotations

import time
from typing import TextIO

EVERY = 0.1  # seconds between two drawings
MANY_FILES = 50  # from this many files, check shows its progress (with ShellCheck on, always)


class ProgressLine:
    """One line, drawn again as work goes on; nothing at all where ``shown`` is false."""

    def __init__(self, stream: TextIO, shown: bool) -> None:
        self.stream = stream
        self.shown = shown
        self.drawn = 0  # the width of what is on the line now
        self.last = 0.0
        self.what = ""  # what the line says is being done

    @classmethod
    def on(cls, stream: TextIO, quiet: bool) -> ProgressLine:
        """A progress line on ``stream`` if it is a terminal and the user did not ask for quiet."""
        isatty = getattr(stream, "isatty", None)
        return cls(stream, not quiet and callable(isatty) and bool(isatty()))

    def show(self, done: int, total: int, what: str) -> None:
        """``what``: ``done`` of ``total``; drawn if the last drawing is old enough, or ``what`` is new."""
        if not self.shown:
            return
        now = time.monotonic()
        if what == self.what and now - self.last < EVERY:
            return
        self.last, self.what = now, what
        text = f"component-lsp: {what} {done:,}/{total:,}"
        self.stream.write("\r" + text.ljust(self.drawn))
        self.stream.flush()
        self.drawn = len(text)

    def clear(self) -> None:
        """Nothing on the line any more (before the report is printed)."""
        if self.shown and self.drawn:
            self.stream.write("\r" + " " * self.drawn + "\r")
            self.stream.flush()
            self.drawn = 0
