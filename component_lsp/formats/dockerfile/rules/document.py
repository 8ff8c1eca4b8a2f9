"""Checks on the whole document: its size, its command count, and what spans instructions."""

from __future__ import annotations

from .... import limits
from ....diagnostics import UNNECESSARY, WARNING, Diagnostic, Related, Rule, rule
from ....limits import MAX_COMMANDS
from ...base import TEMPLATE
from .base import check

TOO_MANY = limits.TOO_MANY
MISSING = limits.EMPTY
TEMPLATE_TOO_LONG = limits.TEMPLATE_TOO_LONG
DIRECTIVE = rule(
    "Lint.ParserDirective", WARNING, "A parser directive (`# escape=`, `# syntax=`): Image Builder documents none."
)
DUPLICATE = rule(
    "Lint.DuplicateInstruction", WARNING, "More than one CMD or ENTRYPOINT: only the last one takes effect."
)


def _diagnostic(r: Rule, message: str, start, end) -> Diagnostic:
    return Diagnostic(r.code, r.severity, message, start, end)


@check(document=True)
def size(model, ctx):
    if ctx.dialect == TEMPLATE:
        return limits.size(model.source, TEMPLATE_TOO_LONG, "template", "a component and use it with COMPONENT")
    return limits.size(model.source)


@check(document=True)
def count(model, ctx):
    total = len(model.instructions)
    if total > MAX_COMMANDS:
        ins = model.instructions[MAX_COMMANDS]
        start, end = model.place(ins, ins.kw_start, ins.kw_end)
        what, rest = (
            ("template", "move commands into a component")
            if ctx.dialect == TEMPLATE
            else ("component", "split the rest into another component")
        )
        message = (
            f"This {what} has {total:,} commands; the limit is {MAX_COMMANDS}. This is command {MAX_COMMANDS + 1}:"
            f" {rest}."
        )
        yield _diagnostic(TOO_MANY, message, start, end)
    elif total == 0 and ctx.dialect != TEMPLATE:  # a pipeline's BuildContent is optional (SPEC section 8)
        end = (0, len(model.source.line_text(0)))
        yield _diagnostic(MISSING, "The component has no command: add at least one, e.g. RUN echo hello.", (0, 0), end)


@check(document=True)
def directives(model, ctx):
    for d in model.header.directives:
        message = f"Parser directive '# {d.name}=' is not documented by Image Builder and may be ignored: remove it"
        if d.name == "escape":
            message += " and continue lines with \\"
        message += "." + (f" BuildKit rejects it too: {d.error}." if d.error else "")
        yield _diagnostic(DIRECTIVE, message, (d.line, d.start), (d.line, d.end))


@check(document=True)
def duplicates(model, ctx):
    for keyword in ("CMD", "ENTRYPOINT"):
        found = model.by_keyword.get(keyword)
        if not found or len(found) < 2:
            continue
        ordered = sorted(found, key=lambda ins: ins.start)
        last = ordered[-1]
        taking = (Related(*model.place(last, last.kw_start, last.kw_end), f"The {keyword} that takes effect"),)
        for ins in ordered[:-1]:
            start, end = model.place(ins, ins.kw_start, ins.kw_end)
            message = f"Only the last {keyword} (line {last.start + 1}) takes effect: remove this one."
            # the CMD that does not count is dead: faded, in editors that show the Unnecessary tag
            yield Diagnostic(
                DUPLICATE.code, DUPLICATE.severity, message, start, end, tags=(UNNECESSARY,), related=taking
            )
