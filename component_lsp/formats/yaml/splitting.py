"""Moving the tasks past 16 KB into a new YAML component.

The tasks that still fit stay; the rest (the lines from the first that does
not fit to the end of ``Tasks``) go to a new component, which gets a copy of
the ``Parameters`` block so that their ``{{ }}`` references still resolve. A
task's ``{{ name.stdout }}`` of a task that stays cannot follow it: the new
component reports it. Only block-style tasks (one ``- `` line each) are moved.
"""

from __future__ import annotations

import re

from ...document import utf8_len
from ...limits import MAX_BYTES
from ..base import Split
from .segments import PARAMETERS, TASK, TASKS

_TOP_KEY = re.compile(r"[^\s#-]")  # a line that starts a top-level key (or anything else at column 0)


def _block(lines: list[str], key: str) -> tuple[int, int] | None:
    """The lines of a top-level key's block: its ``key:`` line to the next line at column 0 that is not a comment."""
    start = next((n for n, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        return None
    end = next((n for n in range(start + 1, len(lines)) if _TOP_KEY.match(lines[n])), len(lines))
    return start, end


def split(model, use_line: int = 0) -> Split | None:
    """What to move so the text fits in 16 KB again; None when it fits, does not read, or nothing can move."""
    doc = model.source
    if doc.byte_size <= MAX_BYTES or not model.reads():
        return None
    lines = doc.lines
    block = _block(lines, TASKS)
    if block is None:
        return None
    starts = [
        placed.line + placed.part.node.start[0]
        for placed in model.placed()
        if placed.part.kind == TASK and placed.part.node is not None
    ]
    if len(starts) < 2 or starts != sorted(set(starts)) or not all(lines[n].lstrip().startswith("- ") for n in starts):
        return None  # flow style, or tasks sharing lines: not cut here
    _, end = block
    sums = [0]
    for line in lines:
        sums.append(sums[-1] + utf8_len(line))
    after = sums[-1] - sums[end]  # what follows Tasks stays
    keep = 0
    for k in range(1, len(starts)):
        if sums[starts[k]] + after <= MAX_BYTES:
            keep = k
    if keep == 0:
        return None
    parameters = _block(lines, PARAMETERS)
    head = "".join(lines[parameters[0] : parameters[1]]) if parameters else ""
    if head and not head.endswith("\n"):
        head += "\n"
    moved = "".join(lines[starts[keep] : end])
    if not moved.endswith(("\n", "\r")):
        moved += "\n"
    stop = (end, 0) if end < len(lines) else (len(lines) - 1, len(lines[-1]))
    return Split((starts[keep], 0), stop, f"{head}{TASKS}:\n{moved}", keep + 1, len(starts))
