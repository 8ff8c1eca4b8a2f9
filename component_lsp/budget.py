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
    """The notice where a text's budget is shown (its first word; a region's attribute in a host file) when the
    text uses ``percent`` of a limit; none below it, or past the limit (where the format's error says more)."""
    out = []
    for measured in content.budgets():
        phrases = used(measured.budget, percent)
        if phrases:
            message = (
                f"{' and '.join(phrases)}: close to Image Builder's limit, past which the API refuses the content. "
                "Move commands into another component before then."
            )
            out.append(Diagnostic(NEARLY_FULL.code, NEARLY_FULL.severity, message, measured.start, measured.end))
    return out
