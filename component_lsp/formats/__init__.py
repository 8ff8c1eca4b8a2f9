"""Every format of a file, in one table, and what a file's name or language id says it is.

Adding a format is one package here (exposing ``FORMAT``, a ``base.Format``)
and one line in ``FORMATS``: its files, its language ids and its detection
come from its ``Format``. A file of another language that holds content (a
Terraform file) is a host format (``hosts.py``), in the same table. The open
document, which picks its format by its text too, is ``content.Content``.
Nothing above this package asks which format a document is in.
"""

from __future__ import annotations

import re

from .base import COMPONENT, HOST, Format
from .content import CONTENT_FORMATS, DEFAULT, Content, Kind, choose
from .hosts import HOSTS, by_text

# Every format of a file, content formats first (in the order they claim text), then the hosts.
FORMATS: tuple[Format, ...] = (*CONTENT_FORMATS, *HOSTS)


def load_all() -> None:
    """Import every format's modules, those a format imports only when first used (its rules, say)."""
    for fmt in FORMATS:
        fmt.features()


def kind_by_language(language_id: str) -> Kind | None:
    for fmt in FORMATS:
        if language_id in fmt.languages:
            return Kind(fmt, fmt.languages[language_id])
    return None


def kind_by_name(name: str) -> Kind | None:
    """The kind a file name says (an exact name, else the longest suffix), or None if it is not one of ours."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    best: tuple[int, Kind] | None = None
    for fmt in FORMATS:
        for pattern, dialect in fmt.files.items():
            if name == pattern:
                return Kind(fmt, dialect)
            if pattern.startswith(".") and name.endswith(pattern) and (best is None or len(pattern) > best[0]):
                best = (len(pattern), Kind(fmt, dialect))
    return best[1] if best else None


def stem(name: str) -> str | None:
    """A file's name without the suffix that makes it ours (``base`` of ``base.component.yaml``); None if no
    suffix does."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    best = ""
    for fmt in FORMATS:
        for pattern in fmt.files:
            if (
                pattern.startswith(".")
                and name.endswith(pattern)
                and len(pattern) > len(best)
                and len(name) > len(pattern)
            ):
                best = pattern
    return name[: -len(best)] if best else None


def file_regex() -> str:
    """A regular expression (Python's and pre-commit's) that matches the paths of every file of ours, from the table."""
    import re

    names = sorted(p for fmt in FORMATS for p in fmt.files if not p.startswith("."))
    suffixes = sorted((p for fmt in FORMATS for p in fmt.files if p.startswith(".")), key=lambda p: (-len(p), p))
    exact = "|".join(re.escape(n) for n in names)
    ends = "|".join(re.escape(p) for p in suffixes)
    return rf"(^|/)({exact})$|[^/]({ends})$"  # a suffix after a name: `.component` alone is no component


def file_globs() -> list[str]:
    """Glob patterns for the files of content, from the table (``*.component``, ``Componentfile``, ...): those the
    workspace index reads (not a host's, a Terraform file)."""
    return [
        pattern if not pattern.startswith(".") else "*" + pattern for fmt in CONTENT_FORMATS for pattern in fmt.files
    ]


def component_suffix(fmt: Format) -> str:
    """The suffix a new component file of a format is given: the first of its suffixes for a component."""
    return next(p for p, dialect in fmt.files.items() if p.startswith(".") and dialect == COMPONENT)


URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")  # two characters at least: C: is a Windows drive


def file_name(name: str) -> str:
    """A document's name without what is not its file's: a URI's query and fragment (``git:`` URIs)."""
    return name.split("?", 1)[0].split("#", 1)[0] if URI_SCHEME.match(name) else name


def kind_of(name: str, language_id: str = "") -> Kind:
    """What to open a document as (SPEC section 2): by its file name first (some clients send one language id for
    every file a server handles), then by its language id (``untitled:`` buffers, other names); a component
    otherwise. The name may be a URI (``file_name``)."""
    return kind_by_name(file_name(name)) or kind_by_language(language_id) or Kind(DEFAULT, COMPONENT)


def open_text(text: str, name: str = "", language_id: str = "") -> Content:
    """A document of a file called ``name`` (a path or URI) with that language id; a file whose name is not ours
    may be a host by its text (a ROS template: ``hosts.by_text``)."""
    named = file_name(name)
    if kind_by_name(named) is None and kind_by_language(language_id) is None:
        host = by_text(named, text)
        if host is not None:
            return Content(text, Kind(host, HOST))
    return Content(text, kind_of(name, language_id))


__all__ = [
    "FORMATS",
    "Content",
    "Kind",
    "choose",
    "file_regex",
    "kind_by_name",
    "kind_of",
    "load_all",
    "open_text",
    "stem",
]
