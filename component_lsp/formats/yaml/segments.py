"""Cutting a YAML-format component into the parts that can be read on their own.

A component is a mapping whose values are a list of tasks and a mapping of
parameters, and YAML's block style puts every one of them on lines of their
own: a top-level key starts at column 0; a task starts with ``-`` at the
indent of the first task; a parameter with a key at the indent of the first
parameter. So the lines can be cut there, each part read by PyYAML alone,
and an edit needs only the parts it touched read again.

Each line's role comes from its indent and first character, with the
*state* of the lines above it: which top-level key it is under, and at what
indent that key's children start. The model checks what the cutting
assumes (every part reads as the one key or item it should be, no part
needs another's anchor); where it does not hold, it reads the whole text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

HEAD, TOP, TASK, PARAM = "head", "top", "task", "param"

TASKS, PARAMETERS = "Tasks", "Parameters"
NO_SPLIT = -1  # a key whose children are not cut (another key, an inline or flow value, or no list)

_SECTION = re.compile(r"""(["']?)(Tasks|Parameters)\1[ \t]*:[ \t]*(?:#.*)?\r?\n?\Z""")


class State(NamedTuple):
    section: str | None  # the top-level key above the line: TASKS, PARAMETERS, or another (None before any)
    child: int | None  # the indent of its children: None until the first is seen, NO_SPLIT when they are not cut


START = State(None, None)


class Cut(NamedTuple):
    """Where a part starts, what it is, and the state before its first line."""

    line: int
    kind: str
    before: State


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def odd(line: str) -> bool:
    """A line at column 0 the cutting does not follow: a document marker, a directive, a flow collection, an
    anchor, a tag."""
    return line[:1] in ("%", "[", "{", "&", "*", "!", "\t") or line.startswith(("---", "..."))


def step(line: str, state: State) -> tuple[str | None, State]:
    """The kind of part ``line`` starts (None if it continues the one before), and the state after it."""
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return None, state
    if line.startswith(("---", "...", "%")):
        return None, state  # a document marker or a directive: the head's, or a line the cutting does not follow
    indent = _indent(line)
    item = stripped == "-" or stripped.startswith(("- ", "-\t"))
    section, child = state
    if indent == 0 and not item:
        m = _SECTION.match(line)
        if m:
            return TOP, State(m.group(2), None)
        return TOP, State(line.split(":", 1)[0].strip(), NO_SPLIT)
    if section not in (TASKS, PARAMETERS) or child == NO_SPLIT:
        return None, state
    if child is None:
        wanted = item if section == TASKS else not item
        if not wanted or (section == PARAMETERS and indent == 0):
            return None, State(section, NO_SPLIT)
        return (TASK if section == TASKS else PARAM), State(section, indent)
    if indent == child and item == (section == TASKS):
        return (TASK if section == TASKS else PARAM), state
    return None, state


def cut(lines: list[str], start: int = 0, state: State = START):
    """The cuts from line ``start``, which starts a part, to the end (a generator: stop it where it is no longer
    needed).

    ``state`` is the state before line ``start``. Line 0 always starts a part:
    the head (blank lines, comments, ``---``) when it starts nothing else.
    """
    for index in range(start, len(lines)):
        before = state
        kind, state = step(lines[index], state)
        if index == start and kind is None:
            kind = HEAD
        if kind is not None:
            yield Cut(index, kind, before)
