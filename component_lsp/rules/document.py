"""Checks on the whole document: its size, its command count, and what spans instructions."""

from __future__ import annotations

from ..diagnostics import ERROR, WARNING, Diagnostic
from .base import rule

MAX_BYTES = 16 * 1024
MAX_COMMANDS = 127

TOO_LONG = rule("InvalidContent.LengthExceeded", ERROR, "Content over 16 KB (16,384 bytes of UTF-8, line endings included).")
TOO_MANY = rule("InvalidImageTemplateCommandSize.ExceededMaxNumber", ERROR, "More than 127 commands (logical instructions).")
MISSING = rule("MissingParameter.Content", ERROR, "No command at all.")
DIRECTIVE = rule("Lint.ParserDirective", WARNING, "A parser directive (`# escape=`, `# syntax=`): Image Builder documents none.")
DUPLICATE = rule("Lint.DuplicateInstruction", WARNING, "More than one CMD or ENTRYPOINT: only the last one takes effect.")


def _diagnostic(r, message, start, end) -> Diagnostic:
    return Diagnostic(r.code, r.severity, message, start, end)


def _size(analysis) -> list[Diagnostic]:
    doc = analysis.doc
    past = doc.first_past(MAX_BYTES)
    if past is None:
        return []
    # Point at the first character past the limit, to the end of its line.
    line, col = past
    message = f"The content is {doc.byte_size:,} bytes; the limit is {MAX_BYTES:,} (16 KB). Move commands into another component."
    return [_diagnostic(TOO_LONG, message, (line, col), (line, len(doc.line_text(line))))]


def _count(analysis) -> list[Diagnostic]:
    count = len(analysis.instructions)
    if count > MAX_COMMANDS:
        ins = analysis.instructions[MAX_COMMANDS]
        start, end = analysis.place(ins, ins.kw_start, ins.kw_end)
        message = f"This component has {count:,} commands; the limit is {MAX_COMMANDS}. This is command {MAX_COMMANDS + 1}: split the rest into another component."
        return [_diagnostic(TOO_MANY, message, start, end)]
    if count == 0:
        end = (0, len(analysis.doc.line_text(0)))
        return [_diagnostic(MISSING, "The component has no command: add at least one, e.g. RUN echo hello.", (0, 0), end)]
    return []


def _directives(analysis) -> list[Diagnostic]:
    out = []
    for d in analysis.header.directives:
        message = f"Parser directive '# {d.name}=' is not documented by Image Builder and may be ignored: remove it"
        if d.name == "escape":
            message += " and continue lines with \\"
        message += "." + (f" BuildKit rejects it too: {d.error}." if d.error else "")
        out.append(_diagnostic(DIRECTIVE, message, (d.line, d.start), (d.line, d.end)))
    return out


def _duplicates(analysis) -> list[Diagnostic]:
    out = []
    for keyword in ("CMD", "ENTRYPOINT"):
        found = analysis.by_keyword.get(keyword)
        if not found or len(found) < 2:
            continue
        ordered = sorted(found, key=lambda ins: ins.start)
        last = ordered[-1].start + 1
        for ins in ordered[:-1]:
            start, end = analysis.place(ins, ins.kw_start, ins.kw_end)
            out.append(_diagnostic(DUPLICATE, f"Only the last {keyword} (line {last}) takes effect: remove this one.", start, end))
    return out


def check(analysis) -> list[Diagnostic]:
    """Document-wide diagnostics."""
    out = _size(analysis)
    if analysis.is_yaml:
        return out
    out += _count(analysis)
    out += _directives(analysis)
    out += _duplicates(analysis)
    return out
