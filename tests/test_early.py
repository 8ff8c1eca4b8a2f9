"""The early start (component_lsp/early.py) answers exactly as the pygls server does, and hands over cleanly.

Both run here in-process on the same messages: the early start on byte
streams, the pygls server through its protocol object with a writer that
keeps what it sends. Their output must be the same JSON.
"""

import io
import json
import subprocess
import sys
import threading

import pytest
from lsprotocol import types
from pytest_lsp import client_capabilities

from component_lsp.early import EarlyServer, adopt
from component_lsp.framing import Frames
from component_lsp.server import server
from component_lsp.session import Session

CLIENTS = ["visual-studio-code", "neovim", "neovim@v0.10.0", "emacs"]
URI = "file:///work/app.component"
TEXT = "FROM centos\n# café ☕\nrun echo ${HOME}\nCOPY ☕.txt\nENV A=1\n"


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def frames(data: bytes) -> list[dict]:
    out = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        out.append(json.loads(rest[:length]))
        data = rest[length:]
    return out


def capabilities(client: str, encodings=None) -> dict:
    caps = server.converter.unstructure(client_capabilities(client))
    if encodings is not None:
        caps.setdefault("general", {})["positionEncodings"] = encodings
    return caps


def initialize(caps: dict, options=None) -> dict:
    params = {"processId": None, "rootUri": None, "capabilities": caps}
    if options is not None:
        params["initializationOptions"] = options
    return {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params}


def notification(method: str, params: dict) -> dict:
    return {"jsonrpc": "2.0", "method": method, "params": params}


def change(version: int, changes: list, uri: str = URI) -> dict:
    return notification("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})


def edit(sl, sc, el, ec, text):
    return {"range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}, "text": text}


def early(messages: list[dict]):
    """Run the early start over ``messages``: (what it wrote, its hand-over)."""
    out = io.BytesIO()
    handover = EarlyServer(Frames(io.BytesIO(b"".join(map(frame, messages)))), out, threading.Event()).serve()
    return frames(out.getvalue()), handover


class Kept:
    def __init__(self):
        self.data = b""

    def write(self, data: bytes) -> None:
        self.data += data

    def close(self) -> None:
        pass


def pygls(messages: list[dict]) -> list[dict]:
    """Run the pygls server (no early start) over ``messages``: what it wrote."""
    protocol = server.protocol
    server.session = Session()
    kept = Kept()
    protocol.set_writer(kept)
    for message in messages:
        protocol.handle_message(json.loads(json.dumps(message), object_hook=protocol.structure_message))
    return frames(kept.data)


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("encodings", [None, ["utf-8"], ["utf-32", "utf-16"], ["latin-1"]])
def test_initialize_is_answered_as_pygls_answers_it(client, encodings):
    message = initialize(capabilities(client, encodings))
    written, handover = early([message])
    assert written == pygls([message])
    assert handover.done == {"initialize"}


def session_messages(caps: dict) -> list[dict]:
    """A first minute in an editor: settings, a document, edits of every kind, and a close."""
    diagnostic = {"jsonrpc": "2.0", "id": 2, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": URI}}}
    return [
        initialize(caps, {"componentLsp": {"diagnostics": {"ignore": 5}}}),
        notification("initialized", {}),
        notification("workspace/didChangeConfiguration", {"settings": {"componentLsp": {"diagnostics": {"ignore": ["Lint.UnquotedEnvValue"]}}}}),
        notification("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "ecs-component", "version": 1, "text": TEXT}}),
        diagnostic,
        change(2, [edit(2, 0, 2, 3, "RUN")]),
        change(3, [edit(3, 10, 3, 10, " /tmp/"), edit(0, 0, 1, 0, "")]),
        {**diagnostic, "id": 3},
        change(4, [edit(0, 0, 0, 0, "RUN a \\\n")]),
        change(5, [{"text": "RUN ok\nRESTART\n"}]),
        change(6, [edit(0, 0, 0, 0, "x")], uri="file:///not/open.component"),
        {**diagnostic, "id": 4},
        notification("textDocument/didClose", {"textDocument": {"uri": URI}}),
    ]


@pytest.mark.parametrize("client", CLIENTS)
def test_the_first_messages_get_the_answers_pygls_gives(client):
    messages = session_messages(capabilities(client))
    written, handover = early(messages)
    assert handover.pending is None  # it answered every one, up to the end of the input
    expected = pygls(messages)
    assert written == expected
    assert any(m.get("method") == "window/logMessage" for m in expected)
    if handover.session.pull:
        assert [m["result"]["kind"] for m in expected if m.get("id", 1) > 1] == ["full", "full", "full"]
    else:
        assert sum(m.get("method") == "textDocument/publishDiagnostics" for m in expected) >= 6


def test_what_it_does_not_answer_goes_to_pygls_untouched():
    hover = {"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 1}}}
    opened = notification("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "ecs-component", "version": 1, "text": TEXT}})
    written, handover = early([initialize(capabilities("neovim")), opened, hover, opened])
    assert [m.get("id") for m in written] == [1]  # pull client: no publish; hover not answered
    assert json.loads(handover.pending) == hover
    assert handover.done == {"initialize", "textDocument/didOpen"}


@pytest.mark.parametrize(
    "message",
    [
        notification("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "x", "version": "one", "text": ""}}),
        notification("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2}}),
        {"jsonrpc": "2.0", "id": None, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": URI}}},
        notification("textDocument/didOpen", None),
        notification("initialize", {"capabilities": {}}),
        {"jsonrpc": "1.0", "method": "initialized"},
    ],
)
def test_parameters_it_cannot_read_go_to_pygls(message):
    written, handover = early([initialize({}), message])
    assert [m.get("id") for m in written] == [1]
    assert json.loads(handover.pending) == message


def test_nothing_is_answered_before_initialize():
    opened = notification("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "x", "version": 1, "text": ""}})
    written, handover = early([opened, initialize({})])
    assert written == [] and handover.initialize is None and json.loads(handover.pending) == opened


def test_bytes_that_are_not_a_message_go_to_pygls():
    out = io.BytesIO()
    garbage = b"Content-Length: 5\r\n\r\n{oops"
    handover = EarlyServer(Frames(io.BytesIO(frame(initialize({})) + garbage)), out, threading.Event()).serve()
    assert handover.pending == b"{oops" and len(frames(out.getvalue())) == 1


def test_json_nested_too_deep_goes_to_pygls():
    """Found by tests/test_protocol_faults.py: json.loads raised RecursionError, which ended the early start and the process."""
    deep = b"[" * 100_000 + b"]" * 100_000
    handover = EarlyServer(Frames(io.BytesIO(frame(initialize({})) + b"Content-Length: %d\r\n\r\n" % len(deep) + deep)), io.BytesIO(), threading.Event()).serve()
    assert handover.pending == deep


def test_it_stops_at_the_first_message_after_pygls_has_loaded():
    loaded = threading.Event()
    loaded.set()
    message = initialize({})
    handover = EarlyServer(Frames(io.BytesIO(frame(message))), io.BytesIO(), loaded).serve()
    assert json.loads(handover.pending) == message and handover.done == set()


def test_pygls_takes_over_the_session_and_answers_the_rest():
    caps = capabilities("visual-studio-code", ["utf-8"])
    opened = notification("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "ecs-component", "version": 1, "text": TEXT}})
    hover = {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": URI}, "position": {"line": 2, "character": 1}}}
    written, handover = early([initialize(caps, {"componentLsp": {"diagnostics": {"ignore": ["Lint.*"]}}}), opened, hover])
    assert [m.get("method") for m in written[1:]] == ["textDocument/publishDiagnostics"]
    server.session = Session()
    adopt(server, handover)
    assert server.session is handover.session
    assert server.session.settings.ignore == ("Lint.*",)
    assert server.workspace.position_encoding == "utf-8" == server.session.encoding  # pygls's own state, from the replay
    kept = Kept()
    server.protocol.set_writer(kept)
    server.protocol.handle_message(json.loads(handover.pending, object_hook=server.protocol.structure_message))
    (answer,) = frames(kept.data)
    assert answer["id"] == 2 and "RUN" in answer["result"]["contents"]["value"]


def test_a_real_start_answers_early_and_hands_over():
    """All at once down the pipe, as an editor that has a file open sends it: early start, hand-over, pygls."""
    opened = notification("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "ecs-component", "version": 1, "text": TEXT}})
    hover = {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": URI}, "position": {"line": 2, "character": 1}}}
    shutdown = {"jsonrpc": "2.0", "id": 3, "method": "shutdown"}
    messages = [initialize(capabilities("visual-studio-code")), notification("initialized", {}), opened, hover, shutdown, {"jsonrpc": "2.0", "method": "exit"}]
    done = subprocess.run(
        [sys.executable, "-m", "component_lsp", "--log-level", "INFO"],
        input=b"".join(map(frame, messages)), capture_output=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    written = frames(done.stdout)
    assert [m["id"] for m in written if "id" in m] == [1, 2, 3]  # one answer each: the replayed initialize is not answered twice
    published = [m for m in written if m.get("method") == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]
    assert len(published) == 1 and published[0]["params"]["version"] == 1 and published[0]["params"]["diagnostics"]
    answers = {m["id"]: m for m in written if "id" in m}
    assert "RUN" in answers[2]["result"]["contents"]["value"] and answers[3]["result"] is None
    assert "early start answered initialize, initialized, textDocument/didOpen" in done.stderr.decode()


@pytest.mark.parametrize(("shutdown_first", "status"), [(True, 0), (False, 1)])
def test_exit_without_shutdown_ends_with_status_1(shutdown_first, status):
    """LSP: exit ends the process with 0 after a shutdown request, 1 without (pygls alone ended with 0 either way)."""
    messages = [initialize({})]
    if shutdown_first:
        messages.append({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    messages.append({"jsonrpc": "2.0", "method": "exit"})
    done = subprocess.run(
        [sys.executable, "-m", "component_lsp"], input=b"".join(map(frame, messages)), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == status, done.stderr.decode()
    assert [m["id"] for m in frames(done.stdout)] == [1, 2][: len(messages) - 1]
