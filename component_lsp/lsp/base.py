"""What every feature module of ``lsp/`` is written with: a ``Feature`` entry, and the ``Call`` it answers.

A feature module declares its entries in ``FEATURES``: the method, the
handler, and what it adds to the server's capabilities (for the clients it
is ``offered`` to). A handler takes a ``Call``, reads its parameters with
``params`` (a fault there is answered InvalidParams for it), acts on the
session, and returns a request's result as JSON data (None for a
notification). It sends what else the message causes through the call:
diagnostics published, a refresh asked of the client, a log message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, Protocol

from ..jsonrpc import Message, notification
from ..session import OpenDocument, Session
from ..session.background import Indexing
from .values import MarkupKind


class Outbox(Protocol):
    """Where answers go: the early start's stdout, or pygls's transport."""

    def send(self, message: Message) -> None:
        """Send one JSON-RPC message (the pieces of its JSON text)."""

    def request(self, method: str, params: Any) -> None:
        """Send a request to the client whose answer the server does not need (its answer is dropped)."""


class Refused(Exception):
    """A request that is understood but cannot be done (a rename to a name in use, say): the error says why."""


class Call(NamedTuple):
    """One message being answered."""

    session: Session
    outbox: Outbox
    method: str
    params: Any
    ident: Any
    asked: list[tuple[str, Any]]  # requests to the client this message causes, sent once, after it

    def ask(self, method: str, params: Any = None) -> None:
        """Send the client a request once the message is answered (the same request once however often asked)."""
        if (method, params) not in self.asked:
            self.asked.append((method, params))

    def send_asked(self) -> None:
        while self.asked:
            self.outbox.request(*self.asked.pop(0))

    def log(self, kind: int, message: str) -> None:
        """A window/logMessage of ``kind`` (a ``MessageType``)."""
        self.outbox.send(notification("window/logMessage", {"type": kind, "message": message}))

    def publish(self, doc: OpenDocument, clear: bool = False) -> None:
        params = self.session.publish_params(doc, clear)
        if params is not None:
            self.outbox.send(notification("textDocument/publishDiagnostics", params))

    def rediagnose(self, docs: Iterable[OpenDocument]) -> None:
        """Diagnose these documents again: published, or (to a client that pulls) asked for through a refresh."""
        session = self.session
        if session.client.pull:
            if session.client.refresh and session.reported:
                self.ask("workspace/diagnostic/refresh")
            return
        for doc in docs:
            self.publish(doc)

    def walk(self) -> None:
        """Index the workspace folders again; a client that shows progress is asked for a token to show it with
        (``take_background`` reports on it)."""
        background = self.session.background
        self.end_indexing("stopped: the workspace folders changed")
        background.walk()
        if self.session.client.progress and background.folders:
            token = f"component-lsp/index/{background.walks}"
            self.ask("window/workDoneProgress/create", {"token": token})
            background.indexing = Indexing(token)

    def progress(self, token: str, value: dict) -> None:
        self.outbox.send(notification("$/progress", {"token": token, "value": value}))

    def end_indexing(self, message: str) -> None:
        """The end of the walk's progress, if it began."""
        background = self.session.background
        indexing, background.indexing = background.indexing, None
        if indexing is not None and indexing.begun:
            self.progress(indexing.token, {"kind": "end", "message": message})

    def relink(self, before: int, skip: OpenDocument | None = None) -> None:
        """After the index changed (its generation is no longer ``before``): the open templates' diagnostics
        again (only they read the index)."""
        session = self.session
        templates = session.templates()
        if session.index.generation != before and templates:
            self.rediagnose([doc for doc in templates if doc is not skip])


class Feature(NamedTuple):
    method: str
    handler: Callable[[Call], Any]  # reads the parameters, acts, returns a request's result (None: a notification)
    capabilities: dict[str, Any] | None = None  # what it adds to ServerCapabilities
    offered: Callable[[Session], bool] = lambda session: True  # whether it adds them for this client


def markup(kind: str, documentation: str) -> dict | str:
    """Documentation written in Markdown, in the ``MarkupKind`` the client prefers (``Client.hover_markup``,
    ``Client.completion_markup``): as it is, or as plain text; a plain string to a client that named no kind."""
    if kind == MarkupKind.Markdown:
        return {"kind": MarkupKind.Markdown, "value": documentation}
    from ..plaintext import plain  # markdown-it-py: loaded by the first plain-text answer, not at start

    return {"kind": MarkupKind.PlainText, "value": plain(documentation)} if kind else plain(documentation)


def text_edits(session: Session, doc: OpenDocument, edits) -> list[dict]:
    """TextEdits of ``diagnostics.Edit``s in a document."""
    return [{"range": session.range(doc, e.start, e.end), "newText": e.text} for e in edits]


def workspace_edit(session: Session, doc: OpenDocument, edits) -> dict:
    """A WorkspaceEdit of text edits in one document."""
    return {"changes": {doc.uri: text_edits(session, doc, edits)}}


def document(call: Call, uri: str) -> OpenDocument | None:
    """The open document a request names (None if it is not open: the request is answered with null)."""
    return call.session.documents.get(uri)


def located(call: Call, uri: str, position: tuple[int, int]) -> tuple[OpenDocument, tuple[int, int]] | None:
    """The open document a request names, and its LSP position as a model position (None if it is not open)."""
    doc = call.session.documents.get(uri)
    if doc is None:
        return None
    return doc, doc.content.source.to_model(*position, call.session.encoding)
