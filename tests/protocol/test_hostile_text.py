"""Hostile text through the real server: every feature it offers answers, within a bound, and it stays up.

Each document is opened in a server driven as VS Code and as Neovim drive
it; then every request the server's capabilities offer is sent at the
document's start, middle, end and past its end, an edit is made in its
middle, and the diagnostics are read again. The bound is a hang detector
(far above what any answer takes here; the figures are printed), not a
speed test: speed is measured by ``benchmarks/run.py``.
"""

from __future__ import annotations

import random

import pytest

from helpers import WIRE_CLIENTS
from helpers.wire import Server, at, notification, opened

pytestmark = pytest.mark.slow  # the quick loop (-m 'not slow') leaves this module out

BOUND = 60.0  # seconds: any answer slower than this is taken for a hang
rng = random.Random(5)
DOCUMENTS = {
    "random bytes as Latin-1": bytes(rng.randrange(256) for _ in range(50_000)).decode("latin-1"),
    "random bytes as UTF-8, replaced": bytes(rng.randrange(256) for _ in range(50_000)).decode("utf-8", "replace"),
    "random code points": "".join(
        chr(rng.choice([rng.randrange(0x80), rng.randrange(0x110000)])) for _ in range(20_000)
    ),
    "NUL": "\x00" * 1000 + "\nRUN \x00\x00\nENV A=\x00\n\x00RUN x\n",
    "lone surrogates": "RUN \ud800 \udfff\nENV \udbff=1\nCOPY \udc00 /a\n" * 50,
    "a 1 MB line": "RUN " + "x" * 1_000_000,
    "100,000 empty lines": "\n" * 100_000,
    "100,000 backslashes on a line": "RUN " + "\\" * 100_000 + "\n",
    "100,000 continuation lines": "RUN a \\\n" * 100_000,
    "100,000 escaped backslashes": "# escape=`\nRUN a " + "``" * 50_000 + "`\n",
    "100,000 CRs": "RUN a\r" * 100_000,
    "an open heredoc": "RUN <<EOF\n" + "x\n" * 100_000,
    "a 1 MB JSON form": 'CMD ["' + "a" * 1_000_000 + '"\n',
}
LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
)
YAML_DOCUMENTS = {  # opened as *.component.yaml
    "YAML: random bytes": bytes(rng.randrange(256) for _ in range(50_000)).decode("utf-8", "replace"),
    "YAML: deep flow nesting": "Tasks: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "YAML: deep block nesting": "Tasks:\n" + "".join(" " * i + "- \n" for i in range(0, 3000, 1)),
    "YAML: billion laughs": LAUGHS
    + "Tasks:\n  - Name: x\n    Action: RunShellCommand\n    Properties:\n      commandContent: *j\n",
    "YAML: a 1 MB line": "Tasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: "
    + "x" * 1_000_000
    + "\n",
    "YAML: tabs": "Tasks:\n\t- Name: a\n\t\tAction: Reboot\n" * 1000,
    "YAML: 5,000 tasks": "Tasks:\n"
    + "  - Name: t\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{ t.stdout }}\n" * 5000,
    "YAML: 10,000 documents": "---\nTasks: []\n" * 10_000,
}
DOCUMENTS.update(YAML_DOCUMENTS)
TERRAFORM_DOCUMENTS = {  # opened as *.tf
    "Terraform: 300 KB of resources, an unclosed heredoc at the end": (
        'resource "alicloud_ecs_image_component" "c" {\n  content = <<-EOT\n    RUN echo $${HOME}\n  EOT\n}\n' * 3000
        + 'resource "alicloud_ecs_image_pipeline" "p" {\n  build_content = <<EOF\nRUN a\n'
    ),
    "Terraform: escapes and interpolations everywhere": (
        'resource "alicloud_ecs_image_component" "c" {\n  content = "\\u00e9\\"${a}%{ if b }\\\\n${"\n}\n' * 2000
    ),
}
DOCUMENTS.update(TERRAFORM_DOCUMENTS)
# Once, for one client (VS Code's UTF-16, the dearer conversion): 600 times what the API takes, 50 s a client.
HUGE = "RUN echo hello && yum install -y pkg\n" * 280_000
timings: dict[str, float] = {}  # the slowest answer to each request
slowest: dict[str, tuple[float, str]] = {}  # and to which document


def positions(text: str) -> list[tuple[int, int]]:
    lines = text.count("\n") + text.count("\r") - text.count("\r\n")
    return [(0, 0), (0, 5), (lines // 2, 3), (lines, 0), (lines, 10**6), (2**31 - 1, 2**31 - 1)]


def requests(capabilities: dict, uri: str, line: int, character: int) -> list[tuple[str, dict]]:
    """One request for each feature the server offers: what it advertises must be in here."""
    offered = {
        "hoverProvider": [("textDocument/hover", at(line, character, uri))],
        "completionProvider": [("textDocument/completion", at(line, character, uri))],
        "codeActionProvider": [
            (
                "textDocument/codeAction",
                {"textDocument": {"uri": uri}, "range": span, "context": {"diagnostics": [], **only}},
            )
            for span in (
                {"start": {"line": line, "character": 0}, "end": {"line": line, "character": character}},
                {"start": {"line": 0, "character": 0}, "end": {"line": line, "character": character}},
            )
            for only in ({}, {"only": ["source.fixAll"]})
        ],
        "diagnosticProvider": [("textDocument/diagnostic", {"textDocument": {"uri": uri}})],
        "definitionProvider": [("textDocument/definition", at(line, character, uri))],
        "referencesProvider": [
            ("textDocument/references", {**at(line, character, uri), "context": {"includeDeclaration": True}})
        ],
        "renameProvider": [("textDocument/prepareRename", at(line, character, uri))],
        "executeCommandProvider": [],  # no commands: nothing to execute
        "documentSymbolProvider": [("textDocument/documentSymbol", {"textDocument": {"uri": uri}})],
        "foldingRangeProvider": [("textDocument/foldingRange", {"textDocument": {"uri": uri}})],
        "documentLinkProvider": [("textDocument/documentLink", {"textDocument": {"uri": uri}})],
        "documentFormattingProvider": [
            ("textDocument/formatting", {"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": True}})
        ],
        "documentRangeFormattingProvider": [
            (
                "textDocument/rangeFormatting",
                {
                    "textDocument": {"uri": uri},
                    "range": {"start": {"line": 0, "character": 0}, "end": {"line": line, "character": character}},
                    "options": {"tabSize": 4, "insertSpaces": True},
                },
            )
        ],
        "documentHighlightProvider": [("textDocument/documentHighlight", at(line, character, uri))],
        "documentOnTypeFormattingProvider": [
            (
                "textDocument/onTypeFormatting",
                {**at(line, character, uri), "ch": ch, "options": {"tabSize": 4, "insertSpaces": True}},
            )
            for ch in ("\n", "\\")
        ],
        "inlayHintProvider": [
            (
                "textDocument/inlayHint",
                {
                    "textDocument": {"uri": uri},
                    "range": {"start": {"line": 0, "character": 0}, "end": {"line": line, "character": character}},
                },
            )
        ],
    }
    features = {key for key in capabilities if key.endswith("Provider")}
    assert features <= offered.keys(), (
        f"a feature with no hostile test: {features - offered.keys()}; add its request to `offered` here, the step "
        "'tests' of 'Add a request' in docs/architecture.md"
    )
    return [r for key in sorted(features) for r in offered[key]]


@pytest.fixture(scope="module", params=WIRE_CLIENTS)
def server(request):
    server = Server(request.param)
    yield server
    assert server.finish() == 0
    server.close()
    assert "failed" not in server.stderr()


def timed(server: Server, name: str, method: str, params: dict) -> dict:
    response, seconds = server.call(method, params, timeout=BOUND)
    if seconds > timings.get(method, 0.0):
        timings[method], slowest[method] = seconds, name
    return response


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_request_answers(server: Server, name: str):
    answers(server, name, DOCUMENTS[name])


def test_every_request_answers_on_a_10_mb_document():
    server = Server(WIRE_CLIENTS[0])
    try:
        answers(server, "a 10 MB document", HUGE)
    finally:
        assert server.finish() == 0
        server.close()


def answers(server: Server, name: str, text: str) -> None:
    """Every request the server offers, at the start, middle and end of the text and past it, then an edit."""
    suffix = ".component.yaml" if name in YAML_DOCUMENTS else ".tf" if name in TERRAFORM_DOCUMENTS else ".component"
    uri = f"file:///work/hostile-{len(timings)}-{abs(hash(name))}{suffix}"
    server.notifications.clear()
    server.write(opened(text, uri))
    first = timed(server, name, "textDocument/diagnostic", {"textDocument": {"uri": uri}})
    assert first["result"]["kind"] == "full"
    capabilities = server.initialized["result"]["capabilities"]
    for line, character in positions(text):
        for method, params in requests(capabilities, uri, line, character):
            response = timed(server, name, method, params)
            assert "error" not in response, (method, line, character, response["error"])
    middle = text.count("\n") // 2
    span = {"start": {"line": middle, "character": 0}, "end": {"line": middle, "character": 0}}
    server.write(
        notification(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": span, "text": "\\\nFROM x\n"}]},
        )
    )
    again = timed(server, name, "textDocument/diagnostic", {"textDocument": {"uri": uri}})
    assert again["result"]["kind"] == "full"
    server.write(notification("textDocument/didClose", {"textDocument": {"uri": uri}}))
    assert not [m for m in server.notifications if m.get("method") == "window/logMessage"]
    assert server.proc.poll() is None


def test_the_slowest_answers_are_printed():
    assert timings, "run with the documents above"
    print(
        "\nslowest answer to hostile text, by request: "
        + ", ".join(f"{m} {s * 1000:.0f} ms ({slowest[m]})" for m, s in sorted(timings.items()))
    )
