"""``textDocument/hover``: what the format says at the position, and in a template what a COMPONENT line links to.

Reads from the client: ``Client.hover_markup`` (Markdown, else plain text).
"""

from __future__ import annotations

from ..formats.base import Hover
from ..workspace import links
from . import params
from .base import Call, Feature, located, markup


def hover(call: Call):
    at = params.document_position(call.params)
    found_at = located(call, at.uri, at.position)
    if found_at is None:
        return None
    (doc, (line, col)), session = found_at, call.session
    found = doc.content.hover(line, col)
    linked = links.hover(session.uses(doc), session.index, (line, col)) if session.linked(doc) else None
    if linked is not None:
        both = Hover(found.markdown + "\n\n---\n\n" + linked.markdown, linked.start, linked.end) if found else None
        found = both or linked
    if found is None:
        return None
    return {
        "contents": markup(session.client.hover_markup, found.markdown),
        "range": session.range(doc, found.start, found.end),
    }


FEATURES = (Feature("textDocument/hover", hover, {"hoverProvider": True}),)
