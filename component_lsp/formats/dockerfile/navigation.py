"""ENV variables: from a `$NAME` to where ENV sets it, every place that names it, and renaming them all.

A variable is named by ENV keys (its definitions; there may be several) and
by `$NAME` / `${NAME...}` references in any instruction. A `$NAME` that no
ENV in the file sets comes from the build VM's environment: it has no
definition here, and cannot be renamed here.
"""

from __future__ import annotations

from ...diagnostics import Edit
from .syntax import ENV_KEY, REFERENCE, env_pairs

Span = tuple[tuple[int, int], tuple[int, int]]


def _definitions(model, name: str) -> list[Span]:
    out = []
    for ins in sorted(model.by_keyword.get("ENV", ()), key=lambda ins: ins.start):
        pairs, _ = env_pairs(ins)
        out += [model.place(ins, p.key_start, p.key_end) for p in pairs if p.key == name]
    return out


def _uses(model, name: str) -> list[Span]:
    out = []
    for ins in model.instructions:
        if "$" not in ins.logical:
            continue
        for match in REFERENCE.finditer(ins.logical, ins.args_start):
            group = 1 if match.group(1) is not None else 2
            if match.group(group) == name:
                out.append(model.place(ins, match.start(group), match.end(group)))
    return out


def _name_at(model, line: int, col: int) -> tuple[str, Span, bool] | None:
    """The variable under the cursor: its name, the span of the name there, and whether that is a definition."""
    ins = model.instruction_at(line)
    if ins is None:
        return None
    offset = ins.logical_at(line - ins.start, col)
    if offset is None or offset < ins.args_start:
        return None
    if ins.upper == "ENV":
        pairs, _ = env_pairs(ins)
        for p in pairs:
            if p.key_start <= offset <= p.key_end and p.key:
                return p.key, model.place(ins, p.key_start, p.key_end), True
    for match in REFERENCE.finditer(ins.logical, ins.args_start):
        if match.start() <= offset <= match.end():
            group = 1 if match.group(1) is not None else 2
            return match.group(group), model.place(ins, match.start(group), match.end(group)), False
        if match.start() > offset:
            break
    return None


def definition(model, line: int, col: int) -> list[Span]:
    found = _name_at(model, line, col)
    return _definitions(model, found[0]) if found else []


def references(model, line: int, col: int, declaration: bool) -> list[Span]:
    found = _name_at(model, line, col)
    if found is None:
        return []
    name = found[0]
    uses = _uses(model, name)
    return sorted((_definitions(model, name) if declaration else []) + uses)


def prepare_rename(model, line: int, col: int) -> tuple[Span, str] | None:
    """The name under the cursor, if it can be renamed; ValueError (saying why) for a `$NAME` no ENV sets."""
    found = _name_at(model, line, col)
    if found is None:
        return None
    name, span, _ = found
    if not _definitions(model, name):
        raise ValueError(
            f"{name} is set by no ENV in this file: it comes from the build VM's environment, so it is not renamed here"
        )
    return span, name


def rename(model, line: int, col: int, new: str) -> list[Edit] | None:
    """Edits renaming the variable under the cursor in every definition and every reference."""
    found = prepare_rename(model, line, col)
    if found is None:
        return None
    if not ENV_KEY.match(new):
        raise ValueError(f"{new!r} is not a variable name: use letters, digits and _, not starting with a digit")
    name = found[1]
    return [Edit(start, end, new) for start, end in sorted(_definitions(model, name) + _uses(model, name))]
