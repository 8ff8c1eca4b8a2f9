"""Hover in a YAML-format component: actions, properties, parameters, `{{ }}` references, keys and types."""

from __future__ import annotations

from ...shell.checks import hover as command_hover
from ..base import Hover
from .catalog import ACTIONS, PARAMETER_KEYS, TASK_KEYS, TOP_KEYS, TYPE_DOCS, Action, Property, type_name
from .reading import Mapping, Node
from .segments import PARAM, TASK, TOP
from .syntax import Placed, key_text, place_range, script_of, text_of


def action_markdown(action: Action) -> str:
    lines = [
        f"**{action.name}** · runs on {' and '.join(action.systems)}",
        "",
        action.documentation,
        "",
        "| property | type | |",
        "|---|---|---|",
    ]
    for p in action.properties:
        default = (
            f", default `{str(p.default).lower() if isinstance(p.default, bool) else p.default}`"
            if p.default is not None
            else ""
        )
        lines.append(f"| `{p.name}` | {type_name(p.type)} | {'required' if p.required else 'optional'}{default} |")
    if action.outputs:
        lines += ["", "Output: " + ", ".join(f"`{{{{ <task>.{o} }}}}`" for o in action.outputs)]
    if action.note:
        lines += ["", action.note]
    return "\n".join(lines)


def property_markdown(action: Action, p: Property) -> str:
    text = f"**{p.name}** · {type_name(p.type)} · {'required' if p.required else 'optional'}"
    if p.default is not None:
        text += f" · default `{str(p.default).lower() if isinstance(p.default, bool) else p.default}`"
    text += f"\n\n{p.documentation}\n\nA property of `{action.name}`."
    if action.note:
        text += f"\n\n{action.note}"
    return text


def _inside(node: Node | None, line: int, col: int, base: int) -> bool:
    if node is None:
        return False
    start = (node.start[0] + base, node.start[1])
    end = (node.end[0] + base, node.end[1])
    return start <= (line, col) <= end and not (end[1] == 0 and line == end[0] and end[0] > start[0])


def _span(node: Node | None, base: int):
    if node is None:
        return (base, 0), (base, 0)
    return (node.start[0] + base, node.start[1]), (node.end[0] + base, node.end[1])


def _uses(placed: list[Placed], name: str) -> list[int]:
    return sorted(
        {p.line + r.start[0] + 1 for p in placed for r in p.facts.refs if r.output is None and r.target == name}
    )


def _parameter_markdown(placed: list[Placed], p: Placed) -> str:
    name = key_text(p.part.key) or ""
    node = p.part.node
    kind = text_of(node.value("Type")) if isinstance(node, Mapping) else None
    default = text_of(node.value("DefaultValue")) if isinstance(node, Mapping) else None
    text = f"**{name}** · parameter · {kind or 'no Type'}"
    text += (
        f"\n\nDefault: `{default}`"
        if default is not None
        else "\n\nNo default: every template that uses this component must pass `--" + name + " <value>`."
    )
    uses = _uses(placed, name)
    text += "\n\nUsed on line " + ", ".join(map(str, uses)) + "." if uses else "\n\nNo task uses it."
    return text


def _command(part, line: int, col: int, base: int) -> Hover | None:
    """What a command in a RunShellCommand's script does in a build, where a check knows it."""
    found = script_of(part)
    if found is None:
        return None
    script, places = found
    at = next((k for k, place in enumerate(places) if place >= (line, col)), None)
    if at is None or places[at][0] != line:
        return None
    known = command_hover(script, at)
    if known is None:
        return None
    text, start, end = known
    return Hover(text, *place_range(places, start, end, base))


def hover(model, line: int, col: int) -> Hover | None:
    near: list[Placed] = model.placed_at(line)[0]  # the parts of the cut that holds the line: what can be under it
    for p in near:
        base = p.line
        part = p.part
        if part.kind == TASK:
            for ref in p.facts.refs:
                s, e = (ref.start[0] + base, ref.start[1]), (ref.end[0] + base, ref.end[1])
                if s <= (line, col) <= e:
                    placed: list[Placed] = model.placed()
                    params = {key_text(q.part.key): q for q in placed if q.part.kind == PARAM}
                    tasks = [q for q in placed if q.part.kind == TASK]
                    return Hover(_reference_markdown(ref, params, tasks, p), s, e)
            t = p.facts.task
            node = part.node
            if t is None or not isinstance(node, Mapping) or not _inside(node, line, col, base):
                continue
            command = _command(part, line - base, col, base)
            if command is not None:
                return command
            action = ACTIONS.get(t.action or "")
            for k, v in node.pairs:
                name = key_text(k)
                if _inside(k, line, col, base) and name in TASK_KEYS:
                    return Hover(f"**{name}**\n\n{TASK_KEYS[name]}", *_span(k, base))
                if name == "Action" and _inside(v, line, col, base) and action is not None:
                    return Hover(action_markdown(action), *_span(v, base))
            props = t.properties
            if action is not None and isinstance(props, Mapping):
                for k, _ in props.pairs:
                    prop = action.prop(key_text(k) or "")
                    if prop is not None and _inside(k, line, col, base):
                        return Hover(property_markdown(action, prop), *_span(k, base))
        elif part.kind == PARAM:
            if _inside(part.key, line, col, base):
                return Hover(_parameter_markdown(model.placed(), p), *_span(part.key, base))
            node = part.node
            if isinstance(node, Mapping) and _inside(node, line, col, base):
                for k, v in node.pairs:
                    name = key_text(k)
                    if _inside(k, line, col, base) and name in PARAMETER_KEYS:
                        return Hover(f"**{name}**\n\n{PARAMETER_KEYS[name]}", *_span(k, base))
                    kind = text_of(v)
                    if name == "Type" and _inside(v, line, col, base) and kind in TYPE_DOCS:
                        return Hover(f"**{kind}**\n\n{TYPE_DOCS[kind]}", *_span(v, base))
        elif part.kind == TOP and _inside(part.key, line, col, base):
            name = key_text(part.key)
            if name in TOP_KEYS:
                return Hover(f"**{name}**\n\n{TOP_KEYS[name]}", *_span(part.key, base))
    return None


def _reference_markdown(ref, params, tasks, here: Placed) -> str:
    if ref.output is None:
        p = params.get(ref.target)
        if p is None:
            return f"`{{{{ {ref.target} }}}}`: no parameter is named `{ref.target}`."
        node = p.part.node
        kind = text_of(node.value("Type")) if isinstance(node, Mapping) else None
        default = text_of(node.value("DefaultValue")) if isinstance(node, Mapping) else None
        line = p.line + p.part.key.start[0] + 1
        text = f"**{ref.target}** · parameter · {kind or 'no Type'} (line {line})"
        return text + (
            f"\n\nDefault: `{default}`" if default is not None else "\n\nNo default: the template passes it."
        )
    for p in tasks:
        if p.part is here.part:  # only tasks before this one
            break
        t = p.facts.task
        if t is not None and t.name == ref.target:
            action = ACTIONS.get(t.action or "")
            line = p.line + (t.name_node.start[0] if t.name_node is not None else 0) + 1
            what = f"the `{ref.output}` of the task **{ref.target}**"
            return (
                f"{what[0].upper() + what[1:]} ({action.name if action else t.action}, line {line}): what it printed."
            )
    return f"`{{{{ {ref.target}.{ref.output} }}}}`: no task before this one is named `{ref.target}`."
