"""YAML read by PyYAML into a small tree of nodes that know where they are.

PyYAML composes the text (with libyaml's C parser when the wheel has it, as
the wheels on PyPI do; in pure Python otherwise) into nodes with marks;
those become ``Scalar``, ``Mapping`` and ``Sequence`` here, placed in model
positions (line, code-point column; PyYAML counts code points too), with
scalars resolved as YAML 1.1 does (``3`` a number, ``true`` a boolean).

An alias is the node of its anchor, read once: a billion laughs costs what
its text costs. A syntax error is a ``Problem`` at PyYAML's mark, never an
exception.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

Position = tuple[int, int]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyPI's wheel has it
_constructor = SafeConstructor()
_TAG = "tag:yaml.org,2002:"


class Scalar(NamedTuple):
    value: object  # str, int, float, bool, None, or a date
    start: Position
    end: Position
    plain: bool  # written without quotes or a block indicator, so that `true` is a boolean
    tag: str  # "str", "int", "float", "bool", "null", ... (YAML 1.1's resolution)


class Mapping(NamedTuple):
    pairs: list[tuple[Node, Node]]
    start: Position
    end: Position

    def get(self, key: str) -> tuple[Node, Node] | None:
        """The last pair whose key is the string ``key`` (the last wins in YAML loaders)."""
        found = None
        for pair in self.pairs:
            k = pair[0]
            if isinstance(k, Scalar) and k.value == key:
                found = pair
        return found

    def value(self, key: str) -> Node | None:
        pair = self.get(key)
        return None if pair is None else pair[1]


class Sequence(NamedTuple):
    items: list[Node]
    start: Position
    end: Position


Node = Scalar | Mapping | Sequence


class Problem(NamedTuple):
    """Text that is not YAML: PyYAML's message, and where it points."""

    message: str
    at: Position


class Reading(NamedTuple):
    root: Node | None  # None: an empty text (or one that is not YAML)
    problem: Problem | None


def _scalar_value(node: yaml.ScalarNode) -> object:
    if not node.tag.startswith(_TAG) or node.tag == _TAG + "str":
        return node.value
    try:
        value = _constructor.construct_object(node)
    except (ConstructorError, ValueError, OverflowError):
        return node.value
    finally:
        _constructor.constructed_objects.clear()
        _constructor.recursive_objects.clear()
    return value


class _Builder:
    def __init__(self, line: int) -> None:
        self.line = line
        self.seen: dict[int, Node] = {}

    def at(self, mark) -> Position:
        return (mark.line + self.line, mark.column)

    def build(self, root: yaml.Node) -> Node:
        """The tree of ``root``, without recursion (nesting is limited by the text only)."""
        built = self._shell(root)
        stack = [(root, built)]
        while stack:
            node, out = stack.pop()
            if isinstance(out, Mapping):
                for k, v in node.value:
                    pair = (self._child(k, stack), self._child(v, stack))
                    out.pairs.append(pair)
            elif isinstance(out, Sequence):
                for v in node.value:
                    out.items.append(self._child(v, stack))
        return built

    def _child(self, node: yaml.Node, stack: list) -> Node:
        known = self.seen.get(id(node))
        if known is not None:  # an alias: the anchor's node, filled in once
            return known
        out = self._shell(node)
        if not isinstance(out, Scalar):
            stack.append((node, out))
        return out

    def _shell(self, node: yaml.Node) -> Node:
        start, end = self.at(node.start_mark), self.at(node.end_mark)
        out: Node
        if isinstance(node, yaml.ScalarNode):
            tag = node.tag[len(_TAG) :] if node.tag.startswith(_TAG) else node.tag
            out = Scalar(_scalar_value(node), start, end, node.style is None, tag)
        elif isinstance(node, yaml.MappingNode):
            out = Mapping([], start, end)
        else:
            out = Sequence([], start, end)
        self.seen[id(node)] = out
        return out


def read(text: str, line: int = 0) -> Reading:
    """The YAML ``text`` (which starts at model line ``line``) as nodes, or the problem that stops it."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = (mark.line + line, mark.column) if mark is not None else (line, 0)
        return Reading(None, Problem(_message(exc), at))
    except yaml.YAMLError as exc:  # a reader error: a character YAML does not allow
        mark = getattr(exc, "position", None)
        return Reading(None, Problem(str(exc).splitlines()[0], (line, 0) if mark is None else _offset(text, mark, line)))
    except RecursionError:
        return Reading(None, Problem("the text is nested too deeply", (line, 0)))
    if root is None:
        return Reading(None, None)
    return Reading(_Builder(line).build(root), None)


def _message(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "; ".join(parts) or "not valid YAML"


def _offset(text: str, index: int, line: int) -> Position:
    before = text[:index]
    return (line + before.count("\n"), index - (before.rfind("\n") + 1))


def is_text(node: Node | None) -> bool:
    """A scalar that stands for text where a string goes: anything but null, a mapping or a sequence."""
    return isinstance(node, Scalar) and node.tag != "null"


def kind_of(node: Node | None) -> str:
    """What a value is, in words for a message."""
    if node is None or (isinstance(node, Scalar) and node.tag == "null"):
        return "nothing"
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    value = node.value
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    return "text"


__all__ = ["Mapping", "Node", "Problem", "Reading", "Scalar", "Sequence", "is_text", "kind_of", "read"]
