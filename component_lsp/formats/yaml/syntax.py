"""What a YAML-format component says, part by part: its top-level keys, tasks, parameters and ``{{ }}`` references.

A ``Part`` is one top-level key, one task or one parameter. The model reads
the cuts of a document on their own, so a part's positions count lines from
where its cut starts; the model moves what rules find by that much. Rules,
completion and hover read parts and never each other.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .reading import Mapping, Node, Scalar, Sequence
from .segments import PARAM, PARAMETERS, TASK, TASKS, TOP

Position = tuple[int, int]

# {{ name }} or {{ task.output }}; spaces inside the braces are optional.
REFERENCE = re.compile(r"\{\{\s*([^{}\s]*)\s*\}\}")


class Ref(NamedTuple):
    target: str  # the parameter or task name
    output: str | None  # the task's output (``stdout``), None for a parameter
    start: Position  # the whole {{ ... }}
    end: Position
    name_start: Position  # the name alone
    name_end: Position


class Part(NamedTuple):
    """Positions are in ``lines``, the text the part was read from (a cut of the document, or all of it)."""

    kind: str  # TOP, TASK or PARAM
    key: Node | None  # TOP and PARAM: the key
    node: (
        Node | None
    )  # TOP: the value (None when its children are parts of their own), TASK: the item, PARAM: the value
    lines: list[str]


def text_of(node: Node | None) -> str | None:
    """A scalar's value as text, or None for anything else (and for null)."""
    if isinstance(node, Scalar) and node.tag != "null":
        return str(node.value) if not isinstance(node.value, bool) else ("true" if node.value else "false")
    return None


def key_text(node: Node | None) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def parts_of(root: Node | None, lines: list[str], kind: str = TOP) -> list[Part]:
    """The parts of a text read whole (``kind`` TOP: a component, or a cut holding top-level keys), or of a cut
    holding tasks (TASK) or parameters (PARAM)."""
    if kind == TASK:
        items = root.items if isinstance(root, Sequence) else []
        return [Part(TASK, None, item, lines) for item in items]
    if kind == PARAM:
        pairs = root.pairs if isinstance(root, Mapping) else []
        return [Part(PARAM, k, v, lines) for k, v in pairs]
    if not isinstance(root, Mapping):
        return []
    parts = []
    for k, v in root.pairs:
        name = key_text(k)
        parts.append(Part(TOP, k, v, lines))
        if name == TASKS and isinstance(v, Sequence):
            parts += [Part(TASK, None, item, lines) for item in v.items]
        elif name == PARAMETERS and isinstance(v, Mapping):
            parts += [Part(PARAM, pk, pv, lines) for pk, pv in v.pairs]
    return parts


def source(lines: list[str], start: Position, end: Position):
    """(line, first column, text) of each line of the range ``start``-``end``."""
    (sl, sc), (el, ec) = start, end
    for index in range(sl, min(el, len(lines) - 1) + 1):
        line = lines[index].rstrip("\r\n")
        first = sc if index == sl else 0
        last = ec if index == el else len(line)
        yield index, first, line[first:last]


def references(node: Node | None, lines: list[str]) -> list[Ref]:
    """Every ``{{ }}`` in the text scalars under ``node``, where the source text has it."""
    found: list[Ref] = []
    stack = [node]
    seen: set[int] = set()
    while stack:
        n = stack.pop()
        if n is None or id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, Mapping):
            stack.extend(v for _, v in reversed(n.pairs))
        elif isinstance(n, Sequence):
            stack.extend(reversed(n.items))
        elif isinstance(n.value, str) and "{{" in n.value:
            for index, first, text in source(lines, n.start, n.end):
                for m in REFERENCE.finditer(text):
                    target, _, output = m.group(1).partition(".")
                    s, e = m.span(1)
                    found.append(
                        Ref(
                            target,
                            output if "." in m.group(1) else None,
                            (index, first + m.start()),
                            (index, first + m.end()),
                            (index, first + s),
                            (index, first + e),
                        )
                    )
    return found


def value_places(node: Scalar, lines: list[str]) -> list[Position] | None:
    """Where each character of a text scalar's value is in the source, and where the value ends; None where the
    source cannot be followed (an escape such as ``\\t`` in double quotes makes a character the source lacks).

    The value is matched against the source from the scalar's start: indentation, quotes, block indicators
    and folded line breaks (a line break that became a space) are passed over."""
    value = node.value
    if not isinstance(value, str):
        return None
    source_chars: list[tuple[str, Position]] = []
    for index, first, text in source(lines, node.start, node.end):
        source_chars += [(ch, (index, col)) for col, ch in enumerate(text, first)]
        source_chars.append(("\n", (index, first + len(text))))
    places: list[Position] = []
    j, count = 0, len(source_chars)
    for ch in value:
        while j < count and source_chars[j][0] != ch and not (ch == " " and source_chars[j][0] == "\n"):
            j += 1
        if j == count:
            return None
        places.append(source_chars[j][1])
        j += 1
    end = places[-1] if places else node.start
    places.append((end[0], end[1] + 1) if places else end)
    return places


def place_range(places: list[Position], start: int, end: int, line: int = 0) -> tuple[Position, Position]:
    """Where a range of a value is, from ``value_places``: from its first character to just past its last (an
    empty range is its start), moved down by ``line`` (where the part is)."""
    sl, sc = places[start]
    el, ec = (places[end - 1][0], places[end - 1][1] + 1) if end > start else (sl, sc)
    return (sl + line, sc), (el + line, ec)


SHELL_ACTION = "RunShellCommand"
SCRIPT = "commandContent"


def script_node(part: Part) -> Scalar | None:
    """A RunShellCommand task's ``commandContent``, where it is text."""
    t = task(part.node)
    if t.action != SHELL_ACTION or not isinstance(t.properties, Mapping):
        return None
    node = t.properties.value(SCRIPT)
    return node if isinstance(node, Scalar) and isinstance(node.value, str) else None


def masked(node: Scalar) -> str:
    """A script's text with each ``{{ }}`` masked (the service puts a value there)."""
    return REFERENCE.sub(lambda m: "_" * len(m.group(0)), node.value if isinstance(node.value, str) else "")


def script_of(part: Part) -> tuple[str, list[Position]] | None:
    """A RunShellCommand task's script, ``{{ }}`` masked, and where each of its characters is."""
    node = script_node(part)
    places = None if node is None else value_places(node, part.lines)
    return None if node is None or places is None else (masked(node), places)


def whole_reference(node: Node | None) -> bool:
    """A value that is wholly one ``{{ }}``: it stands for whatever is passed, of any type."""
    return (
        isinstance(node, Scalar) and isinstance(node.value, str) and REFERENCE.fullmatch(node.value.strip()) is not None
    )


class Task(NamedTuple):
    node: Node | None
    name: str | None
    name_node: Node | None
    action: str | None
    action_node: Node | None
    properties: Node | None  # the Properties value
    properties_key: Node | None


def task(node: Node | None) -> Task:
    if not isinstance(node, Mapping):
        return Task(node, None, None, None, None, None, None)
    name, action, props = node.get("Name"), node.get("Action"), node.get("Properties")
    return Task(
        node,
        text_of(name[1]) if name else None,
        name[1] if name else None,
        text_of(action[1]) if action else None,
        action[1] if action else None,
        props[1] if props else None,
        props[0] if props else None,
    )


def last_line(node: Node) -> int:
    """The last line that holds any of ``node``'s text (PyYAML ends a block at the start of the line after it)."""
    while True:
        if isinstance(node, Mapping) and node.pairs:
            node = node.pairs[-1][1]
        elif isinstance(node, Sequence) and node.items:
            node = node.items[-1]
        else:
            break
    line, col = node.end
    return line - 1 if col == 0 and line > node.start[0] else line


def end_of_line(lines: list[str], line: int) -> Position:
    """The end of a line's text: where new lines go after it, each written as a line break then its text.

    A line past the text (where PyYAML ends a block scalar that ends the text) is the last line.
    """
    line = max(0, min(line, len(lines) - 1))
    return (line, len(lines[line].rstrip("\r\n")))


class Facts(NamedTuple):
    """What the document-wide rules and the features need of a part, worked out once when it is read."""

    task: Task | None  # a TASK part's
    refs: list[Ref]  # the {{ }} in a task's properties


def facts(part: Part) -> Facts:
    if part.kind != TASK:
        return Facts(None, [])
    t = task(part.node)
    return Facts(t, references(t.properties, part.lines))


class Placed(NamedTuple):
    """A part where it is now: the model line its positions count from, the part, and its facts."""

    line: int
    part: Part
    facts: Facts


class View(NamedTuple):
    """The document as the document-wide rules see it."""

    placed: list[Placed]  # every part, in order
    lines: list[str]  # the document's
    meaningful: bool  # the text holds more than blank lines and comments
