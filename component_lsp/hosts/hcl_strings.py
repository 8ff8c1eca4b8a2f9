"""HCL's strings decoded as Terraform reads them (its native syntax), each character placed in the file.

A quoted string takes ``\\n \\r \\t \\" \\\\ \\uNNNN \\UNNNNNNNN``; a heredoc takes its lines as they are (with
the last line break), ``<<-`` removing the smallest indentation of its non-blank lines; both read ``$${`` and
``%%{`` as a literal ``${`` and ``%{``. The interpolations (``${ }``) and directives (``%{ }``) the parser found
stay as they are written: opaque words. What lies between two of these is taken a run at a time (a search finds
the next, not a loop over the characters).
"""

from __future__ import annotations

import re

from .regions import Places, Runs

ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
# What breaks a run of characters that decode to themselves: an escape (in a quoted string), and $${ or %%{.
QUOTED_SPECIAL = re.compile(r"\\|\$\$\{|%%\{")
HEREDOC_SPECIAL = re.compile(r"\$\$\{|%%\{")


class Decoded:
    """A string's text as it is decoded: its pieces, their places, and the opaque spans (offsets in the text)."""

    def __init__(self, origin: int) -> None:
        self.out: list[str] = []
        self.runs = Runs(origin)
        self.spans: list[tuple[int, int]] = []

    def take(self, text: str, start: int, end: int) -> None:
        """The file's characters from ``start`` to ``end``, as they are."""
        self.out.append(text[start:end])
        self.runs.take(start, end)

    def put(self, char: str, at: int) -> None:
        """One character that the file writes otherwise (an escape), at ``at``."""
        self.out.append(char)
        self.runs.take(at, at + 1)  # the next run begins past the escape

    def result(self, end: int) -> tuple[str, Places, tuple[tuple[int, int], ...]]:
        return "".join(self.out), self.runs.places(end), tuple(self.spans)


def quoted(text: str, start: int, end: int, opaque: list[tuple[int, int]], origin: int = 0) -> Decoded:
    """A quoted string's characters between its quotes."""
    decoded = Decoded(origin)
    _run(text, start, end, opaque, decoded, QUOTED_SPECIAL)
    return decoded


def heredoc(text: str, start: int, end: int, indented: bool, opaque: list[tuple[int, int]], origin: int) -> Decoded:
    """A heredoc's lines, from ``start`` (its first line's start) to ``end`` (its closing line's)."""
    decoded = Decoded(origin)
    lines = text[start:end].splitlines(keepends=True)
    strip = 0
    if indented:  # <<-: the smallest indentation of the lines that are not blank goes (tabs count as spaces)
        widths = [len(line) - len(line.lstrip(" \t")) for line in lines if line.strip(" \t\r\n")]
        strip = min(widths, default=0)
    line_start = start
    for line in lines:
        blanks = len(line) - len(line.lstrip(" \t"))
        line_end = line_start + len(line)
        at = _run(text, line_start + min(strip, blanks), line_end, opaque, decoded, HEREDOC_SPECIAL)
        line_start = max(line_end, at)
    return decoded


def _escape(text: str, at: int, end: int) -> tuple[str, int] | None:
    """A quoted string's escape at ``at``: what it stands for, and its width; None if there is none."""
    code = text[at + 1] if text[at] == "\\" and at + 1 < end else ""
    if code in ESCAPES and code:
        return ESCAPES[code], 2
    width = {"u": 4, "U": 8}.get(code, 0)
    digits = text[at + 2 : at + 2 + width]
    if width and len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
        return chr(min(int(digits, 16), 0x10FFFF)), 2 + width
    return None


def _run(text: str, at: int, end: int, opaque: list[tuple[int, int]], into: Decoded, special: re.Pattern) -> int:
    """Decode the file's text from ``at`` to ``end`` into ``into``. Returns where it ended."""
    spans = [span for span in opaque if at <= span[0] < end]
    while at < end:
        upto = spans[0][0] if spans else end
        found = special.search(text, at, upto)
        stop = found.start() if found else upto
        if stop > at:
            into.take(text, at, stop)
            at = stop
        if found is None and spans and at == spans[0][0]:
            start, stop = spans.pop(0)
            into.spans.append((into.runs.length, into.runs.length + stop - start))
            into.take(text, start, stop)
            at = stop
        elif found is not None:
            escape = _escape(text, at, end) if text[at] == "\\" else None
            if escape is not None:
                into.put(escape[0], at)
                at += escape[1]
            elif text[at] == "\\":  # not an escape: the backslash as it is
                into.take(text, at, at + 1)
                at += 1
            else:  # $${ and %%{: a literal ${ and %{
                into.put(text[at], at)
                into.put("{", at + 2)
                at += 3
    return at
