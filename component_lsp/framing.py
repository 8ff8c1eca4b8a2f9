"""LSP messages off a byte stream, and back on the rails after a framing fault.

The base protocol frames every message as headers, an empty line and a body
of ``Content-Length`` bytes. pygls reads that strictly: a header line with
anything before ``Content-Length``, a length that is too short or too long,
leaves it reading bodies as headers and headers as bodies, and the messages
that follow are lost without a word. A length of a few gigabytes makes it
allocate that much before it reads a byte.

``Frames`` reads the client's bytes leniently (any case, ``\\n`` or
``\\r\\n``, junk before a header) and in chunks, and cuts a body short where
the next message's ``Content-Length`` header shows inside it: a JSON text
cannot hold one (a raw line break is not allowed in a JSON string), so a body
that does was framed with the wrong length. What it cut is handed on as it
is, to be answered as a message that is not JSON; the next message is read
as if nothing had happened. The early start reads bodies with ``message``;
pygls reads clean ``Content-Length`` frames of the same bodies with
``readline`` and ``read``, its own reader's calls.
"""

from __future__ import annotations

import json
import re
from typing import BinaryIO

HEADER = re.compile(rb"content-length[ \t]*:[ \t]*(\d+)[ \t]*\r?\n", re.IGNORECASE)
NEXT = re.compile(rb"Content-Length:[ \t]*\d+[ \t]*\r?\n", re.IGNORECASE)  # another message's header, inside a body
CANCEL = b"$/cancelRequest"
_DECODER = json.JSONDecoder()
CHUNK = 1 << 20  # the most read from the stream at once
OVERLAP = 64  # bytes of a body searched again with each chunk, for a header cut by the chunk's start


class Frames:
    """The messages of a byte stream: ``message()`` for bodies, or ``readline``/``read`` for clean frames."""

    def __init__(self, stream: BinaryIO) -> None:
        self._read = getattr(stream, "read1", stream.read)
        self.buffer = bytearray()  # read from the stream, not yet framed
        self.frames = bytearray()  # clean frames not yet read by pygls
        self.ended = False

    def _fill(self) -> bool:
        """Read what the stream has (blocking for at least a byte); False at its end."""
        if self.ended:
            return False
        chunk = self._read(CHUNK)
        if not chunk:
            self.ended = True
            return False
        self.buffer += chunk
        return True

    def _line(self) -> bytes | None:
        while (end := self.buffer.find(b"\n")) < 0:
            if not self._fill():
                return None
        line = bytes(self.buffer[: end + 1])
        del self.buffer[: end + 1]
        return line

    def _length(self) -> int | None:
        """Read headers up to the empty line that ends them: the body's length (None at the end of the stream).

        Lines before a ``Content-Length`` header are skipped, and so is an
        empty line with no length before it; the last length given counts.
        """
        length = None
        while (line := self._line()) is not None:
            if match := HEADER.search(line):
                digits = match.group(1)  # int() refuses more than 4,300 digits; no body is 10**18 bytes long
                length = int(digits) if len(digits) <= 18 else 10**18
            elif length is not None and not line.strip():
                return length
        return None

    def message(self) -> bytes | None:
        """The next message's body; None when the stream has ended (a body cut short by its end included)."""
        length = self._length()
        if length is None:
            return None
        searched = 0
        while True:
            found = NEXT.search(self.buffer, max(0, searched - OVERLAP), min(len(self.buffer), length + OVERLAP))
            if (
                found is not None and found.start() < length
            ):  # the length was wrong: the body ends where the next message starts
                length = found.start()
                break
            if len(self.buffer) >= length:
                break
            searched = len(self.buffer)
            if not self._fill():
                return None
        body = bytes(self.buffer[:length])
        del self.buffer[:length]
        return body

    def cancelled(self, ident: object) -> bool:
        """Whether a ``$/cancelRequest`` for a request with this id waits in what has been read but not handed on:
        the client gave the request up before the server came to it. Costs a search of the bytes waiting (which
        are seldom more than a message) for the method's name."""
        at = self.buffer.find(CANCEL)
        while at >= 0:
            start = max(self.buffer.rfind(b"\n\n", 0, at) + 2, self.buffer.rfind(b"\r\n\r\n", 0, at) + 4, 0)
            end = self.buffer.find(b"Content-Length", at)
            text = bytes(self.buffer[start : end if end >= 0 else len(self.buffer)]).decode("utf-8", "replace")
            try:
                message, _ = _DECODER.raw_decode(text)
            except (ValueError, RecursionError):
                message = None
            params = message.get("params") if isinstance(message, dict) else None
            if isinstance(params, dict) and message.get("method") == "$/cancelRequest":
                given = params.get("id")
                if type(given) is type(ident) and given == ident:
                    return True
            at = self.buffer.find(CANCEL, at + 1)
        return False

    def push(self, data: bytes) -> None:
        """Put bytes back in front of what is still to be read: a message the early start did not handle."""
        self.buffer[:0] = data

    # -- what pygls reads: clean frames --------------------------------------------
    def readline(self, size: int | None = -1) -> bytes:
        if not self.frames:
            body = self.message()
            if body is None:
                return b""
            # pygls passes over an empty body without a word: a blank is answered as a body that is not JSON.
            self.frames += b"Content-Length: %d\r\n\r\n" % (len(body) or 1) + (body or b" ")
        end = self.frames.find(b"\n") + 1
        line = bytes(self.frames[:end])
        del self.frames[:end]
        return line

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            size = len(self.frames)
        data = bytes(self.frames[:size])
        del self.frames[:size]
        return data
