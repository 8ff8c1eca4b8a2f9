"""What a Dockerfile-format text shows other files: a component's steps (it has no parameters), a template's uses.

``uses`` places each COMPONENT line's reference (``components.reference``)
in the document; each is kept with its instruction while that is unchanged
and moved when only its line moves, so a keystroke elsewhere costs a lookup
per COMPONENT line.
"""

from __future__ import annotations

from bisect import bisect_right

from ..base import Argument, Offer, Use
from .components import reference

STEPS = 20  # commands shown of a component


def offer(model) -> Offer:
    steps = []
    for ins in model.instructions[:STEPS]:
        text = " ".join(ins.logical.split())
        steps.append(text if len(text) <= 80 else text[:80] + "…")
    return Offer("dockerfile", (), tuple(steps))


def extent(model, line: int) -> tuple[int, int] | None:
    """The lines of the first instruction that starts after ``line`` (what a comment on that line is about)."""
    instructions = model.instructions
    k = bisect_right(instructions, line, key=lambda ins: ins.start)
    return (instructions[k].start, instructions[k].end) if k < len(instructions) else None


def _place(model, ins) -> Use:
    ref = reference(ins)
    start, end = model.place(ins, ref.start, ref.end)
    name_start, name_end = model.place(ins, ref.name_start, ref.name_end)
    arguments = []
    for pair in ref.pairs:
        a, b = model.place(ins, pair.start, pair.end)
        c, d = model.place(ins, pair.value_start, pair.value_end)
        arguments.append(Argument(pair.name, a, b, pair.value, c, d))
    return Use(ins.start, ins.end, ref.target, start, end, ref.name, name_start, name_end, tuple(arguments))


def _moved(use: Use, delta: int) -> Use:
    def at(p):
        return (p[0] + delta, p[1])

    arguments = tuple(
        Argument(a.name, at(a.start), at(a.end), a.value, at(a.value_start), at(a.value_end)) for a in use.arguments
    )
    return Use(
        use.line + delta,
        use.last + delta,
        use.target,
        at(use.start),
        at(use.end),
        use.name,
        at(use.name_start),
        at(use.name_end),
        arguments,
    )


def uses(model) -> list[Use]:
    """The COMPONENT lines of the text, in order (the same list until one of them, or where lines are, changes)."""
    if model.kept_uses[0] == model.component_lines:
        return model.kept_uses[1]
    kept = model.placed_uses
    now = {}
    out = []
    for ins in sorted(model.by_keyword.get("COMPONENT", ()), key=lambda ins: ins.start):
        use = kept.get(ins)
        if use is None:
            use = _place(model, ins)
        elif use.line != ins.start:
            use = _moved(use, ins.start - use.line)
        now[ins] = use
        out.append(use)
    model.placed_uses = now
    model.kept_uses = (model.component_lines, out)
    return out
