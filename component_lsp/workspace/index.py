"""The workspace index: every component and template file of the workspace, by path, and components by name.

A file is known from disk (found by the walk of the workspace folders, or
told of by the client's file events) or from the editor (an open document);
an open document wins over the disk until it is closed. What the index keeps
of a file is what the other files need of it: a component's ``Offer`` (its
parameters and steps), a template's ``Use`` list, and its text's lines for
placing them. A component's name is its file name without the suffix
(SPEC section 8).

The walk of the workspace folders runs on a thread of its own, which only
reads files; what it finds is taken in by ``take`` on the thread that owns
the index (the server's), so the index is only ever changed there. ``generation`` counts the changes the
templates' cross-file diagnostics depend on.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator

from ..document import Document
from ..formats import Content, kind_by_name, open_text, stem
from ..formats.base import COMPONENT, HOST, TEMPLATE, Defined, Include, Offer, Position, Use
from .scan import MAX_BYTES, MAX_FILE_BYTES, MAX_FILES, Walk, beside, path_of, uri_of

log = logging.getLogger(__name__)

LINKED = (TEMPLATE, HOST)  # the files whose COMPONENT lines are linked to components
REPORT_EVERY = 0.25  # seconds between wakes while a walk goes on, for the count a client's progress shows


class Entry:
    """One file: where it is, what it is, and what other files need of it.

    A host file (a Terraform file) is an entry too: the templates in it use components, and the components it
    defines by name (``defined``) are entries of their own, whose place is their name in the file (``at``).
    """

    __slots__ = (
        "_defines",
        "_includes",
        "_offer",
        "_uses",
        "at",
        "content",
        "dialect",
        "name",
        "path",
        "size",
        "source",
        "uri",
    )

    def __init__(self, path: str, uri: str, dialect: str, content: Content, live: bool) -> None:
        self.path, self.uri, self.dialect = path, uri, dialect
        self.name = stem(path) if dialect == COMPONENT else None
        self.at: Position = (0, 0)  # where a definition of the component goes
        self.content: Content | None = content if live else None  # an open document's, which changes as it is edited
        self.source: Document = content.source
        self._offer: Offer | None = None
        self._uses: list[Use] | None = None
        self.size = content.source.byte_size
        # What a component offers is worked out now, open or not: an edit compares it with what it offers then.
        self._offer = content.offer() if dialect == COMPONENT else None
        self._defines: list[Defined] = content.defines() if dialect == HOST else []
        self._includes: list[Include] = content.includes() if dialect == HOST and not live else []
        if not live:  # a file on disk: keep what others need, not the model
            self._uses = (content.uses() or []) if dialect in LINKED else []

    @classmethod
    def defined(cls, host: Entry, component: Defined) -> Entry:
        """The entry of a component a host file defines by name."""
        entry = cls.__new__(cls)
        entry.path, entry.uri, entry.dialect, entry.name = host.path, host.uri, COMPONENT, component.name
        entry.at, entry.content, entry.source, entry.size = component.start, None, host.source, 0
        entry._offer, entry._uses, entry._defines, entry._includes = component.offer, [], [], []
        return entry

    @property
    def includes(self) -> list[Include]:
        """The files a host file reads content from (paths from its folder)."""
        return self.content.includes() if self.content is not None else self._includes

    @property
    def defines(self) -> list[Defined]:
        """The components a host file defines by name (none for a component or template file)."""
        if self.content is not None and self.dialect == HOST:
            return self.content.defines()
        return self._defines

    @property
    def names(self) -> list[str]:
        """The component names the file gives: its own, or those it defines."""
        return [self.name] if self.name is not None else [d.name for d in self.defines]

    @property
    def offer(self) -> Offer | None:
        if self._offer is None and self.content is not None and self.dialect == COMPONENT:
            self._offer = self.content.offer()
        return self._offer

    @property
    def uses(self) -> list[Use]:
        if self.content is not None and self.dialect in LINKED:
            return self.content.uses() or []
        return self._uses or []

    def edited(self) -> bool:
        """The open document changed: whether what it offers changed (worked out from the edited text, against
        what it offered before the edit)."""
        if self.content is not None and self.dialect == HOST:
            defined, self._defines = self._defines, self.content.defines()
            return [(d.name, d.offer) for d in defined] != [(d.name, d.offer) for d in self._defines]
        if self.content is None or self.dialect != COMPONENT:
            return False
        offered, self._offer = self._offer, self.content.offer()
        return self._offer != offered


def read_text(path: str) -> str | None:
    """A file's text, as the CLI reads it (UTF-8, a bad byte replaced); None if it cannot be read, is too large, or
    is not a regular file (a FIFO named like a component would block a plain ``open``)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                log.info("not indexed: %s is not a regular file", path)
                return None
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        log.info("not indexed: %s: %s", path, exc.strerror or exc)
        return None
    if len(data) > MAX_FILE_BYTES:
        log.info("not indexed: %s is over %d bytes", path, MAX_FILE_BYTES)
        return None
    return data.decode("utf-8-sig", "replace")


def _ours(name: str) -> bool:
    """A component or template file, or a host file (a Terraform file) that may define or use components."""
    return kind_by_name(name) is not None


class Index:
    """The component and template files of a workspace."""

    def __init__(self) -> None:
        self.disk: dict[str, Entry] = {}  # by path
        self.live: dict[str, Entry] = {}  # open documents that are files of ours, by path
        self.roots: list[str] = []
        self.generation = 0
        self.notes: list[str] = []  # what the walk had to leave out, for the server to log
        self.walked = 0  # files the last walk indexed
        self.seconds = 0.0  # how long the last walk took
        self.scanning = False  # a walk is under way
        self._incoming: deque = deque()  # what the walk's thread found, for the owner's thread to take
        self._by_name: tuple[int, dict[str, list[Entry]]] = (-1, {})
        self.memo: tuple[int, dict] = (-1, {})  # links.check's, for this generation
        self.last: tuple[list, list] | None = None  # links.check's last answer, and the list of uses it was for

    # -- the workspace folders --------------------------------------------------
    def found(self, roots: list[str]) -> Iterator[Entry | str]:
        """The files of the folders, read, as entries; then, if the walk stopped early, why (a note)."""
        walk = Walk(roots, _ours)
        count = size = 0
        for path in walk:
            if count >= MAX_FILES or size >= MAX_BYTES:
                yield f"indexed {count:,} files ({size:,} bytes), the most it takes"
                return
            entry = self._read(path)
            if entry is not None:
                count += 1
                size += entry.size
                yield entry
        if walk.stopped:
            yield walk.stopped

    def start(self, roots: list[str], wake: Callable[[], None] | None = None) -> None:
        """Walk these folders on a thread of its own; what it finds waits for ``take``, and ``wake`` is called when
        it is done (from that thread)."""
        self.roots = [os.path.normpath(root) for root in roots]
        self.scanning, self.walked = True, 0
        self.disk.clear()
        incoming = self._incoming = deque()  # a walk started before this one leaves its findings in its own

        def run() -> None:
            began = told = time.perf_counter()
            try:
                for found in self.found(self.roots):
                    incoming.append(found)
                    if wake is not None and time.perf_counter() - told >= REPORT_EVERY:
                        told = time.perf_counter()
                        wake()  # what came so far, for the server to count (its progress report)
            except Exception:  # the index is a help: without it, templates are checked on their own
                log.exception("the workspace walk failed")
            incoming.append(time.perf_counter() - began)
            if wake is not None:
                wake()

        threading.Thread(target=run, name="component-lsp-index", daemon=True).start()

    def clear(self) -> None:
        """No workspace folders: forget what was found on disk (open documents stay)."""
        self.roots, self.scanning = [], False
        self._incoming = deque()
        if self.disk:
            self.disk.clear()
            self.generation += 1

    @property
    def pending(self) -> bool:
        return bool(self._incoming)

    def take(self) -> bool:
        """Take in what the walk found so far (on the thread that owns the index); True if the walk ended with it."""
        ended = False
        while self._incoming:
            found = self._incoming.popleft()
            if isinstance(found, Entry):
                if found.path not in self.disk:
                    self.disk[found.path] = found
                    self.walked += 1
            elif isinstance(found, str):
                self.notes.append(
                    f"the workspace index stopped early: it {found}; COMPONENT lines naming the files left out are not"
                    " linked"
                )
            else:
                self.seconds, ended, self.scanning = found, True, False
        if ended:
            self.generation += 1
        return ended

    # -- files ---------------------------------------------------------------------
    @staticmethod
    def _read(path: str) -> Entry | None:
        kind = kind_by_name(path)
        text = read_text(path) if kind is not None and _ours(path) else None
        if kind is None or text is None:
            return None
        try:
            return Entry(path, uri_of(path), kind.dialect, open_text(text, path), live=False)
        except Exception:  # a file must not stop the index
            log.exception("not indexed: %s", path)
            return None

    def load(self, path: str) -> bool:
        """Read one file from disk (again); True if it is indexed now."""
        path = os.path.normpath(path)
        old = self.disk.pop(path, None)
        entry = self._read(path)
        if entry is None:
            self.generation += old is not None
            return False
        self.disk[path] = entry
        changed = old is None or old.offer != entry.offer or old.name != entry.name or old.defines != entry.defines
        if path not in self.live and changed:
            self.generation += 1
        return True

    def forget(self, path: str) -> None:
        """A file deleted on disk."""
        old = self.disk.pop(os.path.normpath(path), None)
        if old is not None:
            self.generation += 1

    def opened(self, uri: str, content: Content) -> Entry | None:
        """An open document: it wins over the disk while it is open (None if it is not a file of ours)."""
        path = path_of(uri)
        if path is None or not _ours(path):
            return None
        entry = self.live[path] = Entry(path, uri, content.kind.dialect, content, live=True)
        self.generation += 1
        return entry

    def edited(self, uri: str) -> Entry | None:
        """An open document changed: True-ish (its entry) if its offer to templates changed."""
        path = path_of(uri)
        entry = self.live.get(path) if path else None
        if entry is None or not entry.edited():
            return None
        self.generation += 1
        return entry

    def closed(self, uri: str) -> None:
        path = path_of(uri)
        if path is not None and self.live.pop(path, None) is not None:
            self.generation += 1
            if path in self.disk or self._inside(path):  # read again: it may have been saved while open, unwatched
                self.load(path)

    def _inside(self, path: str) -> bool:
        return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in self.roots)

    # -- what the features ask -----------------------------------------------------------
    def entries(self) -> Iterator[Entry]:
        """Every file, its open document where it is open."""
        yield from self.live.values()
        for path, entry in self.disk.items():
            if path not in self.live:
                yield entry

    def _named(self) -> dict[str, list[Entry]]:
        """Component files by name, open documents first, then by path (worked out again after each change)."""
        if self._by_name[0] != self.generation:
            out: dict[str, list[Entry]] = {}
            for entry in sorted(self.entries(), key=lambda e: (e.content is None, e.path)):
                if entry.name is not None:
                    out.setdefault(entry.name, []).append(entry)
                for component in entry.defines:  # a host file's components
                    out.setdefault(component.name, []).append(Entry.defined(entry, component))
            self._by_name = (self.generation, out)
        return self._by_name[1]

    def components(self, name: str) -> list[Entry]:
        """The component files of that name: open documents first, then by path."""
        return self._named().get(name, [])

    def component(self, name: str) -> Entry | None:
        found = self._named().get(name)
        return found[0] if found else None

    def names(self) -> dict[str, Entry]:
        """Each component name, with the file it refers to."""
        return {name: found[0] for name, found in self._named().items()}

    def templates(self) -> Iterator[Entry]:
        """The files whose COMPONENT lines use components: templates, and host files (their pipelines)."""
        return (e for e in self.entries() if e.dialect in LINKED)

    def included(self, path: str) -> str | None:
        """The dialect a host file of the workspace reads a file as (Terraform's ``content = file("app.txt")``),
        if one names it; None otherwise."""
        path = os.path.normpath(path)
        for entry in self.entries():
            if entry.dialect == HOST:
                for named in entry.includes:
                    if beside(entry.path, named.path) == path:
                        return named.dialect
        return None

    def entry(self, uri: str) -> Entry | None:
        path = path_of(uri)
        if path is None:
            return None
        return self.live.get(path) or self.disk.get(path)
