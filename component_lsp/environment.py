"""Environment variables the component's ENV instructions define."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .rules.pairs import ENV_KEY, env_pairs
from .tokens import unquote

REFERENCE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}?|([A-Za-z_][A-Za-z0-9_]*))")


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    value: str
    line: int  # model line of the ENV that sets it


def defined_before(analysis, line: int) -> dict[str, Variable]:
    """Variables set by ENV instructions that start before ``line`` (the last one wins)."""
    found = [ins for ins in analysis.by_keyword.get("ENV", ()) if ins.start < line]
    found.sort(key=lambda ins: ins.start)
    out: dict[str, Variable] = {}
    for ins in found:
        pairs, _ = env_pairs(ins)
        for key, _, _, vstart, vend in pairs:
            if ENV_KEY.match(key):
                out[key] = Variable(key, unquote(ins.logical[vstart:vend]), ins.start)
    return out


def reference_at(text: str, offset: int) -> tuple[str, int, int] | None:
    """The ``$NAME`` or ``${NAME}`` reference covering ``offset``: (name, start, end)."""
    for match in REFERENCE.finditer(text):
        if match.start() <= offset <= match.end():
            return match.group(1) or match.group(2), match.start(), match.end()
        if match.start() > offset:
            break
    return None
