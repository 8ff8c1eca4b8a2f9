"""GitHub Actions workflow commands: an annotation per diagnostic, on the line in the pull request's diff.

::error file=a.component,line=3,col=1,endLine=3,endColumn=5,title=NotSupportedCommand.FROM::FROM cannot ...
"""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import ERROR, WARNING
from .base import Checked

COMMANDS = {ERROR: "error", WARNING: "warning"}  # information and hints are notices


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(files: list[Checked], out: TextIO) -> None:
    for checked in files:
        for d in checked.diagnostics:
            start = f"line={d.start[0] + 1},col={d.start[1] + 1}"
            where = f"file={_property(checked.path)},{start},endLine={d.end[0] + 1},endColumn={d.end[1] + 1}"
            out.write(f"::{COMMANDS.get(d.severity, 'notice')} {where},title={_property(d.code)}::{_data(d.message)}\n")
