"""What a host file answers: inside a region, what its content answers, placed in the file; outside, nothing.

Every answer is asked of the region's own content (``formats.Content``) at the content position of the file
position, and its ranges are placed back in the file; the text an answer inserts is written in the region's
escaping (``hosted.escaped``). Completion items go as plain text: a snippet's ``${1:...}`` would be Terraform's.
What answers for a whole file (formatting, folding, the outline) is left to the language's own server
(terraform-ls): a host has none of it.
"""

from __future__ import annotations

from ..diagnostics import Edit
from ..formats.base import (
    COMPONENT,
    TEMPLATE,
    Defined,
    Features,
    Hover,
    Include,
    Item,
    Link,
    Measured,
    Offer,
    Script,
    Scripts,
    Span,
    Use,
)
from .hosted import Hosted
from .parts import Part, escaped, position_of
from .terraform import RESOURCES


def complete(model: Hosted, line: int, col: int) -> list[Item]:
    found = model.part_at((line, col))
    if found is None:
        return []
    part, (inner_line, inner_col) = found
    out = []
    for item in part.content.complete(inner_line, inner_col):
        text = escaped(part.region, item.text)
        start, end = part.to_host(item.start), part.to_host(item.end)
        out.append(item._replace(text=text, snippet=text, start=start, end=end))
    return out


def hover(model: Hosted, line: int, col: int) -> Hover | None:
    found = model.part_at((line, col))
    if found is None:
        return None
    part, at = found
    answer = part.content.hover(*at)
    return None if answer is None else Hover(answer.markdown, part.to_host(answer.start), part.to_host(answer.end))


def _spans(part: Part, spans: list[Span]) -> list[Span]:
    return [(part.to_host(start), part.to_host(end)) for start, end in spans]


def definition(model: Hosted, line: int, col: int) -> list[Span]:
    found = model.part_at((line, col))
    return [] if found is None else _spans(found[0], found[0].content.definition(*found[1]))


def references(model: Hosted, line: int, col: int, declaration: bool) -> list[Span]:
    found = model.part_at((line, col))
    return [] if found is None else _spans(found[0], found[0].content.references(*found[1], declaration))


def prepare_rename(model: Hosted, line: int, col: int) -> tuple[Span, str] | None:
    found = model.part_at((line, col))
    if found is None:
        return None
    part, at = found
    answer = part.content.prepare_rename(*at)
    if answer is None:
        return None
    (start, end), name = answer
    return (part.to_host(start), part.to_host(end)), name


def rename(model: Hosted, line: int, col: int, new: str) -> list[Edit] | None:
    found = model.part_at((line, col))
    if found is None:
        return None
    part, at = found
    edits = part.content.rename(*at, new)
    return None if edits is None else [part.edit(edit) for edit in edits]


def links(model: Hosted) -> list[Link]:
    """The links in the regions (a COPY's URL), and each file a resource reads its content from."""
    inside = [
        Link(part.to_host(link.start), part.to_host(link.end), link.target)
        for part in model.parts
        for link in part.content.links()
    ]
    return inside + [Link(found.start, found.end, found.path) for found in includes(model)]


def includes(model: Hosted) -> list[Include]:
    """The files the resources read their content from (``file("app.component")``), as the content they are."""
    out = []
    for resource in model.resources:
        if resource.file is not None:
            start, end = position_of(model.starts, resource.file.start), position_of(model.starts, resource.file.end)
            dialect = RESOURCES[resource.kind][1]
            out.append(Include(str(resource.file.value), dialect, start, end, resource.rendered))
    return out


def uses(model: Hosted) -> list[Use]:
    """The COMPONENT lines of the templates in the file (a pipeline's ``build_content``), placed in it: linked to
    the workspace's components as a template file's are."""
    out = []
    for part in model.parts:
        if part.region.dialect != TEMPLATE:
            continue
        if part.uses is None:
            part.uses = [_placed_use(part, use) for use in part.content.uses()]
        out += part.uses
    return out


def _placed_use(part: Part, use: Use) -> Use:
    here = part.to_host
    arguments = tuple(
        a._replace(start=here(a.start), end=here(a.end), value_start=here(a.value_start), value_end=here(a.value_end))
        for a in use.arguments
    )
    start, end, name_start, name_end = here(use.start), here(use.end), here(use.name_start), here(use.name_end)
    line, last = here((use.line, 0))[0], here((use.last, 0))[0]
    return Use(line, last, use.target, start, end, use.name, name_start, name_end, arguments)


def defines(model: Hosted) -> list[Defined]:
    """The components the file's resources define by name (a literal ``image_component_name``), with what they
    offer templates, placed in the file."""
    out = []
    holders = iter(model.parts)  # the parts, in the order of the resources that hold a region
    for resource in model.resources:
        part = next(holders) if resource.region is not None else None
        name = resource.literals.get("image_component_name")
        if part is None or name is None or not isinstance(name.value, str) or RESOURCES[resource.kind][1] != COMPONENT:
            continue
        if part.offer is None:
            part.offer = [_placed_offer(part, part.content.offer())]
        start, end = position_of(model.starts, name.start + 1), position_of(model.starts, name.end - 1)
        out.append(Defined(name.value, part.offer[0], start, end))
    return out


def _placed_offer(part: Part, offer: Offer | None) -> Offer | None:
    if offer is None:
        return None
    parameters = tuple(p._replace(start=part.to_host(p.start), end=part.to_host(p.end)) for p in offer.parameters)
    return offer._replace(parameters=parameters)


def budgets(model: Hosted) -> list[Measured]:
    """Each region's budget, shown at its attribute's name (the notice) and at the end of that line (the hint)."""
    out = []
    for part in model.parts:
        if not part.measured:  # the budget and where the name is stay while the part does; the line's end may not
            found = part.content.budget()
            if found is None:
                continue
            start, end = (position_of(part.host, offset) for offset in (part.region.name_start, part.region.name_end))
            part.measured = [Measured(found, start, end, end)]
        out += [m._replace(hint=(m.end[0], len(model.source.line_text(m.end[0])))) for m in part.measured]
    return out


def scripts(model: Hosted) -> Scripts:
    """Every region's scripts, placed in the file (the same objects while their region is unchanged, so that
    ShellCheck's findings are kept with them; after an edit on one line, the same objects for the scripts the
    content kept, which are where they were); the variables any region sets count for all."""
    out: list[Script | None] = []
    defined: list[str] = []
    for part in model.parts:
        if part.scripts is None:
            found = part.content.scripts()
            before = part.before
            kept = {}
            if before is not None and before.scripts is not None:
                kept = dict(zip(map(id, before.inner_scripts), before.scripts, strict=True))
            part.inner_scripts = found.present()
            part.scripts = [kept.get(id(script)) or _placed(part, script) for script in part.inner_scripts]
            part.defined, part.before = found.defined, None
        defined += part.defined
        out += part.scripts
    return Scripts(out, tuple(dict.fromkeys(defined)))


def _placed(part: Part, script: Script) -> Script:
    def place(start: int, end: int) -> Span:
        first, last = script.place(start, end)
        return part.to_host(first), part.to_host(last)

    return Script(script.text, place, script.directives)


FEATURES: Features[Hosted] = Features(
    complete=complete,
    hover=hover,
    definition=definition,
    references=references,
    prepare_rename=prepare_rename,
    rename=rename,
    links=links,
    includes=includes,
    uses=uses,
    defines=defines,
    budgets=budgets,
    scripts=scripts,
)
