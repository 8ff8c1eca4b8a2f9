"""Documentation as plain text, for a client that shows no Markdown: every word kept, no Markdown left."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_yaml import EXAMPLES as YAML_EXAMPLES

from component_lsp.plaintext import plain
from helpers import EXAMPLES, content

WORD = re.compile(r"[A-Za-z0-9]+")
MARKDOWN = ("**", "`", "|---", "| ")


def shown(text: str, name: str) -> list[str]:
    """Every documentation the server would show in a document: hover and completion at every word."""
    doc = content(text, name)
    found = []
    for line, line_text in enumerate(text.split("\n")):
        for match in re.finditer(r"\S+", line_text):
            for col in (match.start(), match.end()):
                hover = doc.hover(line, col)
                found += [hover.markdown] if hover else []
                found += [item.documentation for item in doc.complete(line, col)]
    return found


DOCUMENTS = [(p.read_text(encoding="utf-8"), p.as_uri()) for p in sorted(EXAMPLES.iterdir())] + [
    (text, "file:///w/app.component.yaml") for text in YAML_EXAMPLES
]


@pytest.mark.parametrize("text,name", DOCUMENTS)
def test_the_documentation_users_see_reads_as_plain_text(text, name):
    docs = set(shown(text, name))
    assert docs, "the example shows no documentation"
    for markdown in docs:
        written = plain(markdown)
        assert not any(mark in written for mark in MARKDOWN), written
        # every word stays, in its order (a link's address comes after its text)
        assert WORD.findall(written) == WORD.findall(markdown), markdown


def test_the_documentation_has_what_plain_text_must_rewrite():
    """The documents above show bold, code, fences and tables: the test above sees each of them."""
    docs = {markdown for text, name in DOCUMENTS for markdown in shown(text, name)}
    assert all(any(mark in markdown for markdown in docs) for mark in ("**", "`", "```", "|---"))


def test_a_table_becomes_aligned_columns_under_a_ruled_header():
    written = plain(
        "**RunShellCommand**\n\n| property | type | |\n|---|---|---|\n| `commandContent` | String | required |\n"
    )
    assert written.split("\n") == [
        "RunShellCommand",
        "",
        "property        type",
        "--------------  ------  --------",
        "commandContent  String  required",
    ]


def test_code_is_indented_and_links_keep_their_address():
    written = plain("Example:\n\n```\nRUN a && \\\n    b\n```\n\nSee [the API](https://example.com/api).")
    assert written == "Example:\n\n    RUN a && \\\n        b\n\nSee the API (https://example.com/api)."


@given(st.text())
def test_any_text_gives_text(markdown):
    assert isinstance(plain(markdown), str)


@pytest.mark.parametrize(
    "formats,kind",
    [
        (["markdown", "plaintext"], "markdown"),
        (["plaintext"], "plaintext"),
        (["plaintext", "markdown"], "plaintext"),
        (["html", "markdown"], "markdown"),
        (None, ""),
    ],
)
def test_the_client_gets_the_markup_it_prefers(formats, kind):
    from component_lsp.client import negotiate
    from component_lsp.lsp.base import markup

    caps = {"textDocument": {"hover": {"contentFormat": formats}}} if formats else {}
    if formats:
        caps["textDocument"]["completion"] = {"completionItem": {"documentationFormat": formats}}
    client = negotiate(caps)
    assert (client.hover_markup, client.completion_markup) == (kind, kind)
    shown = markup(client.hover_markup, "**RUN**: `x`")
    # MarkupContent of the kind the client named; a plain string (no Markdown) to one that named none
    assert shown == ({"kind": kind, "value": "**RUN**: `x`" if kind == "markdown" else "RUN: x"} if kind else "RUN: x")
