"""A JSON array, one object per diagnostic (docs/ci.md gives its shape):

    {"path": "a.component", "line": 3, "column": 1, "endLine": 3, "endColumn": 5,
     "severity": "error", "code": "NotSupportedCommand.FROM", "message": "...", "url": "https://..."}

Lines and columns are 1-based, columns in characters; the end is exclusive.
"""

from __future__ import annotations

import json
from typing import TextIO

from ..diagnostics import SEVERITY_NAMES, code_url
from .base import Checked


def rows(files: list[Checked]) -> list[dict]:
    out = []
    for checked in files:
        for d in checked.diagnostics:
            out.append(
                {
                    "path": checked.path,
                    "line": d.start[0] + 1,
                    "column": d.start[1] + 1,
                    "endLine": d.end[0] + 1,
                    "endColumn": d.end[1] + 1,
                    "severity": SEVERITY_NAMES[d.severity],
                    "code": d.code,
                    "message": d.message,
                    "url": code_url(d.code),
                }
            )
    return out


def render(files: list[Checked], out: TextIO) -> None:
    json.dump(rows(files), out, indent=2, ensure_ascii=False)
    out.write("\n")
