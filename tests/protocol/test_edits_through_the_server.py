"""Incremental equals full, through the real server: after every edit, the diagnostics the editor gets
are those of a server that was only ever given the text as it now stands.

Two server processes per client kind: the *editor* one gets a document
opened and then edited change by change, as VS Code (UTF-16 positions,
pushed diagnostics) or Neovim (UTF-8, pulled) sends them; the *reference*
one never sees an edit, only a fresh didOpen of each text the edits produce.
The edits are drawn by hypothesis: insertions, deletions and replacements,
across lines, of CRLF, continuation backslashes, comment markers, heredoc
markers and non-ASCII text, one to three of them in one didChange, now and
then the whole text at once.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import WIRE_CLIENTS
from helpers.generators import PIECES, YAML_PIECES, dockerfile_text, yaml_text
from helpers.wire import Server, notification, opened

pytestmark = pytest.mark.slow  # the quick loop (-m 'not slow') leaves this module out

SEQUENCES = 400  # per client kind
BREAK = re.compile(r"\r\n|\r|\n")  # LSP's line breaks
INSERTS = st.one_of(
    st.sampled_from(
        PIECES
        + [
            "",
            "",
            "\n",
            "\r\n",
            "\\\n",
            "\\\r\n",
            "\n\n",
            "RUN x\n",
            "# c\n",
            "#",
            "<<EOF\n",
            "EOF\n",
            "ENV A=1\n",
            "\udbff",
        ]
    ),
    st.text(max_size=6),
)
counts: dict[str, int] = {}


def units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def position(text: str, offset: int, encoding: str) -> dict:
    """The LSP position of a code-point offset, as the editor computes it."""
    line, start = 0, 0
    for found in BREAK.finditer(text, 0, offset):
        line, start = line + 1, found.end()
    return {"line": line, "character": units(text[start:offset], encoding)}


def offset_in(draw, text: str) -> int:
    """A place in ``text`` that is not inside a CRLF (no editor puts its cursor there)."""
    offset = draw(st.integers(0, len(text)))
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        offset -= 1
    return offset


class Pair:
    """The editor's server and the reference server, for one client kind."""

    def __init__(self, client: str) -> None:
        self.editor, self.reference = Server(client), Server(client)
        self.encoding = (
            "utf-8" if self.editor.initialized["result"]["capabilities"]["positionEncoding"] == "utf-8" else "utf-16"
        )
        self.serial = 0

    def diagnostics(self, server: Server, uri: str, version: int) -> list[dict]:
        """The document's diagnostics; the places they relate to (in the same document) without its URI, which the
        fresh server's copy does not share."""
        if server.pull:
            found = server.diagnostics(uri)[1]
        else:
            found = server.diagnostics_for(uri, version, timeout=60)["params"]["diagnostics"]
        for related in (r for d in found for r in d.get("relatedInformation", ())):
            assert related["location"].pop("uri") == uri
        return found

    def fresh(self, text: str, suffix: str = ".component") -> list[dict]:
        self.serial += 1
        uri = f"file:///work/reference-{self.serial}{suffix}"
        self.reference.write(opened(text, uri))
        got = self.diagnostics(self.reference, uri, 1)
        self.reference.write(notification("textDocument/didClose", {"textDocument": {"uri": uri}}))
        return got


@pytest.fixture(scope="module", params=WIRE_CLIENTS)
def pair(request):
    servers = Pair(request.param)
    yield servers
    for server in (servers.editor, servers.reference):
        assert server.proc.poll() is None, "a server died"
        assert server.finish() == 0
        server.close()
        assert "failed" not in server.stderr()


@pytest.mark.parametrize("fmt", ["dockerfile", "yaml"])
def test_after_every_edit_the_diagnostics_are_those_of_a_fresh_server(pair: Pair, fmt: str):
    name = ("visual-studio-code" if pair.encoding == "utf-16" else "neovim") + f" ({fmt})"
    counts[name + " sequences"] = counts[name + " edits"] = 0
    texts = dockerfile_text() if fmt == "dockerfile" else yaml_text()
    inserts = (
        INSERTS
        if fmt == "dockerfile"
        else st.one_of(INSERTS, st.sampled_from(YAML_PIECES + ["\n  - Name: b\n", "\n    "]))
    )
    suffix = ".component" if fmt == "dockerfile" else ".component.yaml"

    @settings(
        max_examples=SEQUENCES if fmt == "dockerfile" else SEQUENCES // 2,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(texts, st.data())
    def sequence(text, data):
        pair.serial += 1
        uri = f"file:///work/edited-{pair.serial}{suffix}"
        editor = pair.editor
        editor.write(opened(text, uri))
        assert pair.diagnostics(editor, uri, 1) == pair.fresh(text, suffix)
        for version in range(2, 2 + data.draw(st.integers(1, 10), label="edits")):
            changes = []
            if data.draw(st.integers(0, 19), label="whole text?") == 0:
                text = data.draw(texts, label="whole text")
                changes.append({"text": text})
            for _ in range(data.draw(st.integers(1, 3), label="changes") if not changes else 0):
                start, end = sorted((offset_in(data.draw, text), offset_in(data.draw, text)))
                new = data.draw(inserts, label="new text")
                span = {"start": position(text, start, pair.encoding), "end": position(text, end, pair.encoding)}
                changes.append({"range": span, "text": new})
                text = text[:start] + new + text[end:]
            editor.write(
                notification(
                    "textDocument/didChange",
                    {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
                )
            )
            assert pair.diagnostics(editor, uri, version) == pair.fresh(text, suffix), (changes, text)
            counts[name + " edits"] += 1
        editor.write(notification("textDocument/didClose", {"textDocument": {"uri": uri}}))
        for server in (editor, pair.reference):  # nothing to complain about in an editor's ordinary messages
            assert not [m for m in server.notifications if m.get("method") == "window/logMessage"]
            server.notifications.clear()
        counts[name + " sequences"] += 1

    sequence()
    assert (
        counts[name + " sequences"] >= (SEQUENCES if fmt == "dockerfile" else SEQUENCES // 2) * 0.9
    )  # hypothesis ran what it was asked to, not a handful
    print(
        f"\n{name}: {counts[name + ' sequences']} edit sequences, {counts[name + ' edits']} didChange messages, no disagreement"
    )
