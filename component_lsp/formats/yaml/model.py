"""The YAML format's document model: cut into parts, each read and checked on its own, following edits.

The text is cut where ``segments`` says (top-level keys, tasks, parameters)
and each cut read by PyYAML on its own. An edit cuts again from the cut
before the first changed line until, past the edit, it meets a cut that was
there before in the same state; the cuts after it are kept, moved by the
lines the edit added or removed, and a cut whose text is unchanged keeps
its reading. So a keystroke reads one task, not the document.

What a task says about others (its references, its name, its system) is
checked against an environment of the parameters' names and the first task
of each name and system; the environment is built again only when a cut
that changes it is edited, or lines are added or removed, so typing inside a
task's properties costs that task.

When a cut does not read as the one key or item it should (a syntax error,
an alias to another cut's anchor, a line the cutting does not follow), the
whole text is read as one, and that reading is the truth: its syntax error
is the one reported, or, if it reads, its parts are checked instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from typing import NamedTuple

import yaml

from ... import limits
from ...diagnostics import Diagnostic
from ...document import Change, Document
from ..base import COMPONENT
from .reading import Mapping, Node, Problem, Scalar, Sequence, read
from .rules import INVALID, UNKNOWN_KEY, Env, check_document, check_links, check_part, check_use, environment, structure
from .segments import HEAD, PARAM, PARAMETERS, START, TASK, TASKS, TOP, Cut, State, cut, odd
from .syntax import Facts, Part, Placed, View, facts, key_text, parts_of


class Piece:
    """One cut of the document, read: a ``base.Unit``. Positions inside are the cut's own (line 0 is ``start``)."""

    __slots__ = (
        "before",
        "cache",
        "env_summary",
        "facts",
        "findings",
        "kind",
        "lines",
        "linked",
        "linked_serial",
        "param_refs",
        "parts",
        "problem",
        "regular",
        "root",
        "start",
        "task_index",
        "text",
    )

    def __init__(self, start: int, kind: str, before: State, lines: list[str]) -> None:
        self.start, self.kind, self.before, self.lines = start, kind, before, lines
        self.text = "".join(lines)
        self.cache: object = None
        reading = read(self.text)
        self.problem = reading.problem
        root = reading.root
        expected = {TOP: Mapping, PARAM: Mapping, TASK: Sequence}.get(kind)
        if kind == HEAD:
            self.regular = (
                (root is None or (isinstance(root, Scalar) and root.tag == "null"))
                and self.problem is None
                and not any(odd(line) and not line.startswith("---") for line in lines)
            )
        else:
            size = (
                len(root.pairs) if isinstance(root, Mapping) else len(root.items) if isinstance(root, Sequence) else 0
            )
            self.regular = self.problem is None and expected is not None and isinstance(root, expected) and size == 1
            self.regular = self.regular and not any(odd(line) for line in lines)
        self.root = root
        self.task_index = 0  # the place among the tasks of its first task, as of the last environment
        self.derive()

    def derive(self) -> None:
        """What the rules and the environment read of the tree."""
        kind, lines = self.kind, self.lines
        self.parts: list[Part] = parts_of(self.root, lines, TOP if kind == HEAD else kind) if self.regular else []
        self.facts: list[Facts] = [facts(p) for p in self.parts]
        self.findings: list[Diagnostic] = [d for p in self.parts for d in check_part(p)]
        # What the environment reads of it: while this is the same, so is the environment.
        self.env_summary = (self.regular, tuple(_summary(p, f) for p, f in zip(self.parts, self.facts, strict=True)))
        self.param_refs = [r.target for f in self.facts for r in f.refs if r.output is None]
        self.linked: list[Diagnostic] = []
        self.linked_serial = -1  # the environment ``linked`` was checked against
        self.cache = None

    def retype(self, line: int, text: str) -> bool:
        """Take an edit of one line (``line`` of the piece, now ``text``) that changes only a plain text value at
        its end, without reading the piece again; False if the edit is not that, and nothing changed.

        The value must stay plain text as YAML reads it (no indicator, no `: `, no ` #`, not a number or a
        boolean), so that PyYAML would read the piece as before but for that value.
        """
        if not self.regular or self.root is None or not 0 <= line < len(self.lines):
            return False
        old = self.lines[line]
        body, new_body = old.rstrip("\r\n"), text.rstrip("\r\n")
        if old[len(body) :] != text[len(new_body) :]:
            return False
        if body.rstrip(" ") != body.rstrip():
            return False  # a tab or a line break YAML sees after the value
        found = _plain_at_end(self.root, line, len(body.rstrip()))
        if found is None:
            return False
        parent, index, scalar = found
        col = scalar.start[1]
        value = new_body.rstrip()[col:]
        if new_body[:col] != body[:col] or not _plain_text(value) or new_body[col + len(value) :].strip(" "):
            return False  # text before it changed, it is not plain text, or what follows it is more than spaces
        new = Scalar(value, scalar.start, (line, col + len(value)), True, "str")
        if isinstance(parent, Mapping):
            parent.pairs[index] = (parent.pairs[index][0], new)
        else:
            parent.items[index] = new
        self.lines[line] = text
        self.text = "".join(self.lines)
        self.derive()
        return True


_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_resolver = yaml.resolver.Resolver()
_NOT_TEXT = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")


def _plain_text(value: str) -> bool:
    """True if ``value`` alone on the rest of a line reads as plain text, just as written."""
    if (
        not value
        or value[0] in _INDICATORS
        or value[0].isspace()
        or "\t" in value
        or ": " in value
        or " #" in value
        or value.endswith(":")
    ):
        return False
    if _NOT_TEXT.search(value):  # a character YAML does not allow, or one it breaks lines at
        return False
    return _resolver.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"


def _plain_at_end(root: Node, line: int, end: int):
    """The plain, one-line text scalar that ends the piece's ``line`` at column ``end``: (its parent, its index, it)."""
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if node.start[0] > line or node.end[0] < line:
            continue
        children = (
            enumerate(v for _, v in node.pairs)
            if isinstance(node, Mapping)
            else enumerate(node.items)
            if isinstance(node, Sequence)
            else ()
        )
        for index, child in children:
            if isinstance(child, Scalar):
                if (
                    child.start[0] == line == child.end[0]
                    and child.end[1] == end
                    and child.plain
                    and child.tag == "str"
                    and isinstance(child.value, str)
                ):
                    return node, index, child
            elif child.start[0] <= line <= child.end[0]:
                stack.append(child)
    return None


def _where(node) -> tuple | None:
    return None if node is None else (node.start, node.end)


def _summary(part: Part, f: Facts) -> tuple:
    """What the environment and the document rules read of a part (its kind, key, task name and action)."""
    t = f.task
    task = None if t is None else (t.name, t.action, _where(t.name_node), _where(t.action_node), _where(t.node))
    return (part.kind, key_text(part.key), _where(part.key), task)


def _links(parts: list[Part], known: list[Facts], index: int, env: Env) -> list[Diagnostic]:
    """The tasks' links checked against ``env``; ``index`` is the first task's place among the document's tasks."""
    found: list[Diagnostic] = []
    for part, f in zip(parts, known, strict=True):
        if part.kind == TASK:
            found += check_links(part, f, index, env)
            index += 1
    return found


def _start(piece: Piece) -> int:
    return piece.start


class Whole(NamedTuple):
    """The text read as one, when the cuts cannot be trusted."""

    problem: Problem | None
    parts: list[Part]
    facts: list[Facts]
    findings: list[Diagnostic]


def _tasks(pieces: list[Piece]) -> int:
    """The tasks some pieces hold (a task's cut holds its task)."""
    return sum(len(piece.parts) for piece in pieces if piece.kind == TASK)


class YamlModel:
    """One open YAML-format component: its text, its cuts, and what the rules find."""

    def __init__(self, source: Document, dialect: str = COMPONENT) -> None:
        self.source = source
        self.dialect = dialect
        self.pieces: list[Piece] = []
        self.irregular = 0  # pieces that do not read as they should: while any does, the text is read whole
        self.tasks = 0  # the tasks the task pieces hold, kept as pieces come and go (the budget asks every keystroke)
        self.uses: Counter[str] = Counter()  # references to each parameter name, over all pieces
        self.env: Env | None = None  # None: to be built again
        self.serial = 0  # which environment is current
        self._structure: list[Diagnostic] = []  # the document rules' findings, with the environment
        self._whole: Whole | None = None
        self._mode = "cut"  # how the last units() read the text: by its cuts, whole, or not at all (broken)
        self._full()

    # -- editing ------------------------------------------------------------
    def set_text(self, text: str) -> None:
        self.source.set_text(text)
        self._full()

    def edit(self, start: tuple[int, int], end: tuple[int, int], text: str) -> Change:
        change = self.source.replace(start, end, text)
        self._recut(change)
        return change

    def _piece(self, c: Cut, end: int, reuse: dict[str, Piece] | None = None) -> Piece:
        lines = self.source.lines[c.line : end]
        if reuse:
            old = reuse.pop("".join(lines), None)  # each kept piece once: two cuts may hold the same text
            if old is not None and old.kind == c.kind:
                old.start, old.before = c.line, c.before
                return old
        return Piece(c.line, c.kind, c.before, lines)

    def _build(self, cuts: list[Cut], stop: int, reuse: dict[str, Piece] | None = None) -> list[Piece]:
        ends = [c.line for c in cuts[1:]] + [stop]
        return [self._piece(c, e, reuse) for c, e in zip(cuts, ends, strict=True)]

    def _full(self) -> None:
        cuts = list(cut(self.source.lines))
        self.pieces = self._build(cuts, len(self.source.lines))
        self.irregular = sum(not p.regular for p in self.pieces)
        self.tasks = _tasks(self.pieces)
        self.uses = Counter(t for p in self.pieces for t in p.param_refs)
        self.env = None
        self._whole = None

    def _retype(self, change: Change) -> bool:
        """An edit inside a plain text value at the end of a line, taken without cutting or reading again."""
        if change.removed != 1 or change.added != 1 or self.irregular:
            return False
        k = bisect_right(self.pieces, change.first, key=_start) - 1
        if k < 0:
            return False
        piece = self.pieces[k]
        summary, refs = piece.env_summary, piece.param_refs
        if not piece.retype(change.first - piece.start, self.source.lines[change.first]):
            return False
        self.uses.subtract(refs)
        self.uses.update(piece.param_refs)
        if piece.env_summary != summary:
            self.env = None
        return True

    def _recut(self, change: Change) -> None:
        if self._retype(change):
            return
        lines = self.source.lines
        old = self.pieces
        delta = change.added - change.removed
        new_stop = change.first + change.added
        # The piece holding the line before the edit starts where it did, in the state it did.
        k = max(0, bisect_right(old, change.first - 1, key=_start) - 1) if change.first > 0 else 0
        if not old or (k == 0 and change.first == 0):
            k, line, state = 0, 0, START
        else:
            line, state = old[k].start, old[k].before
        cuts: list[Cut] = []
        resync = len(old)
        pointer = k + 1
        for c in cut(lines, line, state):
            if c.line >= new_stop and cuts:
                old_line = c.line - delta
                while pointer < len(old) and old[pointer].start < old_line:
                    pointer += 1
                if (
                    pointer < len(old)
                    and old[pointer].start == old_line
                    and old[pointer].kind == c.kind
                    and (c.kind == TOP or old[pointer].before == c.before)
                ):
                    resync = pointer
                    break
            cuts.append(c)
        replaced = old[k:resync]
        if delta:
            for piece in old[resync:]:
                piece.start += delta
        stop = old[resync].start if resync < len(old) else len(lines)
        reuse = {p.text: p for p in replaced}
        new = self._build(cuts, stop, reuse)
        self.irregular += sum(not p.regular for p in new) - sum(not p.regular for p in replaced)
        self.tasks += _tasks(new) - _tasks(replaced)
        self.uses.subtract(t for p in replaced for t in p.param_refs)
        self.uses.update(t for p in new for t in p.param_refs)
        old[k:resync] = new
        self._whole = None
        if (
            delta
            or len(new) != len(replaced)
            or any(a.env_summary != b.env_summary for a, b in zip(replaced, new, strict=True))
        ):
            self.env = None  # lines moved (messages name lines), or what the environment reads changed
        else:
            for a, b in zip(replaced, new, strict=True):
                b.task_index = a.task_index

    def _fresh(self) -> None:
        """The environment, the tasks' places and the document rules' findings, built again if an edit made them
        stale."""
        if self.env is not None:
            return
        placed = self.placed()
        self.env = environment(placed)
        self.serial += 1
        index = 0
        for piece in self.pieces:
            piece.task_index = index
            index += sum(part.kind == TASK for part in piece.parts)
            piece.cache = None  # what a consumer kept of its diagnostics may name what changed
        self._structure = check_document(View(placed, self.source.lines, self._meaningful()))

    def _meaningful(self) -> bool:
        return self.irregular > 0 or len(self.pieces) > 1 or self.pieces[0].kind != HEAD

    # -- reading whole ------------------------------------------------------
    def whole(self) -> Whole | None:
        """The text read as one, when some cut does not read on its own; None while every cut does."""
        if not self.irregular:
            return None
        if self._whole is None:
            reading = read(self.source.text)
            if reading.problem is None:
                lines = self.source.lines
                parts = parts_of(reading.root, lines)
                known = [facts(p) for p in parts]
                placed = [Placed(0, p, f) for p, f in zip(parts, known, strict=True)]
                env = environment(placed)
                uses = Counter(r.target for f in known for r in f.refs if r.output is None)
                found = structure.root(reading.root) + [d for p in parts for d in check_part(p)]
                found += _links(parts, known, 0, env)
                found += [d for p in parts for d in check_use(p, uses[key_text(p.key) or ""])]
                found += check_document(View(placed, lines, True))
                self._whole = Whole(None, parts, known, found)
            else:
                self._whole = Whole(reading.problem, [], [], [])
        return self._whole

    def placed(self) -> list[Placed]:
        """Every part where it is, in order: from the cuts, or from the whole reading when that is the truth."""
        whole = self.whole()
        if whole is not None and whole.problem is None:
            return [Placed(0, p, f) for p, f in zip(whole.parts, whole.facts, strict=True)]
        return [
            Placed(piece.start, p, f) for piece in self.pieces for p, f in zip(piece.parts, piece.facts, strict=True)
        ]

    def reads(self) -> bool:
        """True if the text is valid YAML (read by its cuts, or whole)."""
        whole = self.whole()
        return whole is None or whole.problem is None

    def placed_at(self, line: int) -> tuple[list[Placed], int, tuple[str, ...]]:
        """The parts near a model line: those of the cut that holds it, the cut's first line, and the keys above
        the cut (``("Tasks",)`` for a task); every part, line 0 and no keys when the text is read whole."""
        whole = self.whole()
        if whole is not None and whole.problem is None:
            return self.placed(), 0, ()
        k = max(0, bisect_right(self.pieces, line, key=_start) - 1)
        piece = self.pieces[k]
        above = {TASK: (TASKS,), PARAM: (PARAMETERS,)}.get(piece.kind, ())
        return [Placed(piece.start, p, f) for p, f in zip(piece.parts, piece.facts, strict=True)], piece.start, above

    # -- diagnostics ----------------------------------------------------------
    def units(self) -> list[Piece]:
        """The pieces that have findings (of their own, or in their links), in order."""
        whole = self.whole()
        mode = "cut" if whole is None else "whole" if whole.problem is None else "broken"
        if mode != self._mode:  # a piece's diagnostics are not the same in another mode (links, or not)
            self._mode = mode
            for piece in self.pieces:
                piece.cache = None
        if whole is not None:
            # The whole reading's findings are the document's; while it does not read, each piece's own findings stand.
            return [] if whole.problem is None else [p for p in self.pieces if p.findings]
        self._fresh()
        serial = self.serial
        for piece in self.pieces:
            if piece.linked_serial != serial:
                self._link(piece)
        return [p for p in self.pieces if p.findings or p.linked]

    def _link(self, piece: Piece) -> None:
        """Check a piece's tasks' links against the current environment."""
        assert self.env is not None
        piece.linked, piece.linked_serial = _links(piece.parts, piece.facts, piece.task_index, self.env), self.serial

    def unit_diagnostics(self, unit) -> list[Diagnostic]:
        piece: Piece = unit
        found = [d.moved(piece.start) for d in piece.findings]
        if piece.kind == TOP and any(d.fix and d.code == UNKNOWN_KEY.code for d in found):
            found = self._untaken(found)
        if self.irregular or self.env is None:
            return found  # links are not known while the text does not read
        if piece.linked_serial != self.serial:
            self._link(piece)
        return found + [d.moved(piece.start) for d in piece.linked]

    def _untaken(self, found: list[Diagnostic]) -> list[Diagnostic]:
        """A top-level key's findings without a fix that renames it to a key the document has already."""
        keys = {
            key_text(part.key) for piece in self.pieces if piece.kind == TOP for part in piece.parts if part.kind == TOP
        }
        out = []
        for d in found:
            if d.code == UNKNOWN_KEY.code and d.fix and d.fix[0].text in keys:
                d = Diagnostic(d.code, d.severity, d.message.split(" Did you mean")[0], d.start, d.end)
            out.append(d)
        return out

    def document_diagnostics(self) -> list[Diagnostic]:
        out = limits.size(self.source)
        out += structure.empty(View([], self.source.lines, self._meaningful()))
        whole = self.whole()
        if whole is not None:
            if whole.problem is None:
                return out + whole.findings
            message, at = whole.problem
            at = (min(at[0], len(self.source.lines) - 1), at[1])
            width = len(self.source.line_text(at[0]))
            at = (at[0], min(at[1], width))
            end = (at[0], width) if at[1] < width else at
            out.append(Diagnostic(INVALID.code, INVALID.severity, f"Not valid YAML: {message}.", at, end))
            return out  # what the rest says is not known while the text does not read
        self._fresh()
        out += self._structure
        uses = self.uses
        for piece in self.pieces:
            if piece.kind == PARAM or (piece.kind == TOP and len(piece.parts) > 1):
                for part in piece.parts:
                    if part.kind == PARAM:
                        out += [d.moved(piece.start) for d in check_use(part, uses[key_text(part.key) or ""])]
        return out

    def diagnostics(self) -> list[Diagnostic]:
        found = [d for piece in self.units() for d in self.unit_diagnostics(piece)] + self.document_diagnostics()
        return sorted(found, key=Diagnostic.sort_key)
