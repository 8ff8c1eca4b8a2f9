"""ShellCheck on the scripts of components, when it is installed: one process for many scripts, findings placed back.

Scripts go to one ``shellcheck`` process on its standard input, each in a
subshell of its own (a RUN is a shell of its own), with the directives the
file gives it just before it; the component's ENV variables are declared
once at the top. Nothing is written to disk. A batch that does not parse
(one script's syntax error hides the others' findings) is checked again one
script at a time.

Its findings keep ShellCheck's codes, as ``ShellCheck.SC2086``, each linking
to ShellCheck's wiki. Levels become severities one step milder where
ShellCheck might be wrong about a component's shell: error and warning are
warnings, info is information, style a hint.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..diagnostics import HINT, INFORMATION, SHELLCHECK, WARNING, Diagnostic

ON, OFF, AUTO = "on", "off", "auto"
MODES = (ON, OFF, AUTO)
SHELL = "bash"  # Cloud Assistant runs a RunShellCommand with bash on Linux
TIMEOUT = 10.0  # seconds a ShellCheck process may take before it is given up on
BATCH = 200  # scripts per process
SEVERITY = {"error": WARNING, "warning": WARNING, "info": INFORMATION, "style": HINT}
EXCLUDED = ("SC2030", "SC2031")  # "modified in a subshell": each script is a subshell of the batch, not of the user's


def default_mode() -> str:
    """The mode when none is set: ``COMPONENT_LSP_SHELLCHECK`` (on, off or auto) if it holds one, else auto."""
    value = os.environ.get("COMPONENT_LSP_SHELLCHECK", AUTO).strip().lower()
    return value if value in MODES else AUTO


class Unit:
    """What ShellCheck is asked about one script: its text, the component's variables it names, its directives.

    A key of the findings kept by script; its hash is worked out once. Made by ``unit``, which keeps only the
    variables the script names."""

    __slots__ = ("_hash", "defined", "directives", "text")

    def __init__(self, text: str, defined: tuple[str, ...] = (), directives: tuple[str, ...] = ()) -> None:
        self.text, self.defined, self.directives = text, defined, directives
        self._hash = hash((text, defined, directives))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if not isinstance(other, Unit) or self._hash != other._hash:
            return False
        return self.text == other.text and self.directives == other.directives and self.defined == other.defined

    def __repr__(self) -> str:
        return f"Unit({self.text!r}, {self.defined!r}, {self.directives!r})"


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SETS: dict[int, tuple[tuple, frozenset]] = {}  # id(a tuple of names) -> (it, its set): the few in use


def unit(text: str, defined: tuple[str, ...] = (), directives: tuple[str, ...] = ()) -> Unit:
    """A script's Unit, with only those of the component's variables (``defined``: thousands in a large one)
    that it names: an ENV added, renamed or removed changes the Units of the scripts that name it, so the others
    keep their findings and are not checked again."""
    if defined:
        kept = _SETS.get(id(defined))
        if kept is None or kept[0] is not defined:
            if len(_SETS) > 64:
                _SETS.clear()
            kept = _SETS[id(defined)] = (defined, frozenset(defined))
        defined = tuple(sorted(kept[1].intersection(_WORD.findall(text))))
    return Unit(text, defined, directives)


class Found(NamedTuple):
    code: int
    level: str
    message: str
    start: int  # code points of the script
    end: int


class Unavailable(Exception):
    """ShellCheck could not run (not found, failed, too slow): said once, and the checks go on without it."""


def locate(mode: str | None, path: str | None = None) -> str | None:
    """The ShellCheck to run under a mode: the configured path, else the one on PATH, else the one beside this
    Python (``pip install 'component-lsp[shellcheck]'`` puts it there); None when off, or when auto finds none.
    On finds none: Unavailable. No mode is the default mode."""
    mode = mode or default_mode()
    if mode == OFF:
        return None
    if path:
        found = _which(path) or (path if os.path.isfile(path) else None)
        if found is None and mode == ON:
            raise Unavailable(f"ShellCheck is not at {path}")
        return found
    beside = os.path.join(os.path.dirname(sys.executable), "shellcheck.exe" if os.name == "nt" else "shellcheck")
    found = _which("shellcheck") or (beside if os.path.isfile(beside) else None)
    if found is None and mode == ON:
        raise Unavailable("ShellCheck is not installed: pip install 'component-lsp[shellcheck]', or set its path")
    return found


def _which(name: str) -> str | None:
    """``shutil.which``, which the server imports only to run ShellCheck: shutil's imports cost its start-up about
    3 ms, and this is asked at the first diagnostics."""
    import shutil

    return shutil.which(name)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for index, ch in enumerate(text):
        if ch == "\n":
            starts.append(index + 1)
    return starts


def _batch(units: Sequence[Unit]) -> tuple[str, list[tuple[int, int]]]:
    """The text given to ShellCheck, and each unit's first and last line in it (1-based)."""
    # The variables set for the scripts, declared: those they name (``unit``), not all of a large component's
    # thousands, which ShellCheck reads slowly (200 scripts: 1.3 s with 4,240 names, 0.5 s without).
    defined = sorted({name for unit in units for name in unit.defined})
    lines = [
        f"export {' '.join(defined)}" if defined else ":"
    ]  # a command first: a directive after it is not file-wide
    spans = []
    for unit in units:
        lines += [f"# shellcheck {directive}" for directive in unit.directives]
        lines.append("(")
        first = len(lines) + 1
        body = unit.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        lines += body
        spans.append((first, first + len(body) - 1))
        lines.append(")")
    return "\n".join(lines) + "\n", spans


def _run(binary: str, text: str, timeout: float) -> list[dict]:
    import subprocess  # here, on ShellCheck's thread: not at start-up

    argv = [binary, "--format=json1", f"--shell={SHELL}", f"--exclude={','.join(EXCLUDED)}", "-"]
    try:
        done = subprocess.run(
            argv, input=text.encode("utf-8", "surrogatepass"), capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise Unavailable(f"ShellCheck took more than {timeout:.0f} s") from None
    except OSError as exc:
        raise Unavailable(f"ShellCheck could not start: {exc}") from None
    try:
        return json.loads(done.stdout)["comments"]
    except (ValueError, KeyError, TypeError):
        raise Unavailable(
            f"ShellCheck answered something that is not its JSON (exit status {done.returncode}): {done.stderr[:200]!r}"
        ) from None


def _place(unit: Unit, first: int, comment: dict) -> Found | None:
    starts = _line_starts(unit.text.replace("\r\n", "\n").replace("\r", "\n"))
    line, end_line = comment["line"] - first, comment["endLine"] - first
    if not (0 <= line < len(starts)) or not (0 <= end_line < len(starts)):
        return None  # on a line of the batch's own (the subshell's brackets)
    length = len(unit.text)
    start = min(length, starts[line] + comment["column"] - 1)
    end = min(length, starts[end_line] + comment["endColumn"] - 1)
    return Found(comment["code"], comment["level"], comment["message"], start, max(start, end))


def check(
    binary: str, units: Sequence[Unit], timeout: float = TIMEOUT, done: Callable[[int], None] | None = None
) -> list[list[Found]]:
    """ShellCheck's findings in each script, in the order given; ``done`` is told how many scripts are checked
    after each run of ShellCheck."""
    out: list[list[Found]] = []
    for at in range(0, len(units), BATCH):
        if done is not None:
            done(at)
        chunk = units[at : at + BATCH]
        text, spans = _batch(chunk)
        comments = _run(binary, text, timeout)
        if len(chunk) > 1 and any(1000 <= c.get("code", 0) < 1200 and c.get("level") == "error" for c in comments):
            for unit in chunk:  # one script does not parse: the others are read alone
                out += check(binary, [unit], timeout)
            continue
        found: list[list[Found]] = [[] for _ in chunk]
        for comment in comments:
            line = comment.get("line", 0)
            for index, (first, last) in enumerate(spans):
                if first <= line <= last:
                    placed = _place(chunk[index], first, comment)
                    if placed is not None:
                        found[index].append(placed)
                    break
        out += found
    return out


def diagnostics(found: Sequence[Found], place) -> list[Diagnostic]:
    """Findings as diagnostics, placed in the document with the script's ``place(start, end)``."""
    return [
        Diagnostic(f"{SHELLCHECK}{f.code}", SEVERITY.get(f.level, INFORMATION), f.message, *place(f.start, f.end))
        for f in found
    ]
