"""The component's shape: a mapping, Tasks a list of at least one task, Parameters a mapping; its size."""

from __future__ import annotations

from .... import limits
from ....diagnostics import WARNING, Diagnostic, rule
from ....limits import MAX_COMMANDS
from ..catalog import TOP_KEYS
from ..reading import Mapping, Scalar, Sequence
from ..segments import PARAMETERS, TASK, TASKS, TOP
from ..syntax import Part, Placed, View, key_text
from .base import INVALID, found, key_range, quoted, unknown_key

MAX_TASKS = MAX_COMMANDS
TOO_MANY = rule(
    "Lint.TooManyTasks", WARNING, "More than 127 tasks: as many as a Dockerfile-format component may have commands."
)


def top(part: Part) -> list[Diagnostic]:
    """One top-level key and its value."""
    name = key_text(part.key)
    value = part.node
    if name not in TOP_KEYS:
        if part.key is None:
            return []
        empty = value is None or (isinstance(value, Scalar) and value.tag == "null")
        unfit = (
            ()
            if empty
            else [k for k, kind in ((TASKS, Sequence), (PARAMETERS, Mapping)) if not isinstance(value, kind)]
        )
        return [
            unknown_key(
                part.key,
                name,
                TOP_KEYS,
                f"Image Builder does not know the key `{name}`.",
                f"A component has {quoted(TOP_KEYS)}.",
                unfit,
            )
        ]
    empty = value is None or (isinstance(value, Scalar) and value.tag == "null")
    if name == TASKS and not empty and not isinstance(value, Sequence):
        return [found(INVALID, "`Tasks` must be a list of tasks, each starting with `- Name:`.", value)]
    if name == PARAMETERS and not empty and not isinstance(value, Mapping):
        return [
            found(
                INVALID, "`Parameters` must be a mapping of parameter names to their `Type` and `DefaultValue`.", value
            )
        ]
    return []


def empty(view: View) -> list[Diagnostic]:
    """Nothing but blank lines and comments (read on every change: it is on the first line, whatever that holds)."""
    if view.meaningful:
        return []
    at = ((0, 0), (0, len(view.lines[0].rstrip("\r\n"))))
    return [found(limits.EMPTY, "The component is empty: add `Tasks:` with at least one task.", None, at=at)]


def document(view: View) -> list[Diagnostic]:
    """Tasks present and not empty; no more than 127 tasks."""
    if not view.meaningful:
        return []
    tasks_key: Placed | None = None
    first_top: Placed | None = None
    tasks = [p for p in view.placed if p.part.kind == TASK]
    for p in view.placed:
        if p.part.kind == TOP:
            first_top = first_top or p
            if key_text(p.part.key) == TASKS:
                tasks_key = p
    out = []
    if tasks_key is None:
        at = key_range(first_top) if first_top is not None else ((0, 0), (0, 0))
        out.append(found(INVALID, "The component has no `Tasks`: add `Tasks:` with at least one task.", None, at=at))
    elif not tasks:
        out.append(
            found(
                INVALID,
                "`Tasks` is empty: add at least one task (`- Name: ...`, `Action: ...`).",
                None,
                at=key_range(tasks_key),
            )
        )
    if len(tasks) > MAX_TASKS:
        message = (
            f"This component has {len(tasks):,} tasks; more than {MAX_TASKS} is more than the service is known to take:"
            " split it."
        )
        out.append(found(TOO_MANY, message, None, at=key_range(tasks[MAX_TASKS])))
    return out


def root(node) -> list[Diagnostic]:
    """A text read whole that is YAML but not a mapping."""
    if node is not None and not isinstance(node, Mapping) and not (isinstance(node, Scalar) and node.tag == "null"):
        return [
            found(INVALID, "A YAML-format component is a mapping with `Tasks` (and optionally `Parameters`).", node)
        ]
    return []
