"""``textDocument/completion`` and ``completionItem/resolve``.

Reads from the client: ``Client.snippets`` (tab stops, else plain text) and
``Client.lazy_docs`` (each item's documentation on resolve, keeping the list
small).
"""

from __future__ import annotations

from ..formats.base import KEYWORD, PROPERTY, SNIPPET, TEMPLATE, VALUE, VARIABLE
from ..workspace import links
from . import params
from .base import Call, Feature, located
from .values import CompletionItemKind, InsertTextFormat, MarkupKind

KINDS = {
    KEYWORD: CompletionItemKind.Keyword,
    VARIABLE: CompletionItemKind.Variable,
    SNIPPET: CompletionItemKind.Snippet,
    PROPERTY: CompletionItemKind.Property,
    VALUE: CompletionItemKind.Value,
}


def completion(call: Call):
    at = params.document_position(call.params)
    found_at = located(call, at.uri, at.position)
    if found_at is None:
        return None
    (doc, (line, col)), session = found_at, call.session
    items = []
    session.completions = []
    found = doc.content.complete(line, col)
    if doc.content.kind.dialect == TEMPLATE:
        found += links.complete(session.uses(doc), session.index, doc.content.source.line_text(line), (line, col))
    for item in found:
        snippet = session.client.snippets and item.snippet != item.text
        entry = {
            "label": item.label,
            "kind": KINDS[item.kind],
            "detail": item.detail,
            "textEdit": {
                "range": session.range(doc, item.start, item.end),
                "newText": item.snippet if snippet else item.text,
            },
            "insertTextFormat": InsertTextFormat.Snippet if snippet else InsertTextFormat.PlainText,
        }
        if session.client.lazy_docs:  # the list stays small: each item's documentation comes when the editor shows it
            entry["data"] = len(session.completions)
            session.completions.append(item.documentation)
        else:
            entry["documentation"] = {"kind": MarkupKind.Markdown, "value": item.documentation}
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
        return {**item, "documentation": {"kind": MarkupKind.Markdown, "value": docs[index]}}
    return item


FEATURES = (
    Feature(
        "textDocument/completion",
        completion,
        {"completionProvider": {"triggerCharacters": ["$", "{", "-"], "resolveProvider": True}},
    ),
    Feature("completionItem/resolve", completion_resolve),
)
