"""Text synchronisation: ``didOpen``, ``didChange`` (incremental), ``didClose``.

Each publishes the document's diagnostics to a client that does not pull
(``Client.pull``), and the open templates' again when the index changed
(a component they use was opened, edited or closed).
"""

from __future__ import annotations

from . import params
from .base import Call, Feature


def did_open(call: Call) -> None:
    item = params.opened(call.params)
    before = call.session.index.generation
    doc = call.session.open(item.uri, item.language_id, item.version, item.text)
    call.publish(doc)
    call.relink(before, doc)


def did_change(call: Call) -> None:
    changed = params.changed(call.params)
    spans = [(None if c.range is None else (c.range.start, c.range.end), c.text) for c in changed.changes]
    before = call.session.index.generation
    doc = call.session.change(changed.uri, changed.version, spans)
    if doc is not None:
        call.publish(doc)
        call.relink(before, doc)


def did_close(call: Call) -> None:
    before = call.session.index.generation
    doc = call.session.close(params.document_uri(call.params))
    if doc is not None:
        call.publish(doc, clear=True)
        call.relink(before)


FEATURES = (
    Feature("textDocument/didOpen", did_open),
    Feature("textDocument/didChange", did_change),
    Feature("textDocument/didClose", did_close),
)
