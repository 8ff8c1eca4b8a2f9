"""Pulled diagnostics (``textDocument/diagnostic``); pushing them is ``Call.publish``'s.

Offered only to a client that pulls and can be told to pull again
(``Client.pull``); every other client gets its diagnostics pushed.
"""

from __future__ import annotations

from ..diagnostics import SOURCE
from . import params
from .base import Call, Feature


def diagnostic(call: Call):
    request = params.diagnostic(call.params)
    return call.session.report(request.uri, request.previous_result_id)


FEATURES = (
    Feature(
        "textDocument/diagnostic",
        diagnostic,
        {"diagnosticProvider": {"identifier": SOURCE, "interFileDependencies": True, "workspaceDiagnostics": False}},
        lambda session: session.client.pull,
    ),
)
