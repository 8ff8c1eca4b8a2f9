"""Templates and their workspace end to end: the real server over stdio, opened on a folder, as VS Code and Neovim
drive it. The workspace is written to a temporary folder for each test; nothing in it is in the repository."""

import asyncio
import os
import sys
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from helpers import LSP_CLIENTS, client_capabilities
from helpers.lsp import accept_registrations, accepted, is_pull, open_doc, summary, table_row, targets

pytestmark = pytest.mark.slow  # a server per test and client

ARN = "COMPONENT acs:ecs:cn-hangzhou:123456789012:imagecomponent/"
APP = """Parameters:
  port:
    Type: Number
  debug:
    Type: Boolean
    DefaultValue: false
Tasks:
  - Name: serve
    Action: RunShellCommand
    Properties:
      commandContent: serve {{ port }} {{ debug }}
"""
TEMPLATE = ARN + "app/1.0.0 --port 80\n" + ARN + "plain/1.*.*\nRUN echo done\n"
FILES = {
    "components/app.component.yaml": APP,
    "components/plain.component": "RUN yum install -y nginx\n",
    "main.imagetemplate": TEMPLATE,
    "node_modules/pkg/app.component.yaml": "Parameters:\n  other:\n    Type: String\n",  # skipped: never linked
    ".git/plain.component": "RUN x\n",
}
SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "component_lsp"])


@pytest_lsp.fixture(config=SERVER, params=LSP_CLIENTS)
async def client(request, lsp_client: LanguageClient, tmp_path: Path):
    """The server, started by a client with one editor's capabilities, on a workspace folder written for the test."""
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    if request.node.get_closest_marker("hostile_workspace"):
        hostile(tmp_path)
    lsp_client.name = request.param
    lsp_client.root = tmp_path
    accept_registrations(lsp_client)

    folder = types.WorkspaceFolder(tmp_path.as_uri(), "ws")
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(request.param), workspace_folders=[folder], root_uri=folder.uri
        )
    )
    yield
    await lsp_client.shutdown_session()


def hostile(root: Path) -> None:
    """10,000 component files (more than the index takes), a folder that holds itself, a FIFO, binary and unreadable
    files named as components."""
    for n in range(100):
        folder = root / "many" / f"f{n:02d}"
        folder.mkdir(parents=True)
        for m in range(100):
            (folder / f"c{m}.component").write_text("RUN a\n")
    (root / "many" / "loop").symlink_to(root)
    os.mkfifo(root / "pipe.component")
    (root / "binary.component.yaml").write_bytes(bytes(range(256)) * 64)
    (root / "locked.component").write_text("RUN a\n")
    (root / "locked.component").chmod(0)


def uri(client: LanguageClient, name: str) -> str:
    return (client.root / name).as_uri()


async def settle(client: LanguageClient, name: str, want, timeout: float = 20.0) -> list[types.Diagnostic]:
    """The document's diagnostics once ``want`` holds of them: pulled again and again, or as the last push left them.

    The workspace is indexed in the background, so links come a moment after the first diagnostics.
    """
    target = uri(client, name)
    deadline = time.monotonic() + timeout
    while True:
        if is_pull(client):
            report = await client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(types.TextDocumentIdentifier(target))
            )
            got = list(report.items)
        else:
            got = list(client.diagnostics.get(target, []))
        if want(got):
            return got
        assert time.monotonic() < deadline, f"never settled: {summary(got)}"
        await asyncio.sleep(0.05)


def codes(got) -> list[str]:
    return sorted(d.code for d in got)


def watched(client: LanguageClient, name: str, kind: types.FileChangeType) -> None:
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(uri(client, name), kind)])
    )


async def test_a_template_is_checked_against_the_workspace_components(client: LanguageClient):
    text = TEMPLATE.replace("--port 80", "--prot 80 --debug maybe").replace("plain/1.*.*", "plain/1.*.* --x 1")
    open_doc(client, text, uri(client, "main.imagetemplate"), "ecs-template")
    got = await settle(client, "main.imagetemplate", lambda got: len(got) == 4)
    assert summary(got) == [
        ("Lint.ComponentParameterType", 0, 86, 91),  # --debug maybe
        ("Lint.DockerfileComponentParameter", 1, 70, 73),  # --x to plain.component
        ("Lint.MissingComponentParameter", 0, 58, 61),  # app, without --port
        ("Lint.UnknownComponentParameter", 0, 68, 74),  # --prot
    ]
    by_code = {d.code: d for d in got}
    assert "--port" in by_code["Lint.MissingComponentParameter"].message
    assert "Did you mean --port?" in by_code["Lint.UnknownComponentParameter"].message
    assert all(d.severity == types.DiagnosticSeverity.Warning for d in got)


async def test_the_template_follows_a_component_changed_on_disk_without_being_touched(client: LanguageClient):
    open_doc(client, TEMPLATE, uri(client, "main.imagetemplate"), "ecs-template")
    await settle(client, "main.imagetemplate", lambda got: got == [])
    await asyncio.sleep(0.5)  # the index is in (a clean result says nothing of it): wait for it to be sure
    component = client.root / "components/app.component.yaml"
    component.write_text(APP.replace("Parameters:\n", "Parameters:\n  region:\n    Type: String\n"))
    watched(client, "components/app.component.yaml", types.FileChangeType.Changed)
    got = await settle(client, "main.imagetemplate", lambda got: got != [])
    assert codes(got) == ["Lint.MissingComponentParameter"] and "--region" in got[0].message
    component.unlink()
    watched(client, "components/app.component.yaml", types.FileChangeType.Deleted)  # deleted while the template is open
    await settle(client, "main.imagetemplate", lambda got: got == [])


async def test_an_open_component_wins_over_the_disk_until_it_is_closed(client: LanguageClient):
    open_doc(client, TEMPLATE, uri(client, "main.imagetemplate"), "ecs-template")
    await settle(client, "main.imagetemplate", lambda got: got == [])
    edited = APP.replace("Type: Number\n", "Type: Number\n  user:\n    Type: String\n", 1)
    open_doc(client, edited, uri(client, "components/app.component.yaml"), "ecs-component-yaml")
    got = await settle(client, "main.imagetemplate", lambda got: got != [])
    assert codes(got) == ["Lint.MissingComponentParameter"] and "--user" in got[0].message
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri(client, "components/app.component.yaml")))
    )
    await settle(client, "main.imagetemplate", lambda got: got == [])


async def refreshed(client: LanguageClient, more_than: int, timeout: float = 10.0) -> int:
    """The client's count of refreshes, once it is more than ``more_than``: nothing is sent to the server meanwhile."""
    deadline = time.monotonic() + timeout
    while client.diagnostic_refresh_count <= more_than:
        assert time.monotonic() < deadline, "no workspace/diagnostic/refresh came"
        await asyncio.sleep(0.02)
    return client.diagnostic_refresh_count


async def test_a_component_opened_then_edited_refreshes_the_template_at_once(client: LanguageClient):
    """A client that pulls is told to pull the template again at once, by the opening and by the (unsaved) edit
    that follows it, without another message, whether or not it has pulled since the first refresh."""
    if not is_pull(client):  # pushed to: the template's diagnostics come with the edit (the other tests)
        return
    open_doc(client, TEMPLATE.replace("--port 80", "--port x"), uri(client, "main.imagetemplate"), "ecs-template")
    # linked: the index's walk is over (its own refresh has come)
    await settle(client, "main.imagetemplate", lambda got: codes(got) == ["Lint.ComponentParameterType"])
    await asyncio.sleep(0.2)
    count = client.diagnostic_refresh_count
    component = uri(client, "components/app.component.yaml")
    open_doc(client, APP, component, "ecs-component-yaml")
    count = await refreshed(client, count)  # the opening (the template is not pulled after it)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=2, uri=component),
            [
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(1, 0), types.Position(1, 0)), text="  user:\n    Type: String\n"
                )
            ],
        )
    )
    await refreshed(client, count)  # the edit: a required parameter the template does not pass
    got = await settle(client, "main.imagetemplate", lambda got: len(got) > 1, timeout=1)
    assert codes(got) == ["Lint.ComponentParameterType", "Lint.MissingComponentParameter"]


async def test_navigation_hover_and_completion_follow_the_link(client: LanguageClient):
    name = "main.imagetemplate"
    text = TEMPLATE + ARN + "app/1.0.0 --port 1 -\n\n"
    open_doc(client, text, uri(client, name), "ecs-template")
    await settle(client, name, lambda got: any(d.code == "InvalidCommandContent.COMPONENT" for d in got))
    doc = types.TextDocumentIdentifier(uri(client, name))
    component = uri(client, "components/app.component.yaml")
    # The index comes in the background: ask until the definition is there.
    deadline = time.monotonic() + 20
    while not (
        found := await client.text_document_definition_async(types.DefinitionParams(doc, types.Position(0, 60)))
    ):
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    assert [(target, where.start.line) for target, where in targets(client, found)] == [(component, 0)]
    found = await client.text_document_definition_async(types.DefinitionParams(doc, types.Position(0, 74)))
    assert [(t, r.start.line, r.start.character, r.end.character) for t, r in targets(client, found)] == [
        (component, 1, 2, 6)
    ]
    hover = await client.text_document_hover_async(types.HoverParams(doc, types.Position(0, 60)))
    assert table_row(hover, "port", "Number", "required") and "serve: RunShellCommand" in hover.contents.value
    links = await client.text_document_document_link_async(types.DocumentLinkParams(doc))
    assert [(link.target, link.range.start.line, link.range.start.character) for link in links][:2] == [
        (component, 0, 58),
        (uri(client, "components/plain.component"), 1, 58),
    ]
    hover = await client.text_document_hover_async(types.HoverParams(doc, types.Position(0, 74)))
    assert "Number, required" in hover.contents.value
    items = await client.text_document_completion_async(
        types.CompletionParams(doc, types.Position(3, len(ARN + "app/1.0.0 --port 1 -")))
    )
    assert [item.label for item in items.items] == ["--debug"] and items.items[0].detail == "Boolean = false"
    items = await client.text_document_completion_async(types.CompletionParams(doc, types.Position(4, 0)))
    labels = [item.label for item in items.items]
    assert "COMPONENT" in labels and "COMPONENT acs:ecs:…" in labels and "RUN" in labels
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=2, uri=doc.uri),
            [
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(4, 0), types.Position(4, 0)), text="COMPONENT "
                )
            ],
        )
    )
    items = await client.text_document_completion_async(types.CompletionParams(doc, types.Position(4, 10)))
    assert [item.label for item in items.items] == ["app", "plain"]
    arn = accepted(client, "COMPONENT ", len("COMPONENT "), items.items[0])
    assert (
        "cn-hangzhou" in arn and "123456789012" in arn and "--port" in arn
    )  # the region and account of the template's ARNs; the required parameter
    # References, from the component's parameter to the templates that pass it.
    open_doc(client, APP, component, "ecs-component-yaml")
    found = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(component),
            position=types.Position(1, 3),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    places = sorted((loc.uri, loc.range.start.line) for loc in found)
    assert (uri(client, name), 0) in places and (uri(client, name), 3) in places and (component, 10) in places


async def test_the_server_asks_to_watch_component_files_where_the_client_can(client: LanguageClient):
    open_doc(client, TEMPLATE, uri(client, "main.imagetemplate"), "ecs-template")
    await settle(client, "main.imagetemplate", lambda got: got == [])
    dynamic = client.capabilities.workspace.did_change_watched_files
    if dynamic is not None and dynamic.dynamic_registration:
        deadline = time.monotonic() + 20
        while not client.registrations:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        (registration,) = client.registrations
        assert registration.method == "workspace/didChangeWatchedFiles"
        patterns = [w["globPattern"] for w in registration.register_options["watchers"]]
        assert "**/*.component.yaml" in patterns and "**/*.imagetemplate" in patterns
    else:
        assert client.registrations == []


@pytest.mark.hostile_workspace
async def test_a_hostile_workspace_neither_stalls_nor_stops_the_server(client: LanguageClient):
    open_doc(client, TEMPLATE.replace("--port 80", "--port x"), uri(client, "main.imagetemplate"), "ecs-template")
    # The first diagnostics come while the index walks; the link follows once the walk has found app.
    got = await settle(
        client, "main.imagetemplate", lambda got: codes(got) == ["Lint.ComponentParameterType"], timeout=120
    )
    assert got[0].range.start.line == 0
    deadline = time.monotonic() + 120
    while not any("the workspace index stopped early" in m.message for m in client.log_messages):
        assert time.monotonic() < deadline, [m.message for m in client.log_messages]
        await asyncio.sleep(0.1)
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri(client, "main.imagetemplate")), types.Position(0, 60))
    )
    assert table_row(hover, "port", "Number", "required")
    # The walk's progress, to a client that shows progress: begun, counts as they grow, ended; nothing to others.
    window = client.capabilities.window
    if not (window and window.work_done_progress):
        assert client.progress_reports == {}
        return
    deadline = time.monotonic() + 60
    while not any(r and r[-1].kind == "end" for r in client.progress_reports.values()):
        assert time.monotonic() < deadline, client.progress_reports
        await asyncio.sleep(0.1)
    ((token, reports),) = client.progress_reports.items()
    assert token.startswith("component-lsp/index/")
    assert [r.kind for r in reports] == ["begin"] + ["report"] * (len(reports) - 2) + ["end"]
    counts = [int(r.message.split()[0].replace(",", "")) for r in reports]
    assert counts == sorted(counts) and counts[-1] >= 2 and "files in" in reports[-1].message


async def test_workspace_folders_removed_and_added_unlink_and_link_again(client: LanguageClient):
    open_doc(client, TEMPLATE.replace("--port 80", "--prot 80"), uri(client, "main.imagetemplate"), "ecs-template")
    await settle(client, "main.imagetemplate", lambda got: "Lint.UnknownComponentParameter" in codes(got))
    folder = types.WorkspaceFolder(client.root.as_uri(), "ws")
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(types.WorkspaceFoldersChangeEvent(added=[], removed=[folder]))
    )
    await settle(client, "main.imagetemplate", lambda got: codes(got) == [])
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(types.WorkspaceFoldersChangeEvent(added=[folder], removed=[]))
    )
    await settle(client, "main.imagetemplate", lambda got: "Lint.UnknownComponentParameter" in codes(got))


async def test_a_component_saved_while_open_is_read_again_when_closed(client: LanguageClient):
    """Neovim watches no files for the server: a component edited, saved and closed is read from disk on close."""
    open_doc(client, TEMPLATE, uri(client, "main.imagetemplate"), "ecs-template")
    await settle(client, "main.imagetemplate", lambda got: got == [])
    await asyncio.sleep(0.5)  # the walk is in
    component = client.root / "components/app.component.yaml"
    open_doc(client, APP, component.as_uri(), "ecs-component-yaml")
    component.write_text(
        APP.replace("Parameters:\n", "Parameters:\n  zone:\n    Type: String\n")
    )  # saved, no file event
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(component.as_uri())))
    got = await settle(client, "main.imagetemplate", lambda got: got != [])
    assert codes(got) == ["Lint.MissingComponentParameter"] and "--zone" in got[0].message


async def test_the_project_configuration_applies_and_is_read_again_when_it_changes(client: LanguageClient):
    conf = client.root / ".component-lsp.toml"
    conf.write_text('[severity]\n"Lint.KeywordCase" = "error"\n')
    open_doc(client, "run a\nENV A=1\n", uri(client, "components/x.component"))
    got = await settle(client, "components/x.component", lambda got: len(got) == 2)
    assert sorted((d.code, d.severity) for d in got) == [
        ("Lint.KeywordCase", types.DiagnosticSeverity.Error),
        ("Lint.UnquotedEnvValue", types.DiagnosticSeverity.Warning),
    ]
    conf.write_text('ignore = ["Lint.Unquoted*"]\n')
    watched(client, ".component-lsp.toml", types.FileChangeType.Changed)
    got = await settle(client, "components/x.component", lambda got: len(got) == 1)
    assert [(d.code, d.severity) for d in got] == [("Lint.KeywordCase", types.DiagnosticSeverity.Warning)]
    conf.write_text("ignore = [\n")  # broken: said once, and the defaults apply
    watched(client, ".component-lsp.toml", types.FileChangeType.Changed)
    await settle(client, "components/x.component", lambda got: len(got) == 2)
    deadline = time.monotonic() + 20
    while not any("not valid TOML" in m.message and ".component-lsp.toml:1" in m.message for m in client.log_messages):
        assert time.monotonic() < deadline, [m.message for m in client.log_messages]
        await asyncio.sleep(0.05)
