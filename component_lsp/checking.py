"""``component-lsp check``: files and folders checked with the same core as the server (no pygls import)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from fnmatch import fnmatchcase
from typing import NamedTuple

from . import __version__, budget, config, ignores
from .diagnostics import Diagnostic
from .formats import Content, kind_by_name, open_text
from .formats.base import TEMPLATE, Include
from .formats.content import open_content
from .progress_line import MANY_FILES, ProgressLine
from .reports import Checked, render
from .shell import shellcheck
from .workspace import links
from .workspace.index import Index
from .workspace.scan import Walk, beside


def expand(paths: list[str]) -> Iterator[str]:
    """Files named, and the component and template files found under folders named."""
    for path in paths:
        if os.path.isdir(path):  # as the server walks its workspace: no .git, node_modules, virtual environments
            walk = Walk([path], lambda name: kind_by_name(name) is not None)
            yield from walk
            if walk.stopped:
                print(f"component-lsp: {path}: stopped early: it {walk.stopped}", file=sys.stderr)
        else:
            yield path


def read(path: str) -> str:
    if path == "-":
        return sys.stdin.buffer.read().decode("utf-8-sig", "replace")
    with open(path, "rb") as file:
        return file.read().decode("utf-8-sig", "replace")


class Options(NamedTuple):
    """What check is asked for besides the paths."""

    format: str = "text"
    output: str | None = None
    fail_level: str | None = None  # overrides every configuration's
    ignore: tuple[str, ...] = ()
    config: str | None = None  # one configuration for every file, instead of each file's nearest
    shellcheck: str | None = None  # ShellCheck on the scripts: on, off, or auto (where installed); None: the default
    shellcheck_path: str | None = None
    quiet: bool = False  # no progress line on the terminal


def check(paths: list[str], out=sys.stdout, err=sys.stderr, options: Options | None = None) -> int:
    """Print every diagnostic; 1 if any reaches the fail level (an error by default), 2 if a file or a
    configuration could not be read.

    Each file is checked under its project configuration (config.py), and the comments in it (ignores.py).
    Given a folder or several files, the templates among them are checked against the components among them
    too (SPEC section 8), as the server checks them against its workspace.
    """
    options = options or Options()
    status = 0
    try:
        fixed = (config.read(options.config) or config.DEFAULT) if options.config else None
        files = [path for path in expand(paths) if not _config(path, fixed).excludes(path)]
    except config.ConfigError as exc:
        print(f"component-lsp: {exc}", file=err)
        return 2
    index = None
    if len(files) > 1 or any(os.path.isdir(path) for path in paths):
        index = Index()
        for path in files:
            if path != "-":
                index.load(path)
    read_files: list[tuple[str, Content, list[Diagnostic], config.Config]] = []
    try:
        binary = shellcheck.locate(options.shellcheck, options.shellcheck_path)
    except shellcheck.Unavailable as exc:
        print(f"component-lsp: {exc}", file=err)
        return 2
    progress = ProgressLine.on(err, options.quiet or (len(files) < MANY_FILES and binary is None))  # few: quick
    queue = list(files)
    seen = {os.path.normpath(path) for path in files}
    kinds: dict[str, Include] = {}  # files a checked file reads its content from (Terraform's file()), by path
    for number, path in enumerate(queue):
        progress.show(number, len(queue), "checking files")
        try:
            text = read(path)
        except OSError as exc:
            print(f"component-lsp: cannot read {path}: {exc.strerror or exc}", file=err)
            status = 2
            continue
        settings = _config(path, fixed)
        content = open_content(text, kinds[path].dialect) if path in kinds else open_text(text, path)
        for named in _included(path, content, seen):  # checked too, as the content they are
            queue.append(named.path)
            kinds[named.path] = named
        found: list[Diagnostic] = content.diagnostics()
        wide = budget.nearly_full(content, budget.percent(settings.budget))
        if index is not None and content.kind.dialect == TEMPLATE:
            wide += links.check(content.uses() or [], index)
        if wide:
            found = sorted(found + wide, key=Diagnostic.sort_key)
        read_files.append((path, content, found, settings))
    shellchecked = _shellcheck([opened for _, opened, _, _ in read_files], binary, progress)
    progress.clear()
    checked: list[Checked] = []
    failed = False
    for (path, opened, found, settings), more in zip(read_files, shellchecked, strict=True):
        if more:
            found = sorted(found + more, key=Diagnostic.sort_key)
        if path in kinds and kinds[path].rendered:
            found = _outside_interpolations(opened, found)
        found = settings.adjust(ignores.apply(opened, found))
        found = [d for d in found if not any(fnmatchcase(d.code, p) for p in options.ignore)]
        checked.append(Checked("<stdin>" if path == "-" else path, found))
        level = config.FAIL_LEVELS[options.fail_level] if options.fail_level else settings.fail_level
        failed = failed or (level is not None and any(d.severity <= level for d in found))
    if options.output:
        with open(options.output, "w", encoding="utf-8") as file:
            render(options.format, checked, file)
    else:
        render(options.format, checked, out)
    return status or (1 if failed else 0)


def _included(path: str, content: Content, seen: set[str]) -> list[Include]:
    """The files a checked file reads its content from, that are not checked already (their paths made from the
    file's folder)."""
    if path == "-":
        return []
    out = []
    for named in content.includes():
        found = beside(path, named.path)
        if found not in seen and os.path.isfile(found):
            seen.add(found)
            out.append(named._replace(path=found))
    return out


INTERPOLATION = re.compile(r"(?<!\$)[$%]\{[^{}]*\}")  # ${ ... } or %{ ... } of a template Terraform fills in


def _outside_interpolations(content: Content, found: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of a file Terraform renders (``templatefile``) that are not about its interpolations and
    directives, whose values are not known here (as in a heredoc: opaque words)."""
    lines = content.source.lines
    spans = {
        line: [(m.start(), m.end()) for m in INTERPOLATION.finditer(text)]
        for line, text in enumerate(lines)
        if "{" in text
    }

    def touches(d: Diagnostic) -> bool:
        return any(
            start < max(d.end[1], d.start[1] + 1) and d.start[1] < end
            for line in range(d.start[0], d.end[0] + 1)
            for start, end in spans.get(line, ())
        )

    return [d for d in found if not touches(d)]


def _shellcheck(contents: list[Content], binary: str | None, progress: ProgressLine) -> list[list[Diagnostic]]:
    """ShellCheck's findings in each document's scripts: every script of every file in as few processes as a
    batch allows (not one per RUN). Nothing where it is off (``binary`` None), or (auto) not installed."""
    out: list[list[Diagnostic]] = [[] for _ in contents]
    if binary is None:
        return out
    owners, units, places = [], [], []
    for number, content in enumerate(contents):
        found = content.scripts()
        for script in found.present():
            owners.append(number)
            units.append(shellcheck.unit(script.text, found.defined, script.directives))
            places.append(script.place)
    found_all = shellcheck.check(binary, units, done=lambda n: progress.show(n, len(units), "ShellCheck on scripts"))
    for owner, place, results in zip(owners, places, found_all, strict=True):
        out[owner] += shellcheck.diagnostics(results, place)
    return out


_CONFIGS: dict[str, config.Config] = {}


def _config(path: str, fixed: config.Config | None) -> config.Config:
    """The configuration of a file: the one given, else the nearest (read once per folder)."""
    if fixed is not None:
        return fixed
    folder = os.path.dirname(os.path.abspath(path)) if path != "-" else os.getcwd()
    if folder not in _CONFIGS:
        _CONFIGS[folder] = config.for_folder(folder)
    return _CONFIGS[folder]


def info() -> dict:
    """What an editor's health check shows: the version, the Python, and the ShellCheck auto mode would run."""
    import platform

    try:
        found = shellcheck.locate(shellcheck.AUTO)
    except shellcheck.Unavailable:
        found = None
    return {
        "version": __version__,
        "python": platform.python_version(),
        "executable": sys.executable,
        "platform": platform.platform(),
        "shellcheck": found,
    }
