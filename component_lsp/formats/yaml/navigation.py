"""Navigation in a YAML-format component: from a `{{ }}` to the parameter or task it names, back, and renaming both.

A parameter is declared by its key under `Parameters` and used as
`{{ name }}`; a task is declared by its `Name` and used as
`{{ name.stdout }}`. Ranges are model positions of the name alone.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ...diagnostics import Edit
from .reading import Node, Scalar
from .segments import PARAM, TASK
from .syntax import Placed, key_text

PARAMETER, TASK_NAME = "parameter", "task"
NAME = re.compile(r"[A-Za-z0-9_-]+\Z")  # what a reference can name: no dot, no space, no brace

Range = tuple[tuple[int, int], tuple[int, int]]


class Symbol(NamedTuple):
    kind: str  # PARAMETER or TASK_NAME
    name: str
    at: Range  # the name under the position


def _name_range(node: Node, base: int, lines: list[str]) -> Range:
    """Where a scalar's text is, inside its quotes if it has them."""
    (sl, sc), (el, ec) = node.start, node.end
    text = lines[sl] if sl < len(lines) else ""
    if isinstance(node, Scalar) and not node.plain and sl == el and text[sc : sc + 1] in ("'", '"') and ec - sc >= 2:
        sc, ec = sc + 1, ec - 1
    return (sl + base, sc), (el + base, ec)


def _inside(at: Range, line: int, col: int) -> bool:
    return at[0] <= (line, col) <= at[1]


def symbol_at(model, line: int, col: int) -> Symbol | None:
    """The parameter or task named at a position: in a `{{ }}`, a parameter's key, or a task's `Name`."""
    for p in model.placed_at(line)[0]:
        found = _symbol_in(p, line, col)
        if found is not None:
            return found
    return None


def _symbol_in(p: Placed, line: int, col: int) -> Symbol | None:
    part, base = p.part, p.line
    if part.kind == PARAM and part.key is not None:
        at = _name_range(part.key, base, part.lines)
        name = key_text(part.key)
        if name and _inside(at, line, col):
            return Symbol(PARAMETER, name, at)
    if part.kind != TASK:
        return None
    for ref in p.facts.refs:
        at = (
            (ref.name_start[0] + base, ref.name_start[1]),
            (ref.name_start[0] + base, ref.name_start[1] + len(ref.target)),
        )
        if ref.target and _inside(at, line, col):
            return Symbol(PARAMETER if ref.output is None else TASK_NAME, ref.target, at)
    t = p.facts.task
    if t is not None and t.name and t.name_node is not None:
        at = _name_range(t.name_node, base, part.lines)
        if _inside(at, line, col):
            return Symbol(TASK_NAME, t.name, at)
    return None


def sites(model, symbol: Symbol) -> tuple[list[Range], list[Range]]:
    """Where a symbol is declared (a task name may be declared twice: a mistake, but both are its) and used."""
    declared: list[Range] = []
    used: list[Range] = []
    for p in model.placed():
        part, base = p.part, p.line
        if (
            symbol.kind == PARAMETER
            and part.kind == PARAM
            and key_text(part.key) == symbol.name
            and part.key is not None
        ):
            declared.append(_name_range(part.key, base, part.lines))
        if part.kind != TASK:
            continue
        t = p.facts.task
        if symbol.kind == TASK_NAME and t is not None and t.name == symbol.name and t.name_node is not None:
            declared.append(_name_range(t.name_node, base, part.lines))
        for ref in p.facts.refs:
            if ref.target == symbol.name and (ref.output is None) == (symbol.kind == PARAMETER):
                start = (ref.name_start[0] + base, ref.name_start[1])
                used.append((start, (start[0], start[1] + len(ref.target))))
    return declared, used


def definition(model, line: int, col: int) -> list[Range]:
    symbol = symbol_at(model, line, col)
    if symbol is None:
        return []
    return sites(model, symbol)[0][:1]


def references(model, line: int, col: int, declaration: bool = True) -> list[Range]:
    symbol = symbol_at(model, line, col)
    if symbol is None:
        return []
    declared, used = sites(model, symbol)
    return sorted((declared if declaration else []) + used)


def prepare_rename(model, line: int, col: int) -> tuple[Range, str] | None:
    """The range of the name at a position that can be renamed, and the name."""
    if not model.reads():
        return None
    symbol = symbol_at(model, line, col)
    return None if symbol is None else (symbol.at, symbol.name)


class Refused(ValueError):
    """A rename that cannot be done, and why (for the user)."""


def rename(model, line: int, col: int, new: str) -> list[Edit]:
    """The edits that rename the parameter or task at a position, declaration and uses; ``Refused`` says why not."""
    if not model.reads():
        raise Refused("the component is not valid YAML: fix it before renaming")
    symbol = symbol_at(model, line, col)
    if symbol is None:
        raise Refused("there is no parameter or task name here")
    if not NAME.match(new):
        raise Refused(f"{new!r} cannot be a name that {{{{ }}}} refers to: use letters, digits, _ and -")
    if new == symbol.name:
        return []
    taken, _ = sites(model, Symbol(symbol.kind, new, symbol.at))
    if taken:
        raise Refused(f"a {symbol.kind} named {new!r} exists already")
    declared, used = sites(model, symbol)
    return [Edit(start, end, new) for start, end in sorted(declared + used)]
