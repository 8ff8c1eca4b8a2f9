"""A parameter defined twice in ``Parameters``: YAML readers keep one of the two (PyYAML the last), so the other
is lost without a word. Advice: the service's own reading of it is not known."""

from __future__ import annotations

from ....diagnostics import WARNING, Diagnostic, Related, rule
from ..segments import PARAM
from ..syntax import Placed, View, key_text
from .base import found, key_range

DUPLICATE_PARAMETER = rule(
    "Lint.DuplicateParameter", WARNING, "A parameter defined twice in `Parameters`: only one definition counts."
)


def parameters(view: View) -> list[Diagnostic]:
    """Each definition of a parameter after its first, with the first as its related place."""
    first: dict[str, Placed] = {}
    out = []
    for p in view.placed:
        name = key_text(p.part.key) if p.part.kind == PARAM else None
        if name is None:
            continue
        if name not in first:
            first[name] = p
            continue
        where = key_range(first[name])
        message = (
            f"The parameter `{name}` is defined already (line {where[0][0] + 1}): YAML keeps only one of the two;"
            " remove or rename this one."
        )
        out.append(found(DUPLICATE_PARAMETER, message, None, at=key_range(p), related=(Related(*where, "The first"),)))
    return out
