"""The early start: answer the first messages while pygls and lsprotocol load.

Importing ``lsprotocol.types`` takes most of the server's start-up (about a
quarter of a second here, on top of Python's own start). An editor needs
none of it for its first diagnostics, hovers and completions. So ``serve``
starts that import on a thread and meanwhile delivers each message to the
feature table (``lsp.dispatch``) itself, writing plain JSON-RPC. At the
first message the table does not take (``shutdown``, a response, a message
that is not JSON-RPC, ...), or the first one after the import has finished,
it hands over, once (``EarlyServer.hand_over``): the pygls server takes the
session as it is, serves the background work from then on
(``Background.serve_with``), and reads on from that message. There is no
second declaration of anything: the table answers ``initialize`` and every
feature, whoever delivers the message.

Nothing here imports pygls or lsprotocol, and nothing here is imported by the
thread: the two never wait for each other's import lock.
"""

from __future__ import annotations

import gc
import json
import logging
import threading
from dataclasses import dataclass
from typing import Any, BinaryIO

from .framing import Frames
from .jsonrpc import Message, frame, is_id, request
from .lsp import dispatch, take_background
from .session import Session

log = logging.getLogger(__name__)


@dataclass
class Handover:
    """Where the early start stopped: the session pygls takes on, and the message it has still to read."""

    session: Session
    pending: bytes | None = None  # the body of the message read but not delivered (None: the input ended)
    answered: int = 0  # messages the early start delivered to the table


class EarlyOutbox:
    """Answers written straight to stdout; requests to the client with ids of its own, whose answers it drops.

    The server asks the client only what it needs no answer to (registering
    the file watchers, a refresh); if pygls has taken over when an answer
    comes, it logs an answer it did not ask for.
    """

    def __init__(self, stdout: BinaryIO) -> None:
        self.stdout = stdout
        self.sent: set[str] = set()  # ids of the requests sent, whose answers are dropped

    def send(self, message: Message) -> None:
        self.stdout.write(frame(message))
        self.stdout.flush()

    def request(self, method: str, params: Any) -> None:
        ident = f"component-lsp-early-{len(self.sent) + 1}"
        self.sent.add(ident)
        self.send(request(ident, method, params))


class EarlyServer:
    """Plain JSON-RPC on stdio, for the messages of the first moments only."""

    def __init__(self, frames: Frames, stdout: BinaryIO, loaded: threading.Event) -> None:
        self.frames, self.loaded = frames, loaded
        self.outbox = EarlyOutbox(stdout)
        self.handover = Handover(Session())
        self.lock = threading.Lock()  # one thread at a time acts on the session and writes: the reader, or a worker's
        self.serving = True  # until the hand-over
        self.handover.session.background.serve_with(self.wake)

    def wake(self) -> None:
        """(Called from a worker's thread.) Take in what the background work brought, while this serves."""
        with self.lock:
            if self.serving:
                take_background(self.handover.session, self.outbox)

    def hand_over(self, pending: bytes | None) -> Handover:
        """Stop serving: from here the session is pygls's, which reads on from ``pending``."""
        with self.lock:
            self.serving = False
            self.handover.pending = pending
            self.handover.session.background.serve_with(None)  # pygls's, set as it takes over
        return self.handover

    def read(self) -> tuple[bytes | None, dict | None]:
        """One message: (its body, the message), or (the body, None) if it is for pygls to deal with."""
        body = self.frames.message()
        if body is None:
            return None, None
        try:
            message = json.loads(body)
        except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep: pygls's to answer
            return body, None
        if (
            isinstance(message, dict)
            and "method" not in message
            and isinstance(message.get("id"), str)
            and message["id"] in self.outbox.sent
        ):
            self.outbox.sent.discard(message["id"])
            return body, {}  # the answer to a request of the early start's own: dropped
        if (
            not isinstance(message, dict)
            or message.get("jsonrpc") != "2.0"
            or not isinstance(message.get("method"), str)
        ):
            return body, None
        if "id" in message and not is_id(message["id"]):
            return body, None
        return body, message

    def serve(self) -> Handover:
        """Deliver messages until one is not the table's or pygls is ready; what pygls needs then."""
        session = self.handover.session
        while True:
            body, message = self.read()
            if message == {}:
                continue
            if message is None or self.loaded.is_set():
                return self.hand_over(body)
            request = "id" in message
            with self.lock:
                method, params, ident = message["method"], message.get("params"), message.get("id")
                taken = dispatch(session, self.outbox, method, params, ident, request, self.frames.cancelled)
            if not taken:
                return self.hand_over(body)
            self.handover.answered += 1


def serve(stdin: BinaryIO, stdout: BinaryIO) -> int:
    """Serve LSP on stdio: the early start while pygls loads, then pygls; the exit status."""
    loaded = threading.Event()
    failed: list[Exception] = []

    def load() -> None:
        try:
            from . import server  # noqa: F401  (pygls, lsprotocol and the features)
        except Exception as exc:
            failed.append(exc)
        finally:
            loaded.set()

    threading.Thread(target=load, name="component-lsp-import", daemon=True).start()
    frames = Frames(stdin)
    handover = EarlyServer(frames, stdout, loaded).serve()
    loaded.wait()
    gc.enable()  # off while the package imported (cli.serve_stdio); on for good from here
    if failed:
        raise failed[0]
    from .server import check_features, server

    check_features(server)
    log.info("early start answered %d messages", handover.answered)
    if handover.pending is not None:  # pygls reads on from the message the early start stopped at
        frames.push(b"Content-Length: %d\r\n\r\n" % len(handover.pending) + handover.pending)
    server.take_over(handover.session, frames)
    # Frames has the readline and read pygls calls.
    server.start_io(stdin=frames, stdout=stdout)  # type: ignore[arg-type]
    return server.exit_status
