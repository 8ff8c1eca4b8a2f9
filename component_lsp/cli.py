"""The command line: serve LSP, or check files with the same core (no pygls import).

What an editor runs (no arguments, or ``--stdio``) goes straight to the
server: the argument parser and the checking machinery are imported only for
the other commands, so they cost the server's start-up nothing.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    import argparse

LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


def parser() -> argparse.ArgumentParser:
    import argparse

    from . import config
    from .reports import FORMAT_NAMES
    from .shell import shellcheck

    p = argparse.ArgumentParser(
        prog="component-lsp",
        description=(
            "Language server for Alibaba Cloud ECS Image Builder component files. "
            "With no command it serves LSP on stdin/stdout."
        ),
        epilog=(
            "check prints path:line:column: severity code message (1-based line and column, "
            "columns in characters) and exits 1 if there is an error (or what --fail-level says), 2 if a file or a "
            "configuration cannot be read."
        ),
    )
    p.add_argument("--version", action="version", version=f"component-lsp {__version__}")
    p.add_argument("--stdio", action="store_true", help="serve LSP on stdin/stdout (the default)")
    p.add_argument("--tcp", action="store_true", help="serve LSP on a TCP socket")
    p.add_argument("--host", default="127.0.0.1", help="address for --tcp (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=2087, help="port for --tcp (default 2087)")
    p.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="log level (logs go to stderr)",
    )
    sub = p.add_subparsers(dest="command")
    c = sub.add_parser("check", help="check files or folders and print the diagnostics")
    c.add_argument(
        "paths", nargs="+", metavar="PATH", help="a file, a folder (searched for component files), or - for stdin"
    )
    c.add_argument(
        "--format",
        default="text",
        choices=FORMAT_NAMES,
        help="text (default), json, sarif, github (workflow annotations), gitlab (Code Quality)",
    )
    c.add_argument("--output", metavar="FILE", help="write the report to FILE instead of stdout")
    c.add_argument(
        "--fail-level",
        choices=list(config.FAIL_LEVELS),
        help="exit 1 when a diagnostic is this severe (default: error, or the configuration's)",
    )
    c.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="a code (or glob, Lint.*) not to report; repeatable",
    )
    c.add_argument(
        "--config",
        metavar="FILE",
        help="a .component-lsp.toml or pyproject.toml for every file, instead of each file's nearest",
    )
    c.add_argument(
        "--shellcheck",
        choices=shellcheck.MODES,
        help=(
            "ShellCheck on RUN and RunShellCommand scripts: on, off, or auto (where it is installed; the default, or"
            " what COMPONENT_LSP_SHELLCHECK says)"
        ),
    )
    c.add_argument(
        "--shellcheck-path",
        metavar="PATH",
        help="the shellcheck program to run (default: on PATH, or beside this Python)",
    )
    c.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress line on the terminal (shown on stderr over 50 files, or with ShellCheck)",
    )
    sub.add_parser("codes", help="print every diagnostic code, its severity and what it means (Markdown)")
    sub.add_parser(
        "info",
        help=(
            "print the version, the Python it runs on and the ShellCheck it would use (JSON; editors' health checks"
            " read it)"
        ),
    )
    sub.add_parser("schema", help="print the JSON Schema of YAML-format components (schemas/ecs-component.schema.json)")
    return p


def serve_stdio(log_level: str = "WARNING") -> int:
    """Serve LSP on stdin/stdout: the early start while pygls loads, then pygls."""
    logging.basicConfig(stream=sys.stderr, level=log_level, format=LOG_FORMAT)
    # The imports below allocate much and free little: a collection during them costs the start-up about 4 ms.
    # The early start turns the collector on again once pygls has loaded.
    gc.disable()
    from .early import serve  # answers the first messages while pygls loads

    return serve(sys.stdin.buffer, sys.stdout.buffer)


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    if given in ([], ["--stdio"]):  # what editors run
        return serve_stdio()
    args = parser().parse_args(given)
    if args.command == "check":
        from .checking import Options, check

        try:
            options = Options(
                args.format,
                args.output,
                args.fail_level,
                tuple(args.ignore),
                args.config,
                args.shellcheck,
                args.shellcheck_path,
                args.quiet,
            )
            return check(args.paths, options=options)
        except BrokenPipeError:  # the reader stopped reading (| head): no traceback, as other tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    if args.command == "info":
        from .checking import info

        sys.stdout.write(json.dumps(info(), indent=2) + "\n")
        return 0
    if args.command == "codes":
        from .codes import markdown

        sys.stdout.write(markdown())
        return 0
    if args.command == "schema":
        from .formats.yaml.schema import text

        sys.stdout.write(text())
        return 0
    if args.tcp:
        logging.basicConfig(stream=sys.stderr, level=args.log_level, format=LOG_FORMAT)
        from .server import check_features, server  # deferred: pygls is only needed to serve

        check_features(server)
        server.start_tcp(args.host, args.port)
        return server.exit_status
    return serve_stdio(args.log_level)
