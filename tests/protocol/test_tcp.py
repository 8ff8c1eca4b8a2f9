"""--tcp serves the same protocol on a socket."""

import json
import socket
import subprocess
import sys
import time

import pytest

from helpers import frame

pytestmark = pytest.mark.slow  # the quick loop (-m 'not slow') leaves this module out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_message(conn: socket.socket) -> dict:
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    head, _, rest = data.partition(b"\r\n\r\n")
    length = int(
        next(line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")).split(b":")[1]
    )
    while len(rest) < length:
        rest += conn.recv(65536)
    return json.loads(rest[:length])


def test_tcp_initialize_round_trip():
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "component_lsp", "--tcp", "--port", str(port)], stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                conn = socket.create_connection(("127.0.0.1", port), timeout=30)
                break
            except ConnectionRefusedError:
                assert time.monotonic() < deadline, "server did not listen"
                time.sleep(0.1)
        with conn:
            conn.sendall(
                frame(
                    {
                        "jsonrpc": "2.0",
                        "id": 1,
                        "method": "initialize",
                        "params": {"processId": None, "rootUri": None, "capabilities": {}},
                    }
                )
            )
            reply = read_message(conn)
            assert reply["id"] == 1
            assert reply["result"]["serverInfo"]["name"] == "component-lsp"
            assert reply["result"]["capabilities"]["hoverProvider"]
    finally:
        proc.kill()
        proc.wait(timeout=30)
