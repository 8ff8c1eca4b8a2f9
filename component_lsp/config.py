"""The project configuration: `.component-lsp.toml`, or `[tool.component-lsp]` in `pyproject.toml`.

    ignore = ["Lint.KeywordCase", "Lint.*"]      # codes (globs) not reported
    exclude = ["vendor/**", "*.generated.component"]  # files (globs, from the config's folder) not checked
    fail-level = "warning"                       # what makes `check` exit 1: error, warning, info, none
    budget-warning = 90                          # warn at this % of 16 KB or 127 commands (0: never)
    [severity]                                   # [tool.component-lsp.severity] in pyproject.toml
    "Lint.UnquotedEnvValue" = "error"            # error, warning, info, hint, off
    "Lint.*" = "info"

The nearest one from a file's folder upwards wins; in one folder,
`.component-lsp.toml` before `pyproject.toml` (which counts only if it has
the table). The server and `check` read it the same way; the editor's
settings apply on top. A configuration that cannot be read is a
``ConfigError`` with the file and line, never a crash.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
from collections.abc import Iterable
from fnmatch import fnmatchcase
from typing import NamedTuple

from .diagnostics import ERROR, HINT, INFORMATION, WARNING, Diagnostic

OWN, PYPROJECT = ".component-lsp.toml", "pyproject.toml"
NAMES = (OWN, PYPROJECT)
SEVERITIES = {"error": ERROR, "warning": WARNING, "info": INFORMATION, "hint": HINT, "off": None}
FAIL_LEVELS = {"error": ERROR, "warning": WARNING, "info": INFORMATION, "none": None}
KEYS = ("ignore", "exclude", "fail-level", "budget-warning", "severity")
_serial = itertools.count(1)


class ConfigError(Exception):
    """A configuration that cannot be read: where, and why."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = path, line, message


class Config(NamedTuple):
    path: str | None = None  # the file it was read from; None for the defaults
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_level: int | None = ERROR
    severity: tuple[tuple[str, int | None], ...] = ()  # (code or glob, severity or None for off), the first match wins
    budget: int | None = None  # budget-warning: the percentage of a limit that warns (None: the default)
    serial: int = 0  # which reading this is: what the server keeps with what it derived from it

    @property
    def empty(self) -> bool:
        return not (self.ignore or self.severity)

    def adjust(self, found: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics not ignored, each at the severity the configuration gives its code."""
        out = []
        for d in found:
            if any(_matches(d.code, p) for p in self.ignore):
                continue
            for pattern, level in self.severity:
                if _matches(d.code, pattern):
                    if level is None:
                        break
                    if level != d.severity:
                        d = Diagnostic(d.code, level, d.message, d.start, d.end, d.fix_title, d.fix, d.tags)
                    out.append(d)
                    break
            else:
                out.append(d)
        return out

    def excludes(self, path: str) -> bool:
        """True for a file the configuration leaves out (its globs are relative to the configuration's folder)."""
        if not self.exclude or self.path is None:
            return False
        relative = os.path.relpath(os.path.abspath(path), os.path.dirname(os.path.abspath(self.path))).replace(
            os.sep, "/"
        )
        name = relative.rsplit("/", 1)[-1]
        return any(
            fnmatchcase(relative, p) or fnmatchcase(name, p) or (p.endswith("/**") and relative.startswith(p[:-2]))
            for p in self.exclude
        )


DEFAULT = Config()


def _matches(code: str, pattern: str) -> bool:
    return code == pattern or fnmatchcase(code, pattern)


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"""^[ \t]*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')[ \t]*=""", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _strings(path: str, text: str, key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, _line_of(text, key), f"{key} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def parse(path: str, text: str) -> Config | None:
    """The configuration a file holds (None for a pyproject.toml without the table); ConfigError if it is broken."""
    # Imported here, where a configuration file exists: the TOML reader costs the server's start-up about 3 ms.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = (
            int(found.group(1))
            if found
            else (max(1, len(text.splitlines())) if "end of document" in str(exc) else None)
        )
        raise ConfigError(path, line, f"not valid TOML: {exc}") from None
    if os.path.basename(path) == PYPROJECT:
        data = data.get("tool", {}).get("component-lsp") if isinstance(data.get("tool"), dict) else None
        if data is None:
            return None
        if not isinstance(data, dict):
            raise ConfigError(path, _line_of(text, "component-lsp"), "[tool.component-lsp] must be a table")
    for key in data:
        if key not in KEYS:
            raise ConfigError(path, _line_of(text, key), f"unknown key {key!r}: the keys are {', '.join(KEYS)}")
    fail = data.get("fail-level", "error")
    if fail not in FAIL_LEVELS:
        raise ConfigError(
            path, _line_of(text, "fail-level"), f"fail-level must be one of {', '.join(FAIL_LEVELS)}, not {fail!r}"
        )
    table = data.get("severity", {})
    if not isinstance(table, dict):
        raise ConfigError(path, _line_of(text, "severity"), "severity must be a table of code = level")
    severity = []
    for code, level in table.items():
        if level not in SEVERITIES:
            raise ConfigError(
                path,
                _line_of(text, code),
                f"the severity of {code} must be one of {', '.join(SEVERITIES)}, not {level!r}",
            )
        severity.append((code, SEVERITIES[level]))
    severity.sort(key=lambda item: "*" in item[0] or "?" in item[0] or "[" in item[0])  # exact codes before globs
    budget = data.get("budget-warning")
    if budget is not None and not percentage(budget):
        raise ConfigError(
            path,
            _line_of(text, "budget-warning"),
            f"budget-warning must be a whole number from 0 to 100, not {budget!r}",
        )
    return Config(
        path,
        _strings(path, text, "ignore", data.get("ignore", [])),
        _strings(path, text, "exclude", data.get("exclude", [])),
        FAIL_LEVELS[fail],
        tuple(severity),
        budget,
        next(_serial),
    )


def percentage(value: object) -> bool:
    """Whether a value is a whole percentage, 0 to 100."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100


def read(path: str) -> Config | None:
    """The configuration in a file (None if it holds none); ConfigError if it is broken or cannot be read."""
    try:
        with open(path, "rb") as file:
            text = file.read().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, None, f"cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    return parse(path, text)


def find(folder: str) -> str | None:
    """The nearest configuration file from ``folder`` upwards."""
    folder = os.path.abspath(folder)
    while True:
        for name in NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name == OWN or _has_table(candidate)):
                return candidate  # (a pyproject.toml that is broken counts: its error is what the user must see)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_table(path: str) -> bool:
    """Whether a pyproject.toml has [tool.component-lsp] (or cannot be read, which its reader will say)."""
    try:
        with open(path, "rb") as file:
            data = file.read()
        if b"component-lsp" not in data:
            return False
        return parse(path, data.decode("utf-8")) is not None
    except (OSError, UnicodeDecodeError, ConfigError):
        return True


def for_folder(folder: str) -> Config:
    """The configuration of the files in a folder: the nearest one; the defaults if there is none (ConfigError if
    it is broken)."""
    found = find(folder)
    return (read(found) or DEFAULT) if found else DEFAULT
