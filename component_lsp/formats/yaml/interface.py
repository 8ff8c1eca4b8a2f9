"""What a YAML-format component offers a template that uses it: its parameters (type, default) and its tasks."""

from __future__ import annotations

from ..base import Offer, Parameter
from .reading import Mapping
from .segments import PARAM, TASK
from .syntax import key_text, text_of

STEPS = 20  # tasks shown


def offer(model) -> Offer | None:
    """The parameters and tasks, from the parts as they read now (None when the text is not YAML that reads)."""
    if not model.reads():
        return None
    parameters: list[Parameter] = []
    steps: list[str] = []
    for placed in model.placed():
        part, line = placed.part, placed.line
        if part.kind == PARAM:
            name = key_text(part.key)
            if name is None or part.key is None:
                continue
            kind, default = "", None
            if isinstance(part.node, Mapping):
                pair = part.node.get("Type")
                kind = (text_of(pair[1]) or "") if pair else ""
                pair = part.node.get("DefaultValue")
                default = text_of(pair[1]) if pair else None
            (sl, sc), (el, ec) = part.key.start, part.key.end
            parameters.append(Parameter(name, kind, default, (sl + line, sc), (el + line, ec)))
        elif part.kind == TASK and len(steps) < STEPS:
            task = placed.facts.task
            if task is not None:
                steps.append(f"{task.name or '(no name)'}: {task.action or '(no action)'}")
    return Offer("yaml", tuple(parameters), tuple(steps))
