"""A RunShellCommand's commandContent: the commands that hang an unattended build (``shell.checks``).

The script is the value as YAML reads it, with each ``{{ }}`` masked (the
service puts a value there), placed back in the source character by character.
A RunPowerShellCommand is not shell, and is not looked at.
"""

from __future__ import annotations

from ....diagnostics import Diagnostic, Edit
from ....shell.checks import YAML
from ....shell.checks import check as check_script
from ..syntax import Part, script_of


def check(part: Part) -> list[Diagnostic]:
    found = script_of(part)
    if found is None:
        return []
    script, places = found

    def end(offset: int):
        line, col = places[offset - 1] if offset > 0 else places[0]
        return (line, col + 1)

    out = []
    for f in check_script(script, YAML):
        edits = [Edit(places[s], places[s] if e == s else end(e), text) for s, e, text in f.fix]
        out.append(Diagnostic(f.rule.code, f.rule.severity, f.message, places[f.start], end(f.end), f.fix_title, edits))
    return out
