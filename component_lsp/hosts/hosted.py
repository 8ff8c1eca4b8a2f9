"""A file of another language that holds content (a ``.tf`` file), as a document model: each region opened as the
content it is, and its diagnostics placed in the file, with their fixes written in the region's own escaping.

Each region is checked as a component or template file would be (the same rules and codes, its own
``# component-lsp: ignore=`` comments), then the file's own checks run: its reader's on each region
(Terraform's interpolation, ROS's substitutions), and the resources' literal metadata (``metadata.py``).
``features.py`` answers the editor's requests inside a region through the same ``Part`` (``parts.py``).

What is kept between edits, and what it buys: a region whose decoded text is unchanged keeps its opened content
(its parse and rule results); one whose text *and* place in the file are unchanged keeps its ``Part``, with its
placed diagnostics and scripts, so the diagnostics' JSON and ShellCheck's findings are kept with it (``Unit``).
In a file of many resources, a keystroke in one region opens that one again, and a keystroke outside them none.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from .. import ignores
from ..diagnostics import WARNING, Diagnostic, Edit, Related, rule
from ..document import Change, Document
from ..formats.content import Content, open_content
from . import metadata, quick
from .parts import LineStarts, Part, Position, content_text, key_of, line_starts, offset_of, position_of
from .regions import Finding
from .terraform import DIRECTIVE, Edited, HostReader, Reader, Resource, moved

WINDOWS_DOCKERFILE = rule(
    "Lint.WindowsDockerfileContent",
    WARNING,
    'A component with `system_type = "Windows"` whose content is Dockerfile-format: Windows components are YAML.',
)


class Hosted:
    """A ``.tf`` file's text and the content regions in it: a ``formats.base.Model`` for a host format."""

    def __init__(self, source: Document, dialect: str = "", reader: Callable[[], HostReader] = Reader) -> None:
        self.source = source
        self.reader = reader()  # the host's reader (Terraform's by default), with what it keeps between edits
        self.starts = LineStarts([0])
        self.resources: list[Resource] = []
        self.parts: list[Part] = []
        self._firsts: tuple[list[Part], list[Position]] = ([], [])  # the parts, and where each region begins
        self._read()

    def set_text(self, text: str) -> None:
        self.reader.edited(None)
        self.source.set_text(text)
        self._read()

    def edit(self, start: Position, end: Position, text: str) -> Change:
        """Edit the text; read it again unless the edit is one ``quick.py`` can apply without a reading."""
        start, end = min(start, end), max(start, end)
        edited = self._edited(start, end, text)
        lines, starts = self.source.lines, self.starts
        regions = [resource.region for resource in self.resources if resource.region is not None]
        inside = quick.in_region(regions, starts, lines, start, end, text)
        free = inside is None and self.reader.free_text(edited.start_byte, edited.old_end_byte)
        plain = free and quick.outside(self.resources, starts, lines, start, end, text)
        self.reader.edited(edited)
        at, by = offset_of(starts, start), len(text) - (end[1] - start[1])
        change = self.source.replace(start, end, text)
        if inside is not None or plain:  # the edit is on one line: the lines after it move
            self.starts = self.starts.moved(start[0], by)
        if inside is not None:
            self._edit_region(inside, by)
        elif plain:
            self.resources = [moved(resource, by) if resource.start > at else resource for resource in self.resources]
        else:
            self._read()
        return change

    def _edit_region(self, edit: quick.InRegion, by: int) -> None:
        """An edit inside a region that changes nothing but its text there: made in its places and its content."""
        holders = [k for k, resource in enumerate(self.resources) if resource.region is not None]
        at = holders[edit.which]
        resource = self.resources[at]
        assert resource.region is not None  # (a holder)
        region = quick.edited_region(resource.region, edit)
        changed = resource._replace(region=region, end=resource.end + by)
        self.resources = [*self.resources[:at], changed, *(moved(r, by) for r in self.resources[at + 1 :])]
        old = self.parts[edit.which]
        old.content.edit(position_of(old.inner, edit.first), position_of(old.inner, edit.last), edit.text)
        key = key_of(region, self.source.text, self.starts, self.reader.context(region))
        part = Part(region, old.content, self.starts, old.start, key, before=old)
        self.parts = [*self.parts[: edit.which], part, *self.parts[edit.which + 1 :]]

    def _edited(self, start: Position, end: Position, text: str) -> Edited:
        """An edit as tree-sitter takes it, from the text before it."""
        lines = self.source.lines
        ascii_text = self.source.byte_size == self.starts[-1]

        def point(position: Position) -> tuple[int, int]:
            line, col = position
            if line >= len(lines):
                return len(lines), 0
            return line, col if ascii_text else len(lines[line][:col].encode("utf-8", "surrogatepass"))

        def byte(position: Position) -> int:
            line = min(position[0], len(lines))
            before = self.starts[line] if ascii_text else len("".join(lines[:line]).encode("utf-8", "surrogatepass"))
            return before + point(position)[1] if line < len(lines) else before

        first, last = point(start), point(end)
        added = text.encode("utf-8", "surrogatepass")
        breaks = added.count(b"\n")
        tail = len(added) - (added.rfind(b"\n") + 1) if breaks else first[1] + len(added)
        begin = byte(start)
        return Edited(begin, byte(end), begin + len(added), first, last, (first[0] + breaks, tail))

    def _read(self) -> None:
        """Read the file again. A region keeps its part while it is as it was; else its content is one of the old
        parts' whose text is the same, or the old content of the region in its place edited to the new text (its
        model then parses again only what changed), or opened anew. Each content belongs to one part."""
        text = self.source.text
        self.starts = LineStarts.of(self.source.lines)
        before = self.parts
        self.resources = self.reader.read(text)
        regions = [resource.region for resource in self.resources if resource.region is not None]
        keys = [key_of(region, text, self.starts, self.reader.context(region)) for region in regions]
        kept = {p.key: p for p in before}
        parts: list[Part | None] = [kept.pop(key, None) for key in keys]
        free = {id(p.content): p.content for p in kept.values()}  # the contents no kept part holds
        same_text: dict[tuple[str, str], list[Content]] = {}
        for old in kept.values():  # in the order of the file: the first of several alike goes to the first
            same_text.setdefault((old.content.kind.dialect, old.content.source.text), []).append(old.content)
        for index, region in enumerate(regions):
            if parts[index] is not None:
                continue
            text_of = content_text(region)
            alike = [c for c in same_text.get((region.dialect, text_of), []) if id(c) in free]
            content = alike[0] if alike else None
            if content is None:
                in_place = before[index].content if index < len(before) else None
                if in_place is not None and id(in_place) in free and in_place.kind.dialect == region.dialect:
                    content = _edited_to(in_place, text_of)
                else:
                    content = open_content(text_of, region.dialect)
            free.pop(id(content), None)
            start = position_of(self.starts, region.start)[0]
            parts[index] = Part(region, content, self.starts, start, keys[index])
        self.parts = [part for part in parts if part is not None]

    def part_at(self, position: Position) -> tuple[Part, Position] | None:
        """The region a file position is in, and the position in its content; None outside every region."""
        parts = self.parts
        if self._firsts[0] is not parts:
            self._firsts = (parts, [position_of(part.host, part.region.start) for part in parts])
        at = bisect_right(self._firsts[1], position) - 1  # the last region that begins at or before the position
        for part in parts[at : at + 1] if at >= 0 else ():
            offset = offset_of(part.host, position)  # by the text the part was read in: its offsets are of that
            if part.holds(offset):
                return part, part.to_content(offset)
        return None

    # -- diagnostics (formats.base.Model) ----------------------------------------------
    def diagnostics(self) -> list[Diagnostic]:
        """Every region's diagnostics, placed in the file, and the file's own checks; sorted by position."""
        out = [d for part in self.parts for d in self.unit_diagnostics(part)] + self.document_diagnostics()
        return sorted(out, key=Diagnostic.sort_key)

    def units(self) -> list[Part]:
        return self.parts

    def unit_diagnostics(self, unit) -> list[Diagnostic]:
        part: Part = unit
        if part.found is None:
            found = ignores.apply(part.content, part.content.diagnostics())
            opaque = part.region.opaque
            part.found = [_placed(d, part) for d in found if not _on_opaque(d, opaque, part.inner)]
            part.found += [_found(part, finding) for finding in self.reader.checks(part.region)]
        return part.found

    def document_diagnostics(self) -> list[Diagnostic]:
        """The resources' literal metadata (SPEC section 9), and Windows components written as Dockerfiles."""
        out = []
        for resource in self.resources:
            for p in metadata.check(resource):
                start, end = position_of(self.starts, p.start), position_of(self.starts, p.end)
                out.append(Diagnostic(p.code, p.severity, p.message, start, end))
            out += self._windows(resource)
            out += [self._stray(at) for at in resource.strays]
        return out

    def _stray(self, at: int) -> Diagnostic:
        """A ``%{`` that begins no directive, in a value that does not parse for it: the fix writes ``%%{``."""
        here, past = position_of(self.starts, at), position_of(self.starts, at + 2)
        message = (
            "`%{` begins a Terraform template directive (`%{ if }`, `%{ for }`), and this one is none: "
            "`terraform plan` fails. Write `%%{` for a literal `%{`."
        )
        return Diagnostic(
            DIRECTIVE.code, DIRECTIVE.severity, message, here, past, "Escape it: %%{", [Edit(here, here, "%")]
        )

    def _windows(self, resource: Resource) -> list[Diagnostic]:
        """A Windows component written in the Dockerfile format (SPEC section 9: Windows components are YAML)."""
        system = resource.literals.get("system_type")
        if system is None or system.value != "Windows":
            return []
        if not any(p.region is resource.region and p.content.format.name == "dockerfile" for p in self.parts):
            return []
        message = (
            "A Windows component is YAML (Parameters, Tasks); this content is Dockerfile-format: write it in YAML."
        )
        at = position_of(self.starts, system.start), position_of(self.starts, system.end)
        return [Diagnostic(WINDOWS_DOCKERFILE.code, WINDOWS_DOCKERFILE.severity, message, *at)]


def _edited_to(content: Content, text: str) -> Content:
    """The content edited to ``text``: what lies between their common beginning and end is replaced."""
    old = content.source.text
    most = min(len(old), len(text))
    same = _common(lambda n: old[:n] == text[:n], most)
    tail = _common(lambda n: old[len(old) - n :] == text[len(text) - n :], most - same)
    inner = line_starts(content.source.lines)
    start, end = position_of(inner, same), position_of(inner, len(old) - tail)
    content.edit(start, end, text[same : len(text) - tail])
    return content


def _common(equal, most: int) -> int:
    """The largest n up to ``most`` for which ``equal(n)`` (true up to some n, false after), by halves: slices
    compare at C speed, a loop over characters would not."""
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if equal(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _on_opaque(d: Diagnostic, opaque: tuple[tuple[int, int], ...], inner: list[int]) -> bool:
    """Whether a diagnostic is about an interpolation or a directive, whose value is not known (SPEC section 9:
    an opaque word, never reported)."""
    start, end = offset_of(inner, d.start), offset_of(inner, d.end)
    return any(s < max(end, start + 1) and start < e for s, e in opaque)


def _placed(d: Diagnostic, part: Part) -> Diagnostic:
    """A diagnostic of a region's content, placed in the file."""
    fix = [part.edit(e) for e in d.fix]
    related = tuple(Related(part.to_host(r.start), part.to_host(r.end), r.message) for r in d.related)
    start, end = part.to_host(d.start), part.to_host(d.end)
    return Diagnostic(d.code, d.severity, d.message, start, end, d.fix_title, fix, d.tags, related)


def _found(part: Part, finding: Finding) -> Diagnostic:
    """A host's finding about a region, placed by the text the part was read in."""
    start, end = position_of(part.host, finding.start), position_of(part.host, finding.end)
    fix = [Edit(*(position_of(part.host, finding.fix_at),) * 2, finding.fix_text)] if finding.fix_text else []
    return Diagnostic(finding.code, finding.severity, finding.message, start, end, finding.fix_title, fix)
