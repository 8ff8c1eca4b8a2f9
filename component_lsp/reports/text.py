"""path:line:column: severity code message, one line per diagnostic (the default)."""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import SEVERITY_NAMES
from .base import Checked


def render(files: list[Checked], out: TextIO) -> None:
    for checked in files:
        for d in checked.diagnostics:
            line, col = d.start
            message = d.message.replace("\n", " ")
            out.write(f"{checked.path}:{line + 1}:{col + 1}: {SEVERITY_NAMES[d.severity]} {d.code} {message}\n")
