"""The command line: serve LSP, or check files with the same core (no pygls import)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterator

from . import __version__, ignores
from .diagnostics import ERROR, SEVERITY_NAMES, Diagnostic
from .formats import kind_by_name, open_text
from .formats.base import TEMPLATE, USES
from .workspace import links
from .workspace.index import Index
from .workspace.scan import Walk


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


def check(paths: list[str], out=sys.stdout, err=sys.stderr) -> int:
    """Print every diagnostic; 1 if any is an error, 2 if a file could not be read.

    Given a folder or several files, the templates among them are checked against the components among them
    too (SPEC section 8), as the server checks them against its workspace.
    """
    status = 0
    files = list(expand(paths))
    index = None
    if len(files) > 1 or any(os.path.isdir(path) for path in paths):
        index = Index()
        for path in files:
            if path != "-":
                index.load(path)
    for path in files:
        try:
            text = read(path)
        except OSError as exc:
            print(f"component-lsp: cannot read {path}: {exc.strerror or exc}", file=err)
            status = 2
            continue
        shown = "<stdin>" if path == "-" else path
        content = open_text(text, path)
        found: list[Diagnostic] = content.diagnostics()
        if index is not None and content.kind.dialect == TEMPLATE:
            found = sorted(found + links.check(content.ask(USES) or [], index), key=Diagnostic.sort_key)
        found = ignores.apply(content, found)
        for d in found:
            line, col = d.start
            message = d.message.replace("\n", " ")
            print(f"{shown}:{line + 1}:{col + 1}: {SEVERITY_NAMES[d.severity]} {d.code} {message}", file=out)
            if d.severity == ERROR and status == 0:
                status = 1
    return status


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="component-lsp",
        description="Language server for Alibaba Cloud ECS Image Builder component files. "
        "With no command it serves LSP on stdin/stdout.",
        epilog="check prints path:line:column: severity code message (1-based line and column, "
        "columns in characters) and exits 1 if there is an error, 2 if a file cannot be read.",
    )
    p.add_argument("--version", action="version", version=f"component-lsp {__version__}")
    p.add_argument("--stdio", action="store_true", help="serve LSP on stdin/stdout (the default)")
    p.add_argument("--tcp", action="store_true", help="serve LSP on a TCP socket")
    p.add_argument("--host", default="127.0.0.1", help="address for --tcp (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=2087, help="port for --tcp (default 2087)")
    p.add_argument("--log-level", default="WARNING", choices=["DEBUG", "INFO", "WARNING", "ERROR"], help="log level (logs go to stderr)")
    sub = p.add_subparsers(dest="command")
    c = sub.add_parser("check", help="check files or folders and print the diagnostics")
    c.add_argument("paths", nargs="+", metavar="PATH", help="a file, a folder (searched for component files), or - for stdin")
    sub.add_parser("codes", help="print every diagnostic code, its severity and what it means (Markdown)")
    sub.add_parser("schema", help="print the JSON Schema of YAML-format components (schemas/ecs-component.schema.json)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "check":
        try:
            return check(args.paths)
        except BrokenPipeError:  # the reader stopped reading (| head): no traceback, as other tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    if args.command == "codes":
        from .codes import markdown

        sys.stdout.write(markdown())
        return 0
    if args.command == "schema":
        from .formats.yaml.schema import text

        sys.stdout.write(text())
        return 0
    logging.basicConfig(stream=sys.stderr, level=args.log_level, format="%(levelname)s %(name)s: %(message)s")
    if args.tcp:
        from .server import server  # deferred: pygls is only needed to serve

        server.start_tcp(args.host, args.port)
        return server.exit_status
    from .early import serve  # answers the first messages while pygls loads

    return serve(sys.stdin.buffer, sys.stdout.buffer)
