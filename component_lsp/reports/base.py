"""What every report format reads: the files checked, each with its diagnostics."""

from __future__ import annotations

from typing import NamedTuple

from ..diagnostics import Diagnostic


class Checked(NamedTuple):
    path: str  # as given on the command line (``<stdin>`` for -)
    diagnostics: list[Diagnostic]
