"""Where a position is in a YAML-format component, told from the lines around it, so that it works on half-typed text.

The cursor is at a *key* (the start of a line, or after ``- ``) or at a
*value* (after ``key:``), under a path of keys found by walking up to the
lines of smaller indent: ``("Tasks", "-", "Properties")`` for a property of
a task, ``("Parameters", "x")`` for a key of the parameter ``x``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# The patterns take time in proportion to the line (their parts match disjoint characters): a line of
# thousands of spaces must not take quadratic time.
_KEY_AT = re.compile(r"""^([ \t]*)((?:-[ \t]+)*)(["']?)([\w.-]*)$""")
_VALUE_AT = re.compile(r"""^([ \t]*)((?:-[ \t]+)*)(["']?)([\w.-]+)\3[ \t]*:([ \t].*)$""")
_DASHES = re.compile(r"""[ \t]*((?:-[ \t]+)*)""")


def _key_line(text: str) -> tuple[str, str] | None:
    """A line that starts a mapping key (``key:``, ``- key:``, ``"key":``): its dashes and its key."""
    m = _DASHES.match(text)
    dashes, rest = (m.group(1), text[m.end() :]) if m else ("", text)
    if rest[:1] in ("'", '"'):
        close = rest.find(rest[0], 1)
        if close < 0:
            return None
        key, after = rest[1:close], rest[close + 1 :].lstrip(" \t")
        return (dashes, key) if key and after[:1] == ":" and after[1:2] in ("", " ", "\t") else None
    at = rest.find(":")
    while at >= 0 and at + 1 < len(rest) and rest[at + 1] not in " \t":
        at = rest.find(":", at + 1)
    if at < 0:
        return None
    key = rest[:at].strip()
    if not key or any(ch in key for ch in "\"':#"):
        return None
    return dashes, key


class Context(NamedTuple):
    at_key: bool  # typing a key (else a value)
    key: str  # the key whose value is being typed, or the key (prefix) being typed
    path: tuple[str, ...]  # the keys above, "-" for a list item
    start: tuple[int, int]  # what a completion replaces
    end: tuple[int, int]
    item_line: int | None  # the line of the task item (``- ``) the position is in, if any


def _meaningful(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("#")


def _path(
    lines: list[str], line: int, indent: int, top: int = 0, above: tuple[str, ...] = ()
) -> tuple[tuple[str, ...], int | None]:
    """The keys above a key at ``indent`` on ``line``, and the line of the nearest list item above.

    The walk up stops at line ``top``; if it gets there short of column 0, ``above`` are the keys above that.
    """
    path: list[str] = []
    item_line = None
    want = indent
    zero_item = False  # a list item at column 0: its key is at column 0 too (`Tasks:` then `- Name:`)
    for index in range(line - 1, top - 1, -1):
        text = lines[index].rstrip("\r\n")
        if not _meaningful(text):
            continue
        lead = len(text) - len(text.lstrip(" "))
        keyed = _key_line(text)
        dash = _DASHES.match(text)
        dashes = keyed[0] if keyed else (dash.group(1) if dash else "")
        key_col = lead + len(dashes)
        if zero_item:
            if not dashes and lead == 0:
                if keyed:
                    path.append(keyed[1])
                break
            continue
        if key_col < want and keyed:
            path.append(keyed[1])
        if dashes and lead < want:
            path.append("-")
            if item_line is None:
                item_line = index
            want = lead
            zero_item = lead == 0
        elif key_col < want:
            want = key_col
        if want == 0 and not zero_item:
            return tuple(reversed(path)), item_line
    if top > 0 and (want > 0 or zero_item):
        return above + tuple(reversed(path)), item_line
    return tuple(reversed(path)), item_line


def context(lines: list[str], line: int, col: int, top: int = 0, above: tuple[str, ...] = ()) -> Context | None:
    """Where (line, col) is; the walk up for the keys above stops at line ``top``, under the keys ``above``."""
    if not 0 <= line < len(lines):
        return None
    text = lines[line].rstrip("\r\n")
    before = text[:col]
    m = _VALUE_AT.match(before)
    if m and " #" not in m.group(5) and "\t#" not in m.group(5):
        indent = len(m.group(1)) + len(m.group(2))
        path, item = _path(lines, line, indent, top, above)
        if m.group(2):
            path, item = path + ("-",), line
        typed = m.group(5).lstrip(" \t")
        value_start = col - len(typed) + (1 if typed[:1] in ("'", '"') else 0)
        return Context(
            False,
            m.group(4),
            path,
            (line, value_start),
            (line, max(col, len(text.rstrip())) if not text[col:].strip() else col),
            item,
        )
    m = _KEY_AT.match(before) if not m else None
    if m is None:
        return None
    indent = len(m.group(1)) + len(m.group(2))
    path, item = _path(lines, line, indent, top, above)
    if m.group(2):
        path, item = path + ("-",), line
    start = (line, col - len(m.group(4)) - len(m.group(3)))
    rest = re.match(r"""^[\w.-]*["']?\s*:?""", text[col:])
    end = (line, col + (rest.end() if rest else 0))
    return Context(True, m.group(4), path, start, end, item)


def reference_prefix(lines: list[str], line: int, col: int) -> tuple[int, str] | None:
    """After an open ``{{`` on this line: the column of the ``{{`` and what is typed after it."""
    if not 0 <= line < len(lines):
        return None
    before = lines[line][:col]
    open_at = before.rfind("{{")
    if open_at < 0 or "}}" in before[open_at:]:
        return None
    return open_at, before[open_at + 2 :]


def extent(lines: list[str], line: int) -> tuple[int, int] | None:
    """The lines of the first key or list item after ``line`` and of everything indented under it: what a comment on
    ``line`` is about."""
    first = line + 1
    while first < len(lines) and (not lines[first].strip() or lines[first].lstrip().startswith("#")):
        first += 1
    if first >= len(lines):
        return None
    text = lines[first]
    indent = len(text) - len(text.lstrip(" "))
    last = first
    for index in range(first + 1, len(lines)):
        body = lines[index]
        stripped = body.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(body) - len(body.lstrip(" ")) <= indent:
            break
        last = index
    return first, last
