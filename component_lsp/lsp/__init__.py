"""The LSP features: one module per family of requests, one table, and ``dispatch``.

Each module (``completion``, ``hover``, ...) declares its ``FEATURES``: the
methods it answers, their handlers and the capabilities they advertise.
``FEATURES`` below joins them, and is the one declaration of what the server
does: ``initialize`` advertises from it, and both transports deliver to
``dispatch`` from it (the early start while pygls loads, then pygls:
``early.py``, ``server.py``). Lifecycle messages that are not here
(``shutdown``, ``exit``, ``$/cancelRequest``) are pygls's.

Adding a request: a module here (or a handler in the module of its family)
and its entry in that module's ``FEATURES``; a new module also gets a line
below. docs/architecture.md has the recipe.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ..jsonrpc import error, response
from ..session import Session
from . import (
    actions,
    completion,
    diagnostics,
    formatting,
    hover,
    lifecycle,
    navigation,
    symbols,
    sync,
    workspace,
)
from .base import Call, Feature, Outbox, Refused
from .params import BadParams
from .values import ErrorCodes, LSPErrorCodes, MessageType

log = logging.getLogger(__name__)

FEATURES: tuple[Feature, ...] = (
    Feature("initialize", lambda call: lifecycle.initialize(call, FEATURES)),
    *lifecycle.FEATURES,
    *sync.FEATURES,
    *diagnostics.FEATURES,
    *completion.FEATURES,
    *hover.FEATURES,
    *actions.FEATURES,
    *navigation.FEATURES,
    *formatting.FEATURES,
    *symbols.FEATURES,
    *workspace.FEATURES,
)
TABLE = {feature.method: feature for feature in FEATURES}


def capabilities(session: Session) -> dict:
    """The ServerCapabilities ``initialize`` answers this session's client with."""
    return lifecycle.capabilities(session, FEATURES)


def take_background(session: Session, outbox: Outbox) -> None:
    """(On the server's thread, when the background work wakes it.) Take in what the index and ShellCheck
    brought, and send what follows from it."""
    call = Call(session, outbox, "$/background", None, None, [])
    try:
        workspace.take_background(call)
    finally:
        call.send_asked()


def _refused(session: Session, method: str) -> tuple[int, str] | None:
    """Why a message cannot be taken now, as LSP says: before ``initialize`` and after ``shutdown``, every
    message but ``exit``; ``initialize`` a second time."""
    if method == "initialize" and session.initialized:
        return ErrorCodes.InvalidRequest, "initialize: the server is initialized already (initialize comes once)"
    if method in ("initialize", "exit") or (session.initialized and not session.shut_down):
        return None
    if not session.initialized:
        return ErrorCodes.ServerNotInitialized, f"{method}: the server is not initialized"
    return ErrorCodes.InvalidRequest, f"{method}: the server is shut down"


def dispatch(
    session: Session,
    outbox: Outbox,
    method: str,
    params: Any,
    ident: Any = None,
    request: bool = False,
    cancelled: Callable[[Any], bool] | None = None,
) -> bool:
    """Answer one message from the table; False if it is not the table's (it is pygls's).

    A message that cannot be taken now is refused: a request with an error,
    a notification in silence. A request the client cancelled while it
    waited (``cancelled(ident)``: its ``$/cancelRequest`` is in the input
    already) is answered RequestCancelled without being worked out. Parameters that cannot be read get
    InvalidParams (a request) or a log message (a notification). A fault while
    acting is logged to the client and a request answered with null, so the
    server stays up.
    """
    refused = _refused(session, method)
    if refused is not None:
        if request:
            outbox.send(error(ident, *refused))
        return True
    feature = TABLE.get(method)
    if feature is None:
        return False
    if request and cancelled is not None and cancelled(ident):
        outbox.send(
            error(ident, LSPErrorCodes.RequestCancelled, f"{method}: cancelled by the client before it was answered")
        )
        return True
    call = Call(session, outbox, method, params, ident, [])
    try:
        if session.background.pending:
            workspace.take_background(call)
        try:
            result = feature.handler(call)
        except BadParams as exc:
            if request:
                outbox.send(
                    error(ident, ErrorCodes.InvalidParams, f"{method}: the parameters could not be read ({exc})")
                )
            else:
                call.log(
                    MessageType.Error, f"component-lsp: ignored {method}: the parameters could not be read ({exc})"
                )
            return True
        except Refused as exc:
            if request:
                outbox.send(error(ident, LSPErrorCodes.RequestFailed, str(exc)))
            return True
        except Exception as exc:  # a bug must not take the editor's server down
            log.exception("%s failed", method)
            call.log(MessageType.Error, f"component-lsp: {method} failed: {exc!r}")
            result = None
        if request:
            outbox.send(response(ident, result))
    finally:
        for warning in session.take_warnings():
            call.log(MessageType.Warning, warning)
        call.send_asked()
    return True


__all__ = ["FEATURES", "TABLE", "Call", "Feature", "Outbox", "capabilities", "dispatch", "take_background"]
