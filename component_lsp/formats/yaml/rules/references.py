"""What links tasks and parameters: `{{ }}` references, unused parameters, task names used twice, mixed systems.

A task's links are checked against an ``Env``: the parameters' names and,
for each task name and each system, the first task that has it. The model
builds the ``Env`` again only when one of those changes (or lines move), and
checks a task's links again only when the task or the ``Env`` changed, so
typing inside a task costs that task.
"""

from __future__ import annotations

from typing import NamedTuple

from ....diagnostics import UNNECESSARY, WARNING, Diagnostic, Position, Related, rule
from ..catalog import ACTIONS, LINUX, WINDOWS
from ..segments import PARAM, TASK
from ..syntax import Facts, Part, Placed, key_text
from .base import INVALID, found

UNUSED = rule("Lint.UnusedParameter", WARNING, "A parameter no task refers to with `{{ name }}`.")
DUPLICATE = rule(
    "Lint.DuplicateTaskName", WARNING, "Two tasks with the same `Name`: `{{ name.stdout }}` can mean only one."
)
MIXED = rule(
    "Lint.MixedSystems", WARNING, "Linux-only and Windows-only actions in one component, which runs on one system."
)


class Site(NamedTuple):
    """The first task with a name (or of a system): its place among the tasks, its action, and where its name (or
    action) is in the document."""

    order: int
    action: str | None
    start: Position
    end: Position

    @property
    def line(self) -> int:
        """Its line, counted from 1."""
        return self.start[0] + 1


def _site(order: int, action: str | None, p: Placed, node) -> Site:
    return Site(order, action, (p.line + node.start[0], node.start[1]), (p.line + node.end[0], node.end[1]))


class Env(NamedTuple):
    params: frozenset[str]
    tasks: dict[str, Site]  # by name
    systems: dict[str, Site]  # by system, for the actions that run on one only


def system_of(action: str | None) -> str | None:
    known = ACTIONS.get(action or "")
    return known.systems[0] if known is not None and len(known.systems) == 1 else None


def environment(placed: list[Placed]) -> Env:
    params: set[str] = set()
    tasks: dict[str, Site] = {}
    systems: dict[str, Site] = {}
    index = 0
    for p in placed:
        part = p.part
        if part.kind == PARAM:
            name = key_text(part.key)
            if name is not None:
                params.add(name)
        elif part.kind == TASK:
            t = p.facts.task
            if t is not None:
                if t.name and t.name not in tasks and t.name_node is not None:
                    tasks[t.name] = _site(index, t.action, p, t.name_node)
                system = system_of(t.action)
                if system is not None and system not in systems and t.action_node is not None:
                    systems[system] = _site(index, t.action, p, t.action_node)
            index += 1
    return Env(frozenset(params), tasks, systems)


def task_links(part: Part, facts: Facts, index: int, env: Env) -> list[Diagnostic]:
    """A task's references, name and system against the rest (``index``: its place among the tasks)."""
    out: list[Diagnostic] = []
    t = facts.task
    for ref in facts.refs:
        at = (ref.start, ref.end)
        if ref.output is None:
            if not ref.target:
                out.append(
                    found(
                        INVALID,
                        "An empty `{{ }}`: name a parameter, or a task's output (`{{ task.stdout }}`).",
                        None,
                        at=at,
                    )
                )
            elif ref.target not in env.params:
                hint = (
                    f" `{ref.target}` is a task: its output is `{{{{ {ref.target}.stdout }}}}`."
                    if ref.target in env.tasks
                    else ""
                )
                out.append(
                    found(
                        INVALID,
                        f"`{{{{ {ref.target} }}}}` refers to no parameter: add `{ref.target}` under"
                        f" `Parameters`.{hint}",
                        None,
                        at=at,
                    )
                )
            continue
        site = env.tasks.get(ref.target)
        if site is None or site.order >= index:
            if site is not None:
                message = (
                    f"`{{{{ {ref.target}.{ref.output} }}}}` refers to the task `{ref.target}`, which does not run"
                    " before this one: tasks run in order."
                )
            else:
                message = (
                    f"`{{{{ {ref.target}.{ref.output} }}}}` refers to no task: no task before this one is named"
                    f" `{ref.target}`."
                )
            out.append(found(INVALID, message, None, at=at))
            continue
        action = ACTIONS.get(site.action or "")
        if action is not None and ref.output not in action.outputs:
            has = f"its only output is `{action.outputs[0]}`" if action.outputs else "it has no output"
            out.append(
                found(
                    INVALID,
                    f"The task `{ref.target}` ({action.name}) has no output `{ref.output}`: {has}.",
                    None,
                    at=at,
                )
            )
    if t is None:
        return out
    site = env.tasks.get(t.name or "")
    if site is not None and site.order < index and t.name_node is not None:
        message = f"Another task before this one is named `{t.name}` (line {site.line}): give each task its own name."
        out.append(
            found(DUPLICATE, message, t.name_node, related=(Related(site.start, site.end, "The first task named so"),))
        )
    system = system_of(t.action)
    if system is not None and t.action_node is not None:
        other = WINDOWS if system == LINUX else LINUX
        first = env.systems.get(other)
        if first is not None and first.order < index:
            message = (
                f"`{t.action}` runs on {system} only, but `{first.action}` (line {first.line}) runs on {other} only: a"
                " component runs on one system."
            )
            related = (Related(first.start, first.end, f"The first action that runs on {other} only"),)
            out.append(found(MIXED, message, t.action_node, related=related))
    return out


def unused(part: Part, uses: int) -> list[Diagnostic]:
    """A parameter that no reference uses."""
    name = key_text(part.key)
    if part.kind != PARAM or name is None or uses:
        return []
    message = f"No task uses the parameter `{name}`: refer to it as `{{{{ {name} }}}}`, or remove it."
    return [found(UNUSED, message, part.key, tags=(UNNECESSARY,))]  # faded, in editors that show the tag
