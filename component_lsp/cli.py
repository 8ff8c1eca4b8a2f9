"""The command line: serve LSP, or check files with the same core (no pygls import)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterator

from . import __version__
from .diagnostics import ERROR, SEVERITY_NAMES
from .formats import kind_by_name, open_text


def expand(paths: list[str]) -> Iterator[str]:
    """Files named, and the component files found under folders named."""
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if kind_by_name(name):
                        yield os.path.join(root, name)
        else:
            yield path


def read(path: str) -> str:
    if path == "-":
        return sys.stdin.buffer.read().decode("utf-8-sig", "replace")
    with open(path, "rb") as file:
        return file.read().decode("utf-8-sig", "replace")


def check(paths: list[str], out=sys.stdout, err=sys.stderr) -> int:
    """Print every diagnostic; 1 if any is an error, 2 if a file could not be read."""
    status = 0
    for path in expand(paths):
        try:
            text = read(path)
        except OSError as exc:
            print(f"component-lsp: cannot read {path}: {exc.strerror or exc}", file=err)
            status = 2
            continue
        shown = "<stdin>" if path == "-" else path
        for d in open_text(text, path).diagnostics():
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
        return check(args.paths)
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
