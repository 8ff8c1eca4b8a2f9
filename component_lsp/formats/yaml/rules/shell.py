"""A RunShellCommand's commandContent: the commands that hang an unattended build (``shell.checks``).

The script is the value as YAML reads it, with each ``{{ }}`` masked (the
service puts a value there), placed back in the source character by character.
A RunPowerShellCommand is not shell, and is not looked at.
"""

from __future__ import annotations

from ....diagnostics import Diagnostic, Edit
from ....shell.checks import YAML
from ....shell.checks import check as check_script
from ..syntax import Part, masked, place_range, script_node, value_places


def check(part: Part) -> list[Diagnostic]:
    node = script_node(part)
    if node is None:
        return []
    found = check_script(masked(node), YAML)
    # Placed only when there is something to place: a keystroke in a script without findings (the most) saves
    # following its characters through the source (about a tenth of a keystroke on 16 KB).
    places = value_places(node, part.lines) if found else None
    if places is None:
        return []
    out = []
    for f in found:
        edits = [Edit(*place_range(places, s, e), text) for s, e, text in f.fix]
        out.append(
            Diagnostic(
                f.rule.code, f.rule.severity, f.message, *place_range(places, f.start, f.end), f.fix_title, edits
            )
        )
    return out
