"""A region of a host file opened as the content it is (a ``Part``), and the arithmetic of places: line starts,
offsets and positions of the file and of the content, and text written in a region's escaping."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add

from ..diagnostics import Diagnostic, Edit
from ..formats.base import Script
from ..formats.content import Content
from .regions import HCL_STYLES, INDENTED_HEREDOC, QUOTED, ROS_BLOCK, ROS_DOUBLE, ROS_SINGLE, Region

Position = tuple[int, int]


def line_starts(lines: list[str]) -> list[int]:
    """The offset of each line's first character, and of the text's end."""
    return [0, *accumulate(map(len, lines))]


class LineStarts(Sequence[int]):
    """The offset of each line's first character of a host file's text, and of its end, kept through edits on
    one line without counting them all again.

    What it buys: counting 4,000 lines takes about 0.1 ms, a fifth of a keystroke's budget; an edit on one line
    moves the lines after it by as many characters, which is noted (``moved``, a new object: a part keeps the
    starts it was placed by) and counted in when a line is asked for, until ``PENDING`` are noted.
    """

    PENDING = 32

    def __init__(self, base: list[int], moves: tuple[tuple[int, int], ...] = ()) -> None:
        self.base = base  # never changed in place
        self.moves = moves  # (line, by): the lines after ``line`` are ``by`` characters further
        ordered = sorted(moves)
        self._after = [line for line, _ in ordered]  # the moves by line, and their sums: a line's by a search
        self._sums = [0, *accumulate(by for _, by in ordered)]

    @classmethod
    def of(cls, lines: list[str]) -> LineStarts:
        return cls(line_starts(lines))

    def moved(self, line: int, by: int) -> LineStarts:
        if not by:
            return self
        moves = (*self.moves, (line, by))
        if len(moves) < self.PENDING:
            return LineStarts(self.base, moves)
        count = len(self.base)
        deltas = [0] * count
        for at, step in moves:
            if at + 1 < count:
                deltas[at + 1] += step
        return LineStarts(list(map(add, self.base, accumulate(deltas))))

    def __len__(self) -> int:
        return len(self.base)

    def __getitem__(self, line):
        if isinstance(line, slice):
            raise TypeError("LineStarts takes one line at a time")
        if line < 0:
            line += len(self.base)
        return self.base[line] + self._sums[bisect_left(self._after, line)]


def offset_of(starts: Sequence[int], position: Position) -> int:
    line = min(position[0], len(starts) - 1)
    return starts[line] + position[1]


def position_of(starts: Sequence[int], offset: int) -> Position:
    line = max(0, bisect_right(starts, offset) - 1)
    line = min(line, len(starts) - 2) if len(starts) > 1 else 0
    return line, offset - starts[line]


@dataclass(eq=False)
class Part:
    """A region, its text opened as the content it is, and the file's line starts it was placed by.

    A ``Unit`` of the file: the same object while the region's text and its place in the file are unchanged.
    """

    region: Region
    content: Content
    host: Sequence[int]  # the file's line starts when the part was made: its region's offsets are offsets of that text
    start: int  # the file's line where the region begins
    key: tuple  # what its placed answers depend on (``_key``): the same key, the same answers
    cache: object = None  # the publisher's, for as long as the part is the same
    found: list[Diagnostic] | None = None  # its diagnostics, placed in the file, once asked
    scripts: list[Script] | None = None  # its scripts, placed in the file, once asked
    defined: tuple[str, ...] = ()  # the variables its content sets for them (ENV)
    measured: list = field(default_factory=list)  # its budget, placed in the file, once asked (features.budgets)
    uses: list | None = None  # its COMPONENT lines, placed in the file, once asked (features.uses)
    offer: list | None = None  # what its component offers templates, placed in the file, once asked
    inner: list[int] = field(default_factory=list)  # the content's line starts
    before: Part | None = None  # the part this one replaced after an edit on one line: its scripts may serve
    inner_scripts: list[Script] = field(default_factory=list)  # the content's scripts that ``scripts`` places

    def __post_init__(self) -> None:
        self.inner = line_starts(self.content.source.lines)

    def to_host(self, position: Position) -> Position:
        """A content position's place in the file."""
        return position_of(self.host, self.region.to_host(offset_of(self.inner, position)))

    def to_content(self, offset: int) -> Position:
        """A file offset's place in the content: the character it is in (an escape's whole width, say)."""
        return position_of(self.inner, self.region.to_content(offset))

    def holds(self, offset: int) -> bool:
        return self.region.start <= offset <= self.region.end

    def edit(self, edit: Edit) -> Edit:
        """An edit of the content, written into the file."""
        return Edit(self.to_host(edit.start), self.to_host(edit.end), escaped(self.region, edit.text))


def content_text(region: Region) -> str:
    """The text a region's content is opened with: its interpolations and directives (``${var.x}``, Fn::Sub's
    ``${Name}``: opaque words whose value is not known here) written as plain words of their length, so that no
    rule, no shell check and no ShellCheck takes them for the shell's or the format's. Every place stays."""
    text = region.text
    if not region.opaque:
        return text
    pieces, at = [], 0
    for start, end in region.opaque:
        pieces += [text[at:start], "_" * (end - start)]
        at = end
    return "".join(pieces) + text[at:]


def escaped(region: Region, text: str) -> str:
    """Text written into a region as the file must hold it: HCL's ``$${`` for ``${`` and a quoted string's
    escapes; YAML's and JSON's double-quoted escapes, a single-quoted ``''``; ``${!`` in ROS's ``Fn::Sub``; and
    the indentation of a ``<<-`` heredoc or a block scalar after each line break."""
    style = region.style
    if style in HCL_STYLES:
        text = text.replace("${", "$${").replace("%{", "%%{")
    elif region.substituted:
        text = text.replace("${", "${!")
    if style in (QUOTED, ROS_DOUBLE):
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        text = text.replace("\t", "\\t")
    elif style == ROS_SINGLE:
        text = text.replace("'", "''")
    elif style in (INDENTED_HEREDOC, ROS_BLOCK) and region.indent:
        text = text.replace("\n", "\n" + region.indent)
    return text


def key_of(region: Region, text: str, starts: Sequence[int], context: object = None) -> tuple:
    """What a part's placed answers depend on: the region's text, the file's text it is written in and where,
    where its attribute's name is (its budget is shown there), and what else the host's checks of it read
    (``context``: the names a ROS ``Fn::Sub`` may use)."""
    at = position_of(starts, region.start)
    name = position_of(starts, region.name_start)
    return region.dialect, region.text, at, text[region.start : region.end], name, context
