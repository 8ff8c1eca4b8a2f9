"""The document's shape: its outline (``documentSymbol``), folding ranges, and the budget's inlay hint.

Reads from the client: ``Client.hierarchical`` (a tree of DocumentSymbol, else
a flat list of SymbolInformation).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import is_
from typing import NamedTuple

from .. import budget
from ..formats.base import Symbol
from ..jsonrpc import Raw, array, encode
from ..session import OpenDocument
from . import params
from .base import Call, Feature, document

OUTLINE_BLOCK = 128  # symbols whose JSON texts are kept joined, as one piece of the answer


class OutlineBlock(NamedTuple):
    """Up to ``OUTLINE_BLOCK`` symbols of the outline as last sent, kept in ``OpenDocument.outline``."""

    symbols: list[Symbol]
    texts: list[bytes]  # each symbol's JSON text
    joined: bytes  # the texts joined with commas


def _outline_json(doc: OpenDocument, found: list[Symbol], text: Callable[[Symbol], bytes]) -> Raw:
    """The outline as a JSON array, from the texts kept with the symbols a format kept (Dockerfile: per
    instruction): blocks whose symbols are all the same objects as last time are sent as they were joined, so
    that an edit costs the blocks it touched, not a text per symbol. This buys the 1 MB outline (17,000 symbols)
    its figure: a keystroke and the outline took 393 ms in process without it (every symbol's ranges and JSON
    made again), 1.3 to 2.9 ms with it (2026-12-07); at 16 KB it is a fraction of a millisecond either way."""
    old: list[OutlineBlock] = doc.outline
    blocks, parts = [], [b"["]
    for k, at in enumerate(range(0, len(found), OUTLINE_BLOCK)):
        symbols = found[at : at + OUTLINE_BLOCK]
        block = old[k] if k < len(old) else None
        if block is None or len(block.symbols) != len(symbols) or not all(map(is_, symbols, block.symbols)):
            # A kept symbol may have moved by a few places (an instruction added before it): looked up by identity
            # in this block and its neighbours; what moved further is made again.
            near = {
                id(s): t for kept in old[max(0, k - 1) : k + 2] for s, t in zip(kept.symbols, kept.texts, strict=True)
            }
            texts = [near.get(id(s)) or text(s) for s in symbols]
            block = OutlineBlock(symbols, texts, b",".join(texts))
        blocks.append(block)
        parts += [block.joined, b","]
    if len(parts) > 1:
        parts.pop()
    parts.append(b"]")
    doc.outline = blocks
    return Raw(parts)


def document_symbol(call: Call):
    doc = document(call, params.document_uri(call.params))
    if doc is None:
        return None
    session = call.session
    found = doc.content.symbols() or []

    def tree(symbol: Symbol) -> dict:
        out = {
            "name": symbol.name,
            "detail": symbol.detail,
            "kind": symbol.kind,
            "range": session.range(doc, symbol.start, symbol.end),
            "selectionRange": session.range(doc, symbol.select_start, symbol.select_end),
        }
        if symbol.children:
            out["children"] = [tree(child) for child in symbol.children]
        return out

    if session.client.hierarchical:
        if doc.content.source.has_lone_cr:  # an edit may move LSP lines without moving the symbol
            return [tree(symbol) for symbol in found]
        return _outline_json(doc, found, lambda symbol: encode(tree(symbol)))
    flat = []
    for symbol in found:  # a list, each child naming its container
        for item, container in [(symbol, None), *((child, symbol.name) for child in symbol.children)]:
            where = {"uri": doc.uri, "range": session.range(doc, item.start, item.end)}
            entry = {"name": item.name, "kind": item.kind, "location": where}
            if container:
                entry["containerName"] = container
            flat.append(entry)
    return flat


def folding_range(call: Call):
    doc = document(call, params.document_uri(call.params))
    if doc is None:
        return None
    model, encoding = doc.content.source, call.session.encoding
    moved = model.has_lone_cr  # only there are LSP lines not model lines
    texts = []
    for fold in doc.content.folding() or []:
        first, last = fold.first, fold.last
        if moved:
            first, last = model.to_lsp(first, 0, encoding)[0], model.to_lsp(last, 0, encoding)[0]
        if last > first:
            kind = b',"kind":"%s"' % fold.kind.encode() if fold.kind else b""
            texts.append(b'{"startLine":%d,"endLine":%d%s}' % (first, last, kind))
    return array(texts)


def inlay_hint(call: Call):
    """The API budget at the end of the first line (of a region's first line, in a host file): `12,410 / 16,384
    bytes · 96 / 127 commands`."""
    doc = document(call, params.document_uri(call.params))
    if doc is None:
        return None
    params.inlay_hint(call.params)
    model, encoding = doc.content.source, call.session.encoding
    percent = call.session.budget_percent(doc)
    tooltip = (
        "How much of Image Builder's limits this uses: 16 KB of content, and 127 commands (for YAML, tasks: advice)."
    )
    out = []
    for measured in doc.content.budgets():
        line, character = model.to_lsp(*measured.hint, encoding)
        label = budget.label(measured.budget, percent)
        position = {"line": line, "character": character}
        out.append({"position": position, "label": label, "paddingLeft": True, "tooltip": tooltip})
    return out


FEATURES = (
    Feature("textDocument/documentSymbol", document_symbol, {"documentSymbolProvider": True}),
    Feature("textDocument/foldingRange", folding_range, {"foldingRangeProvider": True}),
    Feature("textDocument/inlayHint", inlay_hint, {"inlayHintProvider": True}),
)
