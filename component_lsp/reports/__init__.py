"""What `component-lsp check` prints: one module per output format, and the table that names them.

Each format is a function ``render(files, out)`` over ``Checked`` files (a
path and its diagnostics, positions in model coordinates: 0-based lines,
columns in characters); every format prints them 1-based. Adding a format
is one module here and one line in ``FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from . import github, gitlab, json_report, sarif, text
from .base import Checked

Render = Callable[[list[Checked], TextIO], None]
FORMATS: dict[str, Render] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
    "gitlab": gitlab.render,
}
FORMAT_NAMES = tuple(FORMATS)


def render(name: str, files: list[Checked], out: TextIO) -> None:
    FORMATS[name](files, out)


__all__ = ["FORMATS", "FORMAT_NAMES", "Checked", "render"]
