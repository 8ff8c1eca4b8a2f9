"""User settings, in the shape editors send them.

VS Code sends its ``componentLsp.*`` settings as ``{"componentLsp": {...}}``;
Neovim's ``settings`` table and ``init_options`` arrive as the user wrote them,
with or without that wrapper. Anything unexpected is reported, never fatal.
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import NamedTuple

from .config import percentage
from .diagnostics import Diagnostic

SECTION = "componentLsp"


class Settings(NamedTuple):
    ignore: tuple[str, ...] = ()  # diagnostic codes not to report; `*` globs, as `Lint.*`
    indent_continuations: bool = True  # formatting indents the lines that continue an instruction alike
    budget: int | None = None  # the percentage of a limit that warns (None: the project's, else 90; 0: never)
    shellcheck: str | None = None  # ShellCheck on the scripts: "on", "off", "auto" (on where found); None: the default
    shellcheck_path: str | None = None  # the ShellCheck to run (None: on PATH, or beside the server's Python)

    def shown(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics the user has not asked to ignore."""
        if not self.ignore:
            return list(diagnostics)
        return [d for d in diagnostics if not _ignored(d.code, self.ignore)]


@lru_cache(maxsize=4096)
def _ignored(code: str, patterns: tuple[str, ...]) -> bool:
    """Whether a code matches one of the patterns: asked for each diagnostic of each answer (thousands on a
    large document), of a few codes."""
    return any(fnmatchcase(code, p) for p in patterns)


def read(value: object) -> tuple[Settings, list[str]]:
    """Settings from an editor's payload, and a message for each part that was not understood."""
    problems: list[str] = []
    if value is None:
        return Settings(), problems
    if not isinstance(value, dict):
        return Settings(), [f"settings should be an object, not {type(value).__name__}"]
    section = value.get(SECTION, value)
    if not isinstance(section, dict):
        return Settings(), [f"{SECTION} should be an object, not {type(section).__name__}"]
    # VS Code nests dotted names ("diagnostics.ignore"); other clients may send them flat.
    diagnostics = section.get("diagnostics", {})
    ignore = diagnostics.get("ignore", ()) if isinstance(diagnostics, dict) else ()
    ignore = section.get("diagnostics.ignore", ignore)
    if isinstance(ignore, str):
        ignore = [ignore]
    if not isinstance(ignore, (list, tuple)) or not all(isinstance(code, str) for code in ignore):
        problems.append(f"{SECTION}.diagnostics.ignore should be a list of diagnostic codes")
        ignore = ()
    fmt = section.get("format", {})
    indent = fmt.get("indentContinuations", True) if isinstance(fmt, dict) else True
    indent = section.get("format.indentContinuations", indent)
    if not isinstance(indent, bool):
        problems.append(f"{SECTION}.format.indentContinuations should be true or false")
        indent = True
    budget = section.get("budget", {})
    budget = budget.get("warning") if isinstance(budget, dict) else None
    budget = section.get("budget.warning", budget)
    if budget is not None and not percentage(budget):
        problems.append(f"{SECTION}.budget.warning should be a whole number from 0 to 100")
        budget = None
    shellcheck = section.get("shellcheck", {})
    mode = shellcheck.get("enable") if isinstance(shellcheck, dict) else None
    mode = section.get("shellcheck.enable", mode)
    if isinstance(mode, bool):  # true/false, as a checkbox sends it
        mode = "on" if mode else "off"
    if mode not in (None, "on", "off", "auto"):
        problems.append(f"{SECTION}.shellcheck.enable should be on, off or auto")
        mode = None
    path = shellcheck.get("path") if isinstance(shellcheck, dict) else None
    path = section.get("shellcheck.path", path)
    if path is not None and not isinstance(path, str):
        problems.append(f"{SECTION}.shellcheck.path should be the path of the shellcheck program")
        path = None
    return (
        Settings(
            ignore=tuple(code.strip() for code in ignore if code.strip()),
            indent_continuations=indent,
            budget=budget,
            shellcheck=mode,
            shellcheck_path=path or None,
        ),
        problems,
    )
