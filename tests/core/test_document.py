"""The document model: line splitting, edits, byte size, and positions in every encoding."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from component_lsp.document import UTF8, UTF16, UTF32, Document, col_from_units, split_lines, units


def test_split_keeps_terminators_and_a_last_piece():
    assert split_lines("a\r\nb\n") == ["a\r\n", "b\n", ""]
    assert split_lines("a") == ["a"]
    assert split_lines("") == [""]


@pytest.mark.parametrize("encoding,expected", [(UTF16, 9), (UTF8, 15), (UTF32, 8)])
def test_units_of_non_ascii(encoding, expected):
    # "x😀中文 ab" : 😀 is 2 UTF-16 units / 4 UTF-8 bytes, 中 and 文 are 1 / 3 each.
    text = "xx😀中文 ab"
    assert units(text, encoding) == expected
    assert col_from_units(text, expected, encoding) == len(text)


def test_position_inside_a_character_rounds_down():
    assert col_from_units("😀a", 1, UTF16) == 0
    assert col_from_units("中a", 2, UTF8) == 0
    assert col_from_units("中a", 3, UTF8) == 1


def test_lone_surrogates_do_not_break_positions():
    text = "a\ud800b"
    assert units(text, UTF16) == 3
    assert units(text, UTF8) == 5
    assert col_from_units(text, 2, UTF16) == 2


def test_edit_across_lines_and_byte_size():
    doc = Document("RUN a\nRUN 中\nRUN c\n")
    assert doc.byte_size == len("RUN a\nRUN 中\nRUN c\n".encode())
    change = doc.replace((0, 4), (1, 4), "x\nENV ")
    assert doc.text == "RUN x\nENV 中\nRUN c\n"
    assert (change.first, change.removed, change.added) == (0, 2, 2)
    assert doc.byte_size == len(doc.text.encode())
    doc.replace((2, 0), (3, 0), "")
    assert doc.text == "RUN x\nENV 中\n"
    assert doc.byte_size == len(doc.text.encode())


def test_lsp_positions_clamp_outside_the_text():
    doc = Document("RUN a\r\nb")
    assert doc.to_model(0, 99) == (0, 5)  # never inside the CRLF
    assert doc.to_model(99, 0) == (1, 1)
    assert doc.to_model(-1, 3) == (0, 0)
    assert doc.to_lsp(0, 99) == (0, 5)


def test_lone_cr_is_a_line_break_for_lsp_only():
    doc = Document("RUN a\rRUN b\nRUN c")
    assert len(doc.lines) == 2  # BuildKit sees two lines
    assert doc.lsp_line_count == 3
    assert doc.to_model(1, 2) == (0, 8)
    assert doc.to_lsp(0, 8) == (1, 2)
    assert doc.to_lsp(1, 1) == (2, 1)
    doc.replace((0, 5), (0, 6), "")
    assert doc.lsp_line_count == 2 and doc.text == "RUN aRUN b\nRUN c"


def test_utf8_positions():
    doc = Document("# 注释\nRUN 😀 x")
    assert doc.to_lsp(1, 6, UTF8) == (1, 9)
    assert doc.to_model(1, 9, UTF8) == (1, 6)
    assert doc.to_lsp(1, 6, UTF16) == (1, 7)


def _first_past(text: str, limit: int):
    """The definition: where the first character beyond ``limit`` UTF-8 bytes is (line, column)."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return None
    before = data[:limit].decode("utf-8", "ignore")  # a character cut at the limit is past it
    line = before.count("\n")
    return line, len(before) - (before.rfind("\n") + 1)


@given(
    st.text(alphabet="ab中😀\n", max_size=60),
    st.lists(st.tuples(st.integers(0, 70), st.integers(0, 8), st.text(alphabet="xé\n", max_size=4)), max_size=8),
    st.integers(0, 40),
)
def test_the_position_past_a_byte_limit_follows_edits(text, edits, limit):
    doc = Document(text)
    assert doc.first_past(limit) == _first_past(doc.text, limit)
    for offset, length, new in edits:
        current = doc.text
        offset = min(offset, len(current))
        end = min(offset + length, len(current))
        start_pos = (current[:offset].count("\n"), offset - (current[:offset].rfind("\n") + 1))
        end_pos = (current[:end].count("\n"), end - (current[:end].rfind("\n") + 1))
        doc.replace(start_pos, end_pos, new)
        assert doc.first_past(limit) == _first_past(doc.text, limit)


def test_an_edit_on_the_line_past_the_limit_moves_the_position():
    doc = Document("ab\naaaa\nzz")
    assert doc.first_past(5) == (1, 2)
    doc.replace((1, 0), (1, 0), "é")  # two bytes on that very line
    assert doc.first_past(5) == (1, 1)
    doc.replace((2, 0), (2, 2), "中中中")  # after it: no change
    assert doc.first_past(5) == (1, 1)
    doc.replace((0, 0), (1, 0), "")
    assert doc.first_past(5) == (0, 4) and doc.first_past(100) is None
