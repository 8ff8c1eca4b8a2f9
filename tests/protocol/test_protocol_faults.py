"""Protocol faults: each gets the answer LSP asks for, and the server serves the next request.

Every fault is sent to the real server over stdio, as bytes, then a pulled
diagnostic report is asked for: the barrier that proves the server still
serves, and whatever the server said between the two is what the fault got.
A fault is tried on a fresh server straight after ``initialize`` (where the
early start reads it, while pygls loads) and, all of them one after another,
on one server that pygls serves already.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import WIRE_CLIENTS
from helpers.wire import Server, at, codes, frame, logs, notification, opened, request

pytestmark = pytest.mark.slow  # the quick loop (-m 'not slow') leaves this module out

TEXT = 'RUN echo hi\nENV A="1"\n'
HOVER = "textDocument/hover"
PARSE_LOG = "ignored a message that is not JSON"


def said(before: list[dict]) -> list[dict]:
    """What the server said apart from diagnostics (a push client gets them after every change)."""
    return [m for m in before if m.get("method") != "textDocument/publishDiagnostics"]


def only_logs(server: Server, uri: str, *expected: str) -> list[dict]:
    """The fault got exactly these log messages (parts of them), and nothing else; the diagnostics are then returned."""
    before, items = server.diagnostics(uri)
    got = said(before)
    assert len(got) == len(expected) and all(m.get("method") == "window/logMessage" for m in got), got
    for message, part in zip(logs(got), expected, strict=True):
        assert part in message, (message, part)
    return items


def error(server: Server, ident, method: str, params, code: int) -> None:
    before, response = server.ask(ident, method, params)
    assert said(before) == [] and response["error"]["code"] == code, response


def answered(server: Server, ident, method: str, params) -> object:
    before, response = server.ask(ident, method, params)
    assert said(before) == [] and "error" not in response, response
    return response["result"]


# -- the faults: each writes to a server with ``uri`` open (holding TEXT) and checks the answer --------------


def not_json(server, uri):
    server.write(b"Content-Length: 5\r\n\r\n{oops")
    only_logs(server, uri, PARSE_LOG)


def not_utf8(server, uri):
    server.write(frame(b'{"jsonrpc": "2.0", "method": "\xff\xfe"}'))
    only_logs(server, uri, PARSE_LOG)


def empty_body(server, uri):
    server.write(b"Content-Length: 0\r\n\r\n")
    only_logs(server, uri, PARSE_LOG)


def deeply_nested(server, uri):
    server.write(frame(b"[" * 100_000 + b"]" * 100_000))
    deep = {
        "jsonrpc": "2.0",
        "method": "workspace/didChangeConfiguration",
        "params": {"settings": {"componentLsp": {"diagnostics": {"ignore": []}}}},
    }
    inner = deep["params"]["settings"]["componentLsp"]["diagnostics"]
    for _ in range(600):
        inner["ignore"] = [inner["ignore"]]
    server.write(frame(deep))
    only_logs(server, uri, "ignored a message that is not JSON", "componentLsp.diagnostics.ignore")


def not_json_rpc(server, uri):
    server.write(
        frame(b"[1, 2]"),
        frame(b'"x"'),
        frame({"id": 5, "method": HOVER}),
        frame({"jsonrpc": "1.0", "id": 6, "method": HOVER, "params": at(0, 0, uri)}),
    )
    only_logs(server, uri, "not JSON-RPC 2.0", "not JSON-RPC 2.0", "not JSON-RPC 2.0", "not JSON-RPC 2.0")


def length_too_short(server, uri):
    body = json.dumps(request("short", HOVER, at(0, 1, uri))).encode()
    server.write(b"Content-Length: 10\r\n\r\n" + body)
    only_logs(server, uri, PARSE_LOG)  # the rest of that message is skipped up to the next header


def length_too_long(server, uri, length=None):
    """The body is cut where the next message's header starts, so both are whole (LSP cannot tell before that comes)."""
    body = json.dumps(request("long", HOVER, at(0, 1, uri))).encode()
    length = length or b"%d" % (len(body) + 1000)
    server.write(b"Content-Length: " + length + b"\r\n\r\n" + body, frame(request("next", HOVER, at(0, 1, uri))))
    for ident in ("long", "next"):
        before, response = server.until(ident)
        assert said(before) == [] and "RUN" in response["result"]["contents"]["value"]


def length_absurd(server, uri):
    length_too_long(server, uri, b"99999999999999999999")
    length_too_long(server, uri, b"9" * 5000)  # more digits than Python's int() reads


def junk_between_messages(server, uri):
    server.write(b"\r\nnoise\r\n\r\nmore noise ", frame(request("junk", HOVER, at(0, 1, uri))))
    before, response = server.until("junk")
    assert said(before) == [] and "RUN" in response["result"]["contents"]["value"]


def header_variants(server, uri):
    body = json.dumps(request("lower", HOVER, at(0, 1, uri))).encode()
    server.write(b"content-length:%d\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n" % len(body) + body)
    before, response = server.until("lower")
    assert said(before) == [] and "RUN" in response["result"]["contents"]["value"]


def unknown_methods(server, uri):
    error(server, "unknown", "custom/unknown", {"a": 1}, -32601)
    error(server, "unknown-bare", "custom/unknown", None, -32601)
    server.write(
        notification("custom/unknown", {}), notification("$/unknown", {}), notification("$/setTrace", {"value": "off"})
    )
    only_logs(server, uri)  # a notification nobody handles is ignored (LSP)


def unreadable_parameters(server, uri):
    error(
        server, "bad-position", HOVER, {"textDocument": {"uri": uri}, "position": {"line": "x", "character": 0}}, -32602
    )
    error(server, "negative", HOVER, at(-1, -1, uri), -32602)
    error(server, "missing", "textDocument/completion", {"textDocument": {"uri": uri}}, -32602)
    server.write(notification("textDocument/didOpen", {"textDocument": {"uri": uri}}))
    server.write(
        notification(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": 5, "text": ""}]},
        )
    )
    only_logs(server, uri, "ignored textDocument/didOpen", "ignored textDocument/didChange")


def unreadable_ids(server, uri):
    server.write(frame({"jsonrpc": "2.0", "id": {"a": 1}, "method": HOVER, "params": at(0, 1, uri)}))
    server.write(frame({"jsonrpc": "2.0", "id": True, "method": "shutdown"}))
    only_logs(server, uri, "a request id must be", "a request id must be")


def unopened_documents(server, uri):
    other = uri + ".never-opened"
    assert answered(server, "h", HOVER, at(0, 0, other)) is None
    assert answered(server, "c", "textDocument/completion", at(0, 0, other)) is None
    span = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}
    assert (
        answered(
            server,
            "a",
            "textDocument/codeAction",
            {"textDocument": {"uri": other}, "range": span, "context": {"diagnostics": []}},
        )
        is None
    )
    assert answered(server, "d", "textDocument/diagnostic", {"textDocument": {"uri": other}}) == {
        "kind": "full",
        "items": [],
    }


def positions_past_the_end(server, uri):
    far = 2**31 - 1
    assert answered(server, "h", HOVER, at(far, far, uri)) is None
    assert answered(server, "c", "textDocument/completion", at(far, 0, uri)) is not None
    assert answered(server, "c2", "textDocument/completion", at(0, far, uri)) is not None
    span = {"start": {"line": 0, "character": far}, "end": {"line": far, "character": far}}
    assert isinstance(
        answered(
            server,
            "a",
            "textDocument/codeAction",
            {"textDocument": {"uri": uri}, "range": span, "context": {"diagnostics": []}},
        ),
        list,
    )


def change(uri, version, sl, sc, el, ec, text):
    span = {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}
    return notification(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": span, "text": text}]},
    )


def change_out_of_range(server, uri):
    server.write(change(uri, 2, 50, 0, 60, 9, "FROM x\n"))
    items = only_logs(server, uri, "which is not in the document (3 lines); applied where it meets the text")
    assert codes(items) == ["NotSupportedCommand.FROM"]  # appended at the end, as an editor clamps a position


def change_backwards_range(server, uri):
    server.write(change(uri, 2, 1, 3, 0, 0, ""))
    items = only_logs(server, uri, "which is not in the document")
    assert codes(items) == [
        "InvalidImageTemplateCommand.NotSupported"
    ]  # the range taken the right way round: ' A="1"' is left


def change_old_version(server, uri):
    server.write(change(uri, 1, 0, 0, 0, 0, "FROM x\n"))
    items = only_logs(server, uri, "to version 1, which is not newer than 1; applied")
    assert codes(items) == ["NotSupportedCommand.FROM"]


def change_unopened(server, uri):
    server.write(change(uri + ".never-opened", 2, 0, 0, 0, 0, "x"))
    only_logs(server, uri, "didChange for a document that is not open")


def close_unopened(server, uri):
    server.write(notification("textDocument/didClose", {"textDocument": {"uri": uri + ".never-opened"}}))
    only_logs(server, uri, "didClose for a document that is not open")


def open_twice(server, uri):
    server.write(opened("FROM x\n", uri, 7))
    items = only_logs(server, uri, "didOpen for a document that is already open")
    assert codes(items) == ["NotSupportedCommand.FROM"]


def cancel_requests(server, uri):
    server.write(notification("$/cancelRequest", {"id": 12345}), notification("$/cancelRequest", {"id": "never"}))
    only_logs(server, uri)  # nothing to cancel: nothing to say
    server.write(request("cancelled", HOVER, at(0, 1, uri)), notification("$/cancelRequest", {"id": "cancelled"}))
    before, response = server.until("cancelled")
    assert said(before) == []
    assert "result" in response or response["error"]["code"] == -32800  # answered before the cancel came, or cancelled
    before, _ = server.diagnostics(uri)
    assert not [m for m in said(before) if m.get("id") == "cancelled"]  # one answer, not two


def stray_responses(server, uri):
    server.write(
        frame({"jsonrpc": "2.0", "id": 999, "result": None}),
        frame({"jsonrpc": "2.0", "id": "x", "error": {"code": 1, "message": "m"}}),
    )
    only_logs(server, uri)


FAULTS = [
    not_json,
    not_utf8,
    empty_body,
    deeply_nested,
    not_json_rpc,
    length_too_short,
    length_too_long,
    length_absurd,
    junk_between_messages,
    header_variants,
    unknown_methods,
    unreadable_parameters,
    unreadable_ids,
    unopened_documents,
    positions_past_the_end,
    change_out_of_range,
    change_backwards_range,
    change_old_version,
    change_unopened,
    close_unopened,
    open_twice,
    cancel_requests,
    stray_responses,
]


def uri_for(fault) -> str:
    return f"file:///work/{fault.__name__}.component"


@pytest.mark.parametrize("client", WIRE_CLIENTS)
@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__)
def test_each_fault_while_the_server_starts(fault, client):
    server = Server(client)
    try:
        server.write(opened(TEXT, uri_for(fault)))
        fault(server, uri_for(fault))
        assert server.finish() == 0
    finally:
        server.close()
    assert "failed" not in server.stderr()  # no handler of ours raised


@pytest.mark.parametrize("client", WIRE_CLIENTS)
def test_every_fault_one_after_another(client):
    server = Server(client)
    try:
        answered(server, "loaded", HOVER, at(0, 0, "file:///work/none.component"))  # pygls serves from here on
        for fault in FAULTS:
            server.write(opened(TEXT, uri_for(fault)))
            fault(server, uri_for(fault))
        assert server.finish() == 0
    finally:
        server.close()
    assert "failed" not in server.stderr()


def test_before_initialize_requests_get_an_error_and_notifications_are_dropped():
    server = Server("neovim", initialize=False)
    try:
        server.write(opened(TEXT))
        before, response = server.ask("early", HOVER, at(0, 1))
        assert before == [] and response["error"]["code"] == -32002
        server.write(request(0, "initialize", {"processId": None, "rootUri": None, "capabilities": server.caps}))
        assert "capabilities" in server.until(0)[1]["result"]
        assert server.diagnostics()[1] == []  # the didOpen before initialize was dropped
        assert server.finish() == 0
    finally:
        server.close()


def test_after_shutdown_requests_get_an_error_and_exit_ends_with_0():
    server = Server("visual-studio-code", TEXT)
    try:
        assert answered(server, "bye", "shutdown", None) is None
        before, response = server.ask("late", HOVER, at(0, 1))
        assert said(before) == [] and response["error"]["code"] == -32600
        server.write(notification("exit"))
        assert server.proc.wait(timeout=60) == 0
    finally:
        server.close()


@pytest.mark.parametrize(
    ("tail", "status"),
    [
        (b"", 1),  # the client went away without shutdown
        (frame(request("bye", "shutdown")), 0),  # ... after shutdown, without exit
        (b'Content-Length: 500\r\n\r\n{"jsonrpc": ', 1),  # in the middle of a message
        (b"Content-Len", 1),  # in the middle of a header
    ],
)
@pytest.mark.parametrize("settle", [False, True], ids=["early", "pygls"])
def test_the_end_of_the_input_ends_the_server(tail, status, settle):
    server = Server("visual-studio-code", TEXT)
    try:
        if settle:
            answered(server, "loaded", HOVER, at(0, 1))
        server.write(tail)
        server.proc.stdin.close()
        assert server.proc.wait(timeout=60) == status
    finally:
        server.close()


# -- random streams: whatever comes, the next request is answered -------------------------------------------

METHODS = [
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
    "textDocument/hover",
    "textDocument/completion",
    "textDocument/codeAction",
    "textDocument/diagnostic",
    "workspace/didChangeConfiguration",
    "$/cancelRequest",
    "initialized",
    "workspace/executeCommand",
    "$/setTrace",
    "custom/x",
    "",
]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["uri", "text", "line", "character", "version"]) | st.text(max_size=5), inner, max_size=3
        )
    ),
    max_leaves=10,
)
URI_FUZZ = "file:///work/fuzz.component"
NUMBER = st.integers(-2, 2**31 + 2) | st.sampled_from([0, 1, 2**31 - 1, -(2**31)])
POSITION = st.fixed_dictionaries({"line": NUMBER, "character": NUMBER})
PARAMS = st.one_of(
    JSON,
    st.fixed_dictionaries(
        {"textDocument": st.fixed_dictionaries({"uri": st.just(URI_FUZZ), "version": NUMBER}), "position": POSITION}
    ),
    st.fixed_dictionaries(
        {
            "textDocument": st.fixed_dictionaries(
                {
                    "uri": st.just(URI_FUZZ),
                    "languageId": st.text(max_size=5),
                    "version": NUMBER,
                    "text": st.text(max_size=200),
                }
            )
        }
    ),
    st.fixed_dictionaries(
        {
            "textDocument": st.fixed_dictionaries({"uri": st.just(URI_FUZZ), "version": NUMBER}),
            "contentChanges": st.lists(
                st.fixed_dictionaries(
                    {"range": st.fixed_dictionaries({"start": POSITION, "end": POSITION}), "text": st.text(max_size=20)}
                ),
                max_size=3,
            ),
        }
    ),
    st.fixed_dictionaries(
        {
            "textDocument": st.fixed_dictionaries({"uri": st.just(URI_FUZZ)}),
            "range": st.fixed_dictionaries({"start": POSITION, "end": POSITION}),
            "context": st.just({"diagnostics": []}),
        }
    ),
)
MESSAGE = st.builds(
    lambda method, params, ident, version: {
        "jsonrpc": version,
        "method": method,
        "params": params,
        **({} if ident is None else {"id": ident}),
    },
    st.sampled_from(METHODS),
    PARAMS,
    st.none() | st.integers() | st.text(max_size=5) | JSON,
    st.sampled_from(["2.0", "2.0", "2.0", "1.0"]),
)
CHUNK = st.one_of(
    MESSAGE.map(frame),
    MESSAGE.map(lambda m: json.dumps(m).encode()).flatmap(
        lambda body: st.integers(0, len(body) + 50).map(lambda n: b"Content-Length: %d\r\n\r\n" % n + body)
    ),  # a wrong length
    JSON.map(lambda v: frame(json.dumps(v).encode())),
    st.binary(max_size=60).map(frame),
    st.binary(max_size=60).filter(lambda b: b"\r\n\r\n" not in b and b"\n\n" not in b),  # bytes between messages
)
STREAMS = 300  # per client kind


@pytest.mark.parametrize("client", WIRE_CLIENTS)
def test_random_streams_never_stop_the_server(client):
    server = Server(client)
    tried = {"streams": 0, "chunks": 0}

    @settings(max_examples=STREAMS, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.lists(CHUNK, min_size=1, max_size=6))
    def stream(chunks):
        tried["streams"] += 1
        tried["chunks"] += len(chunks)
        server.write(*chunks)
        ident = f"barrier-{tried['streams']}"
        server.write(request(ident, "textDocument/hover", at(0, 0, "file:///work/none.component")))
        _, response = server.until(ident, timeout=60)  # whatever came before: the next request is answered
        assert "error" not in response, response
        server.notifications.clear()

    try:
        stream()
        assert server.proc.poll() is None
        assert server.finish() == 0
    finally:
        server.close()
    assert tried["streams"] >= STREAMS * 0.9
    assert "failed" not in server.stderr()
    print(f"\n{client}: {tried['streams']} random streams, {tried['chunks']} chunks, the server answered after each")
