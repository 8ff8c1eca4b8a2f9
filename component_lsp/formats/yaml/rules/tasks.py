"""One task: its `Name`, its `Action`, and the action's properties, each of the type it takes."""

from __future__ import annotations

import json

from ....diagnostics import Diagnostic, Edit
from ..catalog import ACTIONS, BOOLEAN, JSON, NUMBER, STRING, TASK_KEYS, Action, suggestion, type_name
from ..reading import Mapping, Node, Scalar, kind_of
from ..syntax import Part, end_of_line, key_text, last_line, task, whole_reference
from .base import INVALID, found, quoted, unknown_key


def fits(kind: str, node: Node | None) -> bool:
    """True if ``node`` is a value of the property type ``kind`` (a whole ``{{ }}`` fits any)."""
    if whole_reference(node):
        return True
    if not isinstance(node, Scalar) or node.tag == "null":
        return kind == JSON and isinstance(node, Mapping)
    value = node.value
    if kind == STRING:
        return True
    if kind == NUMBER:
        if isinstance(value, bool):
            return False
        if isinstance(value, (int, float)):
            return True
        try:
            float(str(value))  # "600", quoted: the service reads the number in it
        except ValueError:
            return False
        return True
    if kind == BOOLEAN:
        return isinstance(value, bool) or str(value).lower() in ("true", "false")
    if kind == JSON:
        if not isinstance(value, str):
            return False
        try:
            return isinstance(json.loads(value), dict)
        except ValueError:
            return False
    return True


def _add_properties(part: Part, action: Action, missing: list[str]) -> list[Edit]:
    """Edits that add ``missing`` properties with empty values, under Properties (added too if it is not there)."""
    t = task(part.node)
    lines = part.lines
    props = t.properties
    if isinstance(props, Mapping) and props.pairs:
        col = props.pairs[0][0].start[1]
        at = end_of_line(lines, last_line(props))
        return [Edit(at, at, "".join(f"\n{' ' * col}{name}: " for name in missing))]
    node = t.node
    if not isinstance(node, Mapping):
        return []
    col = node.start[1]
    if t.properties_key is not None:  # `Properties:` with nothing under it
        key = t.properties_key
        at = end_of_line(lines, key.end[0])
        return [Edit(at, at, "".join(f"\n{' ' * (col + 2)}{name}: " for name in missing))]
    at = end_of_line(lines, last_line(node))
    return [Edit(at, at, f"\n{' ' * col}Properties:" + "".join(f"\n{' ' * (col + 2)}{name}: " for name in missing))]


def check(part: Part) -> list[Diagnostic]:
    node = part.node
    if not isinstance(node, Mapping):
        what = kind_of(node)
        return [found(INVALID, f"A task must be a mapping with `Name`, `Action` and `Properties`, not {what}.", node)]
    out: list[Diagnostic] = []
    t = task(node)
    for k, _ in node.pairs:
        name = key_text(k)
        if name not in TASK_KEYS:
            taken = {key_text(other) for other, _ in node.pairs}
            out.append(
                unknown_key(
                    k, name, TASK_KEYS, f"A task has no key `{name}`.", f"A task has {quoted(TASK_KEYS)}.", taken
                )
            )
    first_line = (node.start, end_of_line(part.lines, node.start[0]))
    if t.name_node is None:
        out.append(found(INVALID, "The task has no `Name`: add `Name: <name>`.", None, at=first_line))
    elif not t.name:
        out.append(found(INVALID, f"A task's `Name` must be text, not {kind_of(t.name_node)}.", t.name_node))
    if t.action_node is None:
        out.append(
            found(
                INVALID,
                "The task has no `Action`: add `Action: RunShellCommand` (or another action).",
                None,
                at=first_line,
            )
        )
        return out
    action = ACTIONS.get(t.action) if t.action else None
    if action is None:
        if not t.action or not isinstance(t.action_node, Scalar):
            out.append(
                found(
                    INVALID,
                    f"A task's `Action` must be the name of an action, not {kind_of(t.action_node)}.",
                    t.action_node,
                )
            )
            return out
        guess = suggestion(t.action)
        hint = f" Did you mean `{guess}`?" if guess else f" The actions are {quoted(ACTIONS)}."
        fix = [Edit(t.action_node.start, t.action_node.end, guess)] if guess else []
        out.append(
            found(
                INVALID,
                f"Unknown action `{t.action}`.{hint}",
                t.action_node,
                f"Change to {guess}" if guess else "",
                fix,
            )
        )
        return out
    props = t.properties
    present: dict[str, Node] = {}
    if props is not None and isinstance(props, Mapping):
        for k, v in props.pairs:
            name = key_text(k)
            p = action.prop(name) if name else None
            if p is None:
                names = [q.name for q in action.properties]
                taken = {key_text(other) for other, _ in props.pairs}
                out.append(
                    unknown_key(
                        k, name, names, f"`{action.name}` has no property `{name}`.", f"It has {quoted(names)}.", taken
                    )
                )
                continue
            present[p.name] = v
            if not fits(p.type, v):
                out.append(
                    found(
                        INVALID,
                        f"`{p.name}` takes {type_name(p.type)}, not {kind_of(v)}.",
                        v if v is not None and kind_of(v) != "nothing" else k,
                    )
                )
    elif props is not None and not (isinstance(props, Scalar) and props.tag == "null"):
        out.append(
            found(INVALID, f"`Properties` must be a mapping of the action's properties, not {kind_of(props)}.", props)
        )
        return out
    missing = [p.name for p in action.required if p.name not in present]
    if missing:
        plural = "properties" if len(missing) > 1 else "property"
        message = f"`{action.name}` needs the {plural} {quoted(missing)}."
        fix = _add_properties(part, action, missing)
        out.append(found(INVALID, message, t.action_node, f"Add {quoted(missing)}" if fix else "", fix))
    return out
