"""What the client negotiated at ``initialize``: one record, read once from its capabilities.

Every answer that depends on what the client can show reads it from here
(``Session.client``), never from the capabilities' JSON. Each field names the
capability it comes from; the module of ``lsp/`` that reads a field says so in
its docstring.
"""

from __future__ import annotations

from typing import NamedTuple

from .document import UTF8, UTF16, UTF32

ENCODINGS = (UTF8, UTF16, UTF32)


def _get(data: object, *path: str) -> object:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def position_encoding(capabilities: dict) -> str:
    """The first position encoding the client offers that the server supports; UTF-16 otherwise."""
    offered = _get(capabilities, "general", "positionEncodings")
    for encoding in offered if isinstance(offered, list) else ():
        if encoding in ENCODINGS:
            return encoding
    return UTF16


def preferred_markup(formats: object) -> str:
    """The first ``MarkupKind`` the server writes in a client's list of them (its order of preference): "markdown"
    or "plaintext"; "" for a client that lists neither, which gets a plain string (MarkupContent is not for it)."""
    for kind in formats if isinstance(formats, list) else ():
        if kind in ("markdown", "plaintext"):
            return kind
    return ""


class Client(NamedTuple):
    """The client's capabilities, as the server uses them (the defaults: a client that said nothing)."""

    encoding: str = UTF16  # general.positionEncodings
    # textDocument.diagnostic and workspace.diagnostics.refreshSupport: the client pulls, and can be told to pull
    # again. Pull only where both hold (a template's component changed, new settings): a client that pulls but
    # cannot be refreshed (Neovim 0.10-0.12) gets its diagnostics pushed.
    pull: bool = False
    refresh: bool = False  # workspace.diagnostics.refreshSupport
    snippets: bool = False  # textDocument.completion.completionItem.snippetSupport
    lazy_docs: bool = False  # completionItem.resolveSupport.properties has "documentation"
    tooltips: bool = False  # textDocument.documentLink.tooltipSupport
    location_links: bool = False  # textDocument.definition.linkSupport
    hierarchical: bool = False  # textDocument.documentSymbol.hierarchicalDocumentSymbolSupport
    # workspace.workspaceEdit.resourceOperations has "create". Resource operations come only in documentChanges: a
    # client that lists them takes it (Neovim does, and does not say documentChanges).
    create_files: bool = False
    watch: bool = False  # workspace.didChangeWatchedFiles.dynamicRegistration
    tags: frozenset[int] = frozenset()  # textDocument.publishDiagnostics.tagSupport.valueSet: DiagnosticTags shown
    related: bool = False  # textDocument.publishDiagnostics.relatedInformation
    code_links: bool = False  # textDocument.publishDiagnostics.codeDescriptionSupport
    progress: bool = False  # window.workDoneProgress: the server may create progress and report on it
    hover_markup: str = ""  # textDocument.hover.contentFormat: the MarkupKind it prefers ("": a plain string)
    completion_markup: str = ""  # completion.completionItem.documentationFormat, likewise
    insert_replace: bool = False  # completion.completionItem.insertReplaceSupport
    label_details: bool = False  # completion.completionItem.labelDetailsSupport


def negotiate(capabilities: dict) -> Client:
    """The record of a client's ``ClientCapabilities`` (as JSON)."""
    operations = _get(capabilities, "workspace", "workspaceEdit", "resourceOperations")
    refresh = bool(_get(capabilities, "workspace", "diagnostics", "refreshSupport"))
    published = _get(capabilities, "textDocument", "publishDiagnostics")
    tags = _get(published, "tagSupport", "valueSet")
    item = _get(capabilities, "textDocument", "completion", "completionItem")
    return Client(
        encoding=position_encoding(capabilities),
        pull=_get(capabilities, "textDocument", "diagnostic") is not None and refresh,
        refresh=refresh,
        snippets=bool(_get(item, "snippetSupport")),
        lazy_docs=isinstance(resolvable := _get(item, "resolveSupport", "properties"), list)
        and "documentation" in resolvable,
        tooltips=bool(_get(capabilities, "textDocument", "documentLink", "tooltipSupport")),
        location_links=bool(_get(capabilities, "textDocument", "definition", "linkSupport")),
        hierarchical=bool(_get(capabilities, "textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport")),
        create_files=isinstance(operations, list) and "create" in operations,
        watch=bool(_get(capabilities, "workspace", "didChangeWatchedFiles", "dynamicRegistration")),
        tags=frozenset(t for t in tags if isinstance(t, int)) if isinstance(tags, list) else frozenset(),
        related=bool(_get(published, "relatedInformation")),
        code_links=bool(_get(published, "codeDescriptionSupport")),
        progress=bool(_get(capabilities, "window", "workDoneProgress")),
        hover_markup=preferred_markup(_get(capabilities, "textDocument", "hover", "contentFormat")),
        completion_markup=preferred_markup(_get(item, "documentationFormat")),
        insert_replace=bool(_get(item, "insertReplaceSupport")),
        label_details=bool(_get(item, "labelDetailsSupport")),
    )
