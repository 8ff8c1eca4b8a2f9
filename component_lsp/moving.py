"""*Move the rest into a new component*: the plan for a text past the API's limits.

The format says what moves (``SPLIT``: the commands past the limit); this
module says where it goes (a new file beside this one, ``app-2.component``
for ``app.component``, never one that exists) and, for a template, the
``COMPONENT`` line that takes their place. The server turns the plan into a
workspace edit that creates the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import NamedTuple

from .document import utf8_len
from .formats import component_suffix, stem
from .formats.base import TEMPLATE, Position, Use
from .workspace.links import arn_parts

SUFFIX = ".component"
_NUMBERED = re.compile(r"(.*)-(\d+)\Z")


class Move(NamedTuple):
    path: str  # the new component's file
    name: str  # its component name
    text: str  # what it holds
    start: Position  # the text that leaves this document
    end: Position
    replacement: str  # what takes its place: nothing, or a template's COMPONENT line
    title: str


def new_file(path: str, taken: Callable[[str, str], bool], suffix: str = SUFFIX) -> tuple[str, str]:
    """A new component's file beside ``path`` (named with ``suffix``), and its component name, that ``taken``
    (path, name) says are free."""
    folder, base = os.path.split(path)
    name = stem(base) or base
    numbered = _NUMBERED.match(name)
    name, n = (numbered.group(1), int(numbered.group(2)) + 1) if numbered else (name, 2)
    name = re.sub(r"[^A-Za-z0-9:_.-]", "-", name)[:120]
    if not name[:1].isalpha():
        name = "c-" + name
    while taken(os.path.join(folder, f"{name}-{n}{suffix}"), f"{name}-{n}"):
        n += 1
    return os.path.join(folder, f"{name}-{n}{suffix}"), f"{name}-{n}"


def reference(name: str, uses: list[Use]) -> str:
    """An ARN for a new component, in the region and account the template's other ARNs name."""
    region, account = arn_parts(uses)
    return f"acs:ecs:{region}:{account}:imagecomponent/{name}/1.0.0"


def plan(content, path: str, uses: list[Use], taken: Callable[[str, str], bool]) -> Move | None:
    """How to bring a text over the limits back within them; None if it fits, or nothing can move."""
    target, name = new_file(path, taken, component_suffix(content.format))
    template = content.kind.dialect == TEMPLATE
    line = f"COMPONENT {reference(name, uses)}\n" if template else ""
    found = content.split(utf8_len(line))
    if found is None:
        return None
    noun = "task" if content.format.name == "yaml" else "command"
    what = f"{noun} {found.first}" if found.first == found.last else f"{noun}s {found.first}-{found.last}"
    title = f"Move {what} into a new component, {os.path.basename(target)}"
    return Move(target, name, found.moved, found.start, found.end, line, title)
