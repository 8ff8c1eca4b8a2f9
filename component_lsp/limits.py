"""What every content format shares (SPEC section 5): the size limit, and the code for empty content."""

from __future__ import annotations

from .diagnostics import ERROR, Diagnostic, rule
from .document import Document

MAX_BYTES = 16 * 1024

EMPTY = rule("MissingParameter.Content", ERROR, "No content: no command at all (Dockerfile format), or no YAML (YAML format).")
TOO_LONG = rule("InvalidContent.LengthExceeded", ERROR, "Content over 16 KB (16,384 bytes of UTF-8, line endings included).")


def size(doc: Document) -> list[Diagnostic]:
    """The size error, on the first character past the limit to the end of its line; none if the text fits."""
    past = doc.first_past(MAX_BYTES)
    if past is None:
        return []
    line, col = past
    message = f"The content is {doc.byte_size:,} bytes; the limit is {MAX_BYTES:,} (16 KB). Move commands into another component."
    return [Diagnostic(TOO_LONG.code, TOO_LONG.severity, message, (line, col), (line, len(doc.line_text(line))))]
