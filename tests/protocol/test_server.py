"""End-to-end: the real server over stdio, driven as VS Code and as Neovim drive it."""

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from helpers.lsp import (
    SERVER,
    URI,
    accept_registrations,
    accepted,
    col,
    creates_files,
    diagnostics,
    is_pull,
    open_doc,
    summary,
    targets,
)

pytestmark = pytest.mark.slow  # a server per test and client: the quick loop has test_early.py's in-process ones


async def test_api_errors_are_reported_with_codes_and_token_ranges(client: LanguageClient):
    open_doc(client, "FROM centos\nRUN\nADD a /b\nRESTART now\n")
    got = await diagnostics(client)
    assert summary(got) == [
        ("EmptyCommandContent.RUN", 1, 0, 3),
        ("InvalidImageTemplateCommand.NotSupported", 2, 0, 3),
        ("NotEmptyCommandContent.RESTART", 3, 8, 11),
        ("NotSupportedCommand.FROM", 0, 0, 4),
    ]
    assert {d.source for d in got} == {"component-lsp"}
    # the link to the code's page, for a client that shows one (codeDescriptionSupport)
    linked = bool(client.capabilities.text_document.publish_diagnostics.code_description_support)
    assert all(
        d.code_description.href.endswith("/docs/codes.md#" + d.code.lower().replace(".", ""))
        if linked
        else d.code_description is None
        for d in got
    )
    assert next(d for d in got if d.code.startswith("InvalidImage")).message.endswith("Use COPY.")


async def test_positions_after_non_ascii_text(client: LanguageClient):
    line = "WORKDIR /😀中 /b"
    open_doc(client, f"# 注释 😀\n{line}\n")
    got = await diagnostics(client)
    (bad,) = [d for d in got if d.code == "InvalidCommandContent.WORKDIR"]
    assert bad.range.start == types.Position(1, col(client, "WORKDIR /😀中 "))
    assert bad.range.end == types.Position(1, col(client, line))


async def test_edits_update_the_diagnostics(client: LanguageClient):
    open_doc(client, "RUN echo 😀 done\nRUNN x\n")
    first = await diagnostics(client)
    assert [d.code for d in first] == ["InvalidImageTemplateCommand.NotSupported"]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=URI, version=2),
            [
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(1, 3), types.Position(1, 4)), text=""
                )
            ],
        )
    )
    assert await diagnostics(client) == []
    # Typing after the emoji: the range must count it as the client does.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=URI, version=3),
            [
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        types.Position(0, col(client, "RUN echo 😀 ")),
                        types.Position(0, col(client, "RUN echo 😀 done")),
                    ),
                    text="ok\nFROM x",
                )
            ],
        )
    )
    got = await diagnostics(client)
    assert summary(got) == [("NotSupportedCommand.FROM", 1, 0, 4)]


async def test_push_or_pull_never_both(client: LanguageClient):
    open_doc(client, "FROM x\n")
    got = await diagnostics(client)
    assert [d.code for d in got] == ["NotSupportedCommand.FROM"]
    # A request answered after didOpen proves any push for it has arrived.
    await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(URI), types.Position(0, 0)))
    if is_pull(client):
        assert client.diagnostics == {}
    else:
        assert summary(client.diagnostics[URI]) == summary(got)


async def test_close_clears_diagnostics(client: LanguageClient):
    open_doc(client, "FROM x\n")
    assert await diagnostics(client) != []
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(URI)))
    assert await diagnostics(client) == []


async def test_keyword_completion(client: LanguageClient):
    open_doc(client, 'ENV A="1"\nru\n')
    result = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(URI), types.Position(1, 2))
    )
    labels = [item.label for item in result.items]
    assert sorted(labels) == sorted(["RUN", "ENV", "WORKDIR", "COPY", "USER", "LABEL", "CMD", "ENTRYPOINT", "RESTART"])
    run = next(item for item in result.items if item.label == "RUN")
    item = client.capabilities.text_document.completion.completion_item
    if item and item.snippet_support:
        assert accepted(client, "ru", 2, run) == "RUN ${1:command}"
        assert run.insert_text_format == types.InsertTextFormat.Snippet
    else:
        assert accepted(client, "ru", 2, run) == "RUN "
        assert run.insert_text_format == types.InsertTextFormat.PlainText
    # "ru" is the word before the cursor: a client without insertReplaceSupport gets no textEdit to misapply
    assert (run.text_edit is None) == (not (item and item.insert_replace_support))
    resolve = item.resolve_support if item else None
    if resolve is not None and "documentation" in resolve.properties:  # the list is small: documentation on resolve
        assert all(i.documentation is None for i in result.items)
        run = await client.completion_item_resolve_async(run)
    shown = run.documentation
    if item and item.documentation_format:  # MarkupContent of the kind the client prefers
        assert shown.kind == item.documentation_format[0] and "build VM" in shown.value
    else:  # a client that names no kind (eglot 1.9) gets a string, written for reading
        assert isinstance(shown, str) and "build VM" in shown and "**" not in shown


async def test_variable_completion_after_dollar(client: LanguageClient):
    open_doc(client, 'ENV JAVA_HOME="/opt/jdk" 名="x"\nRUN echo 😀 ${J\n')
    result = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(URI), types.Position(1, col(client, "RUN echo 😀 ${J")))
    )
    assert [item.label for item in result.items] == ["JAVA_HOME"]
    assert accepted(client, "RUN echo 😀 ${J", len("RUN echo 😀 ${J"), result.items[0]) == "RUN echo 😀 ${JAVA_HOME}"


async def test_hover_on_keyword_and_variable(client: LanguageClient):
    open_doc(client, 'ENV GREETING="hello"\nRUN echo 😀 $GREETING\nADD a b\n')
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(URI), types.Position(1, 1))
    )
    assert "runs a shell command on the build VM" in hover.contents.value
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(URI), types.Position(1, col(client, "RUN echo 😀 $GR")))
    )
    # Markdown to a client that prefers it; plain text written for reading (no Markdown left) to eglot
    formats = client.capabilities.text_document.hover.content_format
    plain = formats[0] == types.MarkupKind.PlainText
    assert hover.contents.kind == (types.MarkupKind.PlainText if plain else types.MarkupKind.Markdown)
    assert ("= hello" if plain else "`hello`") in hover.contents.value and "line 1" in hover.contents.value
    assert hover.range.start.character == col(client, "RUN echo 😀 ")
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(URI), types.Position(2, 0))
    )
    assert ("Use COPY instead" if plain else "Use **COPY** instead") in hover.contents.value
    assert not plain or not any(mark in hover.contents.value for mark in ("**", "`", "|"))


async def test_quick_fix_upper_cases_a_keyword(client: LanguageClient):
    open_doc(client, "run echo hi\n")
    got = await diagnostics(client)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(URI), got[0].range, types.CodeActionContext(diagnostics=got)
        )
    )
    fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix)
    assert fix.title == "Change to RUN"
    (edit,) = fix.edit.changes[URI]
    assert (edit.new_text, edit.range) == ("RUN", types.Range(types.Position(0, 0), types.Position(0, 3)))
    assert [d.code for d in fix.diagnostics] == ["Lint.KeywordCase"]
    only_fix_all = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(URI),
            got[0].range,
            types.CodeActionContext(diagnostics=got, only=[types.CodeActionKind.SourceFixAll]),
        )
    )
    assert [a.kind for a in only_fix_all] == [types.CodeActionKind.SourceFixAll]


async def test_comments_ignore_codes_and_quick_fixes_write_them(client: LanguageClient):
    open_doc(client, "# component-lsp: ignore=Lint.KeywordCase,Lint.LabelSyntax\nrun a\nrun b\n")
    got = await diagnostics(client)
    assert summary(got) == [("Lint.KeywordCase", 2, 0, 3), ("Lint.UnusedIgnore", 0, 24, 57)]
    keyword = next(d for d in got if d.code == "Lint.KeywordCase")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(URI), keyword.range, types.CodeActionContext(diagnostics=got)
        )
    )
    titles = [a.title for a in actions]
    assert titles[:3] == [
        "Change to RUN",
        "Ignore Lint.KeywordCase for this instruction",
        "Ignore Lint.KeywordCase in this file",
    ]
    (edit,) = actions[1].edit.changes[URI]
    assert (edit.new_text, edit.range.start) == ("# component-lsp: ignore=Lint.KeywordCase\n", types.Position(2, 0))


async def test_requests_anywhere_get_answers(client: LanguageClient):
    open_doc(client, "RUN a \\\n\n# c\n  b\n")
    for line, character in [(0, 0), (1, 0), (2, 1), (3, 9), (99, 0), (0, 999)]:
        position = types.Position(line, character)
        ident = types.TextDocumentIdentifier(URI)
        await client.text_document_hover_async(types.HoverParams(ident, position))
        completion = await client.text_document_completion_async(types.CompletionParams(ident, position))
        assert completion is not None
    unknown = types.TextDocumentIdentifier("file:///not/open.component")
    assert await client.text_document_hover_async(types.HoverParams(unknown, types.Position(0, 0))) is None


async def test_templates_may_pull_in_components(client: LanguageClient):
    uri = "file:///work/build.imagetemplate"
    open_doc(client, "FROM IMAGE:m-123\nCOMPONENT ic-bp18hy47cqavewsb\n", uri=uri, language="ecs-template")
    got = await diagnostics(client, uri)
    assert [d.code for d in got] == ["Lint.FromIgnored"]
    # SPEC section 8: a hint, struck through (every profile here shows the Deprecated tag).
    assert got[0].severity == types.DiagnosticSeverity.Hint
    assert list(got[0].tags or []) == [types.DiagnosticTag.Deprecated]


async def test_a_templates_file_name_wins_over_a_language_id_sent_for_every_file(client: LanguageClient):
    """SPEC section 2: a client with one server entry (eglot) sends `ecs-component` for a template too."""
    uri = "file:///work/site.imagetemplate"
    open_doc(client, "FROM IMAGE:m-123\nCOMPONENT ic-bp18hy47cqavewsb\n", uri=uri, language="ecs-component")
    got = await diagnostics(client, uri)
    assert [d.code for d in got] == ["Lint.FromIgnored"]  # not NotSupportedCommand.FROM, nor COMPONENT refused


DUPLICATES = [
    ("t.imagetemplate", "ecs-template", "FROM IMAGE:m-1\nRUN a\nFROM IMAGE:m-2\n", "DuplicatedCommand.FROM", (0, 0, 4)),
    ("a.component", "ecs-component", "CMD a\nCMD b\n", "Lint.DuplicateInstruction", (1, 0, 3)),
    (
        "a.component.yaml",
        "ecs-component-yaml",
        "Tasks:\n  - Name: a\n    Action: Reboot\n  - Name: a\n    Action: Reboot\n",
        "Lint.DuplicateTaskName",
        (1, 10, 11),
    ),
    (
        "b.component.yaml",
        "ecs-component-yaml",
        "Parameters:\n  p:\n    Type: String\n  p:\n    Type: String\nTasks:\n  - Name: t\n    Action: Reboot\n",
        "Lint.DuplicateParameter",
        (1, 2, 3),
    ),
]


@pytest.mark.parametrize("name,language,text,code,first", DUPLICATES, ids=[row[3] for row in DUPLICATES])
async def test_a_duplicate_points_to_the_other(client: LanguageClient, name, language, text, code, first):
    """relatedInformation, to a client that shows it: the first FROM, task or parameter; the CMD that counts."""
    uri = "file:///work/" + name
    open_doc(client, text, uri=uri, language=language)
    (found,) = [d for d in await diagnostics(client, uri) if d.code == code]
    if not client.capabilities.text_document.publish_diagnostics.related_information:
        assert found.related_information is None
        return
    (related,) = found.related_information
    line, start, end = first
    assert related.location == types.Location(uri, types.Range(types.Position(line, start), types.Position(line, end)))
    assert related.message


async def test_hostile_documents_get_answers(client: LanguageClient):
    garbage = bytes(range(256)).decode("latin-1") * 80 + "\ud800\x00😀\r"
    # (A 10 MB document, every request on it, is test_hostile_text.py's, once: here it cost 15 s a profile.)
    documents = {
        "file:///work/garbage.component": garbage,
        "file:///work/long.component": "RUN " + "x" * 1_000_000,
    }
    for uri, text in documents.items():
        open_doc(client, text, uri=uri)
        got = await diagnostics(client, uri)
        assert any(d.code == "InvalidContent.LengthExceeded" for d in got)
        ident = types.TextDocumentIdentifier(uri)
        for position in (types.Position(0, 0), types.Position(0, 500_000), types.Position(5, 3)):
            await client.text_document_hover_async(types.HoverParams(ident, position))
            await client.text_document_completion_async(types.CompletionParams(ident, position))
    assert not [m for m in client.log_messages if m.type == types.MessageType.Error]


IGNORE_LINT = {"componentLsp": {"diagnostics": {"ignore": ["Lint.*", "EmptyCommandContent.RUN"]}}}
LINTED = "run echo hi\nRUN\nFROM x\n"  # Lint.KeywordCase, EmptyCommandContent.RUN, NotSupportedCommand.FROM


async def test_settings_from_the_editor_hide_ignored_codes(client: LanguageClient):
    open_doc(client, LINTED)
    first = await diagnostics(client)
    assert sorted(d.code for d in first) == ["EmptyCommandContent.RUN", "Lint.KeywordCase", "NotSupportedCommand.FROM"]
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=IGNORE_LINT))
    if is_pull(client):
        # Same document version, new settings: the earlier result must not be reported unchanged.
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(types.TextDocumentIdentifier(URI), previous_result_id=None)
        )
        again = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(types.TextDocumentIdentifier(URI), previous_result_id="stale")
        )
        assert [d.code for d in report.items] == [d.code for d in again.items] == ["NotSupportedCommand.FROM"]
    else:
        assert [d.code for d in await diagnostics(client)] == ["NotSupportedCommand.FROM"]
    # Quick fixes follow the settings too: the ignored keyword case offers none.
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(URI),
            types.Range(types.Position(0, 0), types.Position(0, 3)),
            types.CodeActionContext(diagnostics=[]),
        )
    )
    assert list(actions) == []


async def test_settings_that_are_not_understood_are_logged_and_left_out(client: LanguageClient):
    open_doc(client, LINTED)
    await diagnostics(client)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"componentLsp": {"diagnostics": {"ignore": 3}}})
    )
    message = await client.wait_for_notification(types.WINDOW_LOG_MESSAGE)
    assert "diagnostics.ignore" in message.message and message.type == types.MessageType.Warning
    if is_pull(client):
        assert len(await diagnostics(client)) == 3
    else:
        # The republished diagnostics follow the log message, possibly in the same read: waiting for
        # them now could miss them. A request answered after both proves they have arrived.
        await client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(URI), types.Position(0, 0))
        )
        assert len(client.diagnostics[URI]) == 3


@pytest_lsp.fixture(config=SERVER)
async def configured_client(lsp_client: LanguageClient):
    accept_registrations(lsp_client)
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), initialization_options=IGNORE_LINT
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def test_settings_in_initialization_options(configured_client: LanguageClient):
    open_doc(configured_client, LINTED)
    assert [d.code for d in await diagnostics(configured_client)] == ["NotSupportedCommand.FROM"]


@pytest_lsp.fixture(config=SERVER)
async def refreshing_client(lsp_client: LanguageClient):
    accept_registrations(lsp_client)
    capabilities = client_capabilities("neovim")
    capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    yield
    await lsp_client.shutdown_session()


async def test_new_settings_ask_a_pulling_client_to_pull_again(refreshing_client: LanguageClient):
    open_doc(refreshing_client, LINTED)
    await diagnostics(refreshing_client)
    assert refreshing_client.diagnostic_refresh_count == 0
    refreshing_client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=IGNORE_LINT))
    # A request answered after the notification proves the refresh, sent before it, has arrived.
    await refreshing_client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(URI), types.Position(0, 0))
    )
    assert refreshing_client.diagnostic_refresh_count == 1
    assert [d.code for d in await diagnostics(refreshing_client)] == ["NotSupportedCommand.FROM"]


async def test_settings_before_any_pull_ask_for_no_refresh(refreshing_client: LanguageClient):
    """VS Code sends its settings right after initialized: nothing has been pulled, so there is nothing to refresh."""
    refreshing_client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=IGNORE_LINT))
    open_doc(refreshing_client, LINTED)
    await refreshing_client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(URI), types.Position(0, 0))
    )
    assert refreshing_client.diagnostic_refresh_count == 0
    assert [d.code for d in await diagnostics(refreshing_client)] == ["NotSupportedCommand.FROM"]


async def test_outline_folding_and_links(client: LanguageClient):
    open_doc(client, "# a\n# b\nENV A=1\nRUN a \\\n  b\nCOPY https://x.example/a.tgz /opt/\n")
    doc = types.TextDocumentIdentifier(URI)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(doc))
    if isinstance(symbols[0], types.DocumentSymbol):  # the client shows a tree
        assert [(s.name, s.kind, s.range.start.line, s.range.end.line) for s in symbols] == [
            ("ENV", types.SymbolKind.Function, 2, 2),
            ("RUN", types.SymbolKind.Function, 3, 4),
            ("COPY", types.SymbolKind.Function, 5, 5),
        ]
        assert [(c.name, c.kind) for c in symbols[0].children] == [("A", types.SymbolKind.Variable)]
    else:  # a list: children name their container
        assert [(s.name, s.container_name) for s in symbols] == [
            ("ENV", None),
            ("A", "ENV"),
            ("RUN", None),
            ("COPY", None),
        ]
    folds = await client.text_document_folding_range_async(types.FoldingRangeParams(doc))
    assert [(f.start_line, f.end_line, f.kind) for f in folds] == [(0, 1, types.FoldingRangeKind.Comment), (3, 4, None)]
    links = await client.text_document_document_link_async(types.DocumentLinkParams(doc))
    assert [(link.target, link.range.start.line, link.range.start.character) for link in links] == [
        ("https://x.example/a.tgz", 5, 5)
    ]


async def test_the_budget_hint_follows_the_text(client: LanguageClient):
    open_doc(client, "RUN a\nRUN b\n")
    doc = types.TextDocumentIdentifier(URI)
    whole = types.Range(types.Position(0, 0), types.Position(2, 0))
    (hint,) = await client.text_document_inlay_hint_async(types.InlayHintParams(doc, whole))
    assert (hint.label, hint.position) == ("12 / 16,384 bytes · 2 / 127 commands", types.Position(0, 5))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=2, uri=URI),
            [
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(2, 0), types.Position(2, 0)), text="RUN é\n"
                )
            ],
        )
    )
    (hint,) = await client.text_document_inlay_hint_async(types.InlayHintParams(doc, whole))
    assert hint.label == "19 / 16,384 bytes · 3 / 127 commands"


async def test_env_variables_are_highlighted_found_and_renamed(client: LanguageClient):
    open_doc(client, 'ENV APP=/opt\nRUN cd $APP && echo $HOME\nENV APP="$APP/x"\n')
    doc = types.TextDocumentIdentifier(URI)
    at_use = types.Position(1, 9)
    definitions = await client.text_document_definition_async(types.DefinitionParams(doc, at_use))
    assert [(r.start.line, r.start.character) for _, r in targets(client, definitions)] == [(0, 4), (2, 4)]
    # a LocationLink starts from the name under the cursor (the editor underlines it)
    if isinstance(definitions[0], types.LocationLink):
        use = types.Range(types.Position(1, 8), types.Position(1, 11))
        assert [d.origin_selection_range for d in definitions] == [use, use]
    highlights = await client.text_document_document_highlight_async(types.DocumentHighlightParams(doc, at_use))
    assert sorted((h.range.start.line, h.range.start.character) for h in highlights) == [
        (0, 4),
        (1, 8),
        (2, 4),
        (2, 10),
    ]
    edit = await client.text_document_rename_async(types.RenameParams(doc, at_use, "ROOT"))
    assert sorted((e.range.start.line, e.range.start.character, e.new_text) for e in edit.changes[URI]) == [
        (0, 4, "ROOT"),
        (1, 8, "ROOT"),
        (2, 4, "ROOT"),
        (2, 10, "ROOT"),
    ]
    with pytest.raises(Exception, match="HOME is set by no ENV in this file"):
        await client.text_document_prepare_rename_async(types.PrepareRenameParams(doc, types.Position(1, 22)))


async def test_format_document_and_a_range(client: LanguageClient):
    open_doc(client, "run a  \nRUN b \\\n      c\nrun d\n")
    doc = types.TextDocumentIdentifier(URI)
    options = types.FormattingOptions(tab_size=4, insert_spaces=True)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(doc, options))
    assert sorted((e.range.start.line, e.range.start.character, e.range.end.character, e.new_text) for e in edits) == [
        (0, 0, 3, "RUN"),
        (0, 5, 7, ""),
        (2, 0, 6, "    "),
        (3, 0, 3, "RUN"),
    ]
    edits = await client.text_document_range_formatting_async(
        types.DocumentRangeFormattingParams(doc, types.Range(types.Position(3, 0), types.Position(3, 5)), options)
    )
    assert [(e.range.start.line, e.new_text) for e in edits] == [(3, "RUN")]


async def test_enter_after_a_trailing_backslash_indents_the_new_line(client: LanguageClient):
    open_doc(client, "RUN apt-get update \\  \n\nRUN b\n")
    doc = types.TextDocumentIdentifier(URI)
    options = types.FormattingOptions(tab_size=4, insert_spaces=True)
    edits = await client.text_document_on_type_formatting_async(
        types.DocumentOnTypeFormattingParams(doc, types.Position(1, 0), "\n", options)
    )
    assert sorted((e.range.start.line, e.range.start.character, e.range.end.character, e.new_text) for e in edits) == [
        (0, 20, 22, ""),
        (1, 0, 0, "    "),
    ]
    # Enter after a line that does not continue: nothing.
    edits = await client.text_document_on_type_formatting_async(
        types.DocumentOnTypeFormattingParams(doc, types.Position(2, 0), "\n", options)
    )
    assert list(edits or []) == []


async def test_the_budget_warns_near_a_limit_and_the_setting_moves_the_threshold(client: LanguageClient):
    open_doc(client, "RUN a\n" * 115)  # 115 of 127 commands: 90.5%
    got = await diagnostics(client)
    assert [(d.code, d.severity, d.range.start.line) for d in got] == [
        ("Lint.BudgetNearlyFull", types.DiagnosticSeverity.Information, 0)
    ]
    assert got[0].message.startswith("115 of 127 commands (90%)")
    doc = types.TextDocumentIdentifier(URI)
    whole = types.Range(types.Position(0, 0), types.Position(115, 0))
    (hint,) = await client.text_document_inlay_hint_async(types.InlayHintParams(doc, whole))
    assert hint.label == "⚠ 690 / 16,384 bytes · 115 / 127 commands"
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"componentLsp": {"budget": {"warning": 95}}})
    )
    if is_pull(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(doc, previous_result_id=None)
        )
        assert list(report.items) == []
    else:
        assert await diagnostics(client) == []
    (hint,) = await client.text_document_inlay_hint_async(types.InlayHintParams(doc, whole))
    assert hint.label == "690 / 16,384 bytes · 115 / 127 commands"


async def test_past_a_limit_the_rest_moves_into_a_new_component_file(client: LanguageClient, tmp_path):
    uri = (tmp_path / "app.component").as_uri()
    (tmp_path / "app-2.component").write_text("RUN taken\n")  # a file that exists is never overwritten
    text = "".join(f"RUN step {i}\n" for i in range(130))
    open_doc(client, text, uri)
    got = await diagnostics(client, uri)
    assert [d.code for d in got] == ["InvalidImageTemplateCommandSize.ExceededMaxNumber"]
    context = types.CodeActionContext(diagnostics=got)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), types.Range(types.Position(0, 0), types.Position(0, 0)), context
        )
    )
    moves = [a for a in actions if a.title.startswith("Move")]
    if not creates_files(client):
        assert moves == []  # a client that cannot create a file (eglot 1.9) is offered no move into one
        return
    (move,) = moves
    assert move.title == "Move commands 128-130 into a new component, app-3.component"
    create, fill, cut = move.edit.document_changes
    new = (tmp_path / "app-3.component").as_uri()
    assert (create.kind, create.uri) == ("create", new)
    assert (fill.text_document.uri, [e.new_text for e in fill.edits]) == (
        new,
        ["RUN step 127\nRUN step 128\nRUN step 129\n"],
    )
    ((edit,),) = [cut.edits]
    assert (cut.text_document.uri, cut.text_document.version, edit.range.start, edit.range.end, edit.new_text) == (
        uri,
        1,
        types.Position(127, 0),
        types.Position(130, 0),
        "",
    )
    # Away from the limit's error and the first line: no such action.
    elsewhere = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            types.Range(types.Position(5, 0), types.Position(5, 0)),
            types.CodeActionContext(diagnostics=[]),
        )
    )
    assert not [a for a in elsewhere or [] if a.title.startswith("Move")]
