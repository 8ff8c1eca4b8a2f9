"""The YAML format's document model: cut into parts, each read and checked on its own, following edits.

The text is cut where ``segments`` says (top-level keys, tasks, parameters)
and each cut read by PyYAML on its own. An edit cuts again from the cut
before the first changed line until, past the edit, it meets a cut that was
there before in the same state; the cuts after it are kept, moved by the
lines the edit added or removed, and a cut whose text is unchanged keeps
its reading. So a keystroke reads one task, not the document.

When a cut does not read as the one key or item it should (a syntax error,
an alias to another cut's anchor, a line the cutting does not follow), the
whole text is read as one, and that reading is the truth: its syntax error
is the one reported, or, if it reads, its parts are checked instead.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from ... import limits
from ...diagnostics import Diagnostic, Edit
from ...document import Change, Document
from ..base import COMPONENT
from .reading import Mapping, Problem, Scalar, Sequence, read
from .rules import INVALID, check_document, check_part, structure
from .segments import HEAD, PARAM, START, TASK, TOP, Cut, State, cut, odd
from .syntax import Facts, Part, Placed, View, facts, key_text, parts_of


class Piece:
    """One cut of the document, read: a ``base.Unit``. Positions inside are the cut's own (line 0 is ``start``)."""

    __slots__ = ("before", "cache", "facts", "findings", "kind", "lines", "parts", "problem", "regular", "start", "summary", "text")

    def __init__(self, start: int, kind: str, before: State, lines: list[str]) -> None:
        self.start, self.kind, self.before, self.lines = start, kind, before, lines
        self.text = "".join(lines)
        self.cache: object = None
        reading = read(self.text)
        self.problem = reading.problem
        root = reading.root
        expected = {TOP: Mapping, PARAM: Mapping, TASK: Sequence}.get(kind)
        if kind == HEAD:
            self.regular = (root is None or (isinstance(root, Scalar) and root.tag == "null")) and self.problem is None and not any(odd(line) and not line.startswith("---") for line in lines)
        else:
            size = len(root.pairs) if isinstance(root, Mapping) else len(root.items) if isinstance(root, Sequence) else 0
            self.regular = self.problem is None and expected is not None and isinstance(root, expected) and size == 1
            self.regular = self.regular and not any(odd(line) for line in lines)
        self.parts: list[Part] = parts_of(root, lines, TOP if kind == HEAD else kind) if self.regular else []
        self.facts: list[Facts] = [facts(p) for p in self.parts]
        self.findings: list[Diagnostic] = [d for p in self.parts for d in check_part(p)]
        self.summary = tuple(_summary(p, f) for p, f in zip(self.parts, self.facts, strict=True))


def _where(node) -> tuple | None:
    return None if node is None else (node.start, node.end)


def _summary(part: Part, f: Facts) -> tuple:
    """What the document-wide rules read of a part: while it is the same, their findings are too."""
    t = f.task
    task = None if t is None else (t.name, _where(t.name_node), t.action, _where(t.action_node), _where(t.node))
    return (part.kind, key_text(part.key), _where(part.key), task, tuple(f.refs))


def _moved(d: Diagnostic, line: int) -> Diagnostic:
    if not line:
        return d
    fix = [Edit((e.start[0] + line, e.start[1]), (e.end[0] + line, e.end[1]), e.text) for e in d.fix]
    return Diagnostic(d.code, d.severity, d.message, (d.start[0] + line, d.start[1]), (d.end[0] + line, d.end[1]), d.fix_title, fix)


def _start(piece: Piece) -> int:
    return piece.start


class Whole(NamedTuple):
    """The text read as one, when the cuts cannot be trusted."""

    problem: Problem | None
    parts: list[Part]
    facts: list[Facts]
    findings: list[Diagnostic]


class YamlModel:
    """One open YAML-format component: its text, its cuts, and what the rules find."""

    def __init__(self, doc: Document, dialect: str = COMPONENT) -> None:
        self.doc = doc
        self.dialect = dialect
        self.pieces: list[Piece] = []
        self.irregular = 0  # pieces that do not read as they should: while any does, the text is read whole
        self._whole: Whole | None = None
        self._document: tuple[bool, list[Diagnostic]] | None = None  # (meaningful, the document-wide findings) while nothing they read changed
        self._full()

    # -- editing ------------------------------------------------------------
    def set_text(self, text: str) -> None:
        self.doc.set_text(text)
        self._full()

    def edit(self, start: tuple[int, int], end: tuple[int, int], text: str) -> Change:
        change = self.doc.replace(start, end, text)
        self._recut(change)
        return change

    def _piece(self, c: Cut, end: int, reuse: dict[str, Piece] | None = None) -> Piece:
        lines = self.doc.lines[c.line : end]
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
        cuts = list(cut(self.doc.lines))
        self.pieces = self._build(cuts, len(self.doc.lines))
        self.irregular = sum(not p.regular for p in self.pieces)
        self._whole = None
        self._document = None

    def _recut(self, change: Change) -> None:
        lines = self.doc.lines
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
                if pointer < len(old) and old[pointer].start == old_line and old[pointer].kind == c.kind and (c.kind == TOP or old[pointer].before == c.before):
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
        old[k:resync] = new
        self._whole = None
        if delta or [p.summary for p in replaced] != [p.summary for p in new] or self.irregular:
            self._document = None

    # -- reading whole ------------------------------------------------------
    def whole(self) -> Whole | None:
        """The text read as one, when some cut does not read on its own; None while every cut does."""
        if not self.irregular:
            return None
        if self._whole is None:
            lines = self.doc.lines
            reading = read(self.doc.text)
            if reading.problem is None:
                parts = parts_of(reading.root, lines)
                found = structure.root(reading.root, None) + [d for p in parts for d in check_part(p)]
                self._whole = Whole(None, parts, [facts(p) for p in parts], found)
            else:
                self._whole = Whole(reading.problem, [], [], [])
        return self._whole

    def placed(self) -> list[Placed]:
        """Every part where it is, in order: from the cuts, or from the whole reading when that is the truth."""
        whole = self.whole()
        if whole is not None and whole.problem is None:
            return [Placed(0, p, f) for p, f in zip(whole.parts, whole.facts, strict=True)]
        return [Placed(piece.start, p, f) for piece in self.pieces for p, f in zip(piece.parts, piece.facts, strict=True)]

    # -- diagnostics ----------------------------------------------------------
    def units(self) -> list[Piece]:
        whole = self.whole()
        if whole is not None and whole.problem is None:
            return []  # the whole reading's findings are the document's
        return self.pieces

    def unit_diagnostics(self, unit) -> list[Diagnostic]:
        piece: Piece = unit
        return [_moved(d, piece.start) for d in piece.findings]

    def document_diagnostics(self) -> list[Diagnostic]:
        out = limits.size(self.doc)
        whole = self.whole()
        if whole is not None:
            if whole.problem is not None:
                message, at = whole.problem
                at = (min(at[0], len(self.doc.lines) - 1), at[1])
                width = len(self.doc.line_text(at[0]))
                at = (at[0], min(at[1], width))
                end = (at[0], width) if at[1] < width else at
                out.append(Diagnostic(INVALID.code, INVALID.severity, f"Not valid YAML: {message}.", at, end))
            else:
                out += whole.findings
        meaningful = self.irregular > 0 or len(self.pieces) > 1 or self.pieces[0].kind != HEAD
        out += structure.empty(View([], self.doc.lines, meaningful))
        if self._document is None or self._document[0] != meaningful or whole is not None:
            if whole is not None and whole.problem is not None:
                found: list[Diagnostic] = []  # what the rest says is not known while the text does not read
            else:
                found = check_document(View(self.placed(), self.doc.lines, meaningful))
            self._document = (meaningful, found)
        return out + self._document[1]

    def diagnostics(self) -> list[Diagnostic]:
        found = [d for piece in self.units() for d in self.unit_diagnostics(piece)] + self.document_diagnostics()
        return sorted(found, key=Diagnostic.sort_key)
