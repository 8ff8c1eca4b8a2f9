"""The parameters of the LSP messages the server takes, read from their JSON into typed records.

This is the one place a message's parameters are looked at: each handler calls
one reader here and gets a record (a ``NamedTuple``) with the fields it uses,
or ``BadParams`` (answered InvalidParams, or logged for a notification). The
records name LSP's fields as lsprotocol's types do; they are read from JSON
by hand, not structured by lsprotocol, because the early start answers before
lsprotocol has loaded (``early.py``), and a keystroke's ``didChange`` is read
in a few microseconds.
"""

from __future__ import annotations

from typing import Any, NamedTuple, TypeVar

from ..workspace.scan import uri_of

T = TypeVar("T")


class BadParams(Exception):
    """The parameters cannot be read as the method's."""


def checked(kind: type[T], value: object) -> T:
    if not isinstance(value, kind) or isinstance(value, bool):
        raise BadParams(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def field(data: object, key: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise BadParams(f"{key} is missing")
    return data[key]


def string(value: object) -> str:
    return checked(str, value)


def integer(value: object, low: int = -(2**31)) -> int:
    """An LSP ``integer`` (``uinteger`` with ``low=0``): in 32 bits."""
    number = checked(int, value)
    if not low <= number < 2**31:
        raise BadParams(f"{value} is out of range")
    return number


def mapping(value: object) -> dict:
    return checked(dict, value)


class Position(NamedTuple):
    line: int
    character: int


class Range(NamedTuple):
    start: Position
    end: Position


def position(value: object) -> Position:
    return Position(integer(field(value, "line"), 0), integer(field(value, "character"), 0))


def range_(value: object) -> Range:
    return Range(position(field(value, "start")), position(field(value, "end")))


def document_uri(params: object) -> str:
    """``textDocument.uri`` of any text document request."""
    return string(field(field(params, "textDocument"), "uri"))


class DocumentPosition(NamedTuple):
    """TextDocumentPositionParams."""

    uri: str
    position: Position


def document_position(params: object) -> DocumentPosition:
    return DocumentPosition(document_uri(params), position(field(params, "position")))


class DocumentRange(NamedTuple):
    uri: str
    range: Range


def document_range(params: object) -> DocumentRange:
    return DocumentRange(document_uri(params), range_(field(params, "range")))


# -- lifecycle and settings ---------------------------------------------------------------
class Initialize(NamedTuple):
    capabilities: dict
    initialization_options: object
    folders: list[str]  # URIs: workspaceFolders, else rootUri, else rootPath


def initialize(params: object) -> Initialize:
    params = mapping(params)
    folders = params.get("workspaceFolders")
    if isinstance(folders, list):
        uris = [string(field(folder, "uri")) for folder in folders]
    elif isinstance(params.get("rootUri"), str):
        uris = [params["rootUri"]]
    elif isinstance(params.get("rootPath"), str) and params["rootPath"]:
        uris = [uri_of(params["rootPath"])]
    else:
        uris = []
    return Initialize(mapping(field(params, "capabilities")), params.get("initializationOptions"), uris)


def settings(params: object) -> object:
    """DidChangeConfigurationParams.settings (anything: the settings reader says what it does not understand)."""
    return mapping(params).get("settings")


# -- text synchronisation ---------------------------------------------------------------------
class Opened(NamedTuple):
    uri: str
    language_id: str
    version: int
    text: str


def opened(params: object) -> Opened:
    item = field(params, "textDocument")
    uri, language = string(field(item, "uri")), string(field(item, "languageId"))
    return Opened(uri, language, integer(field(item, "version")), string(field(item, "text")))


class ContentChange(NamedTuple):
    range: Range | None  # None: the whole text
    text: str


class Changed(NamedTuple):
    uri: str
    version: int
    changes: list[ContentChange]


def changed(params: object) -> Changed:
    document = field(params, "textDocument")
    changes = []
    for change in checked(list, field(params, "contentChanges")):
        where = mapping(change).get("range")
        changes.append(ContentChange(None if where is None else range_(where), string(field(change, "text"))))
    return Changed(string(field(document, "uri")), integer(field(document, "version")), changes)


# -- requests -------------------------------------------------------------------------------------
class DiagnosticRequest(NamedTuple):
    uri: str
    previous_result_id: str | None


def diagnostic(params: object) -> DiagnosticRequest:
    previous = mapping(params).get("previousResultId")
    return DiagnosticRequest(document_uri(params), None if previous is None else string(previous))


class References(NamedTuple):
    uri: str
    position: Position
    include_declaration: bool


def references(params: object) -> References:
    at = document_position(params)
    declaration = bool(mapping(field(params, "context")).get("includeDeclaration", True))
    return References(at.uri, at.position, declaration)


class Rename(NamedTuple):
    uri: str
    position: Position
    new_name: str


def rename(params: object) -> Rename:
    new = string(field(params, "newName"))
    at = document_position(params)
    return Rename(at.uri, at.position, new)


def formatting(params: object) -> str:
    """DocumentFormattingParams: the document (its ``options`` must be there; the server formats its own way)."""
    mapping(field(params, "options"))
    return document_uri(params)


def range_formatting(params: object) -> DocumentRange:
    mapping(field(params, "options"))
    return document_range(params)


class OnType(NamedTuple):
    uri: str
    position: Position
    ch: str


def on_type(params: object) -> OnType:
    typed = string(field(params, "ch"))
    mapping(field(params, "options"))
    at = document_position(params)
    return OnType(at.uri, at.position, typed)


class CodeActionRequest(NamedTuple):
    uri: str
    range: Range
    only: list[str] | None  # the kinds asked for (context.only)


def code_action(params: object) -> CodeActionRequest:
    params = mapping(params)
    at = document_range(params)
    only = mapping(field(params, "context")).get("only")
    if only is not None and not all(isinstance(kind, str) for kind in checked(list, only)):
        raise BadParams("context.only must be a list of strings")
    return CodeActionRequest(at.uri, at.range, only)


def inlay_hint(params: object) -> str:
    """InlayHintParams: the document (the hint is on its first line, whatever the range, which must be there)."""
    mapping(field(params, "range"))
    return document_uri(params)


# -- workspace --------------------------------------------------------------------------------------
class FileEvent(NamedTuple):
    uri: str
    type: int  # FileChangeType


def watched_files(params: object) -> list[FileEvent]:
    changes = checked(list, field(params, "changes"))
    return [FileEvent(string(field(change, "uri")), integer(field(change, "type"))) for change in changes]


class FoldersChange(NamedTuple):
    added: list[str]  # URIs
    removed: list[str]


def folders_change(params: object) -> FoldersChange:
    event = mapping(field(params, "event"))
    removed = [string(field(folder, "uri")) for folder in checked(list, event.get("removed", []))]
    added = [string(field(folder, "uri")) for folder in checked(list, event.get("added", []))]
    return FoldersChange(added, removed)
