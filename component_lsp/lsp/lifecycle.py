"""``initialize``, ``initialized`` and the user's settings (``workspace/didChangeConfiguration``).

Reads from the client: its capabilities, once, into ``Session.client``
(``client.negotiate``); ``Client.watch`` (register the file watchers) and
``Client.pull``/``refresh`` (new settings ask for a new pull).
"""

from __future__ import annotations

from typing import Any

from .. import NAME, __version__, config
from ..formats import file_globs
from ..session import Session
from . import params
from .base import Call, Feature
from .values import MessageType, TextDocumentSyncKind

# The files the index follows, for a client that watches files for the server: the formats' and the configuration's.
WATCHERS = [{"globPattern": f"**/{pattern}"} for pattern in (*file_globs(), *config.NAMES)]


def capabilities(session: Session, features: tuple[Feature, ...]) -> dict:
    """ServerCapabilities: the position encoding, incremental sync, and what each feature adds."""
    out: dict[str, Any] = {
        "positionEncoding": session.encoding,
        "textDocumentSync": {"openClose": True, "change": TextDocumentSyncKind.Incremental},
    }
    for feature in features:
        if feature.offered(session):
            out.update(feature.capabilities or {})
    return out


def initialize(call: Call, features: tuple[Feature, ...]):
    """The answer to ``initialize``: the capabilities of every feature of the table (``lsp.FEATURES``)."""
    request = params.initialize(call.params)
    for problem in call.session.initialize(request.capabilities, request.initialization_options, request.folders):
        call.log(MessageType.Warning, problem)
    return {"capabilities": capabilities(call.session, features), "serverInfo": {"name": NAME, "version": __version__}}


def initialized(call: Call) -> None:
    session = call.session
    if session.client.watch:
        registration = {"id": "component-lsp-files", "method": "workspace/didChangeWatchedFiles"}
        call.ask(
            "client/registerCapability",
            {"registrations": [{**registration, "registerOptions": {"watchers": WATCHERS}}]},
        )
    call.walk()


def did_change_configuration(call: Call) -> None:
    settings = params.settings(call.params)
    session = call.session
    if session.stale_reports:
        call.ask("workspace/diagnostic/refresh")
    for problem in session.configure(settings):
        call.log(MessageType.Warning, problem)
    for doc in session.documents.values():
        call.publish(doc)


FEATURES = (  # initialize is the table's own entry (lsp/__init__.py): it advertises the whole table
    Feature("initialized", initialized),
    Feature("workspace/didChangeConfiguration", did_change_configuration),
)
