"""What every content format shares (SPEC section 5): the size limit, and the code for empty content."""

from __future__ import annotations

from .diagnostics import ERROR, Diagnostic, Rule, rule
from .document import Document

MAX_BYTES = 16 * 1024
MAX_COMMANDS = 127  # a Dockerfile-format component's (and template's) commands; a YAML component's tasks, as advice

EMPTY = rule(
    "MissingParameter.Content", ERROR, "No content: no command at all (Dockerfile format), or no YAML (YAML format)."
)
TOO_LONG = rule(
    "InvalidContent.LengthExceeded", ERROR, "Content over 16 KB (16,384 bytes of UTF-8, line endings included)."
)
TEMPLATE_TOO_LONG = rule(
    "InvalidBuildContent.LengthExceeded",
    ERROR,
    "Template build content over 16 KB (16,384 bytes of UTF-8, line endings included).",
)
TOO_MANY = rule(
    "InvalidImageTemplateCommandSize.ExceededMaxNumber", ERROR, "More than 127 commands (logical instructions)."
)
OVER = {TOO_LONG.code, TEMPLATE_TOO_LONG.code, TOO_MANY.code}  # the errors of a text past a limit


def size(
    source: Document, too_long: Rule = TOO_LONG, what: str = "content", where: str = "another component"
) -> list[Diagnostic]:
    """The size error, on the first character past the limit to the end of its line; none if the text fits.

    A template reports it with the pipeline's code (``too_long``), and says so (``what``, ``where``).
    """
    past = source.first_past(MAX_BYTES)
    if past is None:
        return []
    line, col = past
    message = (
        f"The {what} is {source.byte_size:,} bytes; the limit is {MAX_BYTES:,} (16 KB). Move commands into {where}."
    )
    return [Diagnostic(too_long.code, too_long.severity, message, (line, col), (line, len(source.line_text(line))))]
