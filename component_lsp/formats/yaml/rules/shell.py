"""A RunShellCommand's commandContent: the commands that hang an unattended build (``shell.checks``).

The script is the value as YAML reads it, with each ``{{ }}`` masked (the
service puts a value there), placed back in the source character by character.
A RunPowerShellCommand is not shell, and is not looked at.
"""

from __future__ import annotations

from ....diagnostics import Diagnostic, Edit
from ....shell.checks import YAML
from ....shell.checks import check as check_script
from ..syntax import Part, place_range, script_of


def check(part: Part) -> list[Diagnostic]:
    found = script_of(part)
    if found is None:
        return []
    script, places = found
    out = []
    for f in check_script(script, YAML):
        edits = [Edit(*place_range(places, s, e), text) for s, e, text in f.fix]
        out.append(
            Diagnostic(
                f.rule.code, f.rule.severity, f.message, *place_range(places, f.start, f.end), f.fix_title, edits
            )
        )
    return out
