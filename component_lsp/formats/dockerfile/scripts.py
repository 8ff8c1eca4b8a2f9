"""The shell scripts of Dockerfile-format text: each RUN in shell form, for ShellCheck.

A RUN's script is its arguments with continuations joined and comments gone,
as the shell gets them; ``# shellcheck disable=...`` comments on the lines
just above it, or among its own lines, apply to it. The component's ENV
variables are declared to ShellCheck as set.
"""

from __future__ import annotations

import re
from itertools import chain

from ..base import Script, Scripts
from .syntax import env_pairs

DIRECTIVE = re.compile(r"^\s*#\s*shellcheck\s+(disable=[\w,\s-]+?)\s*$", re.IGNORECASE)


def _directives(lines: list[str]) -> tuple[str, ...]:
    return tuple(m.group(1).replace(" ", "") for text in lines if (m := DIRECTIVE.match(text.rstrip("\r\n"))))


def _above(lines: list[str], first: int) -> tuple[str, ...]:
    """The ShellCheck directives in the comment lines right above line ``first``."""
    found = []
    line = first - 1
    while line >= 0 and lines[line].lstrip().startswith("#"):
        if "shellcheck" in lines[line]:
            found.append(lines[line])
        line -= 1
    return _directives(found[::-1]) if found else ()


def _env_keys(ins) -> tuple[str, ...] | None:
    return tuple(pair.key for pair in env_pairs(ins)[0] if pair.key) if ins.upper == "ENV" else None


def scripts(model) -> Scripts:
    """Every RUN's script, None for other instructions and for a RUN in exec form, and the ENV variables. The
    list is the model's, kept aligned with its instructions between edits (``since`` says what edits changed):
    a script, with its directives, is built again only when its RUN is parsed again. An edit of a comment above a
    RUN parses that RUN again (parsing starts at the edited line); lines added or removed elsewhere only move
    it, and its place follows the instruction's lines."""
    lines = model.source.lines

    def build(ins) -> Script | None:
        if ins.upper != "RUN" or ins.written.json_form or ins.args_end <= ins.args_start:
            return None
        base = ins.args_start

        def place(start: int, end: int):
            return model.place(ins, base + start, base + end)

        inside = _directives(lines[ins.start + 1 : ins.end + 1]) if ins.end > ins.start else ()
        return Script(ins.args, place, _above(lines, ins.start) + inside)

    found = model.per_instruction("scripts", build, placed=False)
    count = model.keyword_edits.get("ENV", 0)
    kept = model.memo.get("env names")
    if kept is None or kept[0] != count:  # read again only when an ENV came or went, from what is kept per ENV
        per_env = model.per_instruction("env keys", _env_keys, placed=False)
        kept = model.memo["env names"] = (count, tuple(dict.fromkeys(chain.from_iterable(filter(None, per_env)))))
    return Scripts(found, kept[1], model.edits, model.replaced_since)
