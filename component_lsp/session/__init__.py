"""What the server holds between messages, as plain data, without the protocol libraries.

A ``Session`` is its parts, each with a name: the open documents, what the
client negotiated (``client.Client``), what the user and the project configure
(``project.Project``), the work done off the server's thread
(``background.Background``) and the diagnostics publisher
(``publishing.Publisher``). The LSP handlers (``lsp/``) act on one session,
whichever transport delivers the message.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import budget, ignores
from ..client import Client, negotiate, position_encoding
from ..config import DEFAULT, Config
from ..diagnostics import Diagnostic
from ..document import Document
from ..formats import Content, kind_by_name, open_text
from ..formats.base import HOST, TEMPLATE, Use
from ..formats.content import open_content
from ..jsonrpc import Raw, obj
from ..workspace import links
from ..workspace.scan import path_of
from .background import Background
from .project import Project
from .publishing import Kept, Publisher, Stamp, diagnostic_json, lsp_range, wire

log = logging.getLogger(__name__)

Span = tuple[tuple[int, int], tuple[int, int]]  # an LSP range: (line, character) of its start and its end
FREEZE_FROM = 128 * 1024  # bytes of text from which an opened document is kept out of the garbage collector's passes


def _place(line: int, character: int) -> str:
    return f"{line}:{character}"


def _in_model(model: Document, span: Span, encoding: str) -> tuple[tuple[int, int], tuple[int, int], bool]:
    """A range as model positions (clamped into the document), and whether it is not one of the document's: past
    its end, inside a character, or ending before it starts."""
    start, end = model.to_model(*span[0], encoding), model.to_model(*span[1], encoding)
    outside = model.to_lsp(*start, encoding) != span[0] or model.to_lsp(*end, encoding) != span[1] or span[1] < span[0]
    return start, end, outside


@dataclass
class OpenDocument:
    content: Content
    version: int | None
    uri: str
    serial: int = 0  # which opening of a document this is: part of a pull result id
    entry: object = None  # its entry in the workspace index, if it is a file of ours (a workspace.index.Entry)
    config: Config = DEFAULT  # the project configuration of its file (config.py)
    kept: Kept = field(default_factory=Kept)  # its last diagnostics' JSON texts: publishing.Publisher
    outline: list = field(default_factory=list)  # the outline's JSON texts, kept in blocks: lsp.symbols


@dataclass
class Session:
    documents: dict[str, OpenDocument] = field(default_factory=dict)
    client: Client = field(default_factory=Client)  # what the client negotiated at initialize
    project: Project = field(default_factory=Project)  # the editor's settings and the project configurations
    background: Background = field(default_factory=Background)  # the index and ShellCheck, off the server's thread
    initialized: bool = False  # initialize has been answered
    shut_down: bool = False  # shutdown has been answered
    opened: int = 0  # documents opened so far
    reported: bool = False  # a pulled report went out: new settings must ask for a new pull
    completions: list[str] = field(default_factory=list)  # the documentation of the last completion list's items
    warnings: list[str] = field(default_factory=list)  # what the client did wrong, to be logged to it

    def __post_init__(self) -> None:
        self.publisher = Publisher(self)

    # -- shortcuts to the parts ----------------------------------------------------
    @property
    def encoding(self) -> str:
        return self.client.encoding

    @property
    def index(self):
        return self.background.index

    @property
    def shellchecking(self):
        return self.background.shellchecking

    @property
    def settings(self):
        return self.project.settings

    def take_warnings(self) -> list[str]:
        """The warnings since the last call, for the server to send as log messages."""
        taken, self.warnings = self.warnings + self.project.problems, []
        self.project.problems.clear()
        return [f"component-lsp: {warning}" for warning in taken] + self.shellchecking.take_notes()

    # -- what the client says ---------------------------------------------------
    def initialize(self, capabilities: dict, options: object = None, folders: Iterable[str] = ()) -> list[str]:
        """Take the client's capabilities (as JSON), initialization options and workspace folders (URIs); the
        settings problems."""
        self.background.folders = [path for path in map(path_of, folders) if path is not None]
        self.client = negotiate(capabilities)
        self.initialized = True
        log.info("client: pull diagnostics %s, snippets %s, %s", self.client.pull, self.client.snippets, self.encoding)
        return self.configure(options) if options is not None else []

    @property
    def stale_reports(self) -> bool:
        """True when new settings should make the client pull again (it can be told, and has pulled)."""
        return self.client.pull and self.client.refresh and self.reported

    def configure(self, value: object) -> list[str]:
        """Take the user's settings; what is not understood is returned, and left at its default."""
        problems = self.project.configure(value)
        self.shellchecking.configure(self.settings.shellcheck, self.settings.shellcheck_path)
        return problems

    # -- documents -----------------------------------------------------------------
    def open(self, uri: str, language_id: str, version: int | None, text: str) -> OpenDocument:
        if uri in self.documents:
            self.warnings.append(f"didOpen for a document that is already open: {uri}; its text is replaced")
        self.opened += 1
        doc = self.documents[uri] = OpenDocument(self._opened(uri, language_id, text), version, uri, self.opened)
        doc.entry = self.index.opened(uri, doc.content)
        doc.config = self.project.config_of(uri)
        if doc.content.source.byte_size >= FREEZE_FROM:
            # A large document lives long: keep the cyclic garbage collector from walking its objects
            # again and again (a full pass over 1 MB of text is milliseconds, at random keystrokes).
            # Garbage goes first, so none is kept; reference counting frees the document on close.
            gc.collect()
            gc.freeze()
        return doc

    def _opened(self, uri: str, language_id: str, text: str) -> Content:
        """A document in the format its name says; a file no name of ours covers that a host file of the
        workspace reads content from (``content = file("app.txt")``) as that content."""
        path = path_of(uri)
        if path is not None and kind_by_name(path) is None:
            dialect = self.index.included(path)
            if dialect is not None:
                return open_content(text, dialect)
        return open_text(text, uri, language_id)

    def change(self, uri: str, version: int | None, changes: Iterable[tuple[Span | None, str]]) -> OpenDocument | None:
        """Apply content changes (an LSP range as ((line, character), (line, character)), or None for the whole
        text, and the new text) in order; None if the document is not open.

        A version that is not newer, or a range that is not in the document,
        says the client's text and ours may differ: the change is applied
        (a range clamped into the text, as editors clamp) and a warning kept.
        """
        doc = self.documents.get(uri)
        if doc is None:
            self.warnings.append(f"didChange for a document that is not open: {uri}")
            return None
        if version is not None and doc.version is not None and version <= doc.version:
            self.warnings.append(
                f"didChange of {uri} to version {version}, which is not newer than {doc.version}; applied"
            )
        content = doc.content
        for span, text in changes:
            model = content.source
            if span is not None:
                start, end, outside = _in_model(model, span, self.encoding)
                if outside:
                    self.warnings.append(
                        f"didChange of {uri} with the range {_place(*span[0])}-{_place(*span[1])}, which is not in "
                        f"the document ({model.lsp_line_count} lines); applied where it meets the text"
                    )
            try:
                if span is None:
                    content.set_text(text)
                else:
                    content.edit(start, end, text)
            except Exception:  # keep the text, rebuild the analysis from it
                log.exception("incremental update failed; analysing the whole text again")
                content.set_text(content.source.text)
        doc.version = version
        names = getattr(doc.entry, "names", ())
        if names and not self.used().isdisjoint(names):
            self.index.edited(uri)  # templates that use it may see a new offer
        return doc

    def close(self, uri: str) -> OpenDocument | None:
        doc = self.documents.pop(uri, None)
        if doc is None:
            self.warnings.append(f"didClose for a document that is not open: {uri}")
        else:
            doc.version = None
            self.index.closed(uri)
            self.shellchecking.forget(uri)
        return doc

    def reload_configs(self) -> None:
        """A configuration file changed: every open document's is read again."""
        self.project.configs.clear()
        for doc in self.documents.values():
            doc.config = self.project.config_of(doc.uri)

    # -- the workspace ---------------------------------------------------------------
    @staticmethod
    def linked(doc: OpenDocument) -> bool:
        """Whether the document's COMPONENT lines are linked to the workspace's components: a template's, and a
        host file's (the templates in it)."""
        return doc.content.kind.dialect in (TEMPLATE, HOST)

    def uses(self, doc: OpenDocument) -> list[Use]:
        return (doc.content.uses() or []) if self.linked(doc) else []

    def used(self) -> set[str]:
        """The component names the open templates use."""
        return {use.name for doc in self.documents.values() for use in self.uses(doc) if use.name}

    def templates(self) -> list[OpenDocument]:
        return [doc for doc in self.documents.values() if self.linked(doc)]

    def budget_percent(self, doc: OpenDocument) -> int:
        return self.project.budget_percent(doc.config)

    # -- diagnostics (publishing.Sources) ------------------------------------------------
    def visible(self, doc, found: Iterable[Diagnostic]) -> list[Diagnostic]:
        """What the configuration and then the editor's settings let through, at the configuration's severities."""
        return self.project.visible(doc.config, doc.uri, found)

    def wide(self, doc) -> list[Diagnostic]:
        """What is found beyond the format's rules but ShellCheck: the cross-file diagnostics (a template's
        COMPONENT lines against the workspace's components) and the budget's warning."""
        linked = links.check(self.uses(doc), self.index) if self.linked(doc) else []
        return linked + budget.nearly_full(doc.content, self.budget_percent(doc))

    def shellchecked(self, doc) -> list[list[Diagnostic]]:
        """ShellCheck's findings known for the document's scripts, a list per script (the same object while the
        script is unchanged); the scripts not yet checked are checked after a pause."""
        checked, missing = self.shellchecking.diagnostics(doc.uri, doc.content)
        if missing:
            self.shellchecking.schedule(doc.uri, missing, self.background.woken)
        return checked

    def diagnostics(self, doc) -> list[Diagnostic]:
        """The core's diagnostics that the settings let through."""
        found = doc.content.diagnostics()
        wide = self.wide(doc) + [d for group in self.shellchecked(doc) for d in group]
        if wide:
            found = sorted(found + wide, key=Diagnostic.sort_key)
        return sorted(self.visible(doc, ignores.apply(doc.content, found)), key=Diagnostic.sort_key)

    # -- answers as JSON data -------------------------------------------------------
    def range(self, doc: OpenDocument, start: tuple[int, int], end: tuple[int, int]) -> dict:
        return lsp_range(doc.content.source, start, end, self.encoding)

    def stamp(self, doc: OpenDocument) -> Stamp:
        """What a document's diagnostics' JSON depends on besides them: settings, and what the client shows."""
        client = self.client
        configured, serial = self.project.configured, doc.config.serial
        return Stamp(self.encoding, configured, serial, client.tags, client.related, client.code_links)

    def diagnostic(self, doc: OpenDocument, d: Diagnostic) -> dict:
        return diagnostic_json(doc.content, d, self.stamp(doc), doc.uri)

    def wire(self, doc: OpenDocument, d: Diagnostic) -> bytes:
        return wire(doc.content, d, self.stamp(doc), doc.uri)

    def items(self, doc: OpenDocument) -> Raw:
        """The document's diagnostics as a JSON array, sorted by position."""
        return self.publisher.items(doc, self.stamp(doc))

    def publish_params(self, doc: OpenDocument, clear: bool = False) -> Raw | None:
        """textDocument/publishDiagnostics parameters, or None when the client pulls instead."""
        if self.client.pull:
            return None
        return obj(uri=doc.uri, diagnostics=Raw([b"[]"]) if clear else self.items(doc), version=doc.version)

    def result_id(self, doc: OpenDocument) -> str:
        workspace = self.index.generation if self.linked(doc) else 0
        shellchecked = self.shellchecking.generation
        serials = (doc.serial, doc.version, self.project.configured, doc.config.serial, workspace, shellchecked)
        return ":".join(map(str, serials))

    def report(self, uri: str, previous_result_id: str | None) -> Raw:
        """A textDocument/diagnostic result: unchanged since the client's result id, or in full."""
        doc = self.documents.get(uri)
        if doc is None:
            return obj(kind="full", items=Raw([b"[]"]))
        self.reported = True
        result_id = self.result_id(doc)
        if previous_result_id == result_id:
            return obj(kind="unchanged", resultId=result_id)
        return obj(kind="full", resultId=result_id, items=self.items(doc))


__all__ = ["FREEZE_FROM", "OpenDocument", "Session", "position_encoding"]
