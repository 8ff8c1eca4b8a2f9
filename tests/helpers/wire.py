"""The real server as a subprocess on stdio, driven byte by byte: for what a framework client cannot send."""

from __future__ import annotations

import sys
import tempfile
import time

from pygls.protocol import default_converter

from . import client_capabilities, frame
from .lspclient import Client

SERVER = [sys.executable, "-m", "component_lsp"]
URI = "file:///work/app.component"
_converter = default_converter()


def capabilities(client: str) -> dict:
    return _converter.unstructure(client_capabilities(client))


def request(ident, method: str, params=None) -> dict:
    message = {"jsonrpc": "2.0", "id": ident, "method": method}
    if params is not None:
        message["params"] = params
    return message


def notification(method: str, params=None) -> dict:
    message = {"jsonrpc": "2.0", "method": method}
    if params is not None:
        message["params"] = params
    return message


def opened(text: str, uri: str = URI, version: int = 1) -> dict:
    """A didOpen, with the language id an editor gives the file name (a YAML-format component by its suffix)."""
    language = "ecs-component-yaml" if uri.endswith((".component.yaml", ".component.yml")) else "ecs-component"
    return notification(
        "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}
    )


def at(line: int, character: int, uri: str = URI) -> dict:
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}


class Server(Client):
    """One server process and what it said."""

    def __init__(
        self,
        client: str = "visual-studio-code",
        text: str | None = None,
        initialize: bool = True,
        argv: list[str] = SERVER,
        **kwargs,
    ) -> None:
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close) not a pipe: a server that logs much must not block on it
        super().__init__(argv, stderr=self.errors, **kwargs)
        self.caps = capabilities(client)
        self.pull = "diagnostic" in (self.caps.get("textDocument") or {})
        if initialize:
            self.write(
                request(0, "initialize", {"processId": None, "rootUri": None, "capabilities": self.caps}),
                notification("initialized", {}),
            )
            self.initialized = self.until(0)[1]
        if text is not None:
            self.write(opened(text))

    def write(self, *messages) -> None:
        self.proc.stdin.write(b"".join(m if isinstance(m, bytes) else frame(m) for m in messages))
        self.proc.stdin.flush()

    def until(self, ident, timeout: float = 60.0) -> tuple[list[dict], dict]:
        """Everything the server sends up to the response to ``ident``: (what came before it, the response)."""
        before, self.notifications = self.notifications, []
        deadline = time.perf_counter() + timeout
        while True:
            message = self.receive(deadline)
            if message.get("id") == ident and "method" not in message:
                return before, message
            before.append(message)

    def ask(self, ident, method: str, params=None, timeout: float = 60.0) -> tuple[list[dict], dict]:
        self.write(request(ident, method, params))
        return self.until(ident, timeout)

    def diagnostics(self, uri: str = URI, timeout: float = 60.0) -> tuple[list[dict], list[dict]]:
        """(what came before, the document's diagnostics as pulled now): a barrier that also reads the document's state."""
        before, response = self.ask("pull", "textDocument/diagnostic", {"textDocument": {"uri": uri}}, timeout)
        return before, response["result"]["items"]

    def close(self) -> None:
        super().close()
        self.logged = self.stderr()
        self.errors.close()

    def stderr(self) -> str:
        """What the server wrote to stderr (its logs), so far or in all once closed."""
        if self.errors.closed:
            return self.logged
        self.errors.seek(0)
        return self.errors.read().decode(errors="replace")

    def finish(self) -> int:
        """shutdown, exit: the exit status."""
        self.ask("bye", "shutdown")
        self.write(notification("exit"))
        self.proc.stdin.close()
        return self.proc.wait(timeout=60)


def logs(messages: list[dict]) -> list[str]:
    return [m["params"]["message"] for m in messages if m.get("method") == "window/logMessage"]


def codes(items: list[dict]) -> list[str]:
    return sorted(d["code"] for d in items)
