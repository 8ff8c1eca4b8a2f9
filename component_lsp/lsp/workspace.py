"""The workspace: its folders, the file events the client watches for the server, and the background's results.

The index walks the workspace folders and ShellCheck runs off the server's
thread (``session.background``); ``take_background`` takes in what they
brought, on the server's thread: the templates diagnosed again once the
index changed, a document's ShellCheck findings published. A client that
shows progress (``Client.progress``) sees the walk's: begun, the files found
so far (at most four reports a second), ended.
"""

from __future__ import annotations

import os

from .. import config
from ..workspace.scan import path_of
from . import params
from .base import Call, Feature
from .values import FileChangeType, MessageType


def take_background(call: Call) -> None:
    """Take in what the index's walk and ShellCheck brought since the last time."""
    session = call.session
    before = session.index.generation
    taken = session.background.take()
    for note in taken.notes:
        call.log(MessageType.Warning, note)
    _report_indexing(call, taken.indexed)
    if taken.indexed:
        call.relink(before)
    if taken.shellchecked:
        call.rediagnose([session.documents[uri] for uri in sorted(taken.shellchecked) if uri in session.documents])


def _report_indexing(call: Call, ended: bool) -> None:
    """The walk's progress, to a client that shows it: begun, the files found so far, ended."""
    background = call.session.background
    indexing, index = background.indexing, call.session.index
    if indexing is None:
        return
    found = f"{index.walked:,} component and template files"
    if not indexing.begun:
        call.progress(indexing.token, {"kind": "begin", "title": "Indexing the workspace", "message": found})
        background.indexing = indexing._replace(begun=True)
    elif not ended:
        call.progress(indexing.token, {"kind": "report", "message": found})
    if ended:
        call.end_indexing(f"{found} in {index.seconds:.1f} s")


def did_change_watched_files(call: Call) -> None:
    session = call.session
    before = session.index.generation
    configured = False
    for change in params.watched_files(call.params):
        path = path_of(change.uri)
        if path is None:
            continue
        if os.path.basename(path) in config.NAMES:  # a project configuration: every document's, again
            configured = True
        elif change.type == FileChangeType.Deleted:
            session.index.forget(path)
        else:  # created, changed
            session.index.load(path)
    if configured:
        session.reload_configs()
        call.rediagnose(list(session.documents.values()))
    call.relink(before)


def did_change_workspace_folders(call: Call) -> None:
    change = params.folders_change(call.params)
    background = call.session.background
    removed = {path_of(uri) for uri in change.removed}
    added = [path for path in map(path_of, change.added) if path is not None]
    kept = [folder for folder in background.folders if folder not in removed]
    background.folders = kept + [folder for folder in added if folder not in kept]
    before = call.session.index.generation
    call.walk()
    call.relink(before)


FEATURES = (
    Feature("workspace/didChangeWatchedFiles", did_change_watched_files),
    Feature(
        "workspace/didChangeWorkspaceFolders",
        did_change_workspace_folders,
        {"workspace": {"workspaceFolders": {"supported": True, "changeNotifications": True}}},
    ),
)
