"""The Dockerfile format's document model: parsed, checked, and following edits incrementally.

On an edit only the instructions the edit touches are parsed and checked
again: parsing restarts at the instruction holding the first changed line
and stops as soon as it reaches, past the edit, a line where the old parse
was also between instructions; everything after is kept, moved by the
number of lines the edit added or removed. Document-wide figures (command
count, byte size, instructions by keyword) are kept up to date rather than
recomputed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any, cast

from ...aligned import Replaced, follow
from ...diagnostics import Diagnostic, Edit
from ...document import Change, Document
from ..base import COMPONENT, Unit
from .parser import Header, Instruction, parse, parse_one, scan_header
from .rules import Context, check_document, check_instruction

REPLACED_KEPT = 32  # edits whose runs are remembered: a feature asked less often than that builds anew


def _start(ins: Instruction) -> int:
    return ins.start


class DockerfileModel:
    """One open document in the Dockerfile format: its text, instructions and findings."""

    def __init__(self, source: Document, dialect: str = COMPONENT) -> None:
        self.source = source
        self.context = Context(dialect)
        self.header = Header()
        self.instructions: list[Instruction] = []
        self.by_keyword: dict[str, set[Instruction]] = {}
        self.flagged: list[Instruction] = []  # the instructions that have findings, in document order
        self.placed_uses: dict = {}  # interface.uses's: each COMPONENT instruction's placed use
        self.component_lines = 0  # counts changes to COMPONENT instructions or to where lines are
        # per keyword, the instructions that came or went (never reset): what is read from one keyword's
        # instructions (the ENV names) is read again only when its count moves
        self.keyword_edits: dict[str, int] = {}
        self.kept_uses: tuple[int, list] = (-1, [])  # interface.uses's answer, and the count it is for
        self.edits = 0  # counts the parses, full or of what an edit touched (see ``replaced_since``)
        self._replaced: list[Replaced] = []  # the last ones' runs of instructions, oldest first
        # What a feature keeps aligned with ``instructions`` between edits (see ``per_instruction``).
        self.memo: dict = {}
        self._full()

    # -- editing ------------------------------------------------------------
    def set_text(self, text: str) -> None:
        self.source.set_text(text)
        self._full()

    def edit(self, start: tuple[int, int], end: tuple[int, int], text: str) -> Change:
        """Replace text between model positions and re-analyse what it touched."""
        change = self.source.replace(start, end, text)
        self._reparse(change)
        return change

    def per_instruction(self, name: str, build: Callable[[Instruction], Any], placed: bool = True) -> list:
        """``build(ins)`` of each instruction, in order, kept under ``name`` between edits: only what an edit
        replaced is built again, and, if ``placed`` (a value holds where its lines are), what it moved to other
        lines. An edit anywhere costs the size of what it touched, plus a slice assignment (C speed), not a call
        per instruction (an outline of 1 MB has 17,000). The list is patched in place."""
        kept = self.memo.get(name)
        changes = None if kept is None else self.replaced_since(kept[0])
        instructions = self.instructions
        if kept is None or changes is None:
            values = [build(ins) for ins in instructions]
        else:
            values = kept[1]
            followed = follow(values, changes)
            if len(values) != len(instructions):  # cannot happen; built anew rather than trusted
                values = [build(ins) for ins in instructions]
            else:
                runs = followed.built
                if placed and followed.moved is not None:
                    runs = [*runs, (followed.moved, len(values))]
                for lo, hi in runs:
                    for k in range(lo, hi):
                        values[k] = build(instructions[k])
        self.memo[name] = (self.edits, values)
        return values

    # -- parsing ------------------------------------------------------------
    def replaced_since(self, edits: int) -> list[Replaced] | None:
        """The runs of instructions replaced since the parse that ``edits`` counted, oldest first; None if they are
        not known (a full parse since, or too many edits ago)."""
        behind = self.edits - edits
        if behind < 0 or behind > len(self._replaced):
            return None
        return self._replaced[len(self._replaced) - behind :]

    def _full(self) -> None:
        self.edits += 1
        self._replaced.clear()
        self.component_lines += 1
        self.header, self.instructions = parse(self.source.lines)
        self.by_keyword = {}
        self.flagged = self._added(self.instructions)

    def _added(self, instructions: list[Instruction]) -> list[Instruction]:
        """Index and check new instructions; those that have findings."""
        index, context, counts = self.by_keyword, self.context, self.keyword_edits
        flagged = []
        for ins in instructions:
            if ins.upper == "COMPONENT":
                self.component_lines += 1
            index.setdefault(ins.upper, set()).add(ins)
            counts[ins.upper] = counts.get(ins.upper, 0) + 1
            ins.kept.findings = check_instruction(ins, context)
            if ins.kept.findings:
                flagged.append(ins)
        return flagged

    def _removed(self, instructions: list[Instruction]) -> tuple[int, int] | None:
        """Unindex a run of the document's instructions; where the flagged ones among them are in ``flagged``."""
        index, counts = self.by_keyword, self.keyword_edits
        for ins in instructions:
            if ins.upper == "COMPONENT":
                self.component_lines += 1
            index[ins.upper].discard(ins)
            counts[ins.upper] += 1
        if not instructions:
            return None
        lo = bisect_left(self.flagged, instructions[0].start, key=_start)
        hi = bisect_right(self.flagged, instructions[-1].start, key=_start)
        return lo, hi

    def _reparse(self, change: Change) -> None:
        lines = self.source.lines
        first_line = change.first
        new_stop = first_line + change.added
        delta = change.added - change.removed
        if first_line <= self.header.end:
            header = scan_header(lines)
            if header.escape != self.header.escape:
                self.header = header
                self._full()
                return
            self.header = header
        old = self.instructions
        k = bisect_right(old, first_line, key=_start) - 1
        if k >= 0 and (old[k].end >= first_line or old[k].written.open_end):
            line, first = old[k].start, k
        else:
            line, first = max(first_line, self.header.end), k + 1
        new: list[Instruction] = []
        pointer, count = first, len(old)
        resync = count
        escape = self.header.escape
        while True:
            if line >= new_stop:
                old_line = line - delta
                while pointer < count and old[pointer].end < old_line:
                    pointer += 1
                if pointer >= count or old[pointer].start >= old_line:
                    resync = pointer
                    break
            ins, line = parse_one(lines, line, escape)
            if ins is None:
                break
            new.append(ins)
        span = self._removed(old[first:resync])
        if delta:
            self.component_lines += 1
            for ins in old[resync:]:
                ins.start += delta
                ins.end += delta
        old[first:resync] = new
        self.edits += 1
        self._replaced.append(Replaced(first, resync - first, len(new), delta != 0))
        if len(self._replaced) > REPLACED_KEPT:
            del self._replaced[0]
        added = self._added(new)
        if span is None:  # nothing removed: the new ones go where their lines are
            if not added:
                return
            span = (bisect_left(self.flagged, added[0].start, key=_start),) * 2
        self.flagged[span[0] : span[1]] = added

    # -- queries ------------------------------------------------------------
    def instruction_at(self, line: int) -> Instruction | None:
        """The instruction whose extent holds a model line."""
        ins = self.instructions
        k = bisect_right(ins, line, key=_start) - 1
        if k >= 0 and ins[k].end >= line:
            return ins[k]
        return None

    def place(self, ins: Instruction, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """Model positions of a logical range of an instruction."""
        line, col = ins.locate(start)
        begin = (ins.start + line, col)
        if end <= start:
            return begin, begin
        line, col = ins.locate(end, end=True)
        return begin, (ins.start + line, col)

    def placed(self, ins: Instruction) -> list[Diagnostic]:
        """An instruction's findings as diagnostics, in document positions."""
        out = []
        for finding in ins.kept.findings:
            if finding.line is not None:  # a whole line, which the fix removes
                line = ins.start + finding.line
                start, end = (line, 0), (line, len(self.source.line_text(line)))
                # The last line, without a line break of its own, loses its text only: the edit stays in the
                # text, and clear of the edit that removes the line before it.
                gone = Edit(start, (line + 1, 0), "") if line + 1 < len(self.source.lines) else Edit(start, end, "")
                edits = [gone] if finding.fix_title else []
            else:
                start, end = self.place(ins, finding.start, finding.end)
                edits = [Edit(*self.place(ins, s, e), text) for s, e, text in finding.fix]
            out.append(
                Diagnostic(
                    finding.rule.code, finding.rule.severity, finding.message, start, end, finding.fix_title, edits
                )
            )
        return out

    def units(self) -> list[Instruction]:
        """The instructions that have findings, in document order."""
        return self.flagged

    def unit_diagnostics(self, unit: Unit) -> list[Diagnostic]:
        return self.placed(cast(Instruction, unit))

    def document_diagnostics(self) -> list[Diagnostic]:
        return check_document(self, self.context)

    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic of the document, sorted by position."""
        out = [d for ins in self.flagged for d in self.placed(ins)]
        out.extend(self.document_diagnostics())
        out.sort(key=Diagnostic.sort_key)
        return out
