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
from bisect import bisect_right
from typing import NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

Position = tuple[int, int]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyPI's wheel has it
_constructor = SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_TAG_LENGTH = len(_TAG)


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


def _scalar_value(node) -> object:
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


class _Places:
    """Model positions of character offsets, for a text that YAML breaks into lines where the model does not
    (a lone CR, NEL, LS, PS: YAML 1.1 breaks lines there, the model at LF only)."""

    def __init__(self, text: str, line: int) -> None:
        self.line = line
        self.starts = [0]
        for index, ch in enumerate(text):
            if ch == "\n":
                self.starts.append(index + 1)

    def at(self, index: int) -> Position:
        k = bisect_right(self.starts, index) - 1
        return (k + self.line, index - self.starts[k])


def _odd_breaks(text: str) -> bool:
    return "\r" in text.replace("\r\n", "") or any(ch in text for ch in "\x85\u2028\u2029\ufeff")


class _Builder:
    def __init__(self, line: int, places: _Places | None = None) -> None:
        self.line = line
        self.places = places
        self.seen: dict[int, Node] = {}

    def build(self, root: yaml.Node) -> Node:
        """The tree of ``root``, without recursion (nesting is limited by the text only)."""
        built = self._shell(root)
        stack: list[tuple[yaml.Node, Node]] = [(root, built)]
        seen, shell = self.seen, self._shell
        while stack:
            node, out = stack.pop()
            if isinstance(out, Mapping):
                pairs = out.pairs
                for k, v in node.value:
                    pairs.append((seen.get(id(k)) or shell(k, stack), seen.get(id(v)) or shell(v, stack)))
            elif isinstance(out, Sequence):
                items = out.items
                for v in node.value:
                    items.append(seen.get(id(v)) or shell(v, stack))  # an alias: the anchor's node, filled in once
        return built

    def _shell(self, node: yaml.Node, stack: list | None = None) -> Node:
        """A node without its children; a collection goes on ``stack`` to have them filled in."""
        line = self.line
        sm, em = node.start_mark, node.end_mark
        if self.places is None:
            start, end = (sm.line + line, sm.column), (em.line + line, em.column)
        else:
            start, end = self.places.at(sm.index), self.places.at(em.index)
        out: Node
        kind = getattr(node, "id", "")
        if kind == "scalar":
            tag = node.tag
            tag = tag[_TAG_LENGTH:] if tag.startswith(_TAG) else tag
            out = Scalar(
                node.value if tag == "str" else _scalar_value(node), start, end, not getattr(node, "style", None), tag
            )  # plain: None in Python, "" from libyaml
        else:
            out = Mapping([], start, end) if kind == "mapping" else Sequence([], start, end)
            if stack is not None:
                stack.append((node, out))
        self.seen[id(node)] = out
        return out


def read(text: str, line: int = 0) -> Reading:
    """The YAML ``text`` (which starts at model line ``line``) as nodes, or the problem that stops it."""
    places = _Places(text, line) if _odd_breaks(text) else None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is None:
            at = (line, 0)
        else:
            at = places.at(mark.index) if places is not None else (mark.line + line, mark.column)
        return Reading(None, Problem(_message(exc), at))
    except yaml.YAMLError as exc:  # a reader error: a character YAML does not allow
        mark = getattr(exc, "position", None)
        return Reading(
            None, Problem(str(exc).splitlines()[0], (line, 0) if mark is None else _offset(text, mark, line))
        )
    except RecursionError:
        return Reading(None, Problem("the text is nested too deeply", (line, 0)))
    except UnicodeError:  # a lone surrogate, which libyaml cannot be given as UTF-8
        index = next((i for i, ch in enumerate(text) if "\ud800" <= ch <= "\udfff"), 0)
        at = places.at(index) if places is not None else _offset(text, index, line)
        return Reading(None, Problem("a character that is not Unicode text (half of a UTF-16 surrogate pair)", at))
    if root is None:
        return Reading(None, None)
    return Reading(_Builder(line, places).build(root), None)


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
