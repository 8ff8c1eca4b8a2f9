"""What more than one test module uses: the repository's folders, the clients, frames.

``wire`` drives the real server byte by byte; ``generators`` draws Dockerfile-format text.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CORPUS = ROOT / "tests" / "agreement" / "corpus"

# The two editors the project is tested with, by pytest-lsp's names for their capabilities.
EDITORS = ["visual-studio-code", "neovim"]
# Emacs's eglot 1.9 (Debian 12's elpa-eglot), its capabilities as it sent them: plain text only, no snippets, no
# resolve, Deprecated and Unnecessary tags.
EGLOT = "eglot@1.9"
# Older or other clients, for what depends on the client's capabilities (snippets, encodings, markup).
OTHER_CLIENTS = ["neovim@v0.10.0", EGLOT, "emacs"]
# VS Code as it is now (pytest-lsp's profile is 1.65): it pulls diagnostics and can be told to pull again, the one
# kind of client the server has pull (the others get them pushed).
PULLING = "visual-studio-code@pull"
# The clients a test of the server through its wire runs with: both editors (pushed to) and VS Code as it pulls.
WIRE_CLIENTS = [*EDITORS, PULLING]
# The clients the pytest-lsp fixture starts the server for: those, an older Neovim and eglot.
LSP_CLIENTS = [*EDITORS, "neovim@v0.10.0", EGLOT, PULLING]
# Every client profile there is.
ALL_CLIENTS = [*EDITORS, *OTHER_CLIENTS, PULLING]


def client_capabilities(client: str):
    """pytest-lsp's capabilities of a client, and of ``PULLING`` and ``EGLOT``."""
    from lsprotocol import converters, types
    from pytest_lsp import client_capabilities as known

    if client == EGLOT:
        captured = json.loads((Path(__file__).parent / "clients" / "eglot_v1.9.json").read_text(encoding="utf-8"))
        return converters.get_converter().structure(captured, types.ClientCapabilities)
    if client != PULLING:
        return known(client)
    caps = known("visual-studio-code")
    caps.text_document.diagnostic = types.DiagnosticClientCapabilities(
        dynamic_registration=True, related_document_support=False
    )
    caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return caps


def frame(message: dict | bytes, header: bytes = b"Content-Length: %d\r\n\r\n") -> bytes:
    """One LSP frame: a message (as JSON) or a body, behind a header (``%d`` for its length)."""
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return (header % len(body) if b"%d" in header else header) + body


def unframe(data: bytes) -> list[dict]:
    """The messages of a stream of well-made frames."""
    out = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        length = int(
            next(line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")).split(b":")[1]
        )
        out.append(json.loads(rest[:length]))
        data = rest[length:]
    return out


def content(text: str, name: str = "file:///work/app.component"):
    """A document as the server opens it: in the format its name and text say."""
    from component_lsp.formats import open_text

    return open_text(text, name)


def edit_lsp(document, start: tuple[int, int], end: tuple[int, int], text: str, encoding: str):
    """Replace text between LSP positions (line, character in ``encoding``), as a didChange does."""
    model = document.source
    return document.edit(model.to_model(*start, encoding), model.to_model(*end, encoding), text)


def indexed(roots: list[str], timeout: float = 120):
    """A workspace index of these folders, walked as the server walks them (on the index's thread) to the end."""
    import threading
    import time

    from component_lsp.workspace.index import Index

    index, woken = Index(), threading.Event()
    index.start(roots, woken.set)  # woken as files come (for the count of its progress) and at the end
    deadline = time.monotonic() + timeout
    while True:
        assert woken.wait(max(0.0, deadline - time.monotonic())), "the walk did not end"
        woken.clear()
        if index.take():
            return index
