"""Formatting: the document, a range of lines, and the new line after a trailing escape (on type)."""

from __future__ import annotations

from ..session import OpenDocument
from . import params
from .base import Call, Feature, document, text_edits


def _format(call: Call, doc: OpenDocument, first: int, last: int | None) -> list[dict]:
    indent = call.session.settings.indent_continuations
    return text_edits(call.session, doc, doc.content.formatting(first, last, indent) or [])


def formatting(call: Call):
    doc = document(call, params.formatting(call.params))
    return None if doc is None else _format(call, doc, 0, None)


def range_formatting(call: Call):
    request = params.range_formatting(call.params)
    doc = document(call, request.uri)
    if doc is None:
        return None
    model, encoding = doc.content.source, call.session.encoding
    first = model.to_model(*request.range.start, encoding)[0]
    last = model.to_model(*request.range.end, encoding)[0]
    return _format(call, doc, first, last)


def on_type_formatting(call: Call):
    """Enter after a trailing escape character: the new line indented as Format Document would."""
    request = params.on_type(call.params)
    doc = document(call, request.uri)
    if doc is None:
        return None
    line, col = doc.content.source.to_model(*request.position, call.session.encoding)
    edits = doc.content.on_type(line, col, request.ch, call.session.settings.indent_continuations)
    return text_edits(call.session, doc, edits or [])


FEATURES = (
    Feature("textDocument/formatting", formatting, {"documentFormattingProvider": True}),
    Feature("textDocument/rangeFormatting", range_formatting, {"documentRangeFormattingProvider": True}),
    Feature(
        "textDocument/onTypeFormatting",
        on_type_formatting,
        {"documentOnTypeFormattingProvider": {"firstTriggerCharacter": "\n"}},
    ),
)
