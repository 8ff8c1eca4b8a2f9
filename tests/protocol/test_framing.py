"""Framing: every message of a byte stream is found, and a framing fault costs only the message that has it."""

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from component_lsp.framing import Frames
from helpers import frame


class Trickle(io.RawIOBase):
    """A stream that gives at most ``step`` bytes per read, as a pipe may."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step = data, step

    def readable(self) -> bool:
        return True

    def read1(self, size: int = -1) -> bytes:
        chunk, self.data = self.data[: self.step], self.data[self.step :]
        return chunk


def bodies(data: bytes, step: int | None = None) -> list[bytes]:
    frames = Frames(io.BytesIO(data) if step is None else Trickle(data, step))
    out = []
    while (body := frames.message()) is not None:
        out.append(body)
    return out


A, B, C = (
    b'{"jsonrpc":"2.0","id":1,"method":"a"}',
    b'{"jsonrpc":"2.0","method":"b","params":{}}',
    b'{"c":"\\u00e9 \\r\\n"}',
)


def test_well_framed_messages_come_out_as_they_went_in():
    data = (
        frame(A)
        + frame(B, b"Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n")
        + frame(C)
    )
    for step in (None, 1, 7, 1 << 20):
        assert bodies(data, step) == [A, B, C]


def test_headers_are_read_leniently():
    data = (
        frame(A, b"content-length:%d\n\n")
        + frame(B, b"CONTENT-LENGTH :  %d \r\n\r\n")
        + b"junk\r\n\r\n"
        + b"junk "
        + frame(C)
    )
    assert bodies(data) == [A, B, C]


def test_a_length_too_short_costs_only_that_message():
    data = frame(A, b"Content-Length: 10\r\n\r\n") + frame(B) + frame(C)
    assert bodies(data) == [A[:10], B, C]


def test_a_length_too_long_is_cut_where_the_next_message_starts():
    data = frame(A, b"Content-Length: 100\r\n\r\n") + frame(B) + frame(C)
    for step in (None, 1, 5, 40):
        assert bodies(data, step) == [A, B, C]


def test_a_huge_length_waits_for_nothing_and_allocates_nothing():
    data = frame(A, b"Content-Length: 99999999999999999999\r\n\r\n") + frame(B)
    assert bodies(data, 3) == [A, B]
    assert bodies(frame(A, b"Content-Length: 99999999999999999999\r\n\r\n")) == []  # the input ended inside the body
    assert bodies(frame(A, b"Content-Length: " + b"9" * 5000 + b"\r\n\r\n") + frame(B)) == [
        A,
        B,
    ]  # more digits than int() reads


def test_the_end_of_the_input_anywhere():
    whole = frame(A) + frame(B)
    for cut in range(len(whole) + 1):
        got = bodies(whole[:cut])
        assert got in ([], [A], [A, B]), cut
        assert got == ([A, B] if cut == len(whole) else [A] if cut >= len(frame(A)) else [])


def test_pygls_reads_clean_frames():
    frames = Frames(
        io.BytesIO(frame(A, b"content-length: %d\n\n") + frame(b"") + frame(B, b"Content-Length: 5\r\n\r\n"))
    )
    frames.push(frame(C))
    assert frames.readline() == b"Content-Length: %d\r\n" % len(C)
    assert frames.readline() == b"\r\n"
    assert frames.read(len(C)) == C
    assert (
        frames.readline() == b"Content-Length: %d\r\n" % len(A)
        and frames.readline() == b"\r\n"
        and frames.read(len(A)) == A
    )
    assert (
        frames.readline() == b"Content-Length: 1\r\n" and frames.readline() == b"\r\n" and frames.read(1) == b" "
    )  # an empty body
    assert frames.readline() == b"Content-Length: 5\r\n" and frames.readline() == b"\r\n" and frames.read(5) == B[:5]
    assert frames.readline() == b""


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(JSON, min_size=1, max_size=5), st.sampled_from([None, 1, 13]))
def test_a_json_body_is_never_cut(values, step):
    """Even a string holding a header: JSON escapes the line break that a header needs."""
    encoded = [json.dumps(v, ensure_ascii=False).encode("utf-8", "surrogatepass") for v in values]
    encoded.append(json.dumps({"text": "x\r\nContent-Length: 5\r\n\r\nhello"}).encode())
    assert bodies(b"".join(map(frame, encoded)), step) == encoded
