"""Quick fixes: which diagnostics can be fixed where, and all fixes at once."""

from __future__ import annotations

from .diagnostics import Diagnostic, Edit, Position


def fixes_in(diagnostics: list[Diagnostic], start: Position, end: Position) -> list[Diagnostic]:
    """The fixable diagnostics that touch the range [start, end]."""
    return [d for d in diagnostics if d.fix and not (d.end < start or d.start > end)]


def fix_all(diagnostics: list[Diagnostic]) -> list[Edit]:
    """The edits of every fix, in order, leaving out any that overlaps one before it."""
    kept: list[Edit] = []
    for edit in sorted((e for d in diagnostics for e in d.fix), key=lambda e: (e.start, e.end)):
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept
