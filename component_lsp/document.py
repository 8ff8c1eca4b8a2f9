"""The document model: text held as physical lines, edits, and LSP positions.

Lines are split on ``\\n`` only, the way BuildKit's scanner reads a file; each
line keeps its terminator and the last one has none (it may be empty). The
Language Server Protocol also breaks lines at a lone ``\\r``; documents that
contain one are rare, so positions are mapped through a table built on
demand for them, and directly for every other document.

Columns inside the model are code-point offsets. LSP positions count UTF-16
code units (VS Code), UTF-8 bytes (Neovim) or code points, as negotiated.
"""

from __future__ import annotations

from typing import NamedTuple

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"


def split_lines(text: str) -> list[str]:
    """Split ``text`` on ``\\n``, keeping terminators; the last piece has none."""
    parts = text.split("\n")
    last = parts.pop()
    parts = [p + "\n" for p in parts]
    parts.append(last)
    return parts


def content_of(line: str) -> str:
    """A line without its ``\\n`` or ``\\r\\n`` terminator."""
    if line.endswith("\n"):
        return line[:-2] if line.endswith("\r\n") else line[:-1]
    return line


def has_lone_cr(line: str) -> bool:
    """True if the line holds a ``\\r`` that LSP counts as a line break."""
    return "\r" in content_of(line)


def utf8_len(text: str) -> int:
    """Bytes of ``text`` in UTF-8 (a lone surrogate counts 3, as editors store it)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the code units of ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def col_from_units(text: str, count: int, encoding: str) -> int:
    """The code-point column that is ``count`` code units into ``text`` (clamped)."""
    if count <= 0:
        return 0
    if encoding == UTF32 or text.isascii():
        return min(count, len(text))
    if encoding == UTF8:
        data, size, codec = text.encode("utf-8", "surrogatepass"), 1, "utf-8"
    else:
        data, size, codec = text.encode("utf-16-le", "surrogatepass"), 2, "utf-16-le"
    cut = min(count * size, len(data))
    # A position inside a multi-unit character rounds down to its start.
    while cut > 0:
        try:
            decoded = data[:cut].decode(codec, "surrogatepass")
        except UnicodeDecodeError:
            cut -= size
            continue
        col = min(len(decoded), len(text))
        if col and decoded[col - 1] != text[col - 1]:
            col -= 1  # half of a UTF-16 surrogate pair
        return col
    return 0


class Change(NamedTuple):
    """What an edit did to the lines: ``[first, first+removed)`` became ``[first, first+added)``."""

    first: int
    removed: int
    added: int


MARK = "component-lsp:"  # what a comment that controls diagnostics holds


class Document:
    """The text of one file, editable in place, with position conversion."""

    def __init__(self, text: str = "") -> None:
        self.lines: list[str] = []
        self.byte_size = 0
        self._lone_cr_lines = 0
        self.marked = 0  # lines that hold MARK: comments that may control diagnostics (ignores.py), when not 0
        self._lsp_table: list[tuple[int, int, int]] | None = None
        self._past: tuple[int, int, int] | None = None  # (limit, line, column) from first_past
        self.set_text(text)

    # -- text -------------------------------------------------------------
    def set_text(self, text: str) -> Change:
        removed = len(self.lines)
        self.lines = split_lines(text)
        self.byte_size = utf8_len(text)
        self._lone_cr_lines = sum(1 for line in self.lines if "\r" in line and has_lone_cr(line))
        self.marked = text.count(MARK)
        self._lsp_table = None
        self._past = None
        return Change(0, removed, len(self.lines))

    @property
    def text(self) -> str:
        return "".join(self.lines)

    def replace(self, start: tuple[int, int], end: tuple[int, int], new_text: str) -> Change:
        """Replace the text between two model positions (line, code-point column)."""
        lines = self.lines
        (sl, sc), (el, ec) = start, end
        if (el, ec) < (sl, sc):
            (sl, sc), (el, ec) = (el, ec), (sl, sc)
        old = lines[sl : el + 1]
        chunk = lines[sl][:sc] + new_text + lines[el][ec:]
        new = split_lines(chunk)
        if el + 1 < len(lines):
            new.pop()  # the chunk ends with the old line's "\n": no extra line
        lines[sl : el + 1] = new
        self.byte_size += sum(map(utf8_len, new)) - sum(map(utf8_len, old))
        self._lone_cr_lines += sum(1 for line in new if "\r" in line and has_lone_cr(line))
        self._lone_cr_lines -= sum(1 for line in old if "\r" in line and has_lone_cr(line))
        self.marked += sum(line.count(MARK) for line in new) - sum(line.count(MARK) for line in old)
        self._lsp_table = None
        if self._past is not None and sl <= self._past[1]:
            self._past = None  # an edit after that line leaves it where it is
        return Change(sl, len(old), len(new))

    def first_past(self, limit: int) -> tuple[int, int] | None:
        """The model position of the first character beyond ``limit`` bytes of UTF-8; None if the text fits.

        Kept until an edit reaches its line, so a document far over the limit
        does not count its first ``limit`` bytes again on every keystroke.
        """
        if self.byte_size <= limit:
            return None
        if self._past is not None and self._past[0] == limit:
            return self._past[1], self._past[2]
        total = 0
        for index, line in enumerate(self.lines):
            size = utf8_len(line)
            if total + size > limit:
                room, col = limit - total, 0
                for ch in content_of(line):
                    room -= utf8_len(ch)
                    if room < 0:
                        break
                    col += 1
                self._past = (limit, index, col)
                return index, col
            total += size
        return None  # unreachable: byte_size says the lines hold more than limit

    @property
    def has_lone_cr(self) -> bool:
        """True if a line holds a lone ``\\r``, so that LSP lines are not the model's lines."""
        return self._lone_cr_lines > 0

    # -- positions --------------------------------------------------------
    def _table(self) -> list[tuple[int, int, int]]:
        """LSP lines as (model line, start column, end column), for lone-CR documents."""
        if self._lsp_table is None:
            table = []
            for index, line in enumerate(self.lines):
                body = content_of(line)
                start = 0
                while True:
                    cr = body.find("\r", start)
                    if cr < 0:
                        table.append((index, start, len(body)))
                        break
                    table.append((index, start, cr))
                    start = cr + 1
            self._lsp_table = table
        return self._lsp_table

    @property
    def lsp_line_count(self) -> int:
        return len(self._table()) if self._lone_cr_lines else len(self.lines)

    def _lsp_span(self, lsp_line: int) -> tuple[int, int, int]:
        if self._lone_cr_lines:
            return self._table()[lsp_line]
        return lsp_line, 0, len(content_of(self.lines[lsp_line]))

    def to_model(self, line: int, character: int, encoding: str = UTF16) -> tuple[int, int]:
        """An LSP position as a model position, clamped into the document."""
        count = self.lsp_line_count
        if line < 0:
            return 0, 0
        if line >= count:
            last = len(self.lines) - 1
            return last, len(content_of(self.lines[last]))
        index, start, end = self._lsp_span(line)
        segment = self.lines[index][start:end]
        return index, start + col_from_units(segment, character, encoding)

    def to_lsp(self, line: int, col: int, encoding: str = UTF16) -> tuple[int, int]:
        """A model position as an LSP (line, character) pair."""
        line = max(0, min(line, len(self.lines) - 1))
        text = self.lines[line]
        if not self._lone_cr_lines and (encoding == UTF32 or text.isascii()):  # a column is a code unit: no copy
            return line, max(0, min(col, len(text) - (2 if text.endswith("\r\n") else 1 if text.endswith("\n") else 0)))
        body = content_of(text)
        col = max(0, min(col, len(body)))
        if not self._lone_cr_lines:
            return line, units(body[:col], encoding)
        table = self._table()
        lsp = _first_lsp_line(table, line)
        while lsp + 1 < len(table) and table[lsp + 1][0] == line and table[lsp + 1][1] <= col:
            lsp += 1
        start = table[lsp][1]
        return lsp, units(body[start:col], encoding)

    def line_text(self, line: int) -> str:
        """The content of a model line (no terminator); empty past the end."""
        if 0 <= line < len(self.lines):
            return content_of(self.lines[line])
        return ""


def _first_lsp_line(table: list[tuple[int, int, int]], model_line: int) -> int:
    lo, hi = 0, len(table)
    while lo < hi:
        mid = (lo + hi) // 2
        if table[mid][0] < model_line:
            lo = mid + 1
        else:
            hi = mid
    return lo
