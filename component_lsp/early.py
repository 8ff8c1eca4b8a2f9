"""The early start: answer the first messages while pygls and lsprotocol load.

Importing ``lsprotocol.types`` takes most of the server's start-up (about a
quarter of a second of its import time here, on top of Python's own start).
An editor does not need any of it to get its first diagnostics: it sends
``initialize``, ``initialized`` and ``didOpen``. So ``serve`` starts the
import on a thread and meanwhile answers those (and ``didChange``,
``didClose``, settings and pulled diagnostics) itself, from the same
``Session`` the pygls server uses, writing plain JSON-RPC. At the first
message it does not handle, or the first one after the import has finished,
it hands over: pygls replays the ``initialize`` request with its answer
discarded (so pygls's own state is as if it had answered), adopts the session,
and reads on from where the early start stopped, that message included.

Nothing here imports pygls or lsprotocol, and nothing here is imported by the
thread: the two never wait for each other's import lock.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from typing import BinaryIO, ClassVar

from . import NAME, __version__
from .diagnostics import SOURCE
from .framing import Frames
from .session import Session

log = logging.getLogger(__name__)

# What pygls answers to initialize for this server's features (tests/test_early.py
# compares the two for every client the tests know), but for what depends on the client.
CAPABILITIES = {
    "completionProvider": {"triggerCharacters": ["$", "{"]},
    "hoverProvider": True,
    "codeActionProvider": {"codeActionKinds": ["quickfix", "source.fixAll"]},
    "executeCommandProvider": {"commands": []},
    "diagnosticProvider": {"interFileDependencies": False, "workspaceDiagnostics": False, "identifier": SOURCE},
    "workspace": {"workspaceFolders": {"supported": True, "changeNotifications": True}, "fileOperations": {}},
}
WARNING, ERROR = 2, 1  # LSP MessageType


def capabilities_for(client: dict, encoding: str) -> dict:
    """The server's capabilities as pygls states them to this client."""
    sync = {"openClose": True, "change": 2}  # incremental
    client_sync = client.get("textDocument", {}).get("synchronization") or {}
    for key in ("willSave", "willSaveWaitUntil"):  # pygls: false (no such feature) if the client mentions it
        if client_sync.get(key) is not None:
            sync[key] = False
    sync["save"] = False
    return {"positionEncoding": encoding, "textDocumentSync": sync, **CAPABILITIES}


@dataclass
class Handover:
    """Where the early start stopped: the state pygls takes on, and the message it has still to read."""

    session: Session
    initialize: bytes | None = None  # the initialize request's body, to replay into pygls
    pending: bytes | None = None  # the body of the message read but not handled (None: the input ended)
    done: set[str] = field(default_factory=set)  # the methods the early start answered


class EarlyServer:
    """Plain JSON-RPC on stdio, for the messages of the first moments only."""

    def __init__(self, frames: Frames, stdout: BinaryIO, loaded: threading.Event) -> None:
        self.frames, self.stdout, self.loaded = frames, stdout, loaded
        self.handover = Handover(Session())
        self.body = b""  # of the last message read

    # -- wire -------------------------------------------------------------------
    def write(self, message: dict) -> None:
        body = json.dumps(message).encode()
        self.stdout.write(b"Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" % len(body) + body)
        self.stdout.flush()

    def notify(self, method: str, params) -> None:
        self.write({"params": params, "method": method, "jsonrpc": "2.0"})

    def respond(self, ident, result) -> None:
        self.write({"id": ident, "jsonrpc": "2.0", "result": result})

    def log(self, kind: int, message: str) -> None:
        self.notify("window/logMessage", {"type": kind, "message": message})

    def read(self) -> tuple[bytes | None, dict | None]:
        """One message: (its body, the message), or (the body, None) if it is for pygls to deal with."""
        body = self.body = self.frames.message()
        if body is None:
            return None, None
        try:
            message = json.loads(body)
        except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep: pygls's to answer
            return body, None
        if not isinstance(message, dict) or message.get("jsonrpc") != "2.0" or not isinstance(message.get("method"), str):
            return body, None
        return body, message

    # -- the loop -----------------------------------------------------------------
    def serve(self) -> Handover:
        """Answer messages until one is not ours to answer or pygls is ready; what pygls needs then."""
        while True:
            body, message = self.read()
            if message is None or self.loaded.is_set() or not self.handle(message):
                self.handover.pending = body
                return self.handover

    def handle(self, message: dict) -> bool:
        """Answer one message; False if it is for pygls.

        A handler reads the parameters first and returns what to do with them,
        or None. Parameters it cannot read (a missing field, a wrong type)
        go to pygls untouched, for the protocol's own answer; an error while
        acting gets the answer the server's guarded handlers give.
        """
        method = message["method"]
        handler = self.HANDLERS.get(method)
        started = self.handover.initialize is not None
        if handler is None or started == (method == "initialize"):
            return False  # nothing before initialize, and initialize once, as far as the early start goes
        session = self.handover.session
        try:
            action = handler(self, session, message.get("params"), message.get("id"))
        except (KeyError, TypeError, AttributeError):
            return False
        if action is None:
            return False
        try:
            action()
        except Exception as exc:
            log.exception("%s failed", method)
            if method == "initialize":  # nothing was answered: pygls starts from scratch
                self.handover.session = Session()
                return False
            self.log(ERROR, f"component-lsp: {method} failed: {exc!r}")
            if "id" in message:
                self.respond(message["id"], None)
        for warning in session.take_warnings():
            self.log(WARNING, warning)
        if method == "initialize":
            self.handover.initialize = self.body
        self.handover.done.add(method)
        return True

    # -- the messages: read the parameters, then return what to do -----------------
    def initialize(self, session: Session, params, ident):
        capabilities, options = _dict(params["capabilities"]), params.get("initializationOptions")
        _ident(ident)

        def act():
            for problem in session.initialize(capabilities, options):
                self.log(WARNING, problem)
            result = {"capabilities": capabilities_for(capabilities, session.encoding), "serverInfo": {"name": NAME, "version": __version__}}
            self.respond(ident, result)

        return act

    def initialized(self, session: Session, params, ident):
        return lambda: None

    def did_open(self, session: Session, params, ident):
        item = params["textDocument"]
        uri, language, version, text = _str(item["uri"]), _str(item["languageId"]), _int(item["version"]), _str(item["text"])
        return lambda: self.publish(session, session.open(uri, language, version, text))

    def did_change(self, session: Session, params, ident):
        document = params["textDocument"]
        uri, version = _str(document["uri"]), _int(document["version"])
        changes = []
        for change in params["contentChanges"]:
            r = change.get("range")
            span = None if r is None else (_position(r["start"]), _position(r["end"]))
            changes.append((span, _str(change["text"])))

        def act():
            doc = session.change(uri, version, changes)
            if doc is not None:
                self.publish(session, doc)

        return act

    def did_close(self, session: Session, params, ident):
        uri = _str(params["textDocument"]["uri"])

        def act():
            doc = session.close(uri)
            if doc is not None:
                self.publish(session, doc, clear=True)

        return act

    def did_change_configuration(self, session: Session, params, ident):
        settings = _dict(params).get("settings")
        if session.stale_reports:
            return None  # the refresh request is pygls's to send and follow

        def act():
            for problem in session.configure(settings):
                self.log(WARNING, problem)
            for doc in session.documents.values():
                self.publish(session, doc)

        return act

    def diagnostic(self, session: Session, params, ident):
        uri, previous = _str(params["textDocument"]["uri"]), params.get("previousResultId")
        _ident(ident)
        if previous is not None:
            _str(previous)
        return lambda: self.respond(ident, session.report(uri, previous))

    HANDLERS: ClassVar[dict] = {
        "initialize": initialize,
        "initialized": initialized,
        "textDocument/didOpen": did_open,
        "textDocument/didChange": did_change,
        "textDocument/didClose": did_close,
        "workspace/didChangeConfiguration": did_change_configuration,
        "textDocument/diagnostic": diagnostic,
    }

    def publish(self, session: Session, doc, clear: bool = False) -> None:
        params = session.publish_params(doc, clear)
        if params is not None:
            self.notify("textDocument/publishDiagnostics", params)


def _checked(kind, value):
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _str(value) -> str:
    return _checked(str, value)


def _int(value, low: int = -(2**31)) -> int:
    """An LSP ``integer`` (``uinteger`` with ``low=0``): in 32 bits, as lsprotocol checks it."""
    if not low <= _checked(int, value) < 2**31:
        raise TypeError(f"{value} is out of range")
    return value


def _dict(value) -> dict:
    return _checked(dict, value)


def _ident(value) -> None:
    """A request id: a number or a string (a notification has none: not for the early start)."""
    if not isinstance(value, (int, str)) or isinstance(value, bool):
        raise TypeError(f"a request id, not {type(value).__name__}")


def _position(value) -> tuple[int, int]:
    return _int(value["line"], 0), _int(value["character"], 0)


class _Discard:
    def write(self, data: bytes) -> None:
        pass

    def close(self) -> None:
        pass


def serve(stdin: BinaryIO, stdout: BinaryIO) -> int:
    """Serve LSP on stdio: the early start while pygls loads, then pygls; the exit status."""
    loaded = threading.Event()
    failed: list[Exception] = []

    def load() -> None:
        try:
            from . import server  # noqa: F401  (pygls, lsprotocol and the features)
        except Exception as exc:  # noqa: BLE001 (raised on the main thread, at the hand-over)
            failed.append(exc)
        finally:
            loaded.set()

    threading.Thread(target=load, name="component-lsp-import", daemon=True).start()
    frames = Frames(stdin)
    handover = EarlyServer(frames, stdout, loaded).serve()
    loaded.wait()
    if failed:
        raise failed[0]
    from .server import server

    adopt(server, handover)
    if handover.pending is not None:  # pygls reads on from the message the early start stopped at
        frames.push(b"Content-Length: %d\r\n\r\n" % len(handover.pending) + handover.pending)
    server.start_io(stdin=frames, stdout=stdout)
    return server.exit_status


def adopt(server, handover: Handover) -> None:
    """Bring pygls to where the early start stopped: its own initialize state, then the session."""
    if handover.initialize is not None:
        protocol = server.protocol
        protocol.set_writer(_Discard())  # the answer and any log message went out already
        protocol.handle_message(json.loads(handover.initialize, object_hook=protocol.structure_message))
        server.session = handover.session
    log.info("early start answered %s", ", ".join(sorted(handover.done)) or "nothing")
