"""The shell scripts of Dockerfile-format text: each RUN in shell form, for ShellCheck.

A RUN's script is its arguments with continuations joined and comments gone,
as the shell gets them; ``# shellcheck disable=...`` comments on the lines
just above it, or among its own lines, apply to it. The component's ENV
variables are declared to ShellCheck as set.
"""

from __future__ import annotations

import re

from ..base import Script, Scripts
from .syntax import env_pairs

DIRECTIVE = re.compile(r"^\s*#\s*shellcheck\s+(disable=[\w,\s-]+?)\s*$", re.IGNORECASE)


def _directives(lines: list[str], first: int, last: int) -> tuple[str, ...]:
    """ShellCheck directives in the comment lines right above ``first`` and in the lines first..last."""
    found = []
    line = first - 1
    while line >= 0 and lines[line].lstrip().startswith("#"):
        found.append(lines[line])
        line -= 1
    found += lines[first + 1 : last + 1]
    return tuple(m.group(1).replace(" ", "") for text in found if (m := DIRECTIVE.match(text.rstrip("\r\n"))))


def scripts(model) -> Scripts:
    """Every shell-form RUN's script, in order, and the ENV variables. A script is kept per instruction between
    edits; its directives are read each time (an edit of the comment above a RUN leaves the RUN as it was)."""
    lines = model.doc.lines

    def build(ins) -> tuple | None:
        if ins.upper != "RUN" or ins.json_form or ins.args_end <= ins.args_start:
            return None
        base = ins.args_start

        def place(start: int, end: int):
            return model.place(ins, base + start, base + end)

        return ins, Script(ins.args, place)

    found = []
    for entry in model.per_instruction("scripts", build):
        if entry is None:
            continue
        ins, script = entry
        if ins.end > ins.start or (ins.start > 0 and lines[ins.start - 1].lstrip().startswith("#")):
            script = script._replace(directives=_directives(lines, ins.start, ins.end))
        found.append(script)
    envs = sorted(model.by_keyword.get("ENV", ()), key=lambda ins: ins.start)
    return Scripts(found, tuple(dict.fromkeys(pair.key for ins in envs for pair in env_pairs(ins)[0] if pair.key)))
