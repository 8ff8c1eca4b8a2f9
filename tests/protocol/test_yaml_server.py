"""YAML-format components end to end: the real server over stdio, as VS Code and as Neovim drive it."""

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from helpers.lsp import col, creates_files, diagnostics, open_doc, summary, targets

pytestmark = pytest.mark.slow  # a server per test and client

URI = "file:///work/hello.component.yaml"
COMPONENT = """Parameters:
  greeting:
    Type: String
    DefaultValue: hello 😀
Tasks:
  - Name: count
    Action: RunShellCommand
    Properties:
      commandContent: echo {{ greeting }}
  - Name: result
    Action: RunShellCommand
    Properties:
      commandContent: echo {{ count.stdout }}
"""


def at(line: int, character: int) -> tuple[types.TextDocumentIdentifier, types.Position]:
    """A position in the component, as the first two arguments of a request's parameters."""
    return types.TextDocumentIdentifier(URI), types.Position(line, character)


async def test_a_yaml_component_gets_its_own_diagnostics(client: LanguageClient):
    broken = COMPONENT.replace("Action: RunShellCommand", "Action: RunShelCommand", 1).replace(
        "{{ greeting }}", "{{ greting }} 😀 {{ greeting }}"
    )
    open_doc(client, broken, URI, "ecs-component-yaml")
    got = await diagnostics(client, URI)
    assert summary(got) == [
        ("InvalidParameter.Content", 6, 12, 26),
        (
            "InvalidParameter.Content",
            8,
            col(client, "      commandContent: echo "),
            col(client, "      commandContent: echo {{ greting }}"),
        ),
    ]
    assert "Did you mean `RunShellCommand`?" in got[0].message or "Did you mean `RunShellCommand`?" in got[1].message


async def test_completion_after_action_offers_the_actions(client: LanguageClient):
    open_doc(client, "Tasks:\n  - Name: a\n    Action: \n", URI, "ecs-component-yaml")
    result = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(URI), types.Position(2, 12))
    )
    labels = [item.label for item in result.items]
    assert labels[:2] == ["RunShellCommand", "RunPowerShellCommand"] and "OSSDownload" in labels
    assert result.items[0].kind == types.CompletionItemKind.Value


async def test_hover_explains_an_action_and_a_reference(client: LanguageClient):
    open_doc(client, COMPONENT, URI, "ecs-component-yaml")
    hover = await client.text_document_hover_async(types.HoverParams(*at(6, 14)))
    assert "runs on Linux" in hover.contents.value
    hover = await client.text_document_hover_async(types.HoverParams(*at(8, 31)))
    assert "parameter" in hover.contents.value and "hello 😀" in hover.contents.value


async def test_definition_references_and_rename(client: LanguageClient):
    open_doc(client, COMPONENT, URI, "ecs-component-yaml")
    found = await client.text_document_definition_async(types.DefinitionParams(*at(12, 31)))
    assert targets(client, found) == [(URI, types.Range(types.Position(5, 10), types.Position(5, 15)))]
    document, position = at(1, 4)
    params = types.ReferenceParams(
        context=types.ReferenceContext(include_declaration=True), text_document=document, position=position
    )
    refs = await client.text_document_references_async(params)
    assert sorted((r.range.start.line, r.range.start.character) for r in refs) == [(1, 2), (8, 30)]
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(*at(5, 12)))
    assert prepared.placeholder == "count"
    edit = await client.text_document_rename_async(types.RenameParams(*at(5, 12), new_name="counter"))
    assert sorted((e.range.start.line, e.new_text) for e in edit.changes[URI]) == [(5, "counter"), (12, "counter")]
    with pytest.raises(Exception, match="exists already"):
        await client.text_document_rename_async(types.RenameParams(*at(5, 12), new_name="result"))


async def test_quick_fix_adds_the_missing_properties(client: LanguageClient):
    text = "Tasks:\n  - Name: d\n    Action: OSSDownload\n    Properties:\n      bucketName: b\n"
    open_doc(client, text, URI, "ecs-component-yaml")
    got = await diagnostics(client, URI)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(URI), got[0].range, types.CodeActionContext(diagnostics=got)
        )
    )
    fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix)
    assert fix.title == "Add `destinationDir` and `objectName`"
    (edit,) = fix.edit.changes[URI]
    assert edit.new_text == "\n      destinationDir: \n      objectName: "


async def test_past_16_kb_a_yaml_component_moves_its_last_tasks_into_a_new_file(client: LanguageClient, tmp_path):
    uri = (tmp_path / "app.component.yaml").as_uri()
    task = (
        "  - Name: t{i}\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo " + "x" * 300 + "\n"
    )
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(
                uri, "ecs-component-yaml", 1, "Tasks:\n" + "".join(task.format(i=i) for i in range(50))
            )
        )
    )
    got = await diagnostics(client, uri)
    assert [d.code for d in got] == ["InvalidContent.LengthExceeded"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), got[0].range, types.CodeActionContext(diagnostics=got)
        )
    )
    moves = [a for a in actions if a.title.startswith("Move")]
    if not creates_files(client):
        assert moves == []  # a client that cannot create a file (eglot 1.9) is offered no move into one
        return
    (move,) = moves
    create, fill, _ = move.edit.document_changes
    assert (move.title, create.uri) == (
        "Move tasks 43-50 into a new component, app-2.component.yaml",
        (tmp_path / "app-2.component.yaml").as_uri(),
    )
    assert fill.edits[0].new_text == "Tasks:\n" + "".join(task.format(i=i) for i in range(42, 50))
