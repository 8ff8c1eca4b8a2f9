"""Edits of a host file that need no new reading of it: a keystroke inside a region that changes neither the
file's structure nor how the region decodes, or one outside every region that cannot change which regions there
are or where they begin.

What it buys: tree-sitter-hcl lexes a heredoc again whole after an edit in it (8 ms for 16 KB on the project's
machine) and parses a 64 KB module again in 1 to 2 ms after an edit anywhere, where a keystroke in a component
file costs about half a millisecond. Such an edit goes to the region's places and its content's model directly
(``InRegion``), or moves the regions after it (``outside``); the tree gets the edit and is parsed, with all the
edits it was given, at the next edit that needs a reading. An edit that might change more goes the long way:
what is ruled out here is what could (a quote, a brace, a ``$``, an escape, a line break, a line that could end
a heredoc, a name a resource type is spelt with, a ``<<-`` heredoc's indentation).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .parts import Position, offset_of
from .regions import HCL_STYLES, INDENTED_HEREDOC, QUOTED, Places, Region
from .terraform import Resource

STRUCTURE = {QUOTED: frozenset('"\\$%{}\r\n'), "": frozenset("$%{}\r\n")}  # what may change how a region reads
PLAIN = re.compile(r"[\w .,:@+-]*\Z")  # what may be typed outside the regions: no quote, brace, comment, heredoc
NAME_ONLY = re.compile(r"[A-Za-z_][\w-]*\Z")  # a line that is only a name: it may end a heredoc
OURS = "alicloud_ecs_image"  # in the resource types a region is found in


class InRegion(NamedTuple):
    """An edit inside one region: which, the content offsets it replaces, what it writes, the run it is in."""

    which: int  # the region, counted among the file's regions (its part among the parts)
    first: int
    last: int
    text: str
    run: int


def in_region(
    regions: list[Region], starts: Sequence[int], lines: list[str], start: Position, end: Position, text: str
):
    """The edit as an ``InRegion``, if it is inside a region and changes nothing but that region's text there;
    else None. Positions are of the text before the edit."""
    if start[0] != end[0] or start[0] >= len(lines):
        return None
    line = lines[start[0]]
    removed = line[start[1] : end[1]]
    first, last = offset_of(starts, start), offset_of(starts, end)
    for index, region in enumerate(regions):
        if not region.start <= first <= last <= region.end:
            continue
        if region.style not in HCL_STYLES:
            return None  # the quick edits know HCL's strings only
        structure = STRUCTURE[QUOTED if region.style == QUOTED else ""]
        if structure.intersection(text) or structure.intersection(removed):
            return None
        after = line[: start[1]] + text + line[end[1] :]
        if region.style != QUOTED and NAME_ONLY.match(after.strip()):
            return None  # the line could end the heredoc
        if region.style == QUOTED and line[start[1] - 1 : start[1]] == "\\":
            return None  # the text would follow a backslash: an escape
        return _inside(region, index, first, last, text)
    return None


def _inside(region: Region, index: int, first: int, last: int, text: str) -> InRegion | None:
    """The edit in the region's content, if it lies within one run (not across an escape or a line's indentation)
    and no interpolation comes of it or is touched."""
    content = region.text
    low, high = region.to_content(first), region.to_content(last)
    if region.to_host(low) != first or region.to_host(high) != last:
        return None
    runs = region.places.in_text
    run = region.run_of(low) if low < len(content) else len(runs) - 1
    if high > low and region.run_of(high - 1) != run:
        return None
    if any(start <= high and low <= end for start, end in region.opaque):
        return None
    around = content[low - 1 : low] + text + content[high : high + 1]
    if "${" in around or "%{" in around:
        return None
    if region.style == INDENTED_HEREDOC:  # the line must keep its indentation, and stay a line that is not blank
        begin = content.rfind("\n", 0, low) + 1
        stop = content.find("\n", low)
        stop = len(content) if stop < 0 else stop
        before, after = content[begin:stop], content[begin:low] + text + content[high:stop]
        if not before.strip() or not after.strip() or _indent(before) != _indent(after):
            return None
    return InRegion(index, low, high, text, run)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def edited_region(region: Region, edit: InRegion) -> Region:
    """The region with the edit made in its text and its places."""
    by = len(edit.text) - (edit.last - edit.first)
    text = region.text[: edit.first] + edit.text + region.text[edit.last :]
    places = region.places
    if not places.in_text:  # an empty text: its first run
        places = Places((0,), (places.end,), places.end + by) if edit.text else places
    elif edit.first == len(region.text) and _ends_apart(region):  # after an escape that ends the text: a new run
        places = Places((*places.in_text, edit.first), (*places.in_file, places.end), places.end + by)
    else:
        places = places.moved(edit.run, by)
    opaque = tuple((start + by, end + by) if start >= edit.last else (start, end) for start, end in region.opaque)
    return region._replace(text=text, places=places, opaque=opaque)


def _ends_apart(region: Region) -> bool:
    """Whether the last run ends before the text's end in the file (the text ends with an escape)."""
    places = region.places
    last_length = len(region.text) - places.in_text[-1]
    return places.in_file[-1] + last_length != places.end


def outside(
    resources: list[Resource], starts: Sequence[int], lines: list[str], start: Position, end: Position, text: str
):
    """Whether an edit on one line outside the resources that hold regions can change none of them: plain
    characters, on a line that names no resource type of ours and could not end a heredoc. The caller also makes
    sure they are in free text (a comment, a string's literal text): elsewhere any character may change how the
    parser reads what follows (a stray one at the start of a line is an error tree-sitter recovers from in its
    own way)."""
    if start[0] != end[0] or start[0] >= len(lines) or not PLAIN.match(text):
        return False
    line = lines[start[0]]
    if not PLAIN.match(line[start[1] : end[1]]):
        return False
    after = line[: start[1]] + text + line[end[1] :]
    if any(OURS in each or NAME_ONLY.match(each.strip()) for each in (line, after)):
        return False
    begin, stop = starts[start[0]], starts[start[0]] + len(line)
    return not any(resource.start <= stop and begin <= resource.end for resource in resources)
