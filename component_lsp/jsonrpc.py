"""JSON-RPC messages as bytes, put together from pieces, some of them serialised before (``Raw``).

The server keeps each diagnostic's JSON text while its instruction is
unchanged; a message is then put together from those pieces instead of
serialising every diagnostic again, and joined once, when it is framed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import NamedTuple

Message = list[bytes]  # the pieces of one message's JSON text


def is_id(value) -> bool:
    """A request id as JSON-RPC allows it: a number or a string."""
    return isinstance(value, (int, str)) and not isinstance(value, bool)


class Raw(NamedTuple):
    """A JSON value as pieces of its text, to be put into a message as they are."""

    parts: list[bytes]

    @property
    def data(self):
        return json.loads(b"".join(self.parts))


_ENCODER = json.JSONEncoder(separators=(",", ":"))  # no spaces: a large answer (an outline of 1 MB) is a fifth smaller


def encode(value) -> bytes:
    """One JSON text (ASCII, so its bytes are its text)."""
    return _ENCODER.encode(value).encode()


def _parts(value) -> list[bytes]:
    return value.parts if isinstance(value, Raw) else [encode(value)]


def array(texts: Iterable[bytes]) -> Raw:
    return Raw([b"[", b",".join(texts), b"]"])


_KEYS: dict[str, bytes] = {}  # a field name's JSON text: the few names of LSP's answers, written on every answer


def obj(**fields) -> Raw:
    """A JSON object from fields (in order) that may be ``Raw``; None fields are left out."""
    parts = [b"{"]
    for key, value in fields.items():
        if value is not None:
            name = _KEYS.get(key)
            if name is None:
                name = _KEYS[key] = encode(key)
            parts += [b"," if len(parts) > 1 else b"", name, b":", *_parts(value)]
    parts.append(b"}")
    return Raw(parts)


def response(ident, result) -> Message:
    return [b'{"jsonrpc":"2.0","id":', encode(ident), b',"result":', *_parts(result), b"}"]


def error(ident, code: int, message: str) -> Message:
    return [encode({"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}})]


def request(ident, method: str, params) -> Message:
    return [
        b'{"jsonrpc":"2.0","id":',
        encode(ident),
        b',"method":',
        encode(method),
        b',"params":',
        *_parts(params),
        b"}",
    ]


def notification(method: str, params) -> Message:
    return [b'{"jsonrpc":"2.0","method":', encode(method), b',"params":', *_parts(params), b"}"]


def frame(message: Message) -> bytes:
    """A message with its header, as LSP's base protocol sends it."""
    header = b"Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" % sum(
        map(len, message)
    )
    return b"".join([header, *message])  # one copy of a large answer (an outline of 1 MB is 5 MB), not two
