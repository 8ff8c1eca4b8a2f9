"""The content formats, in one table, and the document that picks its format by name and by text.

Adding a format is one package here (exposing ``FORMAT``, a ``base.Format``)
and one line in ``FORMATS``: its files, its language ids and its detection
come from its ``Format``. Nothing above this package asks which format a
document is in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from ..diagnostics import Edit
from ..document import Change, Document
from . import dockerfile, yaml
from .base import (
    COMPONENT,
    Budget,
    Features,
    Fold,
    Format,
    Hover,
    Item,
    Link,
    Model,
    Offer,
    Scripts,
    Span,
    Split,
    Symbol,
    Unit,
    Use,
    first_meaningful,
    head_text,
)

# Earlier formats claim text first; a file stays in its own format unless another claims its text.
FORMATS: tuple[Format, ...] = (yaml.FORMAT, dockerfile.FORMAT)
DEFAULT = dockerfile.FORMAT  # for a document with no known name or language id


class Kind(NamedTuple):
    """What a file's name or language id says it is: a format and a dialect."""

    format: Format
    dialect: str


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
    """Glob patterns for every file of ours, from the table (``*.component``, ``Componentfile``, ...)."""
    return [pattern if not pattern.startswith(".") else "*" + pattern for fmt in FORMATS for pattern in fmt.files]


def component_suffix(fmt: Format) -> str:
    """The suffix a new component file of a format is given: the first of its suffixes for a component."""
    return next(p for p, dialect in fmt.files.items() if p.startswith(".") and dialect == COMPONENT)


URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")  # two characters at least: C: is a Windows drive


def kind_of(name: str, language_id: str = "") -> Kind:
    """What to open a document as (SPEC section 2): by its file name first (some clients send one language id for
    every file a server handles), then by its language id (``untitled:`` buffers, other names); a component
    otherwise. The name may be a URI: its query and fragment are not part of the file name (``git:`` URIs)."""
    if URI_SCHEME.match(name):
        name = name.split("?", 1)[0].split("#", 1)[0]
    return kind_by_name(name) or kind_by_language(language_id) or Kind(DEFAULT, COMPONENT)


def choose(kind: Kind, lines: list[str], head: int | None = None) -> Format:
    """The format of a text in a file of ``kind``: another format's if it claims the text, else the file's own."""
    head = first_meaningful(lines) if head is None else head
    if head < len(lines):
        first = head_text(lines, head)
        for fmt in FORMATS:
            if fmt is not kind.format and fmt.claims(kind.dialect, first):
                return fmt
    return kind.format


class Content:
    """An open document: its text in the model of the format it is in, which may change as it is edited.

    It answers as a ``base.Model`` does, by asking the model of the format
    the text is in now.
    """

    def __init__(self, text: str, kind: Kind) -> None:
        self.kind = kind
        source = Document(text)
        self.head = first_meaningful(source.lines)  # the line the format is told by
        self.format = choose(kind, source.lines, self.head)
        self.model: Model = self.format.open(source, kind.dialect)

    @property
    def source(self) -> Document:
        """The text, as lines with LSP positions."""
        return self.model.source

    def _recheck(self, change: Change) -> None:
        if change.first > self.head:
            return  # the lines that tell the format are as they were
        self.head = first_meaningful(self.source.lines)
        fmt = choose(self.kind, self.source.lines, self.head)
        if fmt is not self.format:
            self.format = fmt
            self.model = fmt.open(self.source, self.kind.dialect)

    def set_text(self, text: str) -> None:
        self.model.set_text(text)
        self._recheck(Change(0, 0, 0))

    def edit(self, start: tuple[int, int], end: tuple[int, int], text: str) -> Change:
        change = self.model.edit(start, end, text)
        self._recheck(change)
        return change

    def diagnostics(self):
        return self.model.diagnostics()

    def units(self) -> Sequence[Unit]:
        return self.model.units()

    def unit_diagnostics(self, unit: Unit):
        return self.model.unit_diagnostics(unit)

    def document_diagnostics(self):
        return self.model.document_diagnostics()

    @property
    def features(self) -> Features:
        return self.format.features()

    # What the format answers over the model; nothing where it lacks the feature.
    def complete(self, line: int, col: int) -> list[Item]:
        answer = self.features.complete
        return [] if answer is None else answer(self.model, line, col)

    def hover(self, line: int, col: int) -> Hover | None:
        answer = self.features.hover
        return None if answer is None else answer(self.model, line, col)

    def definition(self, line: int, col: int) -> list[Span]:
        answer = self.features.definition
        return [] if answer is None else answer(self.model, line, col)

    def references(self, line: int, col: int, declaration: bool) -> list[Span]:
        answer = self.features.references
        return [] if answer is None else answer(self.model, line, col, declaration)

    def prepare_rename(self, line: int, col: int) -> tuple[Span, str] | None:
        answer = self.features.prepare_rename
        return None if answer is None else answer(self.model, line, col)

    def rename(self, line: int, col: int, new: str) -> list[Edit] | None:
        """The edits; None if there is nothing to rename. Raises ValueError (why, for the user) if it cannot."""
        answer = self.features.rename
        return None if answer is None else answer(self.model, line, col, new)

    def formatting(self, first: int = 0, last: int | None = None, indent: bool = True) -> list[Edit]:
        answer = self.features.formatting
        return [] if answer is None else answer(self.model, first, last, indent)

    def on_type(self, line: int, col: int, typed: str, indent: bool = True) -> list[Edit]:
        answer = self.features.on_type
        return [] if answer is None else answer(self.model, line, col, typed, indent)

    def split(self, keep: int = 0) -> Split | None:
        answer = self.features.split
        return None if answer is None else answer(self.model, keep)

    def budget(self) -> Budget | None:
        answer = self.features.budget
        return None if answer is None else answer(self.model)

    def symbols(self) -> list[Symbol]:
        answer = self.features.symbols
        return [] if answer is None else answer(self.model)

    def folding(self) -> list[Fold]:
        answer = self.features.folding
        return [] if answer is None else answer(self.model)

    def links(self) -> list[Link]:
        answer = self.features.links
        return [] if answer is None else answer(self.model)

    def extent(self, line: int) -> tuple[int, int] | None:
        answer = self.features.extent
        return None if answer is None else answer(self.model, line)

    def offer(self) -> Offer | None:
        answer = self.features.offer
        return None if answer is None else answer(self.model)

    def uses(self) -> list[Use]:
        answer = self.features.uses
        return [] if answer is None else answer(self.model)

    def scripts(self) -> Scripts:
        answer = self.features.scripts
        return Scripts([]) if answer is None else answer(self.model)


def open_text(text: str, name: str = "", language_id: str = "") -> Content:
    """A document of a file called ``name`` (a path or URI) with that language id."""
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
