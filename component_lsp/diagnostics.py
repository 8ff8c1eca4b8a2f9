"""Diagnostics as plain data: what the rules find, before any protocol is involved."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

ERROR, WARNING, INFORMATION, HINT = 1, 2, 3, 4
UNNECESSARY, DEPRECATED = 1, 2  # LSP's DiagnosticTag: an editor fades or strikes the text through
SEVERITY_NAMES = {ERROR: "error", WARNING: "warning", INFORMATION: "info", HINT: "hint"}
SOURCE = "component-lsp"
SHELLCHECK = "ShellCheck.SC"  # the prefix of ShellCheck's codes
CODES_URL = "https://github.com/component-lsp/component-lsp/blob/main/docs/codes.md"

Position = tuple[int, int]  # model line, code-point column


class Rule(NamedTuple):
    """A check with a stable id (the diagnostic code) and a default severity."""

    code: str
    severity: int
    summary: str


RULES: dict[str, Rule] = {}  # every rule of every format, by code: docs/codes.md lists them


def rule(code: str, severity: int, summary: str) -> Rule:
    """Declare a rule; its code is unique across the project."""
    if code in RULES:
        raise ValueError(f"duplicate rule code {code}")
    RULES[code] = Rule(code, severity, summary)
    return RULES[code]


def anchor(code: str) -> str:
    """The code's anchor in docs/codes.md, as GitHub makes it from the heading `` `code` ``."""
    return "".join(ch for ch in code.lower() if ch.isalnum() or ch in "-_")


_URLS: dict[str, str] = {}


def code_url(code: str) -> str:
    """Where the code is explained: its own heading in docs/codes.md (worked out once per code)."""
    url = _URLS.get(code)
    if url is None:
        if code.startswith(SHELLCHECK):  # ShellCheck.SC2086: ShellCheck's own page for it
            url = _URLS[code] = f"https://www.shellcheck.net/wiki/{code[len(SHELLCHECK) - 2 :]}"
        else:
            url = _URLS[code] = f"{CODES_URL}#{anchor(code)}"
    return url


@dataclass(slots=True)
class Finding:
    """What a rule found in one instruction, in logical offsets of that instruction."""

    rule: Rule
    start: int
    end: int
    message: str
    fix_title: str = ""
    fix: list[tuple[int, int, str]] = field(default_factory=list)
    line: int | None = (
        None  # a whole physical line (offset from the instruction's start), which start and end then do not place
    )


class Related(NamedTuple):
    """Another place in the same document that a diagnostic is about (where a duplicate was first written)."""

    start: Position
    end: Position
    message: str


class Edit(NamedTuple):
    start: Position
    end: Position
    text: str


@dataclass(slots=True)
class Diagnostic:
    """A finding placed in the document (model coordinates)."""

    code: str
    severity: int
    message: str
    start: Position
    end: Position
    fix_title: str = ""
    fix: list[Edit] = field(default_factory=list)
    tags: tuple[int, ...] = ()  # LSP DiagnosticTag values (DEPRECATED, UNNECESSARY), for clients that show them
    related: tuple[Related, ...] = ()  # LSP relatedInformation, for clients that show it

    def sort_key(self):
        return (self.start, self.end, self.code)

    def moved(self, lines: int) -> Diagnostic:
        """The diagnostic, with its fix, moved down by a number of lines (up, if negative): columns stay, as when
        whole lines above it come or go. Its related places stay where they are: they are given in the document's
        lines, and a rule that gives them is run again when they move (its message names their line)."""
        if not lines:
            return self
        fix = [Edit((e.start[0] + lines, e.start[1]), (e.end[0] + lines, e.end[1]), e.text) for e in self.fix]
        start, end = (self.start[0] + lines, self.start[1]), (self.end[0] + lines, self.end[1])
        return Diagnostic(
            self.code, self.severity, self.message, start, end, self.fix_title, fix, self.tags, self.related
        )
