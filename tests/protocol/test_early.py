"""The early start (component_lsp/early.py) delivers to the same feature table as pygls, and hands over cleanly.

Each message of the table gets the same answer whether the early start or
pygls delivers it; what is not the table's (shutdown, a response, a message
that is not JSON-RPC) is handed to pygls untouched, with the session.
"""

import io
import json
import re
import subprocess
import sys
import threading

import pytest

from component_lsp.client import Client
from component_lsp.early import EarlyServer
from component_lsp.framing import Frames
from component_lsp.lsp import FEATURES, capabilities
from component_lsp.server import server
from component_lsp.session import Session, position_encoding
from helpers import ALL_CLIENTS, EGLOT, PULLING, client_capabilities, frame, unframe

URI = "file:///work/app.component"
TEXT = "FROM centos\n# café ☕\nrun echo ${HOME}\nCOPY ☕.txt\nENV A=1\n"


def client_caps(client: str, encodings=None) -> dict:
    caps = _unstructure(client_capabilities(client))
    if encodings is not None:
        caps.setdefault("general", {})["positionEncodings"] = encodings
    return caps


def _unstructure(value):
    from pygls.protocol import default_converter

    return default_converter().unstructure(value)


def initialize(caps: dict, options=None) -> dict:
    params = {"processId": None, "rootUri": None, "capabilities": caps}
    if options is not None:
        params["initializationOptions"] = options
    return {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params}


def notification(method: str, params: dict) -> dict:
    return {"jsonrpc": "2.0", "method": method, "params": params}


def request(ident, method: str, params) -> dict:
    return {"jsonrpc": "2.0", "id": ident, "method": method, "params": params}


def at(line: int, character: int) -> dict:
    return {"textDocument": {"uri": URI}, "position": {"line": line, "character": character}}


def change(version: int, changes: list, uri: str = URI) -> dict:
    return notification(
        "textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}
    )


def edit(sl, sc, el, ec, text):
    return {"range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}, "text": text}


def early(messages: list[dict]):
    """Run the early start over ``messages``: (what it wrote, its hand-over)."""
    out = io.BytesIO()
    handover = EarlyServer(Frames(io.BytesIO(b"".join(map(frame, messages)))), out, threading.Event()).serve()
    return unframe(out.getvalue()), handover


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
    return unframe(kept.data)


@pytest.mark.parametrize("client", ALL_CLIENTS)
@pytest.mark.parametrize("encodings", [None, ["utf-8"], ["utf-32", "utf-16"], ["latin-1"]])
def test_initialize_is_answered_from_the_table_whoever_delivers_it(client, encodings):
    message = initialize(client_caps(client, encodings))
    written, handover = early([message])
    assert written == pygls([message])
    (answer,) = written
    assert answer["result"]["capabilities"] == capabilities(handover.session)
    assert answer["result"]["capabilities"]["positionEncoding"] == position_encoding(message["params"]["capabilities"])
    assert handover.answered == 1


def test_the_capabilities_are_the_tables():
    declared = {}
    for feature in FEATURES:
        declared.update(feature.capabilities or {})
    caps = capabilities(Session(client=Client(pull=True)))
    assert {k: v for k, v in caps.items() if k not in ("positionEncoding", "textDocumentSync")} == declared
    assert "diagnosticProvider" not in capabilities(Session(client=Client(pull=False)))  # pushed to: nothing to pull
    assert {"hoverProvider", "completionProvider", "codeActionProvider", "diagnosticProvider"} <= set(declared)


def session_messages(caps: dict) -> list[dict]:
    """A first minute in an editor: settings, a document, edits of every kind, every feature, and a close."""
    diagnostic = request(2, "textDocument/diagnostic", {"textDocument": {"uri": URI}})
    return [
        initialize(caps, {"componentLsp": {"diagnostics": {"ignore": 5}}}),
        notification("initialized", {}),
        notification(
            "workspace/didChangeConfiguration",
            {"settings": {"componentLsp": {"diagnostics": {"ignore": ["Lint.UnquotedEnvValue"]}}}},
        ),
        notification(
            "textDocument/didOpen",
            {"textDocument": {"uri": URI, "languageId": "ecs-component", "version": 1, "text": TEXT}},
        ),
        diagnostic,
        request(10, "textDocument/hover", at(2, 1)),
        request(11, "textDocument/completion", at(2, 1)),
        request(
            12,
            "textDocument/codeAction",
            {
                "textDocument": {"uri": URI},
                "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}},
                "context": {"diagnostics": []},
            },
        ),
        change(2, [edit(2, 0, 2, 3, "RUN")]),
        change(3, [edit(3, 10, 3, 10, " /tmp/"), edit(0, 0, 1, 0, "")]),
        {**diagnostic, "id": 3},
        change(4, [edit(0, 0, 0, 0, "RUN a \\\n")]),
        change(5, [{"text": "RUN ok\nRESTART\n"}]),
        change(6, [edit(0, 0, 0, 0, "x")], uri="file:///not/open.component"),
        {**diagnostic, "id": 4},
        request(13, "textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": "x"}}),
        notification("textDocument/didOpen", {"textDocument": {"uri": URI}}),
        notification("textDocument/didClose", {"textDocument": {"uri": URI}}),
    ]


@pytest.mark.parametrize("client", ALL_CLIENTS)
def test_the_first_messages_get_the_same_answers_from_either(client):
    messages = session_messages(client_caps(client))
    written, handover = early(messages)
    assert handover.pending is None  # it answered every one, up to the end of the input
    assert handover.answered == len(messages)
    expected = pygls(messages)

    # Requests to the client differ in their ids only (the early start's own, whose answers it drops).
    def requests(messages):
        return [(m["method"], m.get("params")) for m in messages if "method" in m and "id" in m]

    assert requests(written) == requests(expected)
    assert ("client/registerCapability" in [method for method, _ in requests(written)]) == handover.session.client.watch
    assert all(m["id"].startswith("component-lsp-early-") for m in written if "method" in m and "id" in m)
    written = [m for m in written if not ("method" in m and "id" in m)]
    expected = [m for m in expected if not ("method" in m and "id" in m)]
    assert written == expected
    answers = {m["id"]: m for m in expected if "id" in m}
    assert "RUN" in answers[10]["result"]["contents"]["value"]
    assert answers[11]["result"]["items"] and answers[12]["result"][0]["kind"] == "quickfix"
    assert answers[13]["error"]["code"] == -32602  # InvalidParams, from the table
    logs = [m["params"]["message"] for m in expected if m.get("method") == "window/logMessage"]
    assert any("ignored textDocument/didOpen: the parameters could not be read" in m for m in logs)
    if handover.session.client.pull:
        assert [answers[i]["result"]["kind"] for i in (2, 3, 4)] == ["full", "full", "full"]
    else:
        assert sum(m.get("method") == "textDocument/publishDiagnostics" for m in expected) >= 6


@pytest.mark.parametrize(
    "message",
    [
        {"jsonrpc": "2.0", "id": 7, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 3}},
        {"jsonrpc": "2.0", "id": 7, "result": None},
        {"jsonrpc": "2.0", "id": None, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": URI}}},
        {"jsonrpc": "1.0", "method": "initialized"},
        request(7, "textDocument/typeDefinition", at(0, 0)),
    ],
)
def test_what_is_not_the_tables_goes_to_pygls_untouched(message):
    opened = notification(
        "textDocument/didOpen",
        {"textDocument": {"uri": URI, "languageId": "ecs-component", "version": 1, "text": TEXT}},
    )
    written, handover = early([initialize(client_caps(PULLING)), opened, message, opened])
    assert [m.get("id") for m in written] == [1]  # a pulling client: no publish
    assert json.loads(handover.pending) == message
    assert handover.answered == 2


def test_new_settings_ask_for_a_refresh_and_its_answer_is_dropped():
    caps = {"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": True}}}
    settings = notification("workspace/didChangeConfiguration", {"settings": {}})
    pulled = request(2, "textDocument/diagnostic", {"textDocument": {"uri": URI}})
    opened = notification(
        "textDocument/didOpen",
        {"textDocument": {"uri": URI, "languageId": "ecs-component", "version": 1, "text": TEXT}},
    )
    answer = {"jsonrpc": "2.0", "id": "component-lsp-early-1", "result": None}
    written, handover = early([initialize(caps), opened, pulled, settings, answer])
    assert [m.get("id") for m in written] == [1, 2, "component-lsp-early-1"]
    assert written[2]["method"] == "workspace/diagnostic/refresh"
    assert handover.pending is None and handover.session.project.configured == 1  # the answer was taken and dropped


def test_before_initialize_requests_are_refused_and_notifications_dropped():
    opened = notification(
        "textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "x", "version": 1, "text": ""}}
    )
    hover = request(5, "textDocument/hover", at(0, 0))
    written, handover = early([opened, hover, initialize({})])
    assert written[0] == {
        "jsonrpc": "2.0",
        "id": 5,
        "error": {"code": -32002, "message": "textDocument/hover: the server is not initialized"},
    }
    assert written == pygls([opened, hover, initialize({})])
    assert handover.session.documents == {} and handover.session.initialized


def test_a_second_initialize_is_refused():
    written, _ = early([initialize({}), initialize({})])
    assert [m.get("error", {}).get("code") for m in written] == [None, -32600]


def test_bytes_that_are_not_a_message_go_to_pygls():
    out = io.BytesIO()
    garbage = b"Content-Length: 5\r\n\r\n{oops"
    handover = EarlyServer(Frames(io.BytesIO(frame(initialize({})) + garbage)), out, threading.Event()).serve()
    assert handover.pending == b"{oops" and len(unframe(out.getvalue())) == 1


def test_json_nested_too_deep_goes_to_pygls():
    """Found by tests/protocol/test_protocol_faults.py: json.loads raised RecursionError, which ended the early start and the process."""
    deep = b"[" * 100_000 + b"]" * 100_000
    handover = EarlyServer(
        Frames(io.BytesIO(frame(initialize({})) + b"Content-Length: %d\r\n\r\n" % len(deep) + deep)),
        io.BytesIO(),
        threading.Event(),
    ).serve()
    assert handover.pending == deep


def test_it_stops_at_the_first_message_after_pygls_has_loaded():
    loaded = threading.Event()
    loaded.set()
    message = initialize({})
    handover = EarlyServer(Frames(io.BytesIO(frame(message))), io.BytesIO(), loaded).serve()
    assert json.loads(handover.pending) == message and handover.answered == 0


def test_pygls_takes_over_the_session_and_answers_the_rest():
    caps = client_caps("visual-studio-code", ["utf-8"])
    opened = notification(
        "textDocument/didOpen",
        {"textDocument": {"uri": URI, "languageId": "ecs-component", "version": 1, "text": TEXT}},
    )
    shutdown = {"jsonrpc": "2.0", "id": 2, "method": "shutdown"}
    written, handover = early(
        [initialize(caps, {"componentLsp": {"diagnostics": {"ignore": ["Lint.*"]}}}), opened, shutdown]
    )
    assert [m.get("method") for m in written[1:]] == ["textDocument/publishDiagnostics"]
    server.session = handover.session
    kept = Kept()
    server.protocol.set_writer(kept)
    server.protocol.handle_message(json.loads(handover.pending, object_hook=server.protocol.structure_message))
    hover = request(3, "textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": 2, "character": 1}})
    server.protocol.handle_message(json.loads(json.dumps(hover), object_hook=server.protocol.structure_message))
    answers = unframe(kept.data)
    assert answers[0] == {"jsonrpc": "2.0", "id": 2, "result": None}
    assert answers[1]["error"]["code"] == -32600  # after shutdown: refused, by the same session
    assert server.session.settings.ignore == ("Lint.*",) and server.session.shut_down and server.exit_status == 0


@pytest.mark.slow
def test_a_real_start_answers_early_and_hands_over():
    """All at once down the pipe, as an editor that has a file open sends it: early start, hand-over, pygls."""
    opened = notification(
        "textDocument/didOpen",
        {"textDocument": {"uri": URI, "languageId": "ecs-component", "version": 1, "text": TEXT}},
    )
    hover = request(2, "textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": 2, "character": 1}})
    shutdown = {"jsonrpc": "2.0", "id": 3, "method": "shutdown"}
    messages = [
        initialize(client_caps("visual-studio-code")),
        notification("initialized", {}),
        opened,
        hover,
        shutdown,
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    done = subprocess.run(
        [sys.executable, "-m", "component_lsp", "--log-level", "INFO"],
        input=b"".join(map(frame, messages)),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    written = unframe(done.stdout)
    assert [m["id"] for m in written if "id" in m and "method" not in m] == [1, 2, 3]  # one answer each
    assert [m["method"] for m in written if "id" in m and "method" in m] == [
        "client/registerCapability"
    ]  # VS Code watches files for us
    published = [m for m in written if m.get("method") == "textDocument/publishDiagnostics"]
    assert len(published) == 1 and published[0]["params"]["version"] == 1 and published[0]["params"]["diagnostics"]
    answers = {m["id"]: m for m in written if "id" in m}
    assert "RUN" in answers[2]["result"]["contents"]["value"] and answers[3]["result"] is None
    assert "early start answered 4 messages" in done.stderr.decode()


@pytest.mark.slow
@pytest.mark.parametrize(("shutdown_first", "status"), [(True, 0), (False, 1)])
def test_exit_without_shutdown_ends_with_status_1(shutdown_first, status):
    """LSP: exit ends the process with 0 after a shutdown request, 1 without (pygls alone ended with 0 either way)."""
    messages = [initialize({})]
    if shutdown_first:
        messages.append({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    messages.append({"jsonrpc": "2.0", "method": "exit"})
    done = subprocess.run(
        [sys.executable, "-m", "component_lsp"],
        input=b"".join(map(frame, messages)),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == status, done.stderr.decode()
    assert [m["id"] for m in unframe(done.stdout)] == [1, 2][: len(messages) - 1]


def test_a_request_cancelled_while_it_waits_is_answered_cancelled_and_not_worked_out():
    """$/cancelRequest cancels a request still waiting in the input: a hover and its cancel read together get
    RequestCancelled; a hover whose cancel names another id is answered."""
    cancel = notification("$/cancelRequest", {"id": 5})
    written, handover = early(
        [
            initialize(client_caps("neovim")),
            notification("initialized", {}),
            notification(
                "textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "x", "version": 1, "text": TEXT}}
            ),
            request(5, "textDocument/hover", at(2, 1)),
            request(6, "textDocument/hover", at(2, 1)),
            cancel,
            request("5", "textDocument/hover", at(2, 1)),  # a string id is another request than the number 5
        ]
    )
    answers = {m["id"]: m for m in written if "id" in m and "method" not in m}
    assert answers[5]["error"]["code"] == -32800 and "result" not in answers[5]
    assert answers[6]["result"]["contents"]["value"].startswith("**RUN**")
    assert json.loads(handover.pending) == cancel  # pygls takes the cancel itself, which finds nothing to cancel


def test_frames_see_a_waiting_cancellation_by_its_id():
    stream = b"".join(frame(m) for m in [request(1, "x", {}), notification("$/cancelRequest", {"id": "a b"})])
    frames = Frames(io.BytesIO(stream + frame(notification("$/cancelRequest", {"id": 3}))[:-3]))
    assert frames.message() is not None  # the request is read: the cancels wait
    assert frames.cancelled("a b") and not frames.cancelled("a") and not frames.cancelled(1)
    assert not frames.cancelled(3)  # its frame is not whole: not read as a cancel


def test_pygls_sees_a_waiting_cancellation_too():
    """After the hand-over pygls delivers: a request whose cancel waits in the input is answered cancelled."""
    frames = Frames(io.BytesIO(b""))
    frames.push(frame(notification("$/cancelRequest", {"id": 5})))
    server.component_protocol.frames = frames
    try:
        opened = {"textDocument": {"uri": URI, "languageId": "x", "version": 1, "text": TEXT}}
        written = pygls(
            [
                initialize(client_caps("neovim")),
                notification("textDocument/didOpen", opened),
                request(5, "textDocument/hover", at(2, 1)),
                request(6, "textDocument/hover", at(2, 1)),
            ]
        )
    finally:
        server.component_protocol.frames = None
    answers = {m["id"]: m for m in written if "id" in m and "method" not in m}
    assert answers[5]["error"]["code"] == -32800 and "result" in answers[6]


def test_a_handler_added_the_pygls_way_is_refused_at_start_up_not_served_unadvertised():
    from lsprotocol import types

    from component_lsp.server import ComponentServer, check_features

    other = ComponentServer()
    check_features(other)  # the table's methods and shutdown: nothing to refuse

    @other.feature(types.TEXT_DOCUMENT_SELECTION_RANGE)
    def selection_range(ls, params):
        return []

    with pytest.raises(RuntimeError, match=r"textDocument/selectionRange registered with @server\.feature"):
        check_features(other)


@pytest.mark.parametrize("shown", [[1, 2], [1], None])
def test_a_diagnostics_tags_go_only_to_a_client_that_shows_them(shown):
    """A template's deprecated FROM is a hint tagged Deprecated, for a client whose tagSupport lists it."""
    caps = {} if shown is None else {"textDocument": {"publishDiagnostics": {"tagSupport": {"valueSet": shown}}}}
    item = {"uri": "file:///w/site.imagetemplate", "languageId": "ecs-template", "version": 1}
    written, _ = early(
        [initialize(caps), notification("textDocument/didOpen", {"textDocument": {**item, "text": "FROM IMAGE:m-1\n"}})]
    )
    (published,) = [m["params"]["diagnostics"] for m in written if m.get("method") == "textDocument/publishDiagnostics"]
    (found,) = published
    assert found["code"] == "Lint.FromIgnored" and found["severity"] == 4
    assert found.get("tags") == ([2] if shown and 2 in shown else None)


YAML_TASK = "Tasks:\n  - Name: a\n    Action: RunSh\n"


def accept(line: str, cursor: int, entry: dict) -> str:
    """The line after a client accepts ``entry`` with the cursor at ``cursor`` (ASCII)."""
    if "textEdit" in entry:
        edit = entry["textEdit"]
        return line[: edit["range"]["start"]["character"]] + edit["newText"] + line[edit["range"]["end"]["character"] :]
    return re.sub(r"\w*$", "", line[:cursor]) + entry["insertText"] + line[cursor:]  # in place of the word before


@pytest.mark.parametrize(
    "client,uri,text,typed,label,sent,line_after",
    [
        # the word before the cursor: insertText (no textEdit) to a client without insertReplaceSupport
        (EGLOT, "a.component.yaml", YAML_TASK, "    Action: RunSh", "RunShellCommand", "insertText", None),
        ("neovim", "a.component", "ENV A=1\nru", "ru", "RUN", "insertText", "RUN ${1:command}"),
        # VS Code replaces by the server's ranges: it keeps the textEdit
        ("visual-studio-code", "a.component", "ENV A=1\nru", "ru", "RUN", "textEdit", "RUN ${1:command}"),
        # the cursor inside a word (the client's word would be longer than the range): the textEdit, to every client
        (EGLOT, "a.component", "ENV AB=1\nRUN echo $AX", "RUN echo $A", "AB", "textEdit", "RUN echo $ABX"),
    ],
)
def test_a_completion_edits_the_word_the_client_replaces(client, uri, text, typed, label, sent, line_after):
    """eglot 1.9 garbles a line with an item's textEdit when its flex matching matches other items too; an item
    that replaces exactly the word before the cursor is sent as insertText, which every client applies alike."""
    uri = "file:///w/" + uri
    language = "ecs-component-yaml" if uri.endswith(".yaml") else "ecs-component"
    line = text.count("\n", 0, text.index(typed))
    item = {"uri": uri, "languageId": language, "version": 1, "text": text}
    position = {"textDocument": {"uri": uri}, "position": {"line": line, "character": len(typed)}}
    written, _ = early(
        [
            initialize(client_caps(client)),
            notification("textDocument/didOpen", {"textDocument": item}),
            request(2, "textDocument/completion", position),
        ]
    )
    (answer,) = [m["result"] for m in written if m.get("id") == 2]
    (entry,) = [e for e in answer["items"] if e["label"] == label]
    assert sent in entry and ({"insertText", "textEdit"} - {sent}).isdisjoint(entry)
    line_text = text.split("\n")[line]
    assert accept(line_text, len(typed), entry) == (line_after or typed[: typed.rindex(" ") + 1] + label)


@pytest.mark.parametrize("links", [True, False])
def test_a_definition_is_a_location_link_only_for_a_client_with_link_support(links):
    caps = {"textDocument": {"definition": {"linkSupport": links}}}
    item = {"uri": URI, "languageId": "ecs-component", "version": 1, "text": "ENV APP=/opt\nRUN cd $APP\n"}
    written, _ = early(
        [
            initialize(caps),
            notification("textDocument/didOpen", {"textDocument": item}),
            request(2, "textDocument/definition", at(1, 9)),
        ]
    )
    (found,) = [m["result"] for m in written if m.get("id") == 2]
    name = {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 7}}
    if links:
        use = {"start": {"line": 1, "character": 8}, "end": {"line": 1, "character": 11}}
        assert found == [
            {"originSelectionRange": use, "targetUri": URI, "targetRange": name, "targetSelectionRange": name}
        ]
    else:
        assert found == [{"uri": URI, "range": name}]


@pytest.mark.parametrize("details", [True, False])
def test_the_detail_goes_beside_the_label_for_a_client_with_label_details(details):
    caps = {"textDocument": {"completion": {"completionItem": {"labelDetailsSupport": details}}}}
    item = {"uri": URI, "languageId": "ecs-component", "version": 1, "text": "ENV APP=/opt\nRUN cd $A\n"}
    written, _ = early(
        [
            initialize(caps),
            notification("textDocument/didOpen", {"textDocument": item}),
            request(2, "textDocument/completion", at(1, 9)),
        ]
    )
    (found,) = [m["result"]["items"] for m in written if m.get("id") == 2]
    (app,) = [entry for entry in found if entry["label"] == "APP"]
    assert app["detail"]
    assert app.get("labelDetails") == ({"description": app["detail"]} if details else None)


@pytest.mark.parametrize(
    "name,language,text,code",
    [
        (
            "a.component.yaml",
            "ecs-component-yaml",
            "Parameters:\n  p:\n    Type: String\nTasks:\n  - Name: t\n    Action: Reboot\n",
            "Lint.UnusedParameter",
        ),
        ("a.component", "ecs-component", "CMD a\nCMD b\n", "Lint.DuplicateInstruction"),
    ],
)
@pytest.mark.parametrize("shown", [[1, 2], [2], None])
def test_dead_text_is_tagged_unnecessary_for_a_client_that_fades_it(name, language, text, code, shown):
    """An unused parameter, a CMD that does not count: the Unnecessary tag (1), for a client whose tagSupport lists it."""
    caps = {} if shown is None else {"textDocument": {"publishDiagnostics": {"tagSupport": {"valueSet": shown}}}}
    item = {"uri": "file:///w/" + name, "languageId": language, "version": 1, "text": text}
    written, _ = early([initialize(caps), notification("textDocument/didOpen", {"textDocument": item})])
    (published,) = [m["params"]["diagnostics"] for m in written if m.get("method") == "textDocument/publishDiagnostics"]
    (found,) = [d for d in published if d["code"] == code]
    assert found.get("tags") == ([1] if shown and 1 in shown else None)
