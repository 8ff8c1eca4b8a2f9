"""The language server: wires LSP messages to the core, and nothing more.

Documents are held by the core's incremental ``Analysis``, not by pygls's
workspace (which re-splits the whole text on every change), so the
did-open/change/close handlers of the protocol class are replaced.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from . import __version__
from .analysis import Analysis
from .completion import KEYWORD, SNIPPET, VARIABLE, complete
from .diagnostics import CODES_URL, SOURCE, Diagnostic, Edit
from .document import UTF16
from .filetypes import kind_of
from .fixes import fix_all, fixes_in
from .hover import hover
from .settings import Settings
from .settings import read as read_settings

log = logging.getLogger(__name__)

_KINDS = {
    KEYWORD: types.CompletionItemKind.Keyword,
    VARIABLE: types.CompletionItemKind.Variable,
    SNIPPET: types.CompletionItemKind.Snippet,
}


@dataclass
class OpenDocument:
    analysis: Analysis
    version: int | None
    uri: str


class ComponentProtocol(LanguageServerProtocol):
    """Text synchronisation goes to the server's own documents."""

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


class ComponentServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("component-lsp", __version__, protocol_cls=ComponentProtocol)
        self.documents: dict[str, OpenDocument] = {}
        self.pull = False  # the client asks for diagnostics itself
        self.snippets = False
        self.encoding = UTF16
        self.refresh = False  # the client can be told to pull diagnostics again
        self.settings = Settings()
        self.configured = 0  # how many times settings arrived: part of a pull result id

    # -- conversions ----------------------------------------------------------
    def range(self, doc: OpenDocument, start, end) -> types.Range:
        model = doc.analysis.doc
        sl, sc = model.to_lsp(*start, self.encoding)
        el, ec = model.to_lsp(*end, self.encoding)
        return types.Range(types.Position(sl, sc), types.Position(el, ec))

    def model_position(self, doc: OpenDocument, position: types.Position) -> tuple[int, int]:
        return doc.analysis.doc.to_model(position.line, position.character, self.encoding)

    def lsp_diagnostic(self, doc: OpenDocument, d: Diagnostic) -> types.Diagnostic:
        return types.Diagnostic(
            range=self.range(doc, d.start, d.end),
            message=d.message,
            severity=types.DiagnosticSeverity(d.severity),
            code=d.code,
            code_description=types.CodeDescription(href=CODES_URL),
            source=SOURCE,
        )

    def diagnostics(self, doc: OpenDocument) -> list[Diagnostic]:
        return self.settings.shown(doc.analysis.diagnostics())

    def lsp_diagnostics(self, doc: OpenDocument) -> list[types.Diagnostic]:
        return [self.lsp_diagnostic(doc, d) for d in self.diagnostics(doc)]

    def configure(self, value) -> None:
        """Take the user's settings; what is not understood is reported and left at its default."""
        self.settings, problems = read_settings(value)
        self.configured += 1
        for problem in problems:
            self.window_log_message(types.LogMessageParams(types.MessageType.Warning, f"component-lsp: {problem}"))

    def text_edits(self, doc: OpenDocument, edits: list[Edit]) -> list[types.TextEdit]:
        return [types.TextEdit(self.range(doc, e.start, e.end), e.text) for e in edits]

    def publish(self, doc: OpenDocument, clear: bool = False) -> None:
        if self.pull:
            return
        items = [] if clear else self.lsp_diagnostics(doc)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=items, version=doc.version)
        )


server = ComponentServer()


def guarded(fn):
    """Log a handler's unexpected error to the client and answer with nothing, so the server stays up."""

    @functools.wraps(fn)
    def handler(ls: ComponentServer, params):
        try:
            return fn(ls, params)
        except Exception as exc:  # a bug must not take the editor's server down
            log.exception("%s failed", fn.__name__)
            ls.window_log_message(types.LogMessageParams(types.MessageType.Error, f"component-lsp: {fn.__name__} failed: {exc!r}"))
            return None

    return handler


@server.feature(types.INITIALIZE)
@guarded
def initialize(ls: ComponentServer, params: types.InitializeParams) -> None:
    text = params.capabilities.text_document
    ls.pull = bool(text and text.diagnostic is not None)
    completion = text.completion if text else None
    item = completion.completion_item if completion else None
    ls.snippets = bool(item and item.snippet_support)
    ls.encoding = _value(ls.workspace.position_encoding) or UTF16
    workspace = params.capabilities.workspace
    ls.refresh = bool(workspace and workspace.diagnostics and workspace.diagnostics.refresh_support)
    if params.initialization_options is not None:
        ls.configure(params.initialization_options)
    log.info("client: pull diagnostics %s, snippets %s", ls.pull, ls.snippets)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
@guarded
def did_change_configuration(ls: ComponentServer, params: types.DidChangeConfigurationParams) -> None:
    ls.configure(params.settings)
    if ls.pull:
        if ls.refresh:
            ls.workspace_diagnostic_refresh(None)
        return
    for doc in ls.documents.values():
        ls.publish(doc)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@guarded
def did_open(ls: ComponentServer, params: types.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    analysis = Analysis(item.text, kind_of(item.uri, item.language_id))
    doc = ls.documents[item.uri] = OpenDocument(analysis, item.version, item.uri)
    ls.publish(doc)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@guarded
def did_change(ls: ComponentServer, params: types.DidChangeTextDocumentParams) -> None:
    doc = ls.documents.get(params.text_document.uri)
    if doc is None:
        ls.window_log_message(
            types.LogMessageParams(types.MessageType.Warning, f"didChange for a document that is not open: {params.text_document.uri}")
        )
        return
    analysis = doc.analysis
    for change in params.content_changes:
        try:
            if isinstance(change, types.TextDocumentContentChangePartial):
                r = change.range
                analysis.edit_lsp((r.start.line, r.start.character), (r.end.line, r.end.character), change.text, ls.encoding)
            else:
                analysis.set_text(change.text)
        except Exception:  # keep the text, rebuild the analysis from it
            log.exception("incremental update failed; analysing the whole text again")
            analysis.set_text(analysis.doc.text)
    doc.version = params.text_document.version
    ls.publish(doc)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@guarded
def did_close(ls: ComponentServer, params: types.DidCloseTextDocumentParams) -> None:
    doc = ls.documents.pop(params.text_document.uri, None)
    if doc is not None:
        doc.version = None
        ls.publish(doc, clear=True)


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(identifier=SOURCE, inter_file_dependencies=False, workspace_diagnostics=False),
)
@guarded
def diagnostic(ls: ComponentServer, params: types.DocumentDiagnosticParams):
    doc = ls.documents.get(params.text_document.uri)
    if doc is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    result_id = f"{id(doc)}:{doc.version}:{ls.configured}"
    if params.previous_result_id == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    return types.RelatedFullDocumentDiagnosticReport(items=ls.lsp_diagnostics(doc), result_id=result_id)


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["$", "{"]))
@guarded
def completion(ls: ComponentServer, params: types.CompletionParams):
    doc = ls.documents.get(params.text_document.uri)
    if doc is None:
        return None
    line, col = ls.model_position(doc, params.position)
    items = []
    for item in complete(doc.analysis, line, col):
        snippet = ls.snippets and item.snippet != item.text
        items.append(
            types.CompletionItem(
                label=item.label,
                kind=_KINDS[item.kind],
                detail=item.detail,
                documentation=types.MarkupContent(types.MarkupKind.Markdown, item.documentation),
                sort_text=item.sort or None,
                text_edit=types.TextEdit(ls.range(doc, item.start, item.end), item.snippet if snippet else item.text),
                insert_text_format=types.InsertTextFormat.Snippet if snippet else types.InsertTextFormat.PlainText,
            )
        )
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.TEXT_DOCUMENT_HOVER)
@guarded
def on_hover(ls: ComponentServer, params: types.HoverParams):
    doc = ls.documents.get(params.text_document.uri)
    if doc is None:
        return None
    found = hover(doc.analysis, *ls.model_position(doc, params.position))
    if found is None:
        return None
    markdown, start, end = found
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, markdown), ls.range(doc, start, end))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]),
)
@guarded
def code_action(ls: ComponentServer, params: types.CodeActionParams):
    doc = ls.documents.get(params.text_document.uri)
    if doc is None:
        return None
    found = ls.diagnostics(doc)
    start = ls.model_position(doc, params.range.start)
    end = ls.model_position(doc, params.range.end)
    actions = [
        types.CodeAction(
            title=d.fix_title, kind=types.CodeActionKind.QuickFix, diagnostics=[ls.lsp_diagnostic(doc, d)],
            is_preferred=True, edit=types.WorkspaceEdit(changes={doc.uri: ls.text_edits(doc, d.fix)}),
        )
        for d in fixes_in(found, start, end)
    ]
    every = fix_all(found)
    if every:
        actions.append(
            types.CodeAction(
                title="Fix all auto-fixable problems", kind=types.CodeActionKind.SourceFixAll,
                edit=types.WorkspaceEdit(changes={doc.uri: ls.text_edits(doc, every)}),
            )
        )
    if wanted := params.context.only:
        actions = [a for a in actions if any(_value(a.kind).startswith(_value(k)) for k in wanted)]
    return actions


def _value(kind) -> str:
    """The string of an LSP enum member or plain string."""
    return getattr(kind, "value", kind) or ""
