"""Going from a name to where it is: definition, references, highlight, rename, and document links.

In a template, a COMPONENT line also leads to the workspace's component
(``workspace.links``). Reads from the client: ``Client.tooltips`` (a link
says where it goes) and ``Client.location_links`` (a definition as a
LocationLink, with the name it starts from).
"""

from __future__ import annotations

from typing import Any

from ..formats import URI_SCHEME
from ..session import OpenDocument, Session
from ..session.publishing import lsp_range
from ..workspace import links
from ..workspace.scan import beside, path_of, uri_of
from . import params
from .base import Call, Feature, Refused, document, located, workspace_edit


def _locations(session: Session, doc: OpenDocument, ranges) -> list[dict]:
    return [{"uri": doc.uri, "range": session.range(doc, start, end)} for start, end in ranges]


def _elsewhere(session: Session, found: list[links.Location]) -> list[dict]:
    return [{"uri": loc.uri, "range": lsp_range(loc.source, loc.start, loc.end, session.encoding)} for loc in found]


def _origin(session: Session, doc: OpenDocument, where: tuple[int, int], linked: bool) -> dict | None:
    """The range of the name a definition is asked for (the editor underlines it), or None if it has none."""
    for start, end in doc.content.references(*where, True) or []:
        if start <= where <= end:
            return session.range(doc, start, end)
    found = links.hover(session.uses(doc), session.index, where) if linked else None
    return session.range(doc, found.start, found.end) if found is not None else None


def _target(doc: OpenDocument, target: str) -> str | None:
    """A link's target as a URI: a path (a file the document names, beside it) from the document's folder."""
    if URI_SCHEME.match(target):
        return target
    path = path_of(doc.uri)
    return uri_of(beside(path, target)) if path is not None else None


def _named_file(session: Session, doc: OpenDocument, where: tuple[int, int]) -> tuple[str, dict] | None:
    """The file a path under the cursor names (``file("app.component")``), and the path's range."""
    for link in doc.content.links() or []:
        if link.start <= where <= link.end and not URI_SCHEME.match(link.target):
            target = _target(doc, link.target)
            if target is not None:
                return target, session.range(doc, link.start, link.end)
    return None


def definition(call: Call):
    """Locations; to a client with ``linkSupport``, LocationLinks from the name under the cursor."""
    at = located(call, *params.document_position(call.params))
    if at is None:
        return None
    (doc, where), session = at, call.session
    elsewhere = links.definition(session.uses(doc), session.index, where)
    out = _locations(session, doc, doc.content.definition(*where) or []) + _elsewhere(session, elsewhere)
    named = _named_file(session, doc, where) if not out else None
    if named is not None:  # a file the document reads its content from: its start
        top = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
        out = [{"uri": named[0], "range": top}]
    if not out or not session.client.location_links:
        return out or None
    origin = named[1] if named is not None else _origin(session, doc, where, bool(elsewhere))
    shown = {"originSelectionRange": origin} if origin is not None else {}
    return [
        {**shown, "targetUri": o["uri"], "targetRange": o["range"], "targetSelectionRange": o["range"]} for o in out
    ]


def references(call: Call):
    request = params.references(call.params)
    at = located(call, request.uri, request.position)
    if at is None:
        return None
    (doc, where), session = at, call.session
    out = _locations(session, doc, doc.content.references(*where, request.include_declaration) or [])
    found = links.references(doc.uri, session.uses(doc), session.index, where, request.include_declaration)
    return out + _elsewhere(session, found)


def document_highlight(call: Call):
    """Every place in the document that names what is under the cursor (a variable, a parameter)."""
    at = located(call, *params.document_position(call.params))
    if at is None:
        return None
    doc, where = at
    return [{"range": call.session.range(doc, start, end)} for start, end in doc.content.references(*where, True) or []]


def prepare_rename(call: Call):
    at = located(call, *params.document_position(call.params))
    if at is None:
        return None
    doc, where = at
    try:
        found = doc.content.prepare_rename(*where)
    except ValueError as exc:  # understood, and cannot be done: the answer says why
        raise Refused(f"cannot rename: {exc}") from None
    if found is None:
        return None
    (start, end), name = found
    return {"range": call.session.range(doc, start, end), "placeholder": name}


def rename(call: Call):
    request = params.rename(call.params)
    at = located(call, request.uri, request.position)
    if at is None:
        return None
    doc, where = at
    try:
        found = doc.content.rename(*where, request.new_name)
    except ValueError as exc:
        raise Refused(f"cannot rename: {exc}") from None
    if found is None:
        raise Refused("cannot rename: there is nothing to rename here")
    return workspace_edit(call.session, doc, found)


def document_link(call: Call):
    doc = document(call, params.document_uri(call.params))
    if doc is None:
        return None
    session = call.session
    out: list[dict[str, Any]] = []
    for link in doc.content.links() or []:
        target = _target(doc, link.target)
        if target is not None:
            out.append({"range": session.range(doc, link.start, link.end), "target": target})
    for use in session.uses(doc):  # COMPONENT lines that name a workspace component: to its file
        entry = session.index.component(use.name) if use.name else None
        if entry is not None:
            named: dict[str, Any] = {"range": session.range(doc, use.name_start, use.name_end), "target": entry.uri}
            if session.client.tooltips:
                named["tooltip"] = f"{entry.path.rsplit('/', 1)[-1]} in this workspace"
            out.append(named)
    return out


FEATURES = (
    Feature("textDocument/definition", definition, {"definitionProvider": True}),
    Feature("textDocument/references", references, {"referencesProvider": True}),
    Feature("textDocument/prepareRename", prepare_rename),
    Feature("textDocument/rename", rename, {"renameProvider": {"prepareProvider": True}}),
    Feature("textDocument/documentHighlight", document_highlight, {"documentHighlightProvider": True}),
    Feature("textDocument/documentLink", document_link, {"documentLinkProvider": {"resolveProvider": False}}),
)
