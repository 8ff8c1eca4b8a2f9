"""Finding a workspace's component and template files on disk, within bounds.

``walk`` yields the files whose names are ours (by ``wanted``), one at a
time, so a caller can stop and resume it between messages. It never follows
a symbolic link to a folder (no loops), skips folders no component lives in
(``.git``, ``node_modules``, virtual environments, hidden folders), and
stops at ``MAX_ENTRIES`` folder entries looked at, saying why in ``Walk.stopped``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from urllib.parse import unquote, urlparse

SKIP = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        "venv",
        ".venv",
        "env",
        ".tox",
        ".nox",
        "site-packages",
        "dist",
        "build",
    }
)
MAX_ENTRIES = 200_000  # folder entries looked at, in all the workspace's folders
MAX_FILES = 5_000  # component and template files indexed
MAX_FILE_BYTES = 1024 * 1024  # a larger file is not indexed (a component may be 16 KB)
MAX_BYTES = 64 * 1024 * 1024  # all the indexed files together


def path_of(uri: str) -> str | None:
    """The local path of a ``file:`` URI (None for any other)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and len(path) > 2 and path[0] == "/" and path[2] == ":":
        path = path[1:]
    return os.path.normpath(path)


def beside(path: str, relative: str) -> str:
    """The path a file names from its own folder (Terraform's ``file("parts/app.txt")``)."""
    return os.path.normpath(os.path.join(os.path.dirname(path), relative))


def uri_of(path: str) -> str:
    from pathlib import Path

    return Path(path).absolute().as_uri()


def _skipped(entry: os.DirEntry) -> bool:
    name = entry.name
    if name in SKIP or name.startswith("."):
        return True
    return os.path.exists(os.path.join(entry.path, "pyvenv.cfg"))  # a virtual environment by another name


class Walk:
    """The files of some folders, found a few at a time: iterate it, or call ``next`` on its iterator."""

    def __init__(self, roots: list[str], wanted: Callable[[str], bool]) -> None:
        self.roots, self.wanted = roots, wanted
        self.entries = 0  # folder entries looked at
        self.stopped = ""  # why the walk stopped before the end, if it did

    def __iter__(self) -> Iterator[str]:
        stack = list(reversed(self.roots))
        seen: set[tuple[int, int]] = set()
        while stack:
            folder = stack.pop()
            try:
                info = os.stat(folder)
                if (info.st_dev, info.st_ino) in seen:
                    continue
                seen.add((info.st_dev, info.st_ino))
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError:
                continue  # gone, or not ours to read
            folders = []
            for entry in entries:
                self.entries += 1
                if self.entries > MAX_ENTRIES:
                    self.stopped = f"looked at {MAX_ENTRIES:,} entries of the workspace folders"
                    return
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if not _skipped(entry):
                            folders.append(entry.path)
                    elif self.wanted(entry.name) and entry.is_file():  # a regular file, or a link to one
                        yield entry.path
                except OSError:
                    continue
            stack.extend(reversed(folders))
