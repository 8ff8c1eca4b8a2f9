"""The seam every content format sits behind: what a format is, and what its document model answers.

A *format* (Dockerfile-format text, YAML-format components, ...) is one
package under ``formats/`` that exposes a ``FORMAT``: how to recognise its
files and its text, and how to open a text as a ``Model``. The session, the
server and the CLI talk to models only through the ``Model`` protocol below,
so they never ask which format a document is in.

Positions are model positions: (line, code-point column), as in
``document.Document``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, NamedTuple, Protocol, TypeVar

from ..aligned import Replaced
from ..diagnostics import Diagnostic, Edit
from ..document import Change, Document

# Dialects: what the text is for. A component (CreateImageComponent's Content)
# or a template (CreateImagePipeline's BuildContent); or a file of another
# language that holds content (a host: a Terraform file).
COMPONENT, TEMPLATE, HOST = "component", "template", "host"

Position = tuple[int, int]
M = TypeVar("M")  # a format's model

# Completion item kinds.
KEYWORD, VARIABLE, SNIPPET, PROPERTY, VALUE = "keyword", "variable", "snippet", "property", "value"


class Item(NamedTuple):
    """A completion item."""

    label: str
    kind: str
    detail: str
    documentation: str  # markdown
    text: str  # plain insert text
    snippet: str  # the same with tab stops (LSP snippet syntax)
    start: Position  # the range the item replaces
    end: Position
    sort: str = ""


class Hover(NamedTuple):
    markdown: str
    start: Position
    end: Position


class Unit(Protocol):
    """A part of a document whose diagnostics stay the same while it is unchanged (an instruction, say).

    The model hands out the same object while the part is unchanged, with
    ``start`` the line where it is now: a consumer may keep what it derives
    from its diagnostics in ``cache`` for as long as both are the same.
    """

    start: int
    cache: object


class Model(Protocol):
    """One open document in one format: its text, and everything the features ask of it."""

    source: Document

    def set_text(self, text: str) -> None: ...

    def edit(self, start: Position, end: Position, text: str) -> Change: ...

    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic, sorted by position."""
        ...

    def units(self) -> Sequence[Unit]:
        """The parts that have diagnostics, in document order, for a consumer that keeps a derived form of each."""
        ...

    def unit_diagnostics(self, unit: Unit) -> list[Diagnostic]: ...

    def document_diagnostics(self) -> list[Diagnostic]:
        """The diagnostics that belong to no unit (size, count, ...): what ``units`` leaves out."""
        ...


# The first line that is neither blank nor a comment, of YAML-format content (SPEC section 7): a document
# start, or a top-level Parameters:/Tasks: key, quoted or not.
_YAML_START = re.compile(
    r"""(?:---|(?:"(?:Parameters|Tasks)"|'(?:Parameters|Tasks)'|Parameters|Tasks)[ \t]*:)(?:[ \t]|\Z)"""
)


def first_meaningful(lines: list[str]) -> int:
    """The index of the first line that is neither blank nor a ``#`` comment (``len(lines)`` if none is)."""
    for index, line in enumerate(lines):
        stripped = (line.removeprefix("\ufeff") if index == 0 else line).strip()
        if stripped and not stripped.startswith("#"):
            return index
    return len(lines)


def head_text(lines: list[str], head: int) -> str:
    """The text of line ``head`` (the first meaningful one), without a byte order mark or line break."""
    return (lines[head].removeprefix("\ufeff") if head == 0 else lines[head]).rstrip("\r\n")


def comment_runs(lines: list[str], inside: Callable[[int], bool] = lambda line: False) -> list[tuple[int, int]]:
    """The runs of two or more ``#`` comment lines (first, last), leaving out lines ``inside`` says belong to
    something else (a comment within a continued instruction)."""
    out = []
    run_start = None
    for index in range(len(lines) + 1):
        line = lines[index] if index < len(lines) else ""
        comment = (line[:1] == "#" or (line[:1] in (" ", "\t") and line.lstrip().startswith("#"))) and not inside(index)
        if comment and run_start is None:
            run_start = index
        elif not comment and run_start is not None:
            if index - 1 > run_start:
                out.append((run_start, index - 1))
            run_start = None
    return out


def looks_like_yaml(first: str) -> bool:
    """True if a text whose first meaningful line is ``first`` is YAML-format content."""
    return _YAML_START.match(first.lstrip()) is not None


# Symbol kinds, as LSP numbers them (SymbolKind).
MODULE, NAMESPACE, PROPERTY_SYMBOL, FUNCTION, VARIABLE_SYMBOL = 2, 3, 7, 12, 13


class Symbol(NamedTuple):
    """An entry of the outline: its whole extent, the part to select (its name), and what it holds."""

    name: str
    detail: str
    kind: int
    start: Position
    end: Position
    select_start: Position
    select_end: Position
    children: tuple[Symbol, ...] = ()


class Script(NamedTuple):
    """A shell script in the text, and how to place a range of it (code-point offsets) in the document."""

    text: str
    place: Callable[[int, int], tuple[Position, Position]]
    directives: tuple[str, ...] = ()  # `disable=SC2086`-style ShellCheck directives the file gives it


class Scripts(NamedTuple):
    """The scripts, in order. A format that parses incrementally may keep the list between edits, aligned with
    its units (None where a unit is not a script), and patched in place: ``since(edits)`` then gives the runs of
    it that edits replaced since the list stood at ``edits`` (None when not known), for ``aligned.follow``."""

    scripts: list[Script | None]
    defined: tuple[str, ...] = ()  # variables the component sets for its scripts (ENV): not a script's mistake
    edits: int = 0  # the format's count of edits when the list was as it is now
    since: Callable[[int], list[Replaced] | None] | None = None  # None: a new list each time

    def present(self) -> list[Script]:
        """The scripts, without the places of what is not one."""
        return [script for script in self.scripts if script is not None]


class Budget(NamedTuple):
    """How much of the API's limits a text uses: bytes of 16 KB, and commands (or tasks) of 127."""

    bytes: int
    items: int  # commands, or tasks
    noun: str  # "commands", "tasks"
    firm: bool = True  # whether the API refuses more than 127 (commands); for YAML tasks the number is advice


class Measured(NamedTuple):
    """A text's budget, and where it is shown: the notice's range, and the place of the editor's hint."""

    budget: Budget
    start: Position
    end: Position
    hint: Position


class Split(NamedTuple):
    """What moves to a new component when a text is past a limit (``SPLIT``): the range that leaves this text,
    and the new component's text."""

    start: Position  # where the text that moves begins (a line's start)
    end: Position  # where it ends (a line's start, or the end of the text)
    moved: str
    first: int  # the commands (or tasks) that move, counted from 1
    last: int


class Fold(NamedTuple):
    first: int  # model lines
    last: int
    kind: str = ""  # "comment", "region" or "" (LSP FoldingRangeKind)


class Link(NamedTuple):
    start: Position
    end: Position
    target: str  # a URI; or a path relative to the document's folder (a file beside it)


class Include(NamedTuple):
    """A file a document names as content of its own (Terraform's ``content = file("app.component")``): its path
    relative to the document's folder, what content it holds (its dialect, whatever its name), and where the
    path is written."""

    path: str
    dialect: str
    start: Position
    end: Position
    rendered: bool = False  # the file is a template the host fills in (``templatefile``): its ``${ }`` are the host's


class Parameter(NamedTuple):
    """A parameter a component declares: its name, ``Type``, default, and where its name is written."""

    name: str
    type: str  # String, Number, Boolean (or what is written, if it is none of those)
    default: str | None  # the DefaultValue as text; None when there is none, which makes the parameter required
    start: Position
    end: Position


class Offer(NamedTuple):
    """What a component offers a template: its format, its parameters, and its steps (tasks or commands) to show."""

    format: str  # the format's name: yaml, dockerfile
    parameters: tuple[Parameter, ...]
    steps: tuple[str, ...]  # one line each: a task's name and action, or a command


class Defined(NamedTuple):
    """A component a file defines by a name of its own (a Terraform resource's ``image_component_name``), what it
    offers templates (its positions the file's), and where its name is written."""

    name: str
    offer: Offer | None
    start: Position
    end: Position


class Argument(NamedTuple):
    """A ``--name value`` pair of a COMPONENT line (``value`` None when the flag has none)."""

    name: str
    start: Position  # the flag, ``--`` included
    end: Position
    value: str | None
    value_start: Position
    value_end: Position


class Use(NamedTuple):
    """A COMPONENT line of a template: what it names, and the parameters it passes."""

    line: int  # the instruction's first and last lines
    last: int
    target: str  # the id or ARN as written ('' if there is none)
    start: Position  # the target; where it would go when there is none
    end: Position
    name: str | None  # the component name an ARN gives (None for an id, or a target that cannot be read)
    name_start: Position
    name_end: Position
    arguments: tuple[Argument, ...]


Span = tuple[Position, Position]


@dataclass(frozen=True)
class Features(Generic[M]):
    """What a format answers over its model ``M``, feature by feature: a feature it lacks is None (the server
    answers nothing for it). ``Content`` asks through these, with the same names."""

    complete: Callable[[M, int, int], list[Item]] | None = None  # (line, col)
    hover: Callable[[M, int, int], Hover | None] | None = None
    definition: Callable[[M, int, int], list[Span]] | None = None  # in this document
    references: Callable[[M, int, int, bool], list[Span]] | None = None  # (line, col, include the declaration)
    prepare_rename: Callable[[M, int, int], tuple[Span, str] | None] | None = None  # (the name's range, the name)
    rename: Callable[[M, int, int, str], list[Edit] | None] | None = None  # raises ValueError (why, for the user)
    formatting: Callable[[M, int, int | None, bool], list[Edit]] | None = None  # (first, last line, indent)
    on_type: Callable[[M, int, int, str, bool], list[Edit]] | None = None  # (line, col, typed, indent)
    split: Callable[[M, int], Split | None] | None = None  # (bytes to keep for a COMPONENT line): past the limits
    budget: Callable[[M], Budget] | None = None  # how much of the API's limits the text uses
    budgets: Callable[[M], list[Measured]] | None = None  # a host's: each region's budget, where it is shown
    symbols: Callable[[M], list[Symbol]] | None = None  # the outline
    folding: Callable[[M], list[Fold]] | None = None
    links: Callable[[M], list[Link]] | None = None  # what in the text points elsewhere (a COPY URL)
    extent: Callable[[M, int], tuple[int, int] | None] | None = None  # the lines of the instruction after a line
    offer: Callable[[M], Offer | None] | None = None  # what a component offers a template that uses it
    uses: Callable[[M], list[Use]] | None = None  # the components a template uses, with COMPONENT
    scripts: Callable[[M], Scripts] | None = None  # the shell scripts the text runs
    includes: Callable[[M], list[Include]] | None = None  # the files it names as content (a host's file())
    defines: Callable[[M], list[Defined]] | None = None  # the components it defines by name (a host's resources)


@dataclass(frozen=True)
class Format(Generic[M]):
    """A content format: its name, its files, how it recognises its text, how to open it, and what it answers.

    ``files`` maps a file name (``Componentfile``) or a suffix
    (``.component``) to a dialect; ``languages`` maps an LSP language id to
    one. ``claims`` says, from its first line that is neither blank nor a ``#``
    comment, whether a text in a file of another format is in this one (YAML
    content in a ``.component`` file, say); a format never gives up its own
    files. ``features`` gives its ``Features`` (and imports what they need,
    its rules among them, the first time: a format may load late).

    A ``host`` format is a file of another language whose regions hold
    content (``hosts/``): no other format claims its text, the workspace
    index does not read it, and its regions apply their own ignore comments.
    """

    name: str
    open: Callable[[Document, str], M]  # (the text, the dialect)
    features: Callable[[], Features[M]]
    files: dict[str, str] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    claims: Callable[[str, str], bool] = lambda dialect, first: False  # (the dialect, the text's first meaningful line)
    host: bool = False
