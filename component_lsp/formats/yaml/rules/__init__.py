"""The YAML format's rules: on one part, on a task's links to the rest, and on the document.

* ``PART_RULES``: functions ``(Part) -> list[Diagnostic]`` by the part's kind
  (a top-level key, a task, a parameter), on what the part holds alone.
* ``TASK_LINK_RULES``: functions ``(Part, Facts, index, Env)`` on what a task
  says about others (references, a name used before, a system).
* ``PARAMETER_USE_RULES``: functions ``(Part, uses)`` on a parameter and how
  many references use it.
* ``DOCUMENT_RULES``: functions ``(View)`` on the whole (Tasks present, not
  empty, not too many; a parameter defined twice).

Positions of a part's findings are the part's own; the model moves them to
where the part is.
"""

from __future__ import annotations

from collections.abc import Callable

from ....diagnostics import Diagnostic
from ..segments import PARAM, TASK, TOP
from ..syntax import Facts, Part, View
from . import duplicates, parameters, references, shell, structure, tasks
from .base import INVALID, UNKNOWN_KEY
from .references import Env, environment

PART_RULES: dict[str, tuple[Callable[[Part], list[Diagnostic]], ...]] = {
    TOP: (structure.top,),
    TASK: (tasks.check, shell.check),
    PARAM: (parameters.check,),
}
TASK_LINK_RULES: tuple[Callable[[Part, Facts, int, Env], list[Diagnostic]], ...] = (references.task_links,)
PARAMETER_USE_RULES: tuple[Callable[[Part, int], list[Diagnostic]], ...] = (references.unused,)
DOCUMENT_RULES: tuple[Callable[[View], list[Diagnostic]], ...] = (structure.document, duplicates.parameters)


def check_part(part: Part) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for check in PART_RULES[part.kind]:
        out += check(part)
    return out


def check_links(part: Part, facts: Facts, index: int, env: Env) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for check in TASK_LINK_RULES:
        out += check(part, facts, index, env)
    return out


def check_use(part: Part, uses: int) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for check in PARAMETER_USE_RULES:
        out += check(part, uses)
    return out


def check_document(view: View) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for check in DOCUMENT_RULES:
        out += check(view)
    return out


__all__ = [
    "INVALID",
    "UNKNOWN_KEY",
    "Env",
    "check_document",
    "check_links",
    "check_part",
    "check_use",
    "environment",
    "structure",
]
