"""``textDocument/codeAction``: quick fixes, comments that ignore a code, moving what is past a limit, fix all.

Reads from the client: ``Client.create_files`` (the move creates a file, in
``documentChanges``).
"""

from __future__ import annotations

import os
from typing import Any

from .. import ignores, limits, moving
from ..fixes import fix_all, fixes_in
from ..session import OpenDocument
from ..workspace.scan import path_of, uri_of
from . import params
from .base import Call, Feature, document
from .base import workspace_edit as edits
from .values import CodeActionKind


def code_action(call: Call):
    request = params.code_action(call.params)
    session = call.session
    doc = document(call, request.uri)
    if doc is None:
        return None
    found = session.diagnostics(doc)
    model = doc.content.source
    first, last = (
        model.to_model(*request.range.start, session.encoding),
        model.to_model(*request.range.end, session.encoding),
    )
    actions: list[dict[str, Any]] = [
        {
            "title": d.fix_title,
            "kind": CodeActionKind.QuickFix,
            "diagnostics": [session.diagnostic(doc, d)],
            "isPreferred": True,
            "edit": edits(session, doc, d.fix),
        }
        for d in fixes_in(found, first, last)
    ]
    for d in found:  # ignore any code with a comment, in the instruction or the file
        if d.code != ignores.UNUSED.code and not (d.end < first or d.start > last):
            for title, edit in ignores.ignoring(doc.content, d):
                diagnostics = [session.diagnostic(doc, d)]
                ignoring = {"title": title, "kind": CodeActionKind.QuickFix, "diagnostics": diagnostics}
                actions.append({**ignoring, "edit": edits(session, doc, [edit])})
    actions += _move_rest(call, doc, found, first, last)
    every = fix_all(found)
    if every:
        everything = {"title": "Fix all auto-fixable problems", "kind": CodeActionKind.SourceFixAll}
        actions.append({**everything, "edit": edits(session, doc, every)})
    if request.only:
        actions = [a for a in actions if any(a["kind"] == k or a["kind"].startswith(k + ".") for k in request.only)]
    return actions


def _move_rest(call: Call, doc: OpenDocument, found, first, last) -> list[dict]:
    """Past a limit, on its error or the first line (where the budget is shown): move the commands past it into a
    new component, a file the edit creates (moving.py)."""
    session = call.session
    path = path_of(doc.uri)
    over = [d for d in found if d.code in limits.OVER]
    if not over or path is None or not session.client.create_files:
        return []
    if first[0] > 0 and not any(not (d.end < first or d.start > last) for d in over):
        return []
    opened = {path_of(uri) for uri in session.documents}

    def taken(candidate: str, name: str) -> bool:
        return candidate in opened or os.path.lexists(candidate) or session.index.component(name) is not None

    move = moving.plan(doc.content, path, session.uses(doc), taken)
    if move is None:
        return []
    new = uri_of(move.path)
    top = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    replaced = {"range": session.range(doc, move.start, move.end), "newText": move.replacement}
    changes = [
        {"kind": "create", "uri": new, "options": {"overwrite": False, "ignoreIfExists": False}},
        {"textDocument": {"uri": new, "version": None}, "edits": [{"range": top, "newText": move.text}]},
        {"textDocument": {"uri": doc.uri, "version": doc.version}, "edits": [replaced]},
    ]
    diagnostics = [session.diagnostic(doc, d) for d in over]
    return [
        {
            "title": move.title,
            "kind": CodeActionKind.QuickFix,
            "diagnostics": diagnostics,
            "edit": {"documentChanges": changes},
        }
    ]


FEATURES = (
    Feature(
        "textDocument/codeAction",
        code_action,
        {"codeActionProvider": {"codeActionKinds": [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll]}},
    ),
)
