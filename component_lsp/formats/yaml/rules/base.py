"""What the YAML rules share: the service's code for content it cannot accept, and placing a finding."""

from __future__ import annotations

from difflib import get_close_matches

from ....diagnostics import ERROR, WARNING, Diagnostic, Edit, Position, Related, Rule, rule
from ..reading import Mapping, Node
from ..syntax import Placed

INVALID = rule(
    "InvalidParameter.Content",
    ERROR,
    "YAML-format content the service cannot accept: YAML that does not parse, no tasks, a task without `Name` or"
    " `Action`, an unknown action, a missing property, a value of the wrong type, a parameter's `Type` or"
    " `DefaultValue`, a `{{ }}` reference to nothing. The message names the rule.",
)
UNKNOWN_KEY = rule(
    "Lint.UnknownProperty",
    WARNING,
    "A key that Image Builder does not know here (a property the action does not have, say).",
)


def found(
    r: Rule,
    message: str,
    node: Node | None,
    fix_title: str = "",
    fix: list[Edit] | None = None,
    at=None,
    related: tuple[Related, ...] = (),
    tags: tuple[int, ...] = (),
) -> Diagnostic:
    """A diagnostic on ``node`` (or on the range ``at``); ``related`` places are the document's."""
    start, end = at if at is not None else ((node.start, node.end) if node is not None else ((0, 0), (0, 0)))
    if end < start:
        end = start
    return Diagnostic(r.code, r.severity, message, start, end, fix_title, fix or [], tags, related)


def quoted(names) -> str:
    names = [f"`{n}`" for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def unknown_key(key: Node, name: str | None, known, said: str, have: str, taken=()) -> Diagnostic:
    """``Lint.UnknownProperty`` on a key not among ``known``, with the closest as its fix.

    ``said`` is the message without its end (``A task has no key `x`.``), ``have`` what is known, said whole
    (``A task has `Name`, `Action` and `Properties`.``) for when nothing is close. A key the mapping has already
    (``taken``) is never offered: the fix would write it twice.
    """
    close = get_close_matches(name or "", [k for k in known if k not in taken], n=1, cutoff=0.6)
    if not close:
        return found(UNKNOWN_KEY, f"{said} {have}", key)
    return found(
        UNKNOWN_KEY,
        f"{said} Did you mean `{close[0]}`?",
        key,
        f"Change to {close[0]}",
        [Edit(key.start, key.end, close[0])],
    )


def key_range(p: Placed) -> tuple[Position, Position]:
    """Where a part's key is (or, for a task, its first key), in the document."""
    node = p.part.key
    if node is None and isinstance(p.part.node, Mapping) and p.part.node.pairs:
        node = p.part.node.pairs[0][0]
    if node is None:
        node = p.part.node
    if node is None:
        return ((p.line, 0), (p.line, 0))
    return ((node.start[0] + p.line, node.start[1]), (node.end[0] + p.line, node.end[1]))
