"""Dockerfile syntax Image Builder does not document: heredocs and empty continuation lines."""

from __future__ import annotations

from ....diagnostics import WARNING, Finding, rule
from .base import check

EMPTY_CONTINUATION = rule(
    "Lint.EmptyContinuationLine", WARNING, "A blank line inside a `\\` continuation (BuildKit skips it)."
)
HEREDOC = rule("Lint.HeredocNotSupported", WARNING, "A heredoc (`<<EOF`): Image Builder documents none.")


@check()
def empty_continuation(ins, ctx):
    for offset in ins.written.empty_continuations:
        yield Finding(
            EMPTY_CONTINUATION,
            0,
            0,
            f"This blank line is inside the {ins.upper or 'instruction'} continued above, and is skipped: remove it, or"
            " end the instruction before it.",
            "Remove the blank line",
            line=offset,
        )


@check()
def heredoc(ins, ctx):
    if ins.written.heredocs:
        at = ins.logical.find("<<", ins.args_start)
        at = at if at >= 0 else ins.args_start
        message = (
            "Heredocs (<<EOF) are not documented by Image Builder and may not work: write the lines as RUN commands."
        )
        if ins.written.unterminated_heredoc:
            message = (
                f"Heredoc {ins.written.unterminated_heredoc!r} is never closed, so it takes the rest of the file. "
                + message
            )
        yield Finding(HEREDOC, at, ins.args_end, message)
