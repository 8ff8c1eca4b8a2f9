"""JSON-RPC messages as text, with room for JSON that was serialised before (``Raw``).

The server keeps each diagnostic's JSON text while its instruction is
unchanged; a message is then put together from those texts instead of
serialising every diagnostic again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

# JSON-RPC and LSP error codes.
INVALID_REQUEST, METHOD_NOT_FOUND, INVALID_PARAMS, SERVER_NOT_INITIALIZED = -32600, -32601, -32602, -32002


@dataclass(frozen=True, slots=True)
class Raw:
    """A JSON text, to be put into a message as it is."""

    text: str

    @property
    def data(self):
        return json.loads(self.text)


def dumps(value) -> str:
    return value.text if isinstance(value, Raw) else json.dumps(value)


def array(texts: Iterable[str]) -> Raw:
    return Raw("[" + ",".join(texts) + "]")


def obj(**fields) -> Raw:
    """A JSON object from fields (in order) that may be ``Raw``; None fields are left out."""
    return Raw("{" + ",".join(f"{json.dumps(k)}:{dumps(v)}" for k, v in fields.items() if v is not None) + "}")


def response(ident, result) -> str:
    return '{"jsonrpc":"2.0","id":%s,"result":%s}' % (json.dumps(ident), dumps(result))


def error(ident, code: int, message: str) -> str:
    return json.dumps({"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}})


def notification(method: str, params) -> str:
    return '{"jsonrpc":"2.0","method":%s,"params":%s}' % (json.dumps(method), dumps(params))


def frame(body: str) -> bytes:
    """A message with its header, as LSP's base protocol sends it."""
    data = body.encode()
    return b"Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" % len(data) + data
