"""The shell scripts of a YAML-format component: each RunShellCommand's commandContent, for ShellCheck.

``{{ }}`` references are masked (the service puts a value there); a
``# shellcheck disable=`` comment inside the script is ShellCheck's own.
"""

from __future__ import annotations

from functools import partial

from ..base import Script, Scripts
from .segments import TASK
from .syntax import place_range, script_of


def scripts(model) -> Scripts:
    out: list[Script | None] = []
    for placed in model.placed():
        if placed.part.kind != TASK:
            continue
        found = script_of(placed.part)
        if found is None:
            continue
        text, places = found
        out.append(Script(text, partial(place_range, places, line=placed.line)))
    return Scripts(out)
