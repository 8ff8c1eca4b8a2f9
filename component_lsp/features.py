"""The LSP features, in one table: each method's handler, and what it adds to the server's capabilities.

Both the early start (``early.py``, while pygls loads) and the pygls server
(``server.py``) deliver messages to ``dispatch``, which answers them from this
table in plain JSON: one declaration per feature, one answer whoever
delivers it. Lifecycle messages that are not here (``shutdown``, ``exit``,
``$/cancelRequest``) are pygls's.

Adding a feature: a handler below and one ``Feature`` line in ``FEATURES``
(see docs/architecture.md); the capabilities follow from the table.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from operator import is_
from typing import Any, NamedTuple, Protocol

from . import NAME, __version__, budget, config, ignores, limits, moving
from .diagnostics import SOURCE
from .fixes import fix_all, fixes_in
from .formats.base import (
    DEFINITION,
    FOLDING,
    FORMATTING,
    KEYWORD,
    LINKS,
    ON_TYPE,
    PREPARE_RENAME,
    PROPERTY,
    REFERENCES,
    RENAME,
    SNIPPET,
    SYMBOLS,
    TEMPLATE,
    VALUE,
    VARIABLE,
    Hover,
)
from .jsonrpc import (
    INVALID_PARAMS,
    INVALID_REQUEST,
    REQUEST_FAILED,
    SERVER_NOT_INITIALIZED,
    Message,
    Raw,
    array,
    encode,
    error,
    notification,
    response,
)
from .session import OpenDocument, Session
from .workspace import links
from .workspace.scan import path_of, uri_of

log = logging.getLogger(__name__)

WARNING_MESSAGE, ERROR_MESSAGE = 2, 1  # LSP MessageType
INCREMENTAL = 2  # TextDocumentSyncKind
COMPLETION_KINDS = {KEYWORD: 14, VARIABLE: 6, SNIPPET: 15, PROPERTY: 10, VALUE: 12}  # CompletionItemKind
PLAIN_TEXT, SNIPPET_FORMAT = 1, 2  # InsertTextFormat


class Outbox(Protocol):
    """Where answers go: the early start's stdout, or pygls's transport."""

    def send(self, message: Message) -> None:
        """Send one JSON-RPC message (the pieces of its JSON text)."""

    def request(self, method: str, params: Any) -> bool:
        """Send a request to the client and handle its answer; False if that cannot be done yet."""


class BadParams(Exception):
    """The parameters cannot be read as the method's."""


class Later(Exception):
    """This message needs what only the full server has (a request to the client): deliver it there."""


class Refused(Exception):
    """A request that is understood but cannot be done (a rename to a name in use, say): the error says why."""


class Call(NamedTuple):
    """One message being answered."""

    session: Session
    outbox: Outbox
    method: str
    params: Any
    ident: Any = None

    def log(self, kind: int, message: str) -> None:
        self.outbox.send(notification("window/logMessage", {"type": kind, "message": message}))

    def publish(self, doc: OpenDocument, clear: bool = False) -> None:
        params = self.session.publish_params(doc, clear)
        if params is not None:
            self.outbox.send(notification("textDocument/publishDiagnostics", params))


class Feature(NamedTuple):
    method: str
    handler: Callable[
        [Call], Any
    ]  # reads the parameters (raising BadParams), acts, returns a request's result (None for a notification)
    capabilities: dict[str, Any] | None = None  # what it adds to ServerCapabilities
    offered: Callable[[Session], bool] = lambda session: True  # whether it adds them for this client


# -- reading parameters: any fault is BadParams -----------------------------------------
def _checked(kind, value):
    if not isinstance(value, kind) or isinstance(value, bool):
        raise BadParams(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _field(data, key: str):
    if not isinstance(data, dict) or key not in data:
        raise BadParams(f"{key} is missing")
    return data[key]


def _str(value) -> str:
    return _checked(str, value)


def _int(value, low: int = -(2**31)) -> int:
    """An LSP ``integer`` (``uinteger`` with ``low=0``): in 32 bits."""
    if not low <= _checked(int, value) < 2**31:
        raise BadParams(f"{value} is out of range")
    return value


def _dict(value) -> dict:
    return _checked(dict, value)


def _position(value) -> tuple[int, int]:
    return _int(_field(value, "line"), 0), _int(_field(value, "character"), 0)


def _uri(params) -> str:
    return _str(_field(_field(params, "textDocument"), "uri"))


def _at(call: Call) -> tuple[OpenDocument, tuple[int, int]] | None:
    """The open document of a text-document-position request, and its position in the model; None if it is not open."""
    uri, (line, character) = _uri(call.params), _position(_field(call.params, "position"))
    doc = call.session.documents.get(uri)
    if doc is None:
        return None
    return doc, doc.content.doc.to_model(line, character, call.session.encoding)


# -- lifecycle and settings --------------------------------------------------------------
def capabilities(session: Session) -> dict:
    """ServerCapabilities: the position encoding, incremental sync, and what each feature adds."""
    out: dict[str, Any] = {
        "positionEncoding": session.encoding,
        "textDocumentSync": {"openClose": True, "change": INCREMENTAL},
    }
    for feature in FEATURES:
        if feature.offered(session):
            out.update(feature.capabilities or {})
    return out


def _folders(params: dict) -> list[str]:
    """The workspace folders' URIs: workspaceFolders, else rootUri, else rootPath."""
    folders = params.get("workspaceFolders")
    if isinstance(folders, list):
        return [_str(_field(folder, "uri")) for folder in folders]
    if isinstance(params.get("rootUri"), str):
        return [params["rootUri"]]
    if isinstance(params.get("rootPath"), str) and params["rootPath"]:
        return [uri_of(params["rootPath"])]
    return []


def initialize(call: Call):
    params = _dict(call.params)
    client, options = _dict(_field(params, "capabilities")), params.get("initializationOptions")
    for problem in call.session.initialize(client, options, _folders(params)):
        call.log(WARNING_MESSAGE, problem)
    return {"capabilities": capabilities(call.session), "serverInfo": {"name": NAME, "version": __version__}}


# The files the index follows, for a client that watches files for the server.
WATCHERS = [
    {"globPattern": f"**/{pattern}"}
    for pattern in (
        "*.component",
        "*.component.yaml",
        "*.component.yml",
        "*.Componentfile",
        "Componentfile",
        "*.imagetemplate",
        "Templatefile",
        *config.NAMES,
    )
]


def initialized(call: Call) -> None:
    session = call.session
    if session.watch:  # asked once pygls delivers (a request to the client needs it): see dispatch
        session.due.append(
            (
                "client/registerCapability",
                {
                    "registrations": [
                        {
                            "id": "component-lsp-files",
                            "method": "workspace/didChangeWatchedFiles",
                            "registerOptions": {"watchers": WATCHERS},
                        }
                    ]
                },
            )
        )
    _walk(session)


def _walk(session: Session) -> None:
    """Index the workspace folders on the index's thread; the transport's ``wake`` takes in what it finds."""
    if session.folders:
        session.index.start(session.folders, lambda: session.wake() if session.wake else None)
    else:
        session.index.clear()


# -- the workspace index --------------------------------------------------------------------
def relink(call: Call, before: int, skip: OpenDocument | None = None) -> None:
    """After the index changed (its generation is no longer ``before``): the open templates' diagnostics again,
    published, or asked for through a refresh."""
    session = call.session
    templates = session.templates()
    if session.index.generation != before and templates:  # only open templates read the index
        _rediagnose(call, [doc for doc in templates if doc is not skip])


def _rediagnose(call: Call, docs: list[OpenDocument]) -> None:
    """Diagnose these documents again: published, or (to a client that pulls) asked for through one refresh."""
    session = call.session
    if session.pull:
        if session.refresh and session.reported and ("workspace/diagnostic/refresh", None) not in session.due:
            session.due.append(("workspace/diagnostic/refresh", None))
        return
    for doc in docs:
        call.publish(doc)


def take_index(session: Session, outbox: Outbox) -> None:
    """Take in what the index's walk found (from the server's own thread); when the walk is done, templates again."""
    index = session.index
    before = index.generation
    if index.take():
        log.info("indexed %d files in %.2f s", index.walked, index.seconds)
        call = Call(session, outbox, "$/index", None)
        for note in index.notes:
            call.log(WARNING_MESSAGE, f"component-lsp: {note}")
        index.notes.clear()
        relink(call, before)
    arrived, notes = session.shellchecking.take()
    if arrived or notes:
        call = Call(session, outbox, "$/shellcheck", None)
        for note in notes:
            call.log(WARNING_MESSAGE, note)
        _rediagnose(call, [session.documents[uri] for uri in sorted(arrived) if uri in session.documents])
    _send_due(session, outbox)


def _send_due(session: Session, outbox: Outbox) -> None:
    while session.due:
        method, params = session.due[0]
        if not outbox.request(method, params):
            return  # the early start cannot: pygls will
        session.due.pop(0)


def did_change_watched_files(call: Call) -> None:
    session = call.session
    before = session.index.generation
    configured = False
    for change in _checked(list, _field(call.params, "changes")):
        uri, kind = _str(_field(change, "uri")), _int(_field(change, "type"))
        path = path_of(uri)
        if path is None:
            continue
        if os.path.basename(path) in config.NAMES:  # a project configuration: every document's, again
            configured = True
        elif kind == 3:  # deleted
            session.index.forget(path)
        else:  # created, changed
            session.index.load(path)
    if configured:
        reconfigure(call)
    relink(call, before)


def reconfigure(call: Call) -> None:
    """The project configurations changed: read them again, and diagnose every open document again."""
    session = call.session
    session.reload_configs()
    _rediagnose(call, list(session.documents.values()))


def did_change_workspace_folders(call: Call) -> None:
    event = _dict(_field(call.params, "event"))
    session = call.session
    removed = {path_of(_str(_field(f, "uri"))) for f in _checked(list, event.get("removed", []))}
    added = [path_of(_str(_field(f, "uri"))) for f in _checked(list, event.get("added", []))]
    session.folders = [f for f in session.folders if f not in removed] + [
        f for f in added if f is not None and f not in session.folders
    ]
    before = session.index.generation
    _walk(session)
    relink(call, before)


def did_change_configuration(call: Call) -> None:
    settings = _dict(call.params).get("settings")
    session = call.session
    if session.stale_reports and not call.outbox.request("workspace/diagnostic/refresh", None):
        raise Later
    for problem in session.configure(settings):
        call.log(WARNING_MESSAGE, problem)
    for doc in session.documents.values():
        call.publish(doc)


# -- text synchronisation --------------------------------------------------------------------
def did_open(call: Call) -> None:
    item = _field(call.params, "textDocument")
    uri, language = _str(_field(item, "uri")), _str(_field(item, "languageId"))
    version, text = _int(_field(item, "version")), _str(_field(item, "text"))
    before = call.session.index.generation
    doc = call.session.open(uri, language, version, text)
    call.publish(doc)
    relink(call, before, doc)


def did_change(call: Call) -> None:
    document = _field(call.params, "textDocument")
    uri, version = _str(_field(document, "uri")), _int(_field(document, "version"))
    changes = []
    for change in _checked(list, _field(call.params, "contentChanges")):
        r = _dict(change).get("range")
        span = None if r is None else (_position(_field(r, "start")), _position(_field(r, "end")))
        changes.append((span, _str(_field(change, "text"))))
    before = call.session.index.generation
    doc = call.session.change(uri, version, changes)
    if doc is not None:
        call.publish(doc)
        relink(call, before, doc)


def did_close(call: Call) -> None:
    before = call.session.index.generation
    doc = call.session.close(_uri(call.params))
    if doc is not None:
        call.publish(doc, clear=True)
        relink(call, before)


# -- language features --------------------------------------------------------------------------
def diagnostic(call: Call):
    uri, previous = _uri(call.params), _dict(call.params).get("previousResultId")
    if previous is not None:
        _str(previous)
    return call.session.report(uri, previous)


def completion(call: Call):
    found = _at(call)
    if found is None:
        return None
    doc, (line, col) = found
    session = call.session
    items = []
    session.resolvable = []
    found_items = doc.content.complete(line, col)
    if doc.content.kind.dialect == TEMPLATE:
        found_items += links.complete(session.uses(doc), session.index, doc.content.doc.line_text(line), (line, col))
    for item in found_items:
        snippet = session.snippets and item.snippet != item.text
        entry = {
            "label": item.label,
            "kind": COMPLETION_KINDS[item.kind],
            "detail": item.detail,
            "textEdit": {
                "range": session.range(doc, item.start, item.end),
                "newText": item.snippet if snippet else item.text,
            },
            "insertTextFormat": SNIPPET_FORMAT if snippet else PLAIN_TEXT,
        }
        if session.lazy_docs:  # the list stays small: each item's documentation comes when the editor shows it
            entry["data"] = len(session.resolvable)
            session.resolvable.append(item.documentation)
        else:
            entry["documentation"] = {"kind": "markdown", "value": item.documentation}
        if item.sort:
            entry["sortText"] = item.sort
        items.append(entry)
    return {"isIncomplete": False, "items": items}


def completion_resolve(call: Call):
    """A completion item of the last list, with its documentation."""
    item = _dict(call.params)
    index = item.get("data")
    docs = call.session.resolvable
    if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(docs):
        return {**item, "documentation": {"kind": "markdown", "value": docs[index]}}
    return item


def hover(call: Call):
    at = _at(call)
    if at is None:
        return None
    doc, (line, col) = at
    found = doc.content.hover(line, col)
    session = call.session
    linked = (
        links.hover(session.uses(doc), session.index, (line, col)) if doc.content.kind.dialect == TEMPLATE else None
    )
    if linked is not None:
        found = (
            linked
            if found is None
            else Hover(found.markdown + "\n\n---\n\n" + linked.markdown, linked.start, linked.end)
        )
    if found is None:
        return None
    return {
        "contents": {"kind": "markdown", "value": found.markdown},
        "range": call.session.range(doc, found.start, found.end),
    }


def _locations(call: Call, doc: OpenDocument, ranges) -> list[dict]:
    return [{"uri": doc.uri, "range": call.session.range(doc, start, end)} for start, end in ranges]


def _elsewhere(session: Session, found: list[links.Location]) -> list[dict]:
    out = []
    for loc in found:
        (sl, sc), (el, ec) = loc.doc.to_lsp(*loc.start, session.encoding), loc.doc.to_lsp(*loc.end, session.encoding)
        out.append(
            {"uri": loc.uri, "range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}}
        )
    return out


def _ask(call: Call, feature: str, *args) -> tuple[OpenDocument | None, Any]:
    """The open document at a text-document-position request, and what its format answers there (None if
    the document is not open or the format has no such feature)."""
    at = _at(call)
    if at is None:
        return None, None
    doc, (line, col) = at
    return doc, doc.content.ask(feature, line, col, *args)


def _position_of(call: Call, doc: OpenDocument) -> tuple[int, int]:
    return doc.content.doc.to_model(*_position(_field(call.params, "position")), call.session.encoding)


def definition(call: Call):
    doc, found = _ask(call, DEFINITION)
    if doc is None:
        return None
    out = _locations(call, doc, found or [])
    session = call.session
    out += _elsewhere(session, links.definition(session.uses(doc), session.index, _position_of(call, doc)))
    return out or None


def references(call: Call):
    declaration = bool(_dict(_field(call.params, "context")).get("includeDeclaration", True))
    doc, found = _ask(call, REFERENCES, declaration)
    if doc is None:
        return None
    session = call.session
    out = _locations(call, doc, found or [])
    out += _elsewhere(
        session, links.references(doc.uri, session.uses(doc), session.index, _position_of(call, doc), declaration)
    )
    return out


def prepare_rename(call: Call):
    try:
        doc, found = _ask(call, PREPARE_RENAME)
    except ValueError as exc:  # understood, and cannot be done: the answer says why
        raise Refused(f"cannot rename: {exc}") from None
    if doc is None or found is None:
        return None
    (start, end), name = found
    return {"range": call.session.range(doc, start, end), "placeholder": name}


def rename(call: Call):
    new = _str(_field(call.params, "newName"))
    try:
        doc, edits = _ask(call, RENAME, new)
    except ValueError as exc:
        raise Refused(f"cannot rename: {exc}") from None
    if doc is None:
        return None
    if edits is None:
        raise Refused("cannot rename: there is nothing to rename here")
    return _edits(call.session, doc, edits)


def _document(call: Call) -> OpenDocument | None:
    """The open document a whole-document request names (None if it is not open)."""
    return call.session.documents.get(_uri(call.params))


def document_symbol(call: Call):
    doc = _document(call)
    if doc is None:
        return None
    session = call.session
    found = doc.content.ask(SYMBOLS) or []

    def tree(symbol) -> dict:
        out = {
            "name": symbol.name,
            "detail": symbol.detail,
            "kind": symbol.kind,
            "range": session.range(doc, symbol.start, symbol.end),
            "selectionRange": session.range(doc, symbol.select_start, symbol.select_end),
        }
        if symbol.children:
            out["children"] = [tree(child) for child in symbol.children]
        return out

    if session.hierarchical:
        if doc.content.doc.has_lone_cr:  # an edit may move LSP lines without moving the symbol
            return [tree(symbol) for symbol in found]
        return _outline_json(doc, found, lambda symbol: encode(tree(symbol)))
    flat = []
    for symbol in found:  # a list, each child naming its container
        for item, container in [(symbol, None), *((child, symbol.name) for child in symbol.children)]:
            entry = {
                "name": item.name,
                "kind": item.kind,
                "location": {"uri": doc.uri, "range": session.range(doc, item.start, item.end)},
            }
            if container:
                entry["containerName"] = container
            flat.append(entry)
    return flat


OUTLINE_BLOCK = 128  # symbols whose JSON texts are kept joined, as one piece of the answer


def _outline_json(doc: OpenDocument, found: list, text) -> Raw:
    """The outline as a JSON array, from the texts kept with the symbols a format kept (Dockerfile: per
    instruction): blocks of them whose symbols are all the same objects as last time are sent as they were
    joined, so that an edit costs the blocks it touched, not a text per symbol (17,000 of them in 1 MB)."""
    old = doc.outline  # [(a block's symbols, their texts, the texts joined)]
    blocks, parts = [], [b"["]
    for k, at in enumerate(range(0, len(found), OUTLINE_BLOCK)):
        symbols = found[at : at + OUTLINE_BLOCK]
        block = old[k] if k < len(old) else None
        if block is None or len(block[0]) != len(symbols) or not all(map(is_, symbols, block[0])):
            # A kept symbol may have moved by a few places (an instruction added before it): looked up by identity
            # in this block and its neighbours; what moved further is made again.
            near = {id(s): t for kept in old[max(0, k - 1) : k + 2] for s, t in zip(kept[0], kept[1], strict=True)}
            texts = [near.get(id(s)) or text(s) for s in symbols]
            block = (symbols, texts, b",".join(texts))
        blocks.append(block)
        parts += [block[2], b","]
    if len(parts) > 1:
        parts.pop()
    parts.append(b"]")
    doc.outline = blocks
    return Raw(parts)


def folding_range(call: Call):
    doc = _document(call)
    if doc is None:
        return None
    model, encoding = doc.content.doc, call.session.encoding
    moved = model.has_lone_cr  # only there are LSP lines not model lines
    texts = []
    for fold in doc.content.ask(FOLDING) or []:
        first, last = (
            (model.to_lsp(fold.first, 0, encoding)[0], model.to_lsp(fold.last, 0, encoding)[0])
            if moved
            else (fold.first, fold.last)
        )
        if last > first:
            kind = b',"kind":"%s"' % fold.kind.encode() if fold.kind else b""
            texts.append(b'{"startLine":%d,"endLine":%d%s}' % (first, last, kind))
    return array(texts)


def document_link(call: Call):
    doc = _document(call)
    if doc is None:
        return None
    session = call.session
    out = [
        {"range": session.range(doc, link.start, link.end), "target": link.target}
        for link in doc.content.ask(LINKS) or []
    ]
    for use in session.uses(doc):  # COMPONENT lines that name a workspace component: to its file
        entry = session.index.component(use.name) if use.name else None
        if entry is not None:
            link = {"range": session.range(doc, use.name_start, use.name_end), "target": entry.uri}
            if session.tooltips:
                link["tooltip"] = f"{entry.path.rsplit('/', 1)[-1]} in this workspace"
            out.append(link)
    return out


def inlay_hint(call: Call):
    """The API budget at the end of the first line: `12,410 / 16,384 bytes · 96 / 127 commands`."""
    doc = _document(call)
    if doc is None:
        return None
    _dict(_field(call.params, "range"))
    found = budget.of(doc.content)
    if found is None:
        return []
    model = doc.content.doc
    line, character = model.to_lsp(0, len(model.line_text(0)), call.session.encoding)
    label = budget.label(found, call.session.budget_percent(doc))
    tooltip = (
        "How much of Image Builder's limits this uses: 16 KB of content, and 127 commands (for YAML, tasks: advice)."
    )
    return [
        {"position": {"line": line, "character": character}, "label": label, "paddingLeft": True, "tooltip": tooltip}
    ]


def _format(call: Call, first: int, last: int | None):
    doc = _document(call)
    if doc is None:
        return None
    _dict(_field(call.params, "options"))
    edits = doc.content.ask(FORMATTING, first, last, call.session.settings.indent_continuations) or []
    return _text_edits(call.session, doc, edits)


def formatting(call: Call):
    return _format(call, 0, None)


def range_formatting(call: Call):
    r = _field(call.params, "range")
    doc = _document(call)
    if doc is None:
        return None
    model, encoding = doc.content.doc, call.session.encoding
    first = model.to_model(*_position(_field(r, "start")), encoding)[0]
    last = model.to_model(*_position(_field(r, "end")), encoding)[0]
    return _format(call, first, last)


def on_type_formatting(call: Call):
    """Enter after a trailing escape character: the new line indented as Format Document would."""
    typed = _str(_field(call.params, "ch"))
    _dict(_field(call.params, "options"))
    doc, edits = _ask(call, ON_TYPE, typed, call.session.settings.indent_continuations)
    if doc is None:
        return None
    return _text_edits(call.session, doc, edits or [])


def document_highlight(call: Call):
    """Every place in the document that names what is under the cursor (a variable, a parameter)."""
    doc, found = _ask(call, REFERENCES, True)
    if doc is None:
        return None
    return [{"range": call.session.range(doc, start, end)} for start, end in found or []]


def _text_edits(session: Session, doc: OpenDocument, edits) -> list[dict]:
    return [{"range": session.range(doc, e.start, e.end), "newText": e.text} for e in edits]


def _edits(session: Session, doc: OpenDocument, edits) -> dict:
    return {"changes": {doc.uri: _text_edits(session, doc, edits)}}


def code_action(call: Call):
    params = _dict(call.params)
    uri, r = _uri(params), _field(params, "range")
    start, end = _position(_field(r, "start")), _position(_field(r, "end"))
    only: list[str] | None = _dict(_field(params, "context")).get("only")
    if only is not None and not all(isinstance(kind, str) for kind in _checked(list, only)):
        raise BadParams("context.only must be a list of strings")
    session = call.session
    doc = session.documents.get(uri)
    if doc is None:
        return None
    found = session.diagnostics(doc)
    model = doc.content.doc
    first, last = model.to_model(*start, session.encoding), model.to_model(*end, session.encoding)
    actions: list[dict[str, Any]] = [
        {
            "title": d.fix_title,
            "kind": "quickfix",
            "diagnostics": [session.diagnostic(doc, d)],
            "isPreferred": True,
            "edit": _edits(session, doc, d.fix),
        }
        for d in fixes_in(found, first, last)
    ]
    for d in found:  # ignore any code with a comment, in the instruction or the file
        if d.code != ignores.UNUSED.code and not (d.end < first or d.start > last):
            for title, edit in ignores.ignoring(doc.content, d):
                actions.append(
                    {
                        "title": title,
                        "kind": "quickfix",
                        "diagnostics": [session.diagnostic(doc, d)],
                        "edit": _edits(session, doc, [edit]),
                    }
                )
    actions += _move_rest(call, doc, found, first, last)
    every = fix_all(found)
    if every:
        actions.append(
            {"title": "Fix all auto-fixable problems", "kind": "source.fixAll", "edit": _edits(session, doc, every)}
        )
    if only:
        actions = [a for a in actions if any(a["kind"] == k or a["kind"].startswith(k + ".") for k in only)]
    return actions


def _move_rest(call: Call, doc: OpenDocument, found, first, last) -> list[dict]:
    """Past a limit, on its error or the first line (where the budget is shown): move the commands past it into a
    new component, a file the edit creates (moving.py)."""
    session = call.session
    path = path_of(doc.uri)
    over = [d for d in found if d.code in limits.OVER]
    if not over or path is None or not session.create_files:
        return []
    if first[0] > 0 and not any(not (d.end < first or d.start > last) for d in over):
        return []
    opened = {path_of(uri) for uri in session.documents}
    move = moving.plan(
        doc.content,
        path,
        session.uses(doc),
        lambda p, name: p in opened or os.path.lexists(p) or session.index.component(name) is not None,
    )
    if move is None:
        return []
    new = uri_of(move.path)
    top = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    changes = [
        {"kind": "create", "uri": new, "options": {"overwrite": False, "ignoreIfExists": False}},
        {"textDocument": {"uri": new, "version": None}, "edits": [{"range": top, "newText": move.text}]},
        {
            "textDocument": {"uri": doc.uri, "version": doc.version},
            "edits": [{"range": session.range(doc, move.start, move.end), "newText": move.replacement}],
        },
    ]
    diagnostics = [session.diagnostic(doc, d) for d in over]
    return [{"title": move.title, "kind": "quickfix", "diagnostics": diagnostics, "edit": {"documentChanges": changes}}]


FEATURES: tuple[Feature, ...] = (
    Feature("initialize", initialize),
    Feature("initialized", initialized),
    Feature("workspace/didChangeConfiguration", did_change_configuration),
    Feature("textDocument/didOpen", did_open),
    Feature("textDocument/didChange", did_change),
    Feature("textDocument/didClose", did_close),
    Feature(
        "textDocument/diagnostic",
        diagnostic,
        {"diagnosticProvider": {"identifier": SOURCE, "interFileDependencies": True, "workspaceDiagnostics": False}},
        lambda session: session.pull,  # a client that cannot be told to pull again gets pushed diagnostics
    ),
    Feature(
        "textDocument/completion",
        completion,
        {"completionProvider": {"triggerCharacters": ["$", "{", "-"], "resolveProvider": True}},
    ),
    Feature("completionItem/resolve", completion_resolve),
    Feature("textDocument/hover", hover, {"hoverProvider": True}),
    Feature(
        "textDocument/codeAction",
        code_action,
        {"codeActionProvider": {"codeActionKinds": ["quickfix", "source.fixAll"]}},
    ),
    Feature("textDocument/definition", definition, {"definitionProvider": True}),
    Feature("textDocument/references", references, {"referencesProvider": True}),
    Feature("textDocument/prepareRename", prepare_rename),
    Feature("textDocument/rename", rename, {"renameProvider": {"prepareProvider": True}}),
    Feature("textDocument/documentHighlight", document_highlight, {"documentHighlightProvider": True}),
    Feature("textDocument/formatting", formatting, {"documentFormattingProvider": True}),
    Feature("textDocument/rangeFormatting", range_formatting, {"documentRangeFormattingProvider": True}),
    Feature(
        "textDocument/onTypeFormatting",
        on_type_formatting,
        {"documentOnTypeFormattingProvider": {"firstTriggerCharacter": "\n"}},
    ),
    Feature("textDocument/documentSymbol", document_symbol, {"documentSymbolProvider": True}),
    Feature("textDocument/foldingRange", folding_range, {"foldingRangeProvider": True}),
    Feature("textDocument/documentLink", document_link, {"documentLinkProvider": {"resolveProvider": False}}),
    Feature("textDocument/inlayHint", inlay_hint, {"inlayHintProvider": True}),
    Feature("workspace/didChangeWatchedFiles", did_change_watched_files),
    Feature(
        "workspace/didChangeWorkspaceFolders",
        did_change_workspace_folders,
        {"workspace": {"workspaceFolders": {"supported": True, "changeNotifications": True}}},
    ),
)
TABLE = {feature.method: feature for feature in FEATURES}


def dispatch(
    session: Session, outbox: Outbox, method: str, params: Any, ident: Any = None, request: bool = False
) -> bool:
    """Answer one message from the table; False if it is not the table's (pygls's, or the early start's to hand over).

    Before ``initialize`` and after ``shutdown`` every message but ``exit``
    is refused, as LSP says: a request with an error, a notification in
    silence. Parameters that cannot be read get InvalidParams (a request)
    or a log message (a notification). A fault while acting is logged to the
    client and a request answered with null, so the server stays up.
    """
    feature = TABLE.get(method)
    if method == "initialize" and session.initialized:
        if request:
            outbox.send(
                error(ident, INVALID_REQUEST, "initialize: the server is initialized already (initialize comes once)")
            )
        return True
    if method != "initialize" and method != "exit" and (not session.initialized or session.shut_down):
        if request:
            state = "is not initialized" if not session.initialized else "is shut down"
            code = SERVER_NOT_INITIALIZED if not session.initialized else INVALID_REQUEST
            outbox.send(error(ident, code, f"{method}: the server {state}"))
        return True
    if feature is None:
        return False
    call = Call(session, outbox, method, params, ident)
    try:
        if session.index.pending or session.due:
            take_index(session, outbox)
        try:
            result = feature.handler(call)
        except BadParams as exc:
            if request:
                outbox.send(error(ident, INVALID_PARAMS, f"{method}: the parameters could not be read ({exc})"))
            else:
                call.log(ERROR_MESSAGE, f"component-lsp: ignored {method}: the parameters could not be read ({exc})")
            return True
        except Later:
            return False
        except Refused as exc:
            if request:
                outbox.send(error(ident, REQUEST_FAILED, str(exc)))
            return True
        except Exception as exc:  # a bug must not take the editor's server down
            log.exception("%s failed", method)
            call.log(ERROR_MESSAGE, f"component-lsp: {method} failed: {exc!r}")
            result = None
        if request:
            outbox.send(response(ident, result))
    finally:
        for warning in session.take_warnings():
            call.log(WARNING_MESSAGE, warning)
        if session.due:
            _send_due(session, outbox)
    return True
