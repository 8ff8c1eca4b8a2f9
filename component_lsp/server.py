"""The pygls server: its transport and lifecycle carry messages to the feature table, and nothing more.

pygls reads and writes the stream (stdio or TCP), structures messages, runs
``shutdown`` and ``exit``, and sends requests to the client. Every message of
the feature table (``lsp.FEATURES``) is delivered to ``lsp.dispatch`` with its
parameters as JSON, as the early start delivers them: the table answers
``initialize`` (with the capabilities it declares), text synchronisation and
every feature. A handler added with ``@server.feature`` would be served but
not advertised, since the table answers ``initialize``: ``check_features``
refuses it at start-up, naming the table to add it to. Only pygls's public
API is used.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from lsprotocol import types
from pygls.exceptions import FeatureRequestError, JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, default_converter
from pygls.protocol.json_rpc import (
    JsonRPCNotification,
    JsonRPCRequestMessage,
    RPCError,
    RPCNotification,
    RPCRequest,
    RPCResponse,
)

from . import NAME, __version__
from .framing import Frames
from .jsonrpc import Message, error, frame, is_id, notification
from .lsp import TABLE, dispatch, take_background
from .session import Session

log = logging.getLogger(__name__)
_CONVERTER = default_converter()


class Unreadable:
    """A message pygls could not structure (its parameters, or its id): answered with the error, or logged."""

    def __init__(self, data: dict, error: JsonRpcException) -> None:
        self.data, self.error = data, error


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + "..."


class Outbox:
    """Answers written as frames to pygls's transport; requests to the client sent through pygls."""

    def __init__(self, protocol: LanguageServerProtocol) -> None:
        self.protocol = protocol

    def send(self, message: Message) -> None:
        writer = self.protocol.writer
        if writer is None:
            log.error("no transport to send %s", b"".join(message)[:200])
            return
        writer.write(frame(message))

    def request(self, method: str, params: Any) -> None:
        """Send a request whose parameters are JSON: pygls sends lsprotocol's classes, so they are made one first."""
        if params is not None:
            kind = types.METHOD_TO_TYPES[method][2]
            params = _CONVERTER.structure(params, kind)
        self.protocol.send_request(method, params)


class ComponentProtocol(LanguageServerProtocol):
    """The feature table's messages go to ``features.dispatch`` as JSON; the rest is pygls's.

    Messages pygls would drop without a word get a log message instead (one
    that is not JSON-RPC 2.0, a request id that is neither a number nor a
    string), and parameters it cannot read get InvalidParams.
    """

    def __init__(self, server: ComponentServer, converter) -> None:
        super().__init__(server, converter)
        self.owner = server
        self.outbox = Outbox(self)
        self.loop: asyncio.AbstractEventLoop | None = None  # pygls's, known from the first message
        self.frames: Frames | None = None  # the input, when it is read through Frames (stdio): to see cancellations
        self.missed = False  # the background woke the server before its loop ran

    def structure_message(self, data: dict):
        if "jsonrpc" in data and data.get("method") in TABLE:  # the table reads its parameters as JSON itself
            if "id" in data:
                return JsonRPCRequestMessage(
                    id=data["id"], method=data["method"], jsonrpc=data["jsonrpc"], params=data.get("params")
                )
            return JsonRPCNotification(method=data["method"], jsonrpc=data["jsonrpc"], params=data.get("params"))
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            return Unreadable(data, exc)

    def _woken(self) -> None:
        """The background work brought something: take it in, on the server's own thread."""
        try:
            take_background(self.owner.session, self.outbox)
        except Exception:  # the index and ShellCheck are a help: a fault in them must not take the server down
            log.exception("taking in the background work failed")

    def wake(self) -> None:
        """(Called from a worker's thread: ``Background.wake``.) Have the server's loop take in what came."""
        loop = self.loop
        if loop is None:  # before the first message: taken in then
            self.missed = True
            loop = self.loop
            if loop is None:
                return
        loop.call_soon_threadsafe(self._woken)

    def handle_message(self, message) -> None:
        if self.loop is None:  # the first message: pygls's loop runs now
            with contextlib.suppress(RuntimeError):  # no loop: a test handing messages over by hand
                self.loop = asyncio.get_running_loop()
            if self.loop is not None and self.missed:
                self.missed = False
                self._woken()
        if isinstance(message, Unreadable):
            return self._unreadable(message.data)
        # The table's messages are pygls's generic classes: know them by their class, since isinstance
        # on pygls's RPC* protocols costs tens of µs a message.
        kind = type(message)
        if kind is JsonRPCRequestMessage or kind is JsonRPCNotification:
            request = kind is JsonRPCRequestMessage
        elif isinstance(message, (RPCRequest, RPCNotification, RPCResponse, RPCError)):
            request = isinstance(message, RPCRequest)
        else:
            request = None
        if request is None or message.jsonrpc != self.VERSION:
            return self.log_error(f"ignored a message that is not JSON-RPC 2.0: {_short(message)}")
        method = getattr(message, "method", None)
        ident = getattr(message, "id", None)
        if request and not is_id(ident):
            return self.log_error(f"ignored {method}: a request id must be a number or a string, not {_short(ident)}")
        if method is not None:
            params = getattr(message, "params", None) if method in TABLE else None  # the others' are pygls's to read
            cancelled = self.frames.cancelled if self.frames is not None else None
            if dispatch(self.owner.session, self.outbox, method, params, ident, request, cancelled):
                return None
        return super().handle_message(message)

    def _unreadable(self, data: dict) -> None:
        method, ident = data.get("method"), data.get("id")
        if isinstance(method, str) and is_id(ident):
            if self.get_message_type(method) is None:  # a method LSP does not have: that is the fault to report
                self.outbox.send(error(ident, types.ErrorCodes.MethodNotFound, f"{method}: no such method"))
            else:
                self.outbox.send(
                    error(ident, types.ErrorCodes.InvalidParams, f"{method}: the parameters could not be read")
                )
        elif isinstance(method, str) and "id" not in data:
            self.log_error(f"ignored {method}: the parameters could not be read: {_short(data.get('params'))}")
        else:
            self.log_error(f"ignored a message that could not be read: {_short(data)}")

    def log_error(self, message: str) -> None:
        """A window/logMessage of type Error, under the server's name."""
        params = {"type": types.MessageType.Error, "message": f"component-lsp: {message}"}
        self.outbox.send(notification("window/logMessage", params))


class ComponentServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(NAME, __version__, protocol_cls=ComponentProtocol, converter_factory=default_converter)
        self.session = Session()
        self.session.background.serve_with(self.component_protocol.wake)

    @property
    def component_protocol(self) -> ComponentProtocol:
        return self.protocol  # type: ignore[return-value]

    def take_over(self, session: Session, frames: Frames) -> None:
        """Serve a session from the early start's hand-over, reading on from its input."""
        self.session = session
        self.component_protocol.frames = frames
        session.background.serve_with(self.component_protocol.wake)

    @property
    def exit_status(self) -> int:
        """What the process ends with, on exit or at the end of the input: 1 without a shutdown request first (LSP)."""
        return 0 if self.session.shut_down else 1

    def report_server_error(self, error: Exception, source) -> None:
        """A fault outside a request's answer goes to the client's log, not to a pop-up (pygls's default)."""
        if source is FeatureRequestError:
            return  # the request was answered with the error
        protocol: ComponentProtocol = self.protocol  # type: ignore[assignment]
        if isinstance(error, (ValueError, RecursionError)):  # json.loads: not JSON, not UTF-8, or nested too deep
            protocol.log_error(f"ignored a message that is not JSON (or not one Python can read): {error}")
        else:
            protocol.log_error(repr(error))


def check_features(server: LanguageServer) -> None:
    """Refuse, at start-up, a handler added with ``@server.feature`` for a method the table does not have: the
    table answers ``initialize``, so such a handler would be served but never advertised."""
    ours = {*TABLE, types.SHUTDOWN}
    stray = sorted(set(server.protocol.fm.features) - ours)
    if stray:
        raise RuntimeError(
            f"component-lsp: {', '.join(stray)} registered with @server.feature: the server advertises only what "
            "component_lsp/lsp/ declares; add a Feature entry to a module there instead (docs/architecture.md)"
        )


server = ComponentServer()


@server.feature(types.SHUTDOWN)
def shutdown(ls: ComponentServer, params: None) -> None:
    """pygls answers shutdown (and refuses what comes after it); the session remembers it for the exit status."""
    ls.session.shut_down = True
