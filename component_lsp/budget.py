"""The API budget: how much of Image Builder's limits a text uses, and the warning before a limit is reached.

The API refuses content over 16 KB, and Dockerfile-format content of more
than 127 commands (limits.py; the errors are the formats' rules). This
module says how close a text is: the label an editor shows on the first line
(``12,410 / 16,384 bytes · 96 / 127 commands``), and a notice once a text
uses ``percent`` (90 by default, configurable; 0 turns it off) of a limit it
has not passed yet. The notice is information (SPEC section 6): content within
the limits is valid, and only past them is there an error, the API's.
"""

from __future__ import annotations

from .diagnostics import INFORMATION, Diagnostic, rule
from .formats.base import Budget
from .limits import MAX_BYTES, MAX_COMMANDS

DEFAULT_PERCENT = 90
NEARLY_FULL = rule(
    "Lint.BudgetNearlyFull",
    INFORMATION,
    "The content uses 90% (configurable) of a limit it has not passed yet: 16 KB, or 127 commands.",
)


def percent(*chosen: int | None) -> int:
    """The threshold: the first of ``chosen`` that is set (the editor's, then the project's), else the default."""
    return next((value for value in chosen if value is not None), DEFAULT_PERCENT)


def of(content) -> Budget | None:
    """A content's budget (None for a format that has none)."""
    return content.budget()


def used(found: Budget, percent: int) -> list[str]:
    """The limits at or past ``percent`` but not over, each as a phrase (`15,730 of 16,384 bytes (96%)`)."""
    if percent <= 0:
        return []
    out = []
    if percent * MAX_BYTES <= found.bytes * 100 and found.bytes <= MAX_BYTES:
        out.append(f"{found.bytes:,} of {MAX_BYTES:,} bytes ({found.bytes * 100 // MAX_BYTES}%)")
    if found.firm and percent * MAX_COMMANDS <= found.items * 100 and found.items <= MAX_COMMANDS:
        out.append(f"{found.items} of {MAX_COMMANDS} {found.noun} ({found.items * 100 // MAX_COMMANDS}%)")
    return out


def label(found: Budget, percent: int = DEFAULT_PERCENT) -> str:
    """The hint: `12,410 / 16,384 bytes · 96 / 127 commands`, marked ⚠ at ``percent`` of a limit or past it."""
    text = f"{found.bytes:,} / {MAX_BYTES:,} bytes · {found.items:,} / {MAX_COMMANDS} {found.noun}"
    over = found.bytes > MAX_BYTES or (found.firm and found.items > MAX_COMMANDS)
    return f"⚠ {text}" if over or used(found, percent) else text


def nearly_full(content, percent: int = DEFAULT_PERCENT) -> list[Diagnostic]:
    """The warning on the first line when the text uses ``percent`` of a limit; none below it, or past the limit
    (where the format's error says more)."""
    found = of(content)
    if found is None:
        return []
    phrases = used(found, percent)
    if not phrases:
        return []
    message = (
        f"{' and '.join(phrases)}: close to Image Builder's limit, past which the API refuses the content. "
        "Move commands into another component before then."
    )
    first = content.source.line_text(0)
    word = len(first) - len(first.lstrip())
    while word < len(first) and not first[word].isspace():
        word += 1
    return [Diagnostic(NEARLY_FULL.code, NEARLY_FULL.severity, message, (0, 0), (0, word))]
