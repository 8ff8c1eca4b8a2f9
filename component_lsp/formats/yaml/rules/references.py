"""What spans tasks and parameters: `{{ }}` references, unused parameters, task names used twice, mixed systems."""

from __future__ import annotations

from ....diagnostics import WARNING, Diagnostic, rule
from ..catalog import ACTIONS, LINUX, WINDOWS
from ..reading import Node
from ..segments import PARAM, TASK
from ..syntax import Placed, Task, View, key_text
from .base import INVALID, found

UNUSED = rule("Lint.UnusedParameter", WARNING, "A parameter no task refers to with `{{ name }}`.")
DUPLICATE = rule("Lint.DuplicateTaskName", WARNING, "Two tasks with the same `Name`: `{{ name.stdout }}` can mean only one.")
MIXED = rule("Lint.MixedSystems", WARNING, "Linux-only and Windows-only actions in one component, which runs on one system.")


def _move(line: int, at):
    return (at[0] + line, at[1])


def _on(p: Placed, node: Node | None):
    """Where ``node`` of the placed part ``p`` is in the document."""
    if node is None:
        return ((p.line, 0), (p.line, 0))
    return (_move(p.line, node.start), _move(p.line, node.end))


def _line_of(p: Placed, node: Node | None) -> int:
    return p.line + (node.start[0] if node is not None else 0) + 1


def check(view: View) -> list[Diagnostic]:
    placed = view.placed
    out: list[Diagnostic] = []
    params: dict[str, Placed] = {}
    for p in placed:
        if p.part.kind == PARAM:
            name = key_text(p.part.key)
            if name is not None:
                params[name] = p
    used: set[str] = set()
    tasks: dict[str, int] = {}  # name -> its index among the tasks
    order: list[Placed] = [p for p in placed if p.part.kind == TASK]
    names_at: dict[str, list[Placed]] = {}
    for p in order:
        t = p.facts.task
        if t is not None and t.name:
            names_at.setdefault(t.name, []).append(p)
    for index, p in enumerate(order):
        t = p.facts.task
        for ref in p.facts.refs:
            at = (_move(p.line, ref.start), _move(p.line, ref.end))
            if ref.output is None:
                used.add(ref.target)
                if not ref.target:
                    out.append(found(INVALID, "An empty `{{ }}`: name a parameter, or a task's output (`{{ task.stdout }}`).", None, at=at))
                elif ref.target not in params:
                    later = names_at.get(ref.target)
                    hint = f" `{ref.target}` is a task: its output is `{{{{ {ref.target}.stdout }}}}`." if later else ""
                    out.append(found(INVALID, f"`{{{{ {ref.target} }}}}` refers to no parameter: add `{ref.target}` under `Parameters`.{hint}", None, at=at))
                continue
            earlier = tasks.get(ref.target)
            if earlier is None:
                if ref.target in names_at:
                    message = f"`{{{{ {ref.target}.{ref.output} }}}}` refers to the task `{ref.target}`, which does not run before this one: tasks run in order."
                else:
                    message = f"`{{{{ {ref.target}.{ref.output} }}}}` refers to no task: no task before this one is named `{ref.target}`."
                out.append(found(INVALID, message, None, at=at))
                continue
            source = order[earlier].facts.task
            action = ACTIONS.get(source.action or "") if source is not None else None
            if action is not None and ref.output not in action.outputs:
                has = f"its only output is `{action.outputs[0]}`" if action.outputs else "it has no output"
                out.append(found(INVALID, f"The task `{ref.target}` ({action.name}) has no output `{ref.output}`: {has}.", None, at=at))
        if t is not None and t.name and t.name not in tasks:
            tasks[t.name] = index
    for name, where in names_at.items():
        first = _line_of(where[0], _task(where[0]).name_node)
        for p in where[1:]:
            message = f"Another task before this one is named `{name}` (line {first}): give each task its own name."
            out.append(found(DUPLICATE, message, None, at=_on(p, _task(p).name_node)))
    for name, p in params.items():
        if name not in used:
            message = f"No task uses the parameter `{name}`: refer to it as `{{{{ {name} }}}}`, or remove it."
            out.append(found(UNUSED, message, None, at=_on(p, p.part.key)))
    systems: dict[str, Placed] = {}
    for p in order:
        t = p.facts.task
        action = ACTIONS.get(t.action or "") if t is not None else None
        if action is None or len(action.systems) != 1:
            continue
        system = action.systems[0]
        systems.setdefault(system, p)
        other = WINDOWS if system == LINUX else LINUX
        if other in systems and systems[other] is not p and t is not None:
            before = _task(systems[other])
            line = _line_of(systems[other], before.action_node)
            message = f"`{action.name}` runs on {system} only, but `{before.action}` (line {line}) runs on {other} only: a component runs on one system."
            out.append(found(MIXED, message, None, at=_on(p, t.action_node)))
    return out


def _task(p: Placed) -> Task:
    """The task of a placed TASK part (whose facts always hold one)."""
    t = p.facts.task
    assert t is not None
    return t
