"""GitLab's Code Quality report (a JSON array of issues), for the merge request widget."""

from __future__ import annotations

import hashlib
import json
from typing import TextIO

from ..diagnostics import ERROR, WARNING
from .base import Checked

SEVERITIES = {ERROR: "major", WARNING: "minor"}  # information and hints are info


def issues(files: list[Checked]) -> list[dict]:
    out = []
    for checked in files:
        for d in checked.diagnostics:
            key = f"{checked.path}:{d.start[0]}:{d.start[1]}:{d.code}:{d.message}"
            out.append(
                {
                    "type": "issue",
                    "check_name": d.code,
                    "description": d.message,
                    "categories": ["Bug Risk" if d.severity == ERROR else "Style"],
                    "severity": SEVERITIES.get(d.severity, "info"),
                    "fingerprint": hashlib.sha256(key.encode()).hexdigest()[:32],
                    "location": {"path": checked.path, "lines": {"begin": d.start[0] + 1, "end": d.end[0] + 1}},
                }
            )
    return out


def render(files: list[Checked], out: TextIO) -> None:
    json.dump(issues(files), out, indent=2, ensure_ascii=False)
    out.write("\n")
