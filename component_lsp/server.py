"""The language server: wires LSP messages to the core, and nothing more.

Documents are held by the core's incremental ``Analysis``, not by pygls's
workspace (which re-splits the whole text on every change), so the
did-open/change/close handlers of the protocol class are replaced.
"""

from __future__ import annotations

import functools
import logging

from lsprotocol import types
from pygls.exceptions import (
    FeatureRequestError,
    JsonRpcException,
    JsonRpcInvalidRequest,
    JsonRpcMethodNotFound,
    JsonRpcServerNotInitialized,
)
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, default_converter
from pygls.protocol.json_rpc import RPCError, RPCNotification, RPCRequest, RPCResponse
from pygls.protocol.language_server import lsp_method

from . import NAME, __version__
from .completion import KEYWORD, SNIPPET, VARIABLE, complete
from .diagnostics import SOURCE, Edit
from .fixes import fix_all, fixes_in
from .hover import hover
from .session import OpenDocument, Session

log = logging.getLogger(__name__)

_KINDS = {
    KEYWORD: types.CompletionItemKind.Keyword,
    VARIABLE: types.CompletionItemKind.Variable,
    SNIPPET: types.CompletionItemKind.Snippet,
}


class Unreadable:
    """A message pygls could not read (its parameters, or its id): answered with the error, or logged."""

    def __init__(self, data: dict, error: JsonRpcException) -> None:
        self.data, self.error = data, error


def _is_id(value) -> bool:
    return isinstance(value, (int, str)) and not isinstance(value, bool)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + "..."


class ComponentProtocol(LanguageServerProtocol):
    """Text synchronisation goes to the server's own documents; diagnostics go out as the session's JSON data.

    Messages pygls would drop without a word, or answer with nothing while the
    client waits, get the answer LSP asks for: an error response to a request
    (invalid parameters, before ``initialize``, after ``shutdown``) and a log
    message for what is not a request (a notification that cannot be read, a
    message that is not JSON-RPC).
    """

    initialized = False  # an initialize request has come

    def get_message_type(self, method: str):
        if method == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
            return None  # the parameters are already JSON data (Session.publish_params)
        return super().get_message_type(method)

    def structure_message(self, data: dict):
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            return Unreadable(data, error)

    def handle_message(self, message) -> None:
        if isinstance(message, Unreadable):
            return self._unreadable(message.data, message.error)
        if not isinstance(message, (RPCRequest, RPCNotification, RPCResponse, RPCError)) or message.jsonrpc != self.VERSION:
            return self.log_error(f"ignored a message that is not JSON-RPC 2.0: {_short(message)}")
        method = getattr(message, "method", None)
        request = isinstance(message, RPCRequest)
        if request and not _is_id(message.id):
            return self.log_error(f"ignored {method}: a request id must be a number or a string, not {_short(message.id)}")
        if method == types.INITIALIZE:
            self.initialized = True
        elif method is not None and method != types.EXIT and (not self.initialized or self._shutdown):
            if request:
                error = JsonRpcServerNotInitialized() if not self.initialized else JsonRpcInvalidRequest()
                error.message = f"{method}: " + ("the server is not initialized" if not self.initialized else "the server is shut down")
                self._send_response(message.id, None, error.to_response_error())
            return None  # LSP: a notification before initialize or after shutdown is dropped
        return super().handle_message(message)

    def _unreadable(self, data: dict, error: JsonRpcException) -> None:
        method, ident = data.get("method"), data.get("id")
        if isinstance(method, str) and _is_id(ident):
            try:
                self._get_handler(method)
            except JsonRpcMethodNotFound as missing:
                error = missing
            error.message = f"{method}: the parameters could not be read"
            self._send_response(ident, None, error.to_response_error())
        elif isinstance(method, str) and "id" not in data:
            self.log_error(f"ignored {method}: the parameters could not be read: {_short(data.get('params'))}")
        else:
            self.log_error(f"ignored a message that could not be read: {_short(data)}")

    def log_error(self, message: str) -> None:
        """A window/logMessage of type Error, under the server's name."""
        self.notify(types.WINDOW_LOG_MESSAGE, types.LogMessageParams(types.MessageType.Error, f"component-lsp: {message}"))

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
        converter = default_converter()
        super().__init__(NAME, __version__, protocol_cls=ComponentProtocol, converter_factory=lambda: converter)
        self.converter = converter
        self.session = Session()

    @property
    def exit_status(self) -> int:
        """What the process ends with, on exit or at the end of the input: 1 without a shutdown request first (LSP)."""
        return 0 if self.protocol._shutdown else 1

    def report_server_error(self, error: Exception, source) -> None:
        """A fault outside a request's answer goes to the client's log, not to a pop-up (pygls's default)."""
        if source is FeatureRequestError:
            return  # the request was answered with the error
        if isinstance(error, (ValueError, RecursionError)):  # json.loads: not JSON, not UTF-8, or nested too deep
            self.protocol.log_error(f"ignored a message that is not JSON (or not one Python can read): {error}")
        else:
            self.protocol.log_error(repr(error))

    # -- conversions ----------------------------------------------------------
    def range(self, doc: OpenDocument, start, end) -> types.Range:
        return self.converter.structure(self.session.range(doc, start, end), types.Range)

    def model_position(self, doc: OpenDocument, position: types.Position) -> tuple[int, int]:
        return doc.analysis.doc.to_model(position.line, position.character, self.session.encoding)

    def text_edits(self, doc: OpenDocument, edits: list[Edit]) -> list[types.TextEdit]:
        return [types.TextEdit(self.range(doc, e.start, e.end), e.text) for e in edits]

    def log_problems(self, problems: list[str]) -> None:
        for problem in problems:
            self.window_log_message(types.LogMessageParams(types.MessageType.Warning, problem))

    def publish(self, doc: OpenDocument, clear: bool = False) -> None:
        params = self.session.publish_params(doc, clear)
        if params is not None:
            self.protocol.notify(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params)


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
        finally:
            ls.log_problems(ls.session.take_warnings())

    return handler


@server.feature(types.INITIALIZE)
@guarded
def initialize(ls: ComponentServer, params: types.InitializeParams) -> None:
    capabilities = ls.converter.unstructure(params.capabilities)
    ls.log_problems(ls.session.initialize(capabilities, params.initialization_options))


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
@guarded
def did_change_configuration(ls: ComponentServer, params: types.DidChangeConfigurationParams) -> None:
    session = ls.session
    ls.log_problems(session.configure(params.settings))
    if session.stale_reports:
        ls.workspace_diagnostic_refresh(None)
    for doc in session.documents.values():
        ls.publish(doc)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@guarded
def did_open(ls: ComponentServer, params: types.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    ls.publish(ls.session.open(item.uri, item.language_id, item.version, item.text))


def _span(change) -> tuple | None:
    if isinstance(change, types.TextDocumentContentChangePartial):
        r = change.range
        return (r.start.line, r.start.character), (r.end.line, r.end.character)
    return None


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@guarded
def did_change(ls: ComponentServer, params: types.DidChangeTextDocumentParams) -> None:
    document = params.text_document
    doc = ls.session.change(document.uri, document.version, [(_span(c), c.text) for c in params.content_changes])
    if doc is not None:
        ls.publish(doc)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@guarded
def did_close(ls: ComponentServer, params: types.DidCloseTextDocumentParams) -> None:
    doc = ls.session.close(params.text_document.uri)
    if doc is not None:
        ls.publish(doc, clear=True)


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(identifier=SOURCE, inter_file_dependencies=False, workspace_diagnostics=False),
)
@guarded
def diagnostic(ls: ComponentServer, params: types.DocumentDiagnosticParams):
    return ls.session.report(params.text_document.uri, params.previous_result_id)


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["$", "{"]))
@guarded
def completion(ls: ComponentServer, params: types.CompletionParams):
    doc = ls.session.documents.get(params.text_document.uri)
    if doc is None:
        return None
    line, col = ls.model_position(doc, params.position)
    items = []
    for item in complete(doc.analysis, line, col):
        snippet = ls.session.snippets and item.snippet != item.text
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
    doc = ls.session.documents.get(params.text_document.uri)
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
    doc = ls.session.documents.get(params.text_document.uri)
    if doc is None:
        return None
    session = ls.session
    found = session.diagnostics(doc)
    start = ls.model_position(doc, params.range.start)
    end = ls.model_position(doc, params.range.end)
    actions = [
        types.CodeAction(
            title=d.fix_title, kind=types.CodeActionKind.QuickFix, diagnostics=[ls.converter.structure(session.diagnostic(doc, d), types.Diagnostic)],
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
