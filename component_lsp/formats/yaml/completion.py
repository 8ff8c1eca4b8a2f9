"""Completion in a YAML-format component: keys, `Type` values, actions, that action's properties, booleans, `{{ }}`."""

from __future__ import annotations

from ..base import KEYWORD, PROPERTY, VALUE, VARIABLE, Item
from .catalog import ACTIONS, BOOLEAN, PARAMETER_KEYS, PARAMETER_TYPES, TASK_KEYS, TOP_KEYS, TYPE_DOCS, type_name
from .context import context, reference_prefix
from .reading import Mapping
from .segments import PARAM, PARAMETERS, TASK, TASKS
from .syntax import Placed, key_text, text_of


def _placed(model) -> list[Placed]:
    return model.placed()


def _task_at(placed: list[Placed], line: int) -> tuple[int, Placed | None]:
    """The index among the tasks of the task holding ``line`` (or the number of tasks before it), and the task."""
    index = 0
    for p in placed:
        if p.part.kind != TASK:
            continue
        node = p.part.node
        first = p.line + (node.start[0] if node is not None else 0)
        last = p.line + (node.end[0] if node is not None else 0)
        if first <= line <= last and (node is None or line < last or node.end[1] > 0):
            return index, p
        if first > line:
            break
        index += 1
    return index, None


def _action_near(lines: list[str], item_line: int | None) -> str | None:
    """The `Action:` of the task item starting at ``item_line``, read from its lines (the text may not parse)."""
    if item_line is None:
        return None
    indent = len(lines[item_line]) - len(lines[item_line].lstrip(" -"))
    for index in range(item_line, len(lines)):
        text = lines[index].rstrip("\r\n")
        stripped = text.lstrip(" -")
        if index > item_line and text.strip() and len(text) - len(stripped) < indent:
            break
        if stripped.startswith("Action:"):
            return stripped.split(":", 1)[1].split("#", 1)[0].strip().strip("'\"")
    return None


def _siblings(lines: list[str], line: int, indent: int) -> set[str]:
    """Keys already written at ``indent`` in the block around ``line``."""
    found: set[str] = set()
    for step in (-1, 1):
        index = line + step
        while 0 <= index < len(lines):
            text = lines[index].rstrip("\r\n")
            if text.strip() and not text.strip().startswith("#"):
                lead = len(text) - len(text.lstrip(" -"))
                if lead < indent or (lead == indent and text.lstrip().startswith("-") and step == 1):
                    if lead == indent and step == -1 and text.lstrip().startswith("-"):
                        found.add(text.lstrip(" -").split(":", 1)[0].strip())
                    break
                if lead == indent:
                    found.add(text.lstrip(" -").split(":", 1)[0].strip())
            index += step
    return found


def complete(model, line: int, col: int) -> list[Item]:
    lines = model.source.lines
    ref = reference_prefix(lines, line, col)
    if ref is not None:
        return _references(model, line, col, ref)
    _, top, above = model.placed_at(line)
    ctx = context(lines, line, col, top, above)
    if ctx is None:
        return []
    path = ctx.path
    items: list[Item] = []
    if ctx.at_key:
        indent = ctx.start[1]
        present = _siblings(lines, line, indent) - {ctx.key}
        if not path:
            for key, doc in TOP_KEYS.items():
                if key not in present:
                    items.append(
                        Item(key, KEYWORD, "component", doc, f"{key}:", f"{key}:\n  $0", *_range(ctx), sort="0" + key)
                    )
        elif path[0] == TASKS and path[-1] == "-" and len(path) == 2:
            for key, doc in TASK_KEYS.items():
                if key not in present:
                    snippet = f"{key}:\n  ${{0}}" if key == "Properties" else f"{key}: $0"
                    items.append(
                        Item(
                            key,
                            PROPERTY,
                            "task",
                            doc,
                            f"{key}: ",
                            snippet,
                            *_range(ctx),
                            sort="0" + str(list(TASK_KEYS).index(key)),
                        )
                    )
        elif path[0] == TASKS and path[-1] == "Properties":
            action = ACTIONS.get(_action_near(lines, ctx.item_line) or "")
            if action is not None:
                for p in action.properties:
                    if p.name in present:
                        continue
                    detail = f"{type_name(p.type)}{', required' if p.required else ''}"
                    snippet = f"{p.name}: ${{1}}" if p.type != BOOLEAN else f"{p.name}: ${{1|true,false|}}"
                    items.append(
                        Item(
                            p.name,
                            PROPERTY,
                            detail,
                            p.documentation,
                            f"{p.name}: ",
                            snippet,
                            *_range(ctx),
                            sort=("0" if p.required else "1") + p.name,
                        )
                    )
        elif path[0] == PARAMETERS and len(path) == 2:
            for key, doc in PARAMETER_KEYS.items():
                if key not in present:
                    snippet = "Type: ${1|String,Number,Boolean|}" if key == "Type" else f"{key}: $0"
                    items.append(
                        Item(key, PROPERTY, "parameter", doc, f"{key}: ", snippet, *_range(ctx), sort="0" + key)
                    )
        return items
    # a value
    if ctx.key == "Action" and path[:1] == (TASKS,):
        for order, action in enumerate(ACTIONS.values()):  # in the table's order: the shell commands first
            systems = " and ".join(action.systems)
            items.append(
                Item(
                    action.name,
                    VALUE,
                    f"action · {systems}",
                    action.documentation,
                    action.name,
                    action.name,
                    *_range(ctx),
                    sort=f"{order:02}",
                )
            )
    elif ctx.key == "Type" and path[:1] == (PARAMETERS,):
        for order, kind in enumerate(PARAMETER_TYPES):
            items.append(
                Item(kind, VALUE, "parameter type", TYPE_DOCS[kind], kind, kind, *_range(ctx), sort=f"{order}")
            )
    elif _is_boolean(model, lines, ctx):
        for value in ("true", "false"):
            items.append(Item(value, VALUE, "Boolean", "", value, value, *_range(ctx)))
    return items


def _range(ctx) -> tuple[tuple[int, int], tuple[int, int]]:
    return ctx.start, ctx.end


def _is_boolean(model, lines, ctx) -> bool:
    path = ctx.path
    if path[:1] == (TASKS,) and path[-1:] == ("Properties",):
        action = ACTIONS.get(_action_near(lines, ctx.item_line) or "")
        p = action.prop(ctx.key) if action else None
        return p is not None and p.type == BOOLEAN
    if path[:1] == (PARAMETERS,) and ctx.key == "DefaultValue":
        for placed in _placed(model):
            part = placed.part
            if part.kind == PARAM and key_text(part.key) == path[-1] and isinstance(part.node, Mapping):
                return text_of(part.node.value("Type")) == BOOLEAN
    return False


def _references(model, line: int, col: int, ref: tuple[int, str]) -> list[Item]:
    open_at, typed = ref
    placed = _placed(model)
    here, _ = _task_at(placed, line)
    start = (line, open_at + 2 + (len(typed) - len(typed.lstrip())))
    text = model.source.lines[line]
    rest = text[col:]
    closing = rest.lstrip().startswith("}}")
    end = (line, col)
    items = []
    for p in placed:
        if p.part.kind == PARAM:
            name = key_text(p.part.key)
            if not name:
                continue
            kind = text_of(p.part.node.value("Type")) if isinstance(p.part.node, Mapping) else None
            default = text_of(p.part.node.value("DefaultValue")) if isinstance(p.part.node, Mapping) else None
            doc = (
                f"Parameter `{name}`"
                + (f": {kind}" if kind else "")
                + (f", default `{default}`" if default is not None else "")
            )
            label = f"{name}"
            items.append(
                Item(
                    label,
                    VARIABLE,
                    f"parameter{' · ' + kind if kind else ''}",
                    doc,
                    label + ("" if closing else "}}"),
                    label + ("" if closing else "}}"),
                    start,
                    end,
                    sort="0" + name,
                )
            )
    index = 0
    for p in placed:
        if p.part.kind != TASK:
            continue
        if index >= here:
            break
        index += 1
        t = p.facts.task
        action = ACTIONS.get(t.action or "") if t is not None else None
        if t is None or not t.name or action is None:
            continue
        for output in action.outputs:
            label = f"{t.name}.{output}"
            doc = f"The {output} of the task `{t.name}` ({action.name}), which runs before this one."
            items.append(
                Item(
                    label,
                    VARIABLE,
                    f"output of {t.name}",
                    doc,
                    label + ("" if closing else "}}"),
                    label + ("" if closing else "}}"),
                    start,
                    end,
                    sort="1" + label,
                )
            )
    return items
