"""Driving the real server with pytest-lsp, as the editors' clients do: a client per editor, and what they see."""

import re
import sys

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from helpers import LSP_CLIENTS, client_capabilities

# VS Code 1.65 (UTF-16, push), Neovim 0.11 (UTF-8, snippets; it pulls, but cannot be told to pull again, so it is
# pushed to), Neovim 0.10 (no snippets), and VS Code as it is now (pull, with refresh).
URI = "file:///work/app.component"

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "component_lsp"])


def accept_registrations(client: LanguageClient) -> None:
    """Answer client/registerCapability, as editors do (pytest-lsp's client does not), keeping what was registered."""
    client.registrations = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        client.registrations += params.registrations


@pytest_lsp.fixture(config=SERVER, params=LSP_CLIENTS)
async def client(request, lsp_client: LanguageClient):
    """The server, started and initialised by a client with one editor's capabilities."""
    lsp_client.name = request.param
    accept_registrations(lsp_client)
    await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities(request.param)))
    yield
    await lsp_client.shutdown_session()


def is_pull(client: LanguageClient) -> bool:
    """The server has the client pull diagnostics where the client can pull and be told to pull again."""
    workspace = client.capabilities.workspace
    refresh = (
        workspace is not None and workspace.diagnostics is not None and bool(workspace.diagnostics.refresh_support)
    )
    return client.capabilities.text_document.diagnostic is not None and refresh


def open_doc(client: LanguageClient, text: str, uri: str = URI, language: str = "ecs-component") -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, 1, text)))


async def diagnostics(client: LanguageClient, uri: str = URI) -> list[types.Diagnostic]:
    """The document's diagnostics as the client gets them: pulled or pushed."""
    if is_pull(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(types.TextDocumentIdentifier(uri))
        )
        return list(report.items)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


def col(client: LanguageClient, text: str) -> int:
    """Length of ``text`` in the position encoding the server chose for this client."""
    encoding = client.capabilities.general.position_encodings if client.capabilities.general else None
    if encoding and encoding[0] == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    return len(text.encode("utf-16-le")) // 2


def summary(items):
    return sorted((d.code, d.range.start.line, d.range.start.character, d.range.end.character) for d in items)


def accepted(client: LanguageClient, line: str, cursor: int, item: types.CompletionItem) -> str:
    """The line as the client leaves it after the user accepts ``item`` with the cursor after ``line[:cursor]``:
    its ``textEdit`` applied, or else its ``insertText`` in place of the word before the cursor (letters, digits
    and ``_``, as editors take a word), as every client does."""
    if item.text_edit is not None:
        edit = item.text_edit
        start, end = (
            (edit.range.start, edit.range.end) if hasattr(edit, "range") else (edit.replace.start, edit.replace.end)
        )

        def index(character: int) -> int:  # a position's character, in the encoding, as an index of the line
            return next(i for i in range(len(line) + 1) if col(client, line[:i]) == character)

        return line[: index(start.character)] + edit.new_text + line[index(end.character) :]
    word = re.search(r"\w*$", line[:cursor])
    assert word is not None
    return line[: word.start()] + (item.insert_text or item.label) + line[cursor:]


def creates_files(client: LanguageClient) -> bool:
    """The client applies a workspace edit that creates a file (eglot 1.9 does not: it is offered no such edit)."""
    edits = client.capabilities.workspace.workspace_edit
    return bool(edits and edits.resource_operations and types.ResourceOperationKind.Create in edits.resource_operations)


def table_row(hover: types.Hover, *cells: str) -> bool:
    """The hover shows a table row of these cells: Markdown's ``| `a` | b |`` (the first in code), or aligned
    columns in plain text."""
    value = hover.contents.value
    if hover.contents.kind == types.MarkupKind.Markdown:
        return "| `" + cells[0] + "` | " + " | ".join(cells[1:]) + " |" in value
    return re.search("^" + " +".join(map(re.escape, cells)) + "$", value, re.M) is not None


def targets(client: LanguageClient, found) -> list[tuple[str, types.Range]]:
    """Where a definition leads: LocationLinks to a client with linkSupport, Locations to others."""
    links = client.capabilities.text_document.definition and client.capabilities.text_document.definition.link_support
    out = []
    for place in found:
        if isinstance(place, types.LocationLink):
            assert links
            out.append((place.target_uri, place.target_selection_range))
        else:
            assert not links
            out.append((place.uri, place.range))
    return out
