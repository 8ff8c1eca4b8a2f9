"""An open document of content: its text in the model of the format it is in, which may change as it is edited.

The content formats (``CONTENT_FORMATS``) tell content apart by its text (SPEC section 2): YAML-format text in a
``.component`` file is a YAML component. A host format (``hosts/``: a Terraform file) is opened here too, as a
whole, and opens its regions with ``open_content``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ..diagnostics import Edit
from ..document import Change, Document
from . import dockerfile, yaml
from .base import (
    Budget,
    Defined,
    Features,
    Fold,
    Format,
    Hover,
    Include,
    Item,
    Link,
    Measured,
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
CONTENT_FORMATS: tuple[Format, ...] = (yaml.FORMAT, dockerfile.FORMAT)
DEFAULT = dockerfile.FORMAT  # for a document with no known name or language id


class Kind(NamedTuple):
    """What a file's name or language id says it is: a format and a dialect."""

    format: Format
    dialect: str


def choose(kind: Kind, lines: list[str], head: int | None = None) -> Format:
    """The format of a text in a file of ``kind``: another format's if it claims the text, else the file's own."""
    if kind.format.host:
        return kind.format  # a file of another language: its regions are told apart, not the file
    head = first_meaningful(lines) if head is None else head
    if head < len(lines):
        first = head_text(lines, head)
        for fmt in CONTENT_FORMATS:
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

    def budgets(self) -> list[Measured]:
        """Each text's budget, where it is shown: a host's regions' each, else the document's, on its first line."""
        if self.features.budgets is not None:
            return self.features.budgets(self.model)
        found = self.budget()
        if found is None:
            return []
        first = self.source.line_text(0)
        word = len(first) - len(first.lstrip())
        while word < len(first) and not first[word].isspace():
            word += 1
        return [Measured(found, (0, 0), (0, word), (0, len(first)))]

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

    def defines(self) -> list[Defined]:
        answer = self.features.defines
        return [] if answer is None else answer(self.model)

    def includes(self) -> list[Include]:
        answer = self.features.includes
        return [] if answer is None else answer(self.model)

    def scripts(self) -> Scripts:
        answer = self.features.scripts
        return Scripts([]) if answer is None else answer(self.model)


def open_content(text: str, dialect: str) -> Content:
    """Content of a dialect (a component, a template) that has no file of its own: a host file's region."""
    return Content(text, Kind(DEFAULT, dialect))
