"""Documents by any name a client sends (SPEC section 2: the file name first, then the language id, then the
text), to a server with no workspace folder and no root (single-file mode), for clients that do not watch files.

Each client profile is started with no root and no folders, and without ``didChangeWatchedFiles``; every
document gets diagnostics of its kind, and answers to the requests a user makes in it.
"""

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from helpers import LSP_CLIENTS, client_capabilities
from helpers.lsp import SERVER, accept_registrations, diagnostics, is_pull, open_doc

pytestmark = pytest.mark.slow  # a server per client

TEMPLATE_TEXT = "FROM IMAGE:m-123\nCOMPONENT ic-bp18hy47cqavewsb\n"
COMPONENT_TEXT = "FROM centos\nRUN echo hi\n"
YAML_TEXT = "Tasks:\n  - Name: a\n    Action: Reboot\n"

# (URI, the language id the client sends, text, the codes that say which kind it was read as)
DOCUMENTS = [
    # Windows: a drive letter escaped and not, upper case, a UNC path; the id is the one eglot sends for all files
    ("file:///c%3A/Users/dev/app.imagetemplate", "ecs-component", TEMPLATE_TEXT, ["Lint.FromIgnored"]),
    ("file:///C:/Users/dev/builds/site.imagetemplate", "ecs-component", TEMPLATE_TEXT, ["Lint.FromIgnored"]),
    ("file://buildserver/share/images/base.imagetemplate", "ecs-component", TEMPLATE_TEXT, ["Lint.FromIgnored"]),
    # spaces and non-ASCII characters, percent-encoded as clients send them
    (
        "file:///work/my%20builds/caf%C3%A9%20%E2%98%95.component",
        "ecs-template",
        COMPONENT_TEXT,
        ["NotSupportedCommand.FROM"],
    ),
    ("file:///work/%E9%95%9C%E5%83%8F/app.component.yaml", "ecs-component", YAML_TEXT, []),
    # no file name: the language id decides
    ("untitled:Untitled-1", "ecs-template", TEMPLATE_TEXT, ["Lint.FromIgnored"]),
    ("untitled:Untitled-2", "ecs-component", COMPONENT_TEXT, ["NotSupportedCommand.FROM"]),
    ("untitled:Untitled-3", "ecs-component-yaml", YAML_TEXT, []),
    # other schemes: the name in the path, without the query (VS Code's git: diff views)
    (
        "git:/work/app.imagetemplate?%7B%22path%22%3A%22%2Fwork%2Fapp.imagetemplate%22%7D",
        "ecs-component",
        TEMPLATE_TEXT,
        ["Lint.FromIgnored"],
    ),
    ("vscode-vfs://github/org/repo/app.component.yml", "yaml", YAML_TEXT, []),
]


@pytest_lsp.fixture(config=SERVER, params=LSP_CLIENTS)
async def client(request, lsp_client: LanguageClient):
    """A client of one editor's capabilities, but without file watching, that gives no workspace folder and no
    root: a file opened on its own."""
    lsp_client.name = request.param
    accept_registrations(lsp_client)
    capabilities = client_capabilities(request.param)
    if capabilities.workspace is not None:
        capabilities.workspace.did_change_watched_files = None
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities, root_uri=None, root_path=None, workspace_folders=None)
    )
    yield
    await lsp_client.shutdown_session()


async def test_any_name_gets_its_kind_and_answers(client: LanguageClient):
    for uri, language, text, want in DOCUMENTS:
        open_doc(client, text, uri=uri, language=language)
        if is_pull(client):
            got = await diagnostics(client, uri)
        else:  # the push for this document (the one clearing the last document's may come first)
            while uri not in client.diagnostics:
                await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            got = client.diagnostics[uri]
        assert sorted(d.code for d in got) == want, uri
        doc = types.TextDocumentIdentifier(uri)
        at = types.Position(1, 1)
        await client.text_document_hover_async(types.HoverParams(doc, at))
        await client.text_document_completion_async(types.CompletionParams(doc, at))
        await client.text_document_definition_async(types.DefinitionParams(doc, at))
        symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(doc))
        assert symbols, uri  # the outline of its kind: never empty for these texts
        client.text_document_did_close(types.DidCloseTextDocumentParams(doc))
    # Without watchers the server registers none, and it logged no error.
    assert client.registrations == []
    assert not [m for m in client.log_messages if m.type == types.MessageType.Error]
