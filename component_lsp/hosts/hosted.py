"""A file of another language that holds content (a ``.tf`` file): each region opened as the content it is, and
its diagnostics placed in the file, with their fixes written in the region's own escaping.

Each region is checked as a component or template file would be (the same rules and codes, its own
``# component-lsp: ignore=`` comments), then the file's own checks run: ``interpolation`` here, and the
resources' literal metadata (``metadata.py``). A region's text
is opened again only when it changed: ``Hosted.update`` keeps the opened content of every region whose
decoded text and kind are the same (in a file of many resources, an edit in one re-reads that one).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import NamedTuple

from .. import ignores
from ..diagnostics import WARNING, Diagnostic, Edit, Related, rule
from ..document import Document
from ..formats import Content, open_text
from ..formats.base import COMPONENT, TEMPLATE
from . import metadata
from .terraform import QUOTED, Region, Resource, resources

# The name a region's text is opened under: its kind (a component's YAML is found by its text, SPEC section 2).
OPENED_AS = {COMPONENT: "content.component", TEMPLATE: "content.imagetemplate"}

INTERPOLATION = rule(
    "Lint.TerraformInterpolation",
    WARNING,
    "`${NAME}` in content inside a Terraform file: Terraform reads it, not the shell; write `$${NAME}`.",
)
WINDOWS_DOCKERFILE = rule(
    "Lint.WindowsDockerfileContent",
    WARNING,
    'A component with `system_type = "Windows"` whose content is Dockerfile-format: Windows components are YAML.',
)
SHELL_NAME = re.compile(r"\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\Z")  # a bare name: never a Terraform reference


class Part(NamedTuple):
    """A region and its text opened as the content it is."""

    region: Region
    content: Content


class Hosted:
    """A ``.tf`` file's text and the content regions in it."""

    def __init__(self, text: str) -> None:
        self.source = Document(text)
        self.resources: list[Resource] = []
        self.parts: list[Part] = []
        self.update()

    def update(self, text: str | None = None) -> None:
        """Read the file (its new ``text``) again; a region whose content is unchanged keeps its opened content."""
        if text is not None:
            self.source.set_text(text)
        kept = {(p.region.dialect, p.region.text): p.content for p in self.parts}
        self.resources = resources(self.source.text)
        self.parts = [
            Part(r, kept.get((r.dialect, r.text)) or open_text(r.text, OPENED_AS[r.dialect]))
            for r in (resource.region for resource in self.resources)
            if r is not None
        ]

    def diagnostics(self) -> list[Diagnostic]:
        """Every region's diagnostics, placed in the file, and the file's own checks; sorted by position."""
        starts = _line_starts(self.source.lines)
        out = []
        for part in self.parts:
            inner = _line_starts(part.content.source.lines)
            found = ignores.apply(part.content, part.content.diagnostics())
            opaque = part.region.opaque
            out += [_placed(d, part.region, inner, starts) for d in found if not _on_opaque(d, opaque, inner)]
            out += interpolation(part.region, starts)
        for resource in self.resources:  # the metadata's literal values
            for p in metadata.check(resource):
                start, end = _position(starts, p.start), _position(starts, p.end)
                out.append(Diagnostic(p.code, p.severity, p.message, start, end))
            out += self._windows(resource, starts)
        return sorted(out, key=Diagnostic.sort_key)

    def _windows(self, resource: Resource, starts: list[int]) -> list[Diagnostic]:
        """A Windows component written in the Dockerfile format (SPEC section 9: Windows components are YAML)."""
        system = resource.literals.get("system_type")
        if system is None or system.value != "Windows":
            return []
        if not any(p.region is resource.region and _is_dockerfile(p.content) for p in self.parts):
            return []
        message = (
            "A Windows component is YAML (Parameters, Tasks); this content is Dockerfile-format: write it in YAML."
        )
        at = _position(starts, system.start), _position(starts, system.end)
        return [Diagnostic(WINDOWS_DOCKERFILE.code, WINDOWS_DOCKERFILE.severity, message, *at)]


def _is_dockerfile(content: Content) -> bool:
    """Whether content is read in the Dockerfile format (its text, not its name, decides: SPEC section 2)."""
    return content.format.name == "dockerfile"


def _on_opaque(d: Diagnostic, opaque: tuple[tuple[int, int], ...], inner: list[int]) -> bool:
    """Whether a diagnostic is about an interpolation or a directive, whose value is not known (SPEC section 9:
    an opaque word, never reported)."""
    start, end = _offset(inner, d.start), _offset(inner, d.end)
    return any(s < max(end, start + 1) and start < e for s, e in opaque)


def _line_starts(lines: list[str]) -> list[int]:
    return [0, *accumulate(len(line) for line in lines)]


def _offset(starts: list[int], position: tuple[int, int]) -> int:
    line = min(position[0], len(starts) - 1)
    return starts[line] + position[1]


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    line = max(0, bisect_right(starts, offset) - 1)
    line = min(line, len(starts) - 2) if len(starts) > 1 else 0
    return line, offset - starts[line]


def escaped(region: Region, text: str) -> str:
    """Text written into a region as the file must hold it: a quoted string's escapes, and ``$${`` for ``${``."""
    text = text.replace("${", "$${").replace("%{", "%%{")
    if region.style == QUOTED:
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        text = text.replace("\t", "\\t")
    return text


def _placed(d: Diagnostic, region: Region, inner: list[int], starts: list[int]) -> Diagnostic:
    """A diagnostic of a region's content, placed in the file."""

    def place(position: tuple[int, int]) -> tuple[int, int]:
        return _position(starts, region.to_host(_offset(inner, position)))

    fix = [Edit(place(e.start), place(e.end), escaped(region, e.text)) for e in d.fix]
    related = tuple(Related(place(r.start), place(r.end), r.message) for r in d.related)
    start, end = place(d.start), place(d.end)
    return Diagnostic(d.code, d.severity, d.message, start, end, d.fix_title, fix, d.tags, related)


def interpolation(region: Region, starts: list[int]) -> list[Diagnostic]:
    """``${NAME}`` in content (SPEC section 9): a bare name is the shell's, which Terraform reads as its own
    reference (``terraform plan`` fails, "Invalid reference"); the fix writes ``$${NAME}``."""
    out = []
    for start, end in region.opaque:
        found = SHELL_NAME.match(region.text[start:end])
        if found is None:
            continue
        at = region.to_host(start)
        here, past = _position(starts, at), _position(starts, at + 2)
        message = (
            f"`${{{found.group(1)}}}` is Terraform interpolation here, not the shell's: `terraform plan` fails"
            f' ("Invalid reference"). Write `$${{{found.group(1)}}}` for the shell.'
        )
        fix = [Edit(here, here, "$")]
        out.append(Diagnostic(INTERPOLATION.code, INTERPOLATION.severity, message, here, past, "Escape it: $${", fix))
    return out
