"""Inline control of diagnostics: comments that ignore codes, in every format.

    # component-lsp: ignore=Lint.KeywordCase,InvalidCommandContent.COPY the mirror is ours
    # component-lsp: ignore-file=Lint.*

``ignore=`` ignores those codes in the instruction after the comment (in a
YAML component, the key or list item after it, and what is indented under
it); ``ignore-file=`` in the whole file, wherever it is. A code may be a
glob (``Lint.*``); whatever follows the list after white space is a reason,
for the reader. A code that ignores nothing is reported
(``Lint.UnusedIgnore``, as ruff's RUF100), with a fix that takes it out.

The document counts the lines that hold the marker as it is edited
(``Document.marked``), so a document without one costs nothing here.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from typing import NamedTuple

from .diagnostics import WARNING, Diagnostic, Edit, rule
from .document import MARK
from .formats.content import Content

UNUSED = rule(
    "Lint.UnusedIgnore",
    WARNING,
    "A `# component-lsp: ignore=` code that ignores nothing there (or an ignore comment that cannot be read).",
)
COMMENT = re.compile(r"#\s*component-lsp:\s*(?P<kind>ignore-file|ignore)\s*=\s*(?P<codes>[^\s]*)")
FILE, NEXT = "ignore-file", "ignore"


class Directive(NamedTuple):
    line: int
    kind: str  # FILE or NEXT
    codes: tuple[str, ...]
    start: int  # the code list's columns
    end: int


def directives(lines: list[str]) -> tuple[list[Directive], list[Diagnostic]]:
    """The ignore comments of a text, and a diagnostic for each marker comment that cannot be read."""
    found: list[Directive] = []
    bad: list[Diagnostic] = []
    for index, line in enumerate(lines):
        if MARK not in line:
            continue
        at = line.find("#")
        if at < 0 or line[:at].strip():  # a comment line only: `RUN echo # component-lsp:` is the command's text
            continue
        match = COMMENT.match(line, at)
        text = line.rstrip("\r\n")
        if match is None or not match.group("codes").strip(","):
            message = (
                "An ignore comment reads `# component-lsp: ignore=CODE[,CODE...]` or `# component-lsp:"
                " ignore-file=CODE[,CODE...]`."
            )
            bad.append(Diagnostic(UNUSED.code, UNUSED.severity, message, (index, at), (index, len(text))))
            continue
        codes = tuple(code for code in match.group("codes").split(",") if code)
        found.append(Directive(index, match.group("kind"), codes, match.start("codes"), match.end("codes")))
    return found, bad


def _matches(code: str, pattern: str) -> bool:
    return code == pattern or fnmatchcase(code, pattern)


def apply(content: Content, found: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics the document's comments do not ignore, and one for each code of a comment that ignores
    nothing. A host file's regions have applied their own comments (``hosts/hosted.py``): none here."""
    lines = content.source.lines
    if not content.source.marked or content.format.host:
        return found
    comments, out = directives(lines)
    if not comments:
        return sorted(found + out, key=Diagnostic.sort_key)
    spans = {}
    for d in comments:
        if d.kind == NEXT:
            spans[d.line] = content.extent(d.line)
    used: set[tuple[int, str]] = set()
    for diagnostic in found:
        line = diagnostic.start[0]
        hit = None
        for d in comments:
            span = spans.get(d.line)
            if d.kind == NEXT and (span is None or not span[0] <= line <= span[1]):
                continue
            pattern = next((p for p in d.codes if _matches(diagnostic.code, p)), None)
            if pattern is not None:
                hit = (d.line, pattern)
                break
        if hit is None:
            out.append(diagnostic)
        else:
            used.add(hit)
    for d in comments:
        unused = [p for p in d.codes if (d.line, p) not in used]
        if not unused:
            continue
        text = lines[d.line]
        where = "this file" if d.kind == FILE else "the instruction after it"
        names = ", ".join(unused)
        message = (
            f"{names} {'is' if len(unused) == 1 else 'are'} ignored here, but"
            f" {'it does' if len(unused) == 1 else 'they do'} not occur in {where}: remove"
            f" {'it' if len(unused) == 1 else 'them'}."
        )
        if len(unused) == len(d.codes):  # the whole comment goes
            gone = (
                Edit((d.line, 0), (d.line + 1, 0), "")
                if d.line + 1 < len(lines)
                else Edit((d.line, 0), (d.line, len(text.rstrip("\r\n"))), "")
            )
            fix, title = [gone], "Remove the ignore comment"
        else:
            fix, title = (
                [Edit((d.line, d.start), (d.line, d.end), ",".join(p for p in d.codes if p not in unused))],
                f"Remove {names}",
            )
        out.append(Diagnostic(UNUSED.code, UNUSED.severity, message, (d.line, d.start), (d.line, d.end), title, fix))
    out.sort(key=Diagnostic.sort_key)
    return out


def ignoring(content: Content, diagnostic: Diagnostic) -> list[tuple[str, Edit]]:
    """Quick fixes that ignore a diagnostic's code: with a comment before its instruction (task, key), or in the
    file. None in a host file (a Terraform file): a region's comments are its content's."""
    if content.format.host:
        return []
    lines = content.source.lines
    line = diagnostic.start[0]
    out = []
    top = None
    for k in range(line, max(-1, line - 500), -1):  # the line the instruction (task, key) holding it starts on
        span = content.extent(k - 1) if k > 0 else content.extent(-1)
        if span is not None and span[0] == k and span[1] >= line:
            top = k
            break
    code = diagnostic.code
    if top is not None and top >= _file_comment_line(lines):  # not on a parser directive, which must stay first
        text = lines[top]
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        out.append(
            (
                f"Ignore {code} for this instruction",
                Edit((top, 0), (top, 0), f"{indent}# component-lsp: ignore={code}\n"),
            )
        )
    at = _file_comment_line(lines)
    out.append((f"Ignore {code} in this file", Edit((at, 0), (at, 0), f"# component-lsp: ignore-file={code}\n")))
    return out


_DIRECTIVE = re.compile(r"\s*#\s*(?:escape|syntax)\s*=", re.IGNORECASE)


def _file_comment_line(lines: list[str]) -> int:
    """Where a file-wide comment goes: the top, after the parser directives a Dockerfile-format text opens with."""
    at = 0
    while at < len(lines) and _DIRECTIVE.match(lines[at]):
        at += 1
    return at
