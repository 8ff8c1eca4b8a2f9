"""The shell scripts of a YAML-format component: each RunShellCommand's commandContent, for ShellCheck.

``{{ }}`` references are masked (the service puts a value there); a
``# shellcheck disable=`` comment inside the script is ShellCheck's own.
"""

from __future__ import annotations

from ..base import Script, Scripts
from .segments import TASK
from .syntax import script_of


def scripts(model) -> Scripts:
    out: list[Script] = []
    for placed in model.placed():
        if placed.part.kind != TASK:
            continue
        found = script_of(placed.part)
        if found is None:
            continue
        text, places = found
        base = placed.line

        def place(start: int, end: int, places=places, base=base):
            (sl, sc) = places[start]
            (el, ec) = places[end - 1] if end > start else places[start]
            return (sl + base, sc), (el + base, ec + (1 if end > start else 0))

        out.append(Script(text, place))
    return Scripts(out)
