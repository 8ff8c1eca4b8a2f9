"""A bare LSP client on a subprocess's stdio, for timing: no framework between the clock and the pipe.

pygls's client (which pytest-lsp uses) turns every message into lsprotocol
objects on arrival; that costs more than some of the round trips measured
here, so the benchmark speaks JSON-RPC itself. It reads on the calling
thread (no reader thread to hand messages over), answers any request the
server sends with ``null``, and keeps every notification it is not waiting
for.

A time ends when the last byte of the answer is read from the pipe, before
the client parses it: parsing is the client's work, whoever the server is
(a 42 KB publish takes Python's ``json`` 0.45 ms, an editor's parser a
fraction of that).
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import subprocess
import time


class ServerGone(RuntimeError):
    """The server closed its output or did not answer in time."""


class Client:
    def __init__(
        self, argv: list[str], env: dict[str, str] | None = None, stderr=subprocess.DEVNULL, cwd: str | None = None
    ) -> None:
        self.spawned = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, env=env, cwd=cwd
        )
        self._out = self.proc.stdout.fileno()
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._out, selectors.EVENT_READ)
        self._buffer = bytearray()
        self._next_id = 0
        self._read_at = self.spawned
        self.notifications: list[dict] = []
        self.answers: dict = {}  # a request's method -> what answers it from its params (else null)
        self.arrived = self.spawned  # when the last byte of the message wait_for returned was read

    # -- wire -----------------------------------------------------------------
    def send(self, message: dict) -> None:
        body = json.dumps(message, separators=(",", ":")).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _frame(self) -> dict | None:
        """One complete message from the buffer, or None."""
        end = self._buffer.find(b"\r\n\r\n")
        if end < 0:
            return None
        length = None
        for header in bytes(self._buffer[:end]).split(b"\r\n"):
            name, _, value = header.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            raise ServerGone(f"a message without Content-Length: {bytes(self._buffer[:end])!r}")
        if len(self._buffer) < end + 4 + length:
            return None
        body = bytes(self._buffer[end + 4 : end + 4 + length])
        del self._buffer[: end + 4 + length]
        return json.loads(body)

    def receive(self, deadline: float) -> dict:
        """The next message; ``self.arrived`` is when the read that completed it returned."""
        while True:
            message = self._frame()
            if message is not None:
                if "method" in message and "id" in message:  # a request from the server
                    answer = self.answers.get(message["method"])
                    result = answer(message.get("params")) if answer is not None else None
                    self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})
                    continue
                self.arrived = self._read_at
                return message
            left = deadline - time.perf_counter()
            if left <= 0 or not self._selector.select(left):
                raise ServerGone("no answer in time")
            chunk = os.read(self._out, 1 << 20)
            self._read_at = time.perf_counter()
            if not chunk:
                raise ServerGone(f"the server closed its output (exit status {self.proc.poll()})")
            self._buffer += chunk

    def wait_for(self, wanted, timeout: float = 120.0) -> dict:
        """The first message (from now or kept earlier) for which ``wanted(message)`` is true.

        ``self.arrived`` is when its last byte was read; for one kept from earlier, now.
        """
        for index, message in enumerate(self.notifications):
            if wanted(message):
                self.arrived = time.perf_counter()
                return self.notifications.pop(index)
        deadline = time.perf_counter() + timeout
        while True:
            message = self.receive(deadline)
            if wanted(message):
                return message
            if "method" in message:
                self.notifications.append(message)

    # -- JSON-RPC -------------------------------------------------------------
    def call(self, method: str, params, timeout: float = 120.0) -> tuple[dict, float]:
        """Send a request; (response, error or not, and seconds from sending to the last byte of the response read)."""
        self._next_id += 1
        ident = self._next_id
        start = time.perf_counter()
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        response = self.wait_for(lambda m: m.get("id") == ident and "method" not in m, timeout)
        return response, self.arrived - start

    def ask(self, method: str, params) -> int:
        """Send a request without waiting for its answer (``answer`` takes it): its id."""
        self._next_id += 1
        self.send({"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params})
        return self._next_id

    def answer(self, ident: int, timeout: float = 120.0) -> dict:
        """The answer to a request sent with ``ask``; ``self.arrived`` is when its last byte was read."""
        return self.wait_for(lambda m: m.get("id") == ident and "method" not in m, timeout)

    def request(self, method: str, params) -> tuple[dict, float]:
        """Send a request; (response, seconds from sending to the last byte of the response read). An error response raises."""
        response, elapsed = self.call(method, params)
        if "error" in response:
            raise ServerGone(f"{method} failed: {response['error']}")
        return response, elapsed

    def notify(self, method: str, params) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics_for(self, uri: str, version: int | None, timeout: float = 120.0) -> dict:
        """The next publishDiagnostics for ``uri``, of ``version`` when the server sends one."""

        def wanted(m):
            if m.get("method") != "textDocument/publishDiagnostics" or m["params"]["uri"] != uri:
                return False
            sent = m["params"].get("version")
            return sent is None or version is None or sent == version

        return self.wait_for(wanted, timeout)

    def rss_mib(self) -> float:
        """Resident memory of the server process, from /proc."""
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        """shutdown, exit, and wait; kill what does not go."""
        try:
            if self.proc.poll() is None:
                self.request("shutdown", None)
                self.notify("exit", None)
                self.proc.wait(timeout=10)
        except (ServerGone, OSError, ValueError, subprocess.TimeoutExpired):  # ValueError: stdin closed already
            self.proc.kill()
            self.proc.wait()
        finally:
            self._selector.close()
            for pipe in (self.proc.stdin, self.proc.stdout):
                with contextlib.suppress(OSError):
                    pipe.close()
