"""The YAML format's rules: per part (a top-level key, a task, a parameter), and over the whole document.

A rule for one part is a function ``(Part) -> list[Diagnostic]`` in the
``PART_RULES`` entry of its kind; one over the document takes a ``syntax.View``
(the placed parts, in order), in ``DOCUMENT_RULES``. Positions of a
part's findings are the part's own; the model moves them to where it is.
"""

from __future__ import annotations

from collections.abc import Callable

from ....diagnostics import Diagnostic
from ..segments import PARAM, TASK, TOP
from ..syntax import Part, View
from . import parameters, references, structure, tasks
from .base import INVALID, UNKNOWN_KEY

PART_RULES: dict[str, tuple[Callable[[Part], list[Diagnostic]], ...]] = {
    TOP: (structure.top,),
    TASK: (tasks.check,),
    PARAM: (parameters.check,),
}
DOCUMENT_RULES: tuple[Callable[[View], list[Diagnostic]], ...] = (structure.document, references.check)


def check_part(part: Part) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for check in PART_RULES[part.kind]:
        out += check(part)
    return out


def check_document(view: View) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for check in DOCUMENT_RULES:
        out += check(view)
    return out


__all__ = ["INVALID", "UNKNOWN_KEY", "check_document", "check_part", "structure"]
