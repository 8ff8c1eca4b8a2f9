"""ShellCheck for open documents, in the background: typing never waits for it.

A keystroke's diagnostics go out at once, with the ShellCheck findings
already known for each script (kept by the script's text, so an unchanged
RUN keeps its findings through any edit elsewhere). Scripts not yet checked
are checked once the user pauses (``DELAY``), on a thread of their own, one
ShellCheck process at a time; what a later change asks replaces what was
waiting, so a run is always of the text as it was at the last pause. When
results arrive, ``wake`` gets the server's own thread to publish them
(``take``). If ShellCheck cannot run, that is said once, in the log, and the
checks go on without it.
"""

from __future__ import annotations

import operator
import threading
import time
from collections.abc import Callable
from typing import NamedTuple

from .aligned import STALE, Followed, follow
from .diagnostics import Diagnostic
from .formats import Content
from .formats.base import Script, Scripts
from .shell import shellcheck
from .shell.shellcheck import Found, Unavailable, Unit

DELAY = 0.4  # seconds of quiet after a change before ShellCheck runs
KEPT = 50_000  # scripts whose findings are kept (past that, the oldest half goes)


def _changed(old: list, new: list, lo: int, hi: int, out: list[int]) -> None:
    """The indexes in [lo, hi) where two lists of the same length hold different objects, found by halves: a
    keystroke changes one script of thousands, and comparing a slice is C speed where a loop is not."""
    if old[lo:hi] == new[lo:hi]:  # Scripts hold their place function: equal only when the same object
        return
    if hi - lo <= 32:
        out.extend(k for k in range(lo, hi) if old[k] is not new[k])
        return
    middle = (lo + hi) // 2
    _changed(old, new, lo, middle, out)
    _changed(old, new, middle, hi, out)


def _first_line(script: Script) -> int:
    """The line a script begins on now: where its findings were placed from."""
    return script.place(0, 0)[0][0]


class Entry(NamedTuple):
    """One script of a document as last asked about."""

    script: Script
    unit: Unit  # what ShellCheck is asked: the script with its directives and the variables it names
    results: list[Found] | None  # ShellCheck's findings; None while not known
    diagnostics: list[Diagnostic]  # the findings placed in the document
    line: int  # the line the script began on when they were placed


_DIAGNOSTICS = operator.attrgetter("diagnostics")


class Waiting(NamedTuple):
    """A document's scripts waiting for ShellCheck."""

    units: list[Unit]
    due: float  # when (time.monotonic) the user's pause is long enough
    wake: Callable[[], None] | None  # how to tell the server that findings came


class Placed(NamedTuple):
    """A document's scripts as last asked about: an entry per place of the list (None where it holds no script)."""

    scripts: list
    defined: tuple[str, ...]
    edits: int  # Scripts.edits then
    since: Callable | None  # Scripts.since then: the log of the model the entries follow
    entries: list[Entry | None]
    groups: list[list[Diagnostic]]
    waiting: list[int]  # the scripts not checked yet, by place
    generation: int  # ShellChecking.generation then: while it is the same, no findings came for the waiting


def _entry(script: Script | None, defined: tuple[str, ...]) -> Entry | None:
    """A script's entry before its findings are known."""
    return (
        None if script is None else Entry(script, shellcheck.unit(script.text, defined, script.directives), None, [], 0)
    )


def _followed(before: Placed, found: Scripts) -> Followed | None:
    """What changed in a document's scripts since they were last looked at; None: look at them all again."""
    if before.since != found.since:  # another model (the text changed format, and back): its log is not theirs
        return None
    if found.since is not None:  # the format's edit log
        changes = found.since(before.edits)
        return None if changes is None else follow(before.entries, changes, before.waiting)
    if len(before.scripts) != len(found.scripts):
        return None
    todo: list[int] = []
    _changed(before.scripts, found.scripts, 0, len(found.scripts), todo)
    changed = set(todo)
    return Followed([(k, k + 1) for k in todo], None, [], [k for k in before.waiting if k not in changed])


def _patch(
    entries: list, followed: Followed, scripts: list, defined: tuple[str, ...], redefined: bool
) -> tuple[list[int], bool]:
    """Entries made anew where scripts were built again, findings moved with their lines, and (``redefined``: the
    component's variables changed) the key of every script made again, the entry anew where it changed; the
    places to look at again, and whether the list of lists changes (a script that had findings was replaced, or
    they moved)."""
    regroup = any(entry.diagnostics for entry in followed.dropped if entry is not None and entry is not STALE)
    todo = []
    for lo, hi in followed.built:
        for k in range(lo, hi):
            old = entries[k]
            regroup = regroup or (old is not STALE and old is not None and bool(old.diagnostics))
            entries[k] = _entry(scripts[k], defined)
            todo.append(k)
    if followed.moved is not None:  # a whole instruction moves: its findings, as many lines as it did
        for k in range(followed.moved, len(entries)):
            entry = entries[k]
            if entry is not None and entry.diagnostics:
                now = _first_line(entry.script)
                if now != entry.line:
                    moved = [d.moved(now - entry.line) for d in entry.diagnostics]
                    entries[k] = entry._replace(diagnostics=moved, line=now)
                    regroup = True
    if redefined:  # only the scripts that name a variable that came or went: the others keep their findings
        for k, entry in enumerate(entries):
            if entry is None:
                continue
            unit = shellcheck.unit(entry.script.text, defined, entry.script.directives)
            if entry.unit != unit:
                regroup = regroup or bool(entry.diagnostics)
                entries[k] = Entry(entry.script, unit, None, [], 0)
                todo.append(k)
    return todo, regroup


class Binary:
    """Which ShellCheck runs (the settings' mode and path), found on first use; and, once, why none can."""

    def __init__(self) -> None:
        self.mode: str | None = None  # None: shellcheck.default_mode()
        self.path: str | None = None
        self.found: str | None = None  # resolved on first use
        self.resolved = False
        self.notes: list[str] = []  # for the log, once each
        self.said = False

    def configure(self, mode: str | None, path: str | None) -> bool:
        """Take the settings; whether they changed (another ShellCheck may find otherwise)."""
        if (mode, path) == (self.mode, self.path):
            return False
        self.mode, self.path, self.resolved, self.said = mode, path, False, False
        return True

    @property
    def path_to_run(self) -> str | None:
        """The ShellCheck to run, or None (off, not found, or it failed)."""
        if not self.resolved:
            self.resolved = True
            try:
                self.found = shellcheck.locate(self.mode, self.path)
            except Unavailable as exc:
                self.failed(str(exc))
        return self.found

    def failed(self, message: str) -> None:
        """ShellCheck cannot run: say so once, and go on without it."""
        self.found = None
        if not self.said:
            self.said = True
            self.notes.append(f"component-lsp: {message}; going on without ShellCheck")


class ShellChecking:
    def __init__(self) -> None:
        self.shellcheck = Binary()
        self.found: dict[Unit, list[Found]] = {}
        self.placed: dict[str, Placed] = {}  # by URI: what ``diagnostics`` answered last
        self.lock = threading.Lock()
        self.ready = threading.Condition(self.lock)
        self.pending: dict[str, Waiting] = {}  # by URI: what to check, when
        self.worker: threading.Thread | None = None
        self.arrived: set[str] = set()  # URIs with new findings, for the server's thread
        self.generation = 0  # counts the batches of findings taken in: part of a pulled report's result id

    def configure(self, mode: str | None, path: str | None) -> None:
        if self.shellcheck.configure(mode, path):
            with self.lock:
                self.found.clear()  # another ShellCheck may find otherwise
                self.placed.clear()

    @property
    def binary(self) -> str | None:
        """The ShellCheck to run, or None (off, not found, or it failed)."""
        return self.shellcheck.path_to_run

    def diagnostics(self, uri: str, content: Content) -> tuple[list[list[Diagnostic]], list[Unit]]:
        """The findings known for a document's scripts, a list per script that has any, and the scripts not
        checked yet. A keystroke changes a script or two: only those are looked at again (found from the format's
        edit log where it keeps one, else by comparing the lists), and while no script's findings change the list
        of lists is the same object as last time (the session keeps its JSON with it)."""
        if self.binary is None:
            return [], []
        found = content.scripts()
        if found is None or not found.scripts:
            self.placed.pop(uri, None)
            return [], []
        scripts, defined = found.scripts, found.defined
        generation = self.generation  # read first: findings that come during this call are looked at next time
        before = self.placed.get(uri)
        followed = None if before is None else _followed(before, found)
        carried: list[int] = []
        if before is None or followed is None or len(before.entries) != len(scripts):
            entries: list = [_entry(script, defined) for script in scripts]
            todo = [k for k, entry in enumerate(entries) if entry is not None]
            groups = None
        else:
            entries = before.entries
            redefined = before.defined is not defined and before.defined != defined  # an ENV's name changed
            todo, regroup = _patch(entries, followed, scripts, defined, redefined)
            if redefined or before.generation != generation:  # findings came: those waiting may have theirs
                todo = sorted({*todo, *followed.carried})
            else:
                carried = followed.carried
            groups = None if regroup else before.groups
        known = self.found
        waiting: list[int] = []
        for k in todo:
            entry = entries[k]
            if entry is None or entry.results is not None:
                continue
            results = known.get(entry.unit)
            if results is None:
                waiting.append(k)
                continue
            placed = shellcheck.diagnostics(results, entry.script.place)
            entries[k] = entry._replace(
                results=results, diagnostics=placed, line=_first_line(entry.script) if placed else 0
            )
            if placed:
                groups = None
        if groups is None:
            groups = list(filter(None, map(_DIAGNOSTICS, filter(None, entries))))  # C speed: 14,000 entries on 1 MB
            if (
                before is not None
                and len(groups) == len(before.groups)
                and all(map(operator.is_, groups, before.groups))
            ):
                groups = before.groups  # the same findings: the same object
        if carried:
            waiting = sorted(carried + waiting)
        self.placed[uri] = Placed(scripts, defined, found.edits, found.since, entries, groups, waiting, generation)
        return groups, [entries[k].unit for k in waiting]

    # -- in the background -------------------------------------------------------------
    def schedule(self, uri: str, missing: list[Unit], wake: Callable[[], None] | None) -> None:
        """Check these scripts of a document once the user pauses (a later call for it replaces them)."""
        with self.ready:
            if not missing:
                if self.pending.pop(uri, None) is not None:
                    self.ready.notify()
                return
            waiting = self.pending.get(uri)
            if waiting is not None and waiting.units == missing:
                return  # asked again for the same text (a pull, a hover's publish): the pause is not restarted
            self.pending[uri] = Waiting(missing, time.monotonic() + DELAY, wake)
            if self.worker is None:
                self.worker = threading.Thread(target=self._work, name="component-lsp-shellcheck", daemon=True)
                self.worker.start()
            self.ready.notify()

    def forget(self, uri: str) -> None:
        """A closed document: nothing more to check for it."""
        self.placed.pop(uri, None)
        self.schedule(uri, [], None)

    def _work(self) -> None:
        """The worker: waits for a document's pause, then checks its scripts; one process at a time."""
        while True:
            with self.ready:
                while True:
                    now = time.monotonic()
                    due = [uri for uri, waiting in self.pending.items() if waiting.due <= now]
                    if due:
                        uri = due[0]
                        waiting = self.pending.pop(uri)
                        units, wake = waiting.units, waiting.wake
                        break
                    soonest = min((waiting.due for waiting in self.pending.values()), default=None)
                    self.ready.wait(None if soonest is None else max(0.0, soonest - now))
            self._run(uri, units, wake)

    def _run(self, uri: str, units: list[Unit], wake) -> None:
        binary = self.binary
        if binary is None:
            return
        todo = list(dict.fromkeys(u for u in units if u not in self.found))
        if not todo:
            return
        try:
            results = shellcheck.check(binary, todo)
        except Unavailable as exc:
            self.shellcheck.failed(str(exc))
            results = None
        with self.lock:
            if results is not None:
                self.generation += 1
                if len(self.found) > KEPT:
                    for key in list(self.found)[: KEPT // 2]:
                        del self.found[key]
                self.found.update(zip(todo, results, strict=True))
                self.arrived.add(uri)
        if wake is not None:
            wake()

    def take_notes(self) -> list[str]:
        """What to say in the log (ShellCheck cannot run), once."""
        if not self.shellcheck.notes:
            return []
        with self.lock:
            notes, self.shellcheck.notes = self.shellcheck.notes, []
        return notes

    def take(self) -> tuple[set[str], list[str]]:
        """(On the server's thread.) The documents with new findings, and what to say in the log."""
        with self.lock:
            arrived, self.arrived = self.arrived, set()
        return arrived, self.take_notes()
