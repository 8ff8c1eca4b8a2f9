"""``textDocument/completion`` and ``completionItem/resolve``.

Reads from the client: ``Client.snippets`` (tab stops, else plain text) and
``Client.lazy_docs`` (each item's documentation on resolve, keeping the list
small), ``Client.completion_markup`` (Markdown documentation, else plain text),
``Client.insert_replace`` (without it, an item that replaces the word before the
cursor is sent as ``insertText``, with no ``textEdit``) and
``Client.label_details`` (the detail beside the label too).
"""

from __future__ import annotations

import re

from ..formats.base import KEYWORD, PROPERTY, SNIPPET, VALUE, VARIABLE, Item, Position
from ..workspace import links
from . import params
from .base import Call, Feature, located, markup
from .values import CompletionItemKind, InsertTextFormat

KINDS = {
    KEYWORD: CompletionItemKind.Keyword,
    VARIABLE: CompletionItemKind.Variable,
    SNIPPET: CompletionItemKind.Snippet,
    PROPERTY: CompletionItemKind.Property,
    VALUE: CompletionItemKind.Value,
}


WORD = re.compile(r"\w*")
WORD_CHARACTER = re.compile(r"\w")


def replaces_word_before(line_text: str, item: Item, cursor: Position) -> bool:
    """Whether ``item`` replaces exactly the word the cursor ends (letters, digits, ``_``; perhaps none).

    Such an item needs no ``textEdit``: its ``insertText`` replaces the word as the client sees it. Clients apply
    a ``textEdit`` in ways of their own (eglot 1.9 garbles the line when its flex matching matches other items
    too), so an item that can do without one goes without.
    """
    (line, start), end = item.start, item.end
    if line != cursor[0] or end != cursor or not WORD.fullmatch(line_text, start, end[1]):
        return False
    # a word character just outside the range: the client's word would be longer than the range
    return not any(
        WORD_CHARACTER.fullmatch(line_text, i, i + 1) for i in (start - 1, end[1]) if 0 <= i < len(line_text)
    )


def completion(call: Call):
    at = params.document_position(call.params)
    found_at = located(call, at.uri, at.position)
    if found_at is None:
        return None
    (doc, (line, col)), session = found_at, call.session
    items = []
    session.completions = []
    found = doc.content.complete(line, col)
    line_text = doc.content.source.line_text(line)
    if session.linked(doc):  # a template's COMPONENT lines, also a host file's (a pipeline's in a .tf file)
        found += links.complete(session.uses(doc), session.index, line_text, (line, col))
    client = session.client
    for item in found:
        snippet = client.snippets and item.snippet != item.text
        new_text = item.snippet if snippet else item.text
        entry = {"label": item.label, "kind": KINDS[item.kind], "detail": item.detail}
        if client.label_details and item.detail:
            entry["labelDetails"] = {"description": item.detail}
        if not client.insert_replace and replaces_word_before(line_text, item, (line, col)):
            entry["insertText"] = new_text  # the client replaces the word itself, as every client can
        else:
            entry["textEdit"] = {"range": session.range(doc, item.start, item.end), "newText": new_text}
        entry["insertTextFormat"] = InsertTextFormat.Snippet if snippet else InsertTextFormat.PlainText
        if client.lazy_docs:  # the list stays small: each item's documentation comes when the editor shows it
            entry["data"] = len(session.completions)
            session.completions.append(item.documentation)
        else:
            entry["documentation"] = markup(client.completion_markup, item.documentation)
        if item.sort:
            entry["sortText"] = item.sort
        items.append(entry)
    return {"isIncomplete": False, "items": items}


def completion_resolve(call: Call):
    """A completion item of the last list, with its documentation."""
    item = params.mapping(call.params)
    index = item.get("data")
    docs = call.session.completions
    if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(docs):
        return {**item, "documentation": markup(call.session.client.completion_markup, docs[index])}
    return item


FEATURES = (
    Feature(
        "textDocument/completion",
        completion,
        {"completionProvider": {"triggerCharacters": ["$", "{", "-"], "resolveProvider": True}},
    ),
    Feature("completionItem/resolve", completion_resolve),
)
