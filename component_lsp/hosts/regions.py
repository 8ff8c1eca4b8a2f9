"""A region of a host file: content written in another language's string, decoded, with the place in the file of
each of its characters.

The places are kept as runs: stretches of characters written as they decode, one after another in the file (a
heredoc's line, the text between two escapes of a quoted string). Finding a place is a search among the runs, and
an edit inside a run moves the runs after it, not each character (a 16 KB heredoc is a few hundred runs).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

QUOTED, HEREDOC, INDENTED_HEREDOC = "quoted", "heredoc", "indented heredoc"  # HCL's strings
HCL_STYLES = (QUOTED, HEREDOC, INDENTED_HEREDOC)
ROS_BLOCK, ROS_DOUBLE, ROS_SINGLE, ROS_PLAIN = "ros block", "ros double-quoted", "ros single-quoted", "ros plain"


class Finding(NamedTuple):
    """What a host's reader finds in a region's text that is the host's business (a shell ``${NAME}`` that
    Terraform would read), in file offsets, with the text its fix inserts at ``fix_at``."""

    code: str
    severity: int
    message: str
    start: int
    end: int
    fix_title: str
    fix_at: int
    fix_text: str


class Places(NamedTuple):
    """Where a text's characters are in the file, from an origin: run by run, each run's first character's offset
    in the text and in the file (a run ends where the next begins, in the text); and where the text's end is."""

    in_text: tuple[int, ...]
    in_file: tuple[int, ...]
    end: int

    def moved(self, run: int, by: int) -> Places:
        """The places after ``by`` characters were added to (or, negative, taken from) run ``run``."""
        later = range(run + 1, len(self.in_text))
        return Places(
            self.in_text[: run + 1] + tuple(self.in_text[k] + by for k in later),
            self.in_file[: run + 1] + tuple(self.in_file[k] + by for k in later),
            self.end + by,
        )


class Runs:
    """Places as a decoder finds them: characters taken from the file in order."""

    def __init__(self, origin: int) -> None:
        self.origin = origin
        self.length = 0  # the text's characters so far
        self.in_text: list[int] = []
        self.in_file: list[int] = []

    def take(self, start: int, end: int) -> None:
        """The file's characters from ``start`` to ``end`` decode to as many characters."""
        if end <= start:
            return
        at = start - self.origin
        runs = self.in_text
        if not runs or self.in_file[-1] + (self.length - runs[-1]) != at:  # else the last run goes on
            runs.append(self.length)
            self.in_file.append(at)
        self.length += end - start

    def places(self, end: int) -> Places:
        return Places(tuple(self.in_text), tuple(self.in_file), end - self.origin)


class Region(NamedTuple):
    """One attribute's content: what it decodes to, and where each of its characters is in the file."""

    attribute: str  # ``content``, ``build_content``
    dialect: str  # COMPONENT or TEMPLATE
    style: str  # QUOTED, HEREDOC or INDENTED_HEREDOC
    text: str  # the content, decoded
    places: Places  # from ``origin``
    opaque: tuple[tuple[int, int], ...]  # the interpolations and directives, as (start, end) offsets in ``text``
    name_start: int  # the attribute's name in the file (offsets): where the region's budget is shown
    name_end: int
    indent: str = ""  # what a ``<<-`` heredoc's lines begin with that is not content: a new line there gets it
    origin: int = 0  # where its block begins in the file: a block that moves keeps its places
    substituted: bool = False  # its ``${ }`` are the host's substitutions, ``${!`` a literal ``${`` (ROS's Fn::Sub)

    def run_of(self, offset: int) -> int:
        """The run a content offset is in (-1 for an empty text)."""
        return bisect_right(self.places.in_text, offset) - 1

    def to_host(self, offset: int) -> int:
        """The offset in the file's text of an offset in the content (its end included)."""
        places = self.places
        if offset >= len(self.text) or not places.in_text:
            return self.origin + places.end
        run = self.run_of(max(0, offset))
        return self.origin + places.in_file[run] + max(0, offset) - places.in_text[run]

    @property
    def start(self) -> int:
        """The file offset of its first character (of its end, if it is empty)."""
        return self.to_host(0)

    @property
    def end(self) -> int:
        return self.origin + self.places.end

    def to_content(self, offset: int) -> int:
        """The content offset of a file offset: of the character it is in (an escape's whole width, the
        indentation a ``<<-`` heredoc leaves out: the character before it)."""
        places, at = self.places, offset - self.origin
        if at >= places.end:
            return len(self.text)
        run = bisect_right(places.in_file, at) - 1
        if run < 0:
            return 0
        following = places.in_text[run + 1] if run + 1 < len(places.in_text) else len(self.text)
        return places.in_text[run] + min(at - places.in_file[run], following - places.in_text[run] - 1)
