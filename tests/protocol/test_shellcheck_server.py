"""ShellCheck through the real server, in every client profile: its findings follow a pause; typing never waits."""

import asyncio
import sys
import time
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from helpers.lsp import URI, diagnostics, is_pull, open_doc

pytestmark = pytest.mark.slow

BINARY = str(Path(sys.executable).parent / "shellcheck")
ON = {"componentLsp": {"shellcheck": {"enable": "on", "path": BINARY}}}


def _shellcheck(items) -> list[tuple[str, int, int, int]]:
    return sorted(
        (d.code, d.range.start.line, d.range.start.character, d.range.end.character)
        for d in items
        if d.code.startswith("ShellCheck.")
    )


async def _until_shellcheck(client: LanguageClient, count: int, timeout: float = 30.0):
    """The document's diagnostics once ShellCheck's ``count`` findings are in them (pulled again, or pushed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if is_pull(client):
            items = await diagnostics(client)
            await asyncio.sleep(0.1)
        else:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            items = list(client.diagnostics[URI])
        if len(_shellcheck(items)) == count:
            return items
    raise AssertionError("ShellCheck's findings never arrived")


async def test_shellcheck_findings_follow_a_pause_and_a_keystroke_does_not_wait_for_them(client: LanguageClient):
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=ON))
    open_doc(client, "ENV A=1\nRUN echo $A \\\n  é $1\n")
    first = await diagnostics(client)
    assert _shellcheck(first) == []  # the keystroke's own answer: ShellCheck has not run yet
    items = await _until_shellcheck(client, 2)
    utf8 = (
        client.capabilities.general
        and client.capabilities.general.position_encodings
        and client.capabilities.general.position_encodings[0] == "utf-8"
    )
    after_e = len("  é ".encode()) if utf8 else len("  é ")
    assert _shellcheck(items) == [("ShellCheck.SC2086", 1, 9, 11), ("ShellCheck.SC2086", 2, after_e, after_e + 2)]
    found = next(d for d in items if d.code.startswith("ShellCheck."))
    assert found.source == "component-lsp"
    if client.capabilities.text_document.publish_diagnostics.code_description_support:
        assert found.code_description.href == "https://www.shellcheck.net/wiki/SC2086"
    else:
        assert found.code_description is None
    # A keystroke in the RUN: its diagnostics come at once, without findings for text ShellCheck has not seen.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=URI, version=2),
            [
                types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(2, after_e + 2), types.Position(2, after_e + 2)), text=" $2"
                )
            ],
        )
    )
    now = await diagnostics(client)
    assert _shellcheck(now) == []
    later = await _until_shellcheck(client, 3)
    assert [code for code, *_ in _shellcheck(later)] == ["ShellCheck.SC2086"] * 3


async def test_shellcheck_off_or_missing_changes_nothing_else(client: LanguageClient, tmp_path):
    missing = {"componentLsp": {"shellcheck": {"enable": "on", "path": str(tmp_path / "none")}}}
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=missing))
    open_doc(client, "RUN echo $1 && yum install x\n")
    items = await diagnostics(client)
    assert [d.code for d in items] == ["Lint.InstallPrompts"]
    await asyncio.sleep(1.0)  # past the pause: nothing more comes
    await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(URI), types.Position(0, 0)))
    said = [m.message for m in client.log_messages if "ShellCheck" in m.message]
    assert len(said) == 1 and "is not at" in said[0]
