"""Moving what is past the API's limits into a new component: which commands go, and where the cut is.

A text over 16 KB or 127 commands keeps as many whole commands as fit, and the
rest (with the comments just before them) goes to a new component. A template
keeps a ``COMPONENT`` line in their place, so only commands that a component
may hold move: a run between two ``COMPONENT`` lines.
"""

from __future__ import annotations

from ...document import utf8_len
from ...limits import MAX_BYTES, MAX_COMMANDS
from ..base import TEMPLATE, Split

USE = "COMPONENT"


def split(model, use_line: int = 0) -> Split | None:
    """What to move so the text fits again, keeping room for a ``use_line`` of that many bytes (a template's
    COMPONENT line); None when the text fits, or when nothing can move.

    The commands that move are a run that a component may hold (no COMPONENT, not the first command), ending where
    the run ends: the last run that can take the text back within both limits, moving as few commands as that
    needs; failing that, the longest run, whole.
    """
    doc, instructions = model.source, model.instructions
    if doc.byte_size <= MAX_BYTES and len(instructions) <= MAX_COMMANDS:
        return None
    lines = doc.lines
    template = model.context.dialect == TEMPLATE
    sums = [0]  # bytes of the lines before each line
    for line in lines:
        sums.append(sums[-1] + utf8_len(line))
    total, count = sums[-1], len(instructions)
    added = 1 if template else 0  # the COMPONENT line that takes the run's place

    def lines_of(
        first: int, stop: int
    ) -> tuple[int, int]:  # the lines of commands first..stop-1, comments before them included
        return instructions[first - 1].end + 1, (instructions[stop - 1].end + 1 if stop < count else len(lines))

    def fits(first: int, stop: int) -> bool:
        cut, end = lines_of(first, stop)
        return (
            count - (stop - first) + added <= MAX_COMMANDS and total - (sums[end] - sums[cut]) + use_line <= MAX_BYTES
        )

    runs = []  # (first, stop) of each run of commands that may move
    index = 1
    while index < count:
        if template and instructions[index].upper == USE:
            index += 1
            continue
        first = index
        while index < count and not (template and instructions[index].upper == USE):
            index += 1
        runs.append((first, index))
    chosen = None
    for first, stop in reversed(runs):
        if fits(first, stop):
            low, high = first, stop - 1  # the latest start that still fits
            while low < high:
                middle = (low + high + 1) // 2
                low, high = (middle, high) if fits(middle, stop) else (low, middle - 1)
            chosen = (low, stop)
            break
    if chosen is None:
        if not runs:
            return None
        chosen = max(runs, key=lambda run: run[1] - run[0])
    first, stop = chosen
    cut, end_line = lines_of(first, stop)
    moved = "".join(lines[cut:end_line])
    if moved and not moved.endswith(("\n", "\r")):
        moved += "\n"
    escape = instructions[0].escape
    if escape != "\\":
        moved = f"# escape={escape}\n" + moved  # the directive says how the moved lines continue
    end = (end_line, 0) if end_line < len(lines) else (len(lines) - 1, len(lines[-1]))
    return Split((cut, 0), end, moved, first + 1, stop)
