"""Cut Dockerfile-format text into logical instructions, exactly as BuildKit does.

This follows ``moby/buildkit/frontend/dockerfile/parser/parser.go``: lines
end at ``\\n``; trailing ``\\r``/``\\n`` are dropped; a line ending with the
escape character (``\\`` unless a ``# escape=`` directive says otherwise),
maybe followed by spaces or tabs, continues on the next line; comment and
blank lines inside a continuation are skipped; ``RUN``/``COPY``/``ADD`` in
shell form may open heredocs that swallow lines up to their terminator; the
keyword is the first word after trimming white space.

The parser works line by line from any line where no instruction is open,
which is what makes incremental re-parsing possible (see ``model.py``).
Every instruction keeps the physical position of each piece of its logical
text, so that diagnostics can point at the exact token.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .words import GO_SPACE, words

# BuildKit's reWhitespace, which separates the keyword from its arguments.
_KEYWORD_END = re.compile(r"[\t\v\f\r ]")
_WS_RUN = re.compile(r"[\t\v\f\r ]+")
_DIRECTIVE = re.compile(r"#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*\Z")
_HEREDOC_WORD = re.compile(r"([0-9]*)<<(-?)([^<]*)\Z", re.DOTALL)  # Go's \d is ASCII
_CONTINUATION = {
    "\\": re.compile(r"(?:([^\\])\\[ \t]*|^\\[ \t]*)\Z"),
    "`": re.compile(r"(?:([^`])`[ \t]*|^`[ \t]*)\Z"),
}
VALID_DIRECTIVES = ("escape", "syntax")
HEREDOC_KEYWORDS = ("run", "copy", "add")
_JSON = json.JSONDecoder(parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))


@dataclass(slots=True)
class Directive:
    """A parser directive line at the top of the file (``# escape=```)."""

    line: int
    name: str
    value: str
    start: int
    end: int
    error: str = ""


@dataclass(slots=True)
class Header:
    """The parser-directive header: its directives and the escape character."""

    escape: str = "\\"
    directives: list[Directive] = field(default_factory=list)
    end: int = 0  # index of the first line that is not a directive


def scan_header(lines: list[str]) -> Header:
    """Read the parser directives that open the file, as BuildKit does."""
    header = Header()
    seen: set[str] = set()
    for index, line in enumerate(lines):
        body = line.rstrip("\r\n")
        offset = 1 if index == 0 and body.startswith("\ufeff") else 0
        stripped = body[offset:].lstrip(GO_SPACE)
        match = _DIRECTIVE.match(stripped)
        if not match or match.group(1).lower() not in VALID_DIRECTIVES:
            header.end = index
            return header
        name, value = match.group(1).lower(), match.group(2)
        start = len(body) - len(stripped)
        directive = Directive(index, name, value, start, len(body.rstrip(GO_SPACE)))
        header.directives.append(directive)
        if name in seen:
            directive.error = f"only one {name} parser directive can be used"
            header.end = index + 1
            return header
        seen.add(name)
        if name == "escape":
            if value in ("\\", "`"):
                header.escape = value
            else:
                directive.error = f"invalid escape character {value!r}: use \\ or `"
                header.end = index + 1
                return header
    header.end = len(lines)
    return header


@dataclass(slots=True)
class Written:
    """How an instruction is written, beyond its keyword and arguments."""

    heredocs: list[tuple[str, int]] = field(default_factory=list)  # (name, line offset)
    unterminated_heredoc: str = ""
    empty_continuations: list[int] = field(default_factory=list)  # line offsets
    open_end: bool = False  # ended by the end of the file, not by its own text
    json_form: bool = False


@dataclass(slots=True)
class Kept:
    """What is derived from an instruction while it is unchanged (an edit makes a new one)."""

    findings: list = field(default_factory=list)  # what the rules found in it (set by the model)
    reference: object = None  # a COMPONENT line's reference, read once (components.reference)
    values: dict = field(default_factory=dict)  # what features derive from it, by name (``remembered``)


@dataclass(slots=True, eq=False)
class Instruction:
    """One logical instruction: its physical extent and its logical text.

    ``segments`` maps the logical text back to the file: each entry is
    ``(logical offset, line offset from start, column)`` of a piece that was
    contiguous in the file. Ranges of diagnostics are logical offsets.
    """

    start: int  # first physical line (absolute; shifted when lines move)
    end: int  # last physical line, inclusive
    logical: str
    segments: list[tuple[int, int, int]]
    keyword: str
    kw_start: int
    kw_end: int
    args_start: int
    args_end: int
    written: Written = field(default_factory=Written)
    escape: str = "\\"  # the file's escape character (its `# escape=` directive), for the rules' lexing
    kept: Kept = field(default_factory=Kept)
    # What a consumer derives from it while it is unchanged (the session: its diagnostics' wire form): the
    # ``formats.base.Unit`` protocol's.
    cache: object = None

    @property
    def upper(self) -> str:
        """The keyword in upper case."""
        return self.keyword.upper()

    def remembered(self) -> dict:
        """Where a feature keeps what it derived from this instruction (formatting, ENV's pairs), which
        holds while the instruction is unchanged: an edit makes a new one. What depends on where the instruction
        is (positions) is kept with its ``start``, and checked against it."""
        return self.kept.values

    @property
    def args(self) -> str:
        return self.logical[self.args_start : self.args_end]

    def locate(self, offset: int, end: bool = False) -> tuple[int, int]:
        """The (line offset, column) of a logical offset.

        An offset where two pieces meet belongs to the next piece, or with
        ``end`` to the end of the previous one (for the end of a range).
        """
        segs = self.segments
        if end:
            index = bisect_left(segs, (offset,)) - 1
        else:
            index = bisect_right(segs, (offset, float("inf"))) - 1
        index = max(index, 0)
        logical_start, line, col = segs[index]
        return line, col + (offset - logical_start)

    def logical_at(self, line: int, col: int) -> int | None:
        """The logical offset at a (line offset, column), or None if outside the text."""
        best = None
        for index, (logical_start, seg_line, seg_col) in enumerate(self.segments):
            if seg_line != line:
                continue
            stop = self.segments[index + 1][0] if index + 1 < len(self.segments) else len(self.logical)
            if seg_col <= col <= seg_col + (stop - logical_start):
                best = logical_start + (col - seg_col)
        return best


def parse(lines: list[str], header: Header | None = None) -> tuple[Header, list[Instruction]]:
    """Parse a whole document."""
    header = header or scan_header(lines)
    out: list[Instruction] = []
    index = header.end
    while True:
        instruction, index = parse_one(lines, index, header.escape)
        if instruction is None:
            return header, out
        out.append(instruction)


def _first_piece(lines: list[str], index: int) -> tuple[str, int]:
    """A first line stripped as BuildKit strips it: its text and start column."""
    body = lines[index].rstrip("\r\n")
    offset = 1 if index == 0 and body.startswith("\ufeff") else 0
    stripped = body[offset:].lstrip(GO_SPACE)
    return stripped, len(body) - len(stripped)


def parse_one(lines: list[str], index: int, escape: str = "\\") -> tuple[Instruction | None, int]:
    """Skip comment and blank lines from ``index`` and parse one instruction.

    Returns the instruction (None at the end of the file) and the index of
    the line after it, where no instruction is open.
    """
    continuation = _CONTINUATION[escape]
    count = _line_count(lines)
    while index < count:
        piece, col = _first_piece(lines, index)
        if piece.startswith("#"):
            index += 1
            continue
        match = continuation.search(piece)
        if match is None and piece == "":
            index += 1
            continue
        break
    else:
        return None, index

    start = index
    logical_parts = []
    segments = []
    empty = []
    length = 0
    if match is not None:
        piece = piece[: match.start()] + (match.group(1) or "")
    segments.append((0, 0, col))
    logical_parts.append(piece)
    length += len(piece)
    index += 1
    open_end = False
    while match is not None:
        if index >= count:
            open_end = True
            break
        body = lines[index].rstrip("\r\n")
        stripped = body.lstrip(GO_SPACE)
        if stripped.startswith("#"):
            index += 1
            continue
        if stripped == "":
            empty.append(index - start)
            index += 1
            continue
        match = continuation.search(body)
        if match is not None:
            body = body[: match.start()] + (match.group(1) or "")
        segments.append((length, index - start, 0))
        logical_parts.append(body)
        length += len(body)
        index += 1
    logical = "".join(logical_parts)

    trimmed_end = len(logical.rstrip(GO_SPACE))
    kw_start = len(logical) - len(logical.lstrip(GO_SPACE))
    if kw_start >= trimmed_end:
        kw_start = kw_end = args_start = args_end = trimmed_end
    else:
        found = _KEYWORD_END.search(logical, kw_start, trimmed_end)
        kw_end = found.start() if found else trimmed_end
        gap = _WS_RUN.match(logical, kw_end, trimmed_end)
        args_start = gap.end() if gap else kw_end
        args_start = min(args_start + _leading_go_space(logical, args_start, trimmed_end), trimmed_end)
        args_end = max(trimmed_end, args_start)
    instruction = Instruction(
        start=start,
        end=index - 1,
        logical=logical,
        segments=segments,
        keyword=logical[kw_start:kw_end],
        kw_start=kw_start,
        kw_end=kw_end,
        args_start=args_start,
        args_end=args_end,
        written=Written(empty_continuations=empty, open_end=open_end),
        escape=escape,
    )
    instruction.written.json_form = _is_json_form(instruction)
    if "<<" in logical and _can_contain_heredoc(instruction):
        index = _read_heredocs(lines, index, instruction)
    return instruction, index


def _leading_go_space(text: str, start: int, stop: int) -> int:
    chunk = text[start:stop]
    return len(chunk) - len(chunk.lstrip(GO_SPACE))


def strip_flags(args: str) -> tuple[str, int]:
    """Drop leading ``--flag`` words (BuildKit's builder flags); return rest and its offset."""
    offset = 0
    while args.startswith("--", offset):
        gap = _WS_RUN.search(args, offset)
        if gap is None:
            return "", len(args)
        offset = gap.end()
    return args[offset:], offset


def json_string_array(text: str) -> list[str] | None:
    """The JSON array of strings that ``text`` opens with, as BuildKit decodes it.

    None if it does not start with a valid JSON array; raises ValueError for
    an array that holds something other than strings.
    """
    text = text.lstrip(GO_SPACE)
    if not text.startswith("["):
        return None
    try:
        value, _ = _JSON.raw_decode(text)
    except (ValueError, RecursionError):
        return None
    if not all(isinstance(item, str) for item in value):
        raise ValueError("array of non-strings")
    return value


def _is_json_form(instruction: Instruction) -> bool:
    if instruction.upper not in ("RUN", "CMD", "ENTRYPOINT", "COPY", "ADD", "SHELL", "VOLUME"):
        return False
    rest, _ = strip_flags(instruction.args)
    try:
        return json_string_array(rest) is not None
    except ValueError:
        return False


def _can_contain_heredoc(instruction: Instruction) -> bool:
    keyword = instruction.keyword.lower()
    if keyword == "onbuild":
        sub = instruction.args
        found = _KEYWORD_END.search(sub)
        sub_keyword = (sub[: found.start()] if found else sub).lower()
        if sub_keyword not in HEREDOC_KEYWORDS:
            return False
        rest = _WS_RUN.sub(" ", sub[found.end() :] if found else "", count=1)
        rest, _ = strip_flags(rest.lstrip(GO_SPACE))
        try:
            return json_string_array(rest) is None
        except ValueError:
            return False
    return keyword in HEREDOC_KEYWORDS and not instruction.written.json_form


def heredoc_names(logical: str) -> list[tuple[str, bool]]:
    """The heredocs a line opens: (terminator, strip leading tabs).

    BuildKit reads them with its lexer's default escape, whatever the file's.
    """
    found = words(logical, expansions=True)
    if found and found[-1].unterminated:
        return []
    out = []
    for word in found:
        match = _HEREDOC_WORD.match(word.text)
        if not match or not match.group(3):
            continue
        name = words(match.group(3), expansions=True)
        if len(name) != 1 or name[0].unterminated:
            continue
        out.append((name[0].value, match.group(2) == "-"))
    return out


def _line_count(lines: list[str]) -> int:
    """Lines as BuildKit's scanner sees them: the empty piece after a final newline is none."""
    return len(lines) - 1 if lines and lines[-1] == "" else len(lines)


def _read_heredocs(lines: list[str], index: int, instruction: Instruction) -> int:
    count = _line_count(lines)
    for name, chomp in heredoc_names(instruction.logical):
        instruction.written.heredocs.append((name, index - instruction.start))
        while True:
            if index >= count:
                instruction.written.unterminated_heredoc = name
                instruction.written.open_end = True
                instruction.end = count - 1
                return index
            candidate = lines[index].rstrip("\r\n")
            if chomp:
                candidate = candidate.lstrip("\t")
            index += 1
            if candidate == name:
                break
    instruction.end = index - 1
    return index
