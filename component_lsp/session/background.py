"""The work the server does off its own thread: the workspace index's walk, and ShellCheck.

Both run on threads of their own and never touch what the server's thread
holds. When either has something, it calls ``wake``: the transport serving
the session then calls ``take`` on the server's own thread. The transport
that serves is the one that set ``wake`` last (``serve_with``): the early
start first, then pygls, at the hand-over (``early.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from ..shellchecking import ShellChecking
from ..workspace.index import Index

log = logging.getLogger(__name__)


class Taken(NamedTuple):
    """What the background work brought since the last ``take``."""

    indexed: bool  # the index's walk ended: templates may link otherwise
    shellchecked: set[str]  # URIs with new ShellCheck findings
    notes: list[str]  # for the client's log


class Indexing(NamedTuple):
    """The progress a client is shown of the index's walk (``window.workDoneProgress``): its token, and whether
    its ``begin`` was sent."""

    token: str
    begun: bool = False


@dataclass
class Background:
    index: Index = field(default_factory=Index)  # the workspace's component and template files
    shellchecking: ShellChecking = field(default_factory=ShellChecking)  # ShellCheck on the scripts
    folders: list[str] = field(default_factory=list)  # the workspace folders, as paths
    wake: Callable[[], None] | None = None  # the serving transport's: take what came, on the server's thread
    missed: bool = False  # a worker woke the server while no transport served (during the hand-over)
    indexing: Indexing | None = None  # the walk's progress, shown to a client that shows progress
    walks: int = 0  # walks started, for their progress tokens

    def serve_with(self, wake: Callable[[], None] | None) -> None:
        """The transport that serves the session from now on (None: none, for the moment of the hand-over); it is
        woken at once for what came while none served."""
        self.wake = wake
        if wake is not None and self.missed:
            self.missed = False
            wake()

    def woken(self) -> None:
        """(From a worker's thread.) Have the serving transport take in what came."""
        wake = self.wake
        if wake is None:
            self.missed = True
        else:
            wake()

    def walk(self) -> None:
        """Index the workspace folders on the index's thread."""
        self.walks += 1
        if self.folders:
            self.index.start(self.folders, self.woken)
        else:
            self.index.clear()

    @property
    def pending(self) -> bool:
        """Whether the index's walk or ShellCheck brought something not yet taken in."""
        return self.index.pending or bool(self.shellchecking.arrived)

    def take(self) -> Taken:
        """(On the server's thread.) What the index's walk and ShellCheck brought."""
        indexed = self.index.take()
        notes = []
        if indexed:
            log.info("indexed %d files in %.2f s", self.index.walked, self.index.seconds)
            notes = [f"component-lsp: {note}" for note in self.index.notes]
            self.index.notes.clear()
        arrived, shellcheck_notes = self.shellchecking.take()
        return Taken(indexed, arrived, notes + shellcheck_notes)
