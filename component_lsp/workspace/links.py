"""Cross-file intelligence: a template's COMPONENT lines against the workspace's components (SPEC section 8).

A COMPONENT line whose ARN names a component file of the workspace (by its
file name) is linked to it: its ``--name value`` pairs are checked against
the component's parameters, and definition, references, hover and
completion follow the link. Everything here reads ``Use`` and ``Offer``
values (``formats.base``) and the ``Index``; nothing here reads text of any
format. Positions are each file's model positions, with the file's
``Document`` to turn them into LSP positions.
"""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

from ..diagnostics import WARNING, Diagnostic, rule
from ..document import Document
from ..formats.base import KEYWORD, PROPERTY, Hover, Item, Offer, Parameter, Position, Use
from .index import Entry, Index

UNKNOWN = rule(
    "Lint.UnknownComponentParameter",
    WARNING,
    "A `--name` the workspace component a COMPONENT line names does not declare.",
)
MISSING = rule(
    "Lint.MissingComponentParameter",
    WARNING,
    "A parameter without a `DefaultValue` that a COMPONENT line does not pass.",
)
TYPE = rule(
    "Lint.ComponentParameterType",
    WARNING,
    "A value that does not fit the `Type` of the parameter it is passed to (Number, Boolean).",
)
NO_PARAMETERS = rule(
    "Lint.DockerfileComponentParameter",
    WARNING,
    "A `--name value` passed to a Dockerfile-format component, which has no parameters.",
)

NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
BOOLEANS = ("true", "false")
_WORD_BEFORE = re.compile(r"\S*\Z")
MEMO = 10_000  # COMPONENT lines whose diagnostics are kept


class Location(NamedTuple):
    uri: str
    source: Document
    start: Position
    end: Position


def _fits(kind: str, value: str) -> bool:
    if kind == "Number":
        return NUMBER.match(value) is not None
    if kind == "Boolean":
        return value.lower() in BOOLEANS
    return True


def _describe(p: Parameter) -> str:
    kind = p.type or "no Type"
    return f"{kind}, default {p.default!r}" if p.default is not None else f"{kind}, required"


def _check(use: Use, entry: Entry) -> list[Diagnostic]:
    offer = entry.offer
    if offer is None:
        return []
    found: list[Diagnostic] = []
    where = entry.path.rsplit("/", 1)[-1]
    if offer.format != "yaml":
        for a in use.arguments:
            message = (
                f"{use.name} ({where}) is a Dockerfile-format component: it has no parameters, so --{a.name} is not"
                " used. Remove it, or make the component YAML with Parameters."
            )
            found.append(Diagnostic(NO_PARAMETERS.code, NO_PARAMETERS.severity, message, a.start, a.end))
        return found
    declared = {p.name: p for p in offer.parameters}
    for a in use.arguments:
        p = declared.get(a.name)
        if p is None:
            guess = difflib.get_close_matches(a.name, list(declared), 1, 0.6)
            hint = (
                f" Did you mean --{guess[0]}?"
                if guess
                else (f" It has {', '.join('--' + n for n in declared)}." if declared else " It has none.")
            )
            found.append(
                Diagnostic(
                    UNKNOWN.code,
                    UNKNOWN.severity,
                    f"{use.name} ({where}) has no parameter --{a.name}.{hint}",
                    a.start,
                    a.end,
                )
            )
        elif a.value is not None and not _fits(p.type, a.value):
            want = "a number" if p.type == "Number" else "true or false"
            found.append(
                Diagnostic(
                    TYPE.code,
                    TYPE.severity,
                    f"--{a.name} is a {p.type} parameter of {use.name}: pass {want}, not {a.value!r}.",
                    a.value_start,
                    a.value_end,
                )
            )
    passed = {a.name for a in use.arguments}
    missing = [p.name for p in offer.parameters if p.default is None and p.name not in passed]
    if missing:
        names = ", ".join(f"--{n}" for n in missing)
        plural = "s" if len(missing) > 1 else ""
        message = (
            f"{use.name} ({where}) needs the parameter{plural} {names} (no DefaultValue): pass"
            f" {'them' if plural else 'it'} here."
        )
        found.append(Diagnostic(MISSING.code, MISSING.severity, message, use.name_start, use.name_end))
    return found


def check(uses: list[Use], index: Index) -> list[Diagnostic]:
    """The cross-file diagnostics of a template's COMPONENT lines (each kept until the workspace changes; the
    answer for the same list of uses, while it is, too)."""
    if index.memo[0] != index.generation or len(index.memo[1]) > MEMO:
        index.memo = (index.generation, {})
        index.last = None
    if index.last is not None and index.last[0] is uses:
        return index.last[1]
    memo = index.memo[1]
    out: list[Diagnostic] = []
    for use in uses:
        if use.name is None:
            continue
        found = memo.get(use)
        if found is None:
            entry = index.component(use.name)
            found = memo[use] = _check(use, entry) if entry is not None else []
        out += found
    index.last = (uses, out)
    return out


# -- where the cursor is --------------------------------------------------------------------
def _use_at(uses: list[Use], line: int) -> Use | None:
    for use in uses:
        if use.line <= line <= use.last:
            return use
    return None


def _within(start: Position, end: Position, at: Position) -> bool:
    return start <= at <= end


def _parameter(offer: Offer | None, name: str) -> Parameter | None:
    return next((p for p in offer.parameters if p.name == name), None) if offer else None


# -- definition, references ----------------------------------------------------------------
def definition(uses: list[Use], index: Index, at: Position) -> list[Location]:
    """From a COMPONENT line's target to the component files of its name; from --x to the parameter x."""
    use = _use_at(uses, at[0])
    if use is None or use.name is None:
        return []
    if _within(use.start, use.end, at):
        return [Location(e.uri, e.source, e.at, e.at) for e in index.components(use.name)]
    for a in use.arguments:
        if _within(a.start, a.end, at):
            out = []
            for entry in index.components(use.name):
                p = _parameter(entry.offer, a.name)
                if p is not None:
                    out.append(Location(entry.uri, entry.source, p.start, p.end))
            return out
    return []


def users(index: Index, name: str, parameter: str | None = None) -> list[Location]:
    """Where templates use the component ``name`` (its name in each ARN), or pass its ``parameter``."""
    out = []
    for template in index.templates():
        for use in template.uses:
            if use.name != name:
                continue
            if parameter is None:
                out.append(Location(template.uri, template.source, use.name_start, use.name_end))
            else:
                out += [
                    Location(template.uri, template.source, a.start, a.end)
                    for a in use.arguments
                    if a.name == parameter
                ]
    return out


def references(uri: str, uses: list[Use], index: Index, at: Position, declaration: bool) -> list[Location]:
    """The templates that use the component (or pass the parameter) under the cursor: in a component file, or on a
    COMPONENT line."""
    entry = index.entry(uri)
    for defined in entry.defines if entry is not None else ():  # a component a host file defines by name
        if _within(defined.start, defined.end, at):
            return users(index, defined.name)
        p = next((p for p in (defined.offer.parameters if defined.offer else ()) if _within(p.start, p.end, at)), None)
        if p is not None:
            return users(index, defined.name, p.name)
    if entry is not None and entry.name is not None:
        p = next((p for p in (entry.offer.parameters if entry.offer else ()) if _within(p.start, p.end, at)), None)
        if p is not None:
            return users(index, entry.name, p.name)  # the declaration and {{ }} uses are the format's to give
        return users(index, entry.name)
    use = _use_at(uses, at[0])
    if use is None or use.name is None:
        return []
    for a in use.arguments:
        if _within(a.start, a.end, at):
            found = users(index, use.name, a.name)
            if declaration:
                for e in index.components(use.name):
                    q = _parameter(e.offer, a.name)
                    if q is not None:
                        found.insert(0, Location(e.uri, e.source, q.start, q.end))
            return found
    if _within(use.start, use.end, at):
        found = users(index, use.name)
        if declaration:
            found[:0] = [Location(e.uri, e.source, e.at, e.at) for e in index.components(use.name)]
        return found
    return []


# -- hover -------------------------------------------------------------------------------------
def summary(entry: Entry, name: str) -> str:
    offer = entry.offer
    where = entry.path.rsplit("/", 1)[-1]
    if offer is None:
        return f"**{name}**: `{where}` in this workspace (its YAML does not read now)."
    kind = "YAML" if offer.format == "yaml" else "Dockerfile-format"
    lines = [f"**{name}**: {kind} component `{where}` in this workspace."]
    if offer.parameters:
        lines += ["", "| parameter | type | default |", "|---|---|---|"]
        lines += [
            f"| `{p.name}` | {p.type or '-'} | {('`' + p.default + '`') if p.default is not None else 'required'} |"
            for p in offer.parameters
        ]
    elif offer.format == "yaml":
        lines += ["", "No parameters."]
    if offer.steps:
        lines += ["", "Tasks:" if offer.format == "yaml" else "Commands:", "```"] + list(offer.steps) + ["```"]
    return "\n".join(lines)


def hover(uses: list[Use], index: Index, at: Position) -> Hover | None:
    """The linked component of a COMPONENT line's target (parameters, steps), or the parameter under --x."""
    use = _use_at(uses, at[0])
    if use is None or use.name is None:
        return None
    entry = index.component(use.name)
    if entry is None:
        return None
    if _within(use.start, use.end, at):
        return Hover(summary(entry, use.name), use.start, use.end)
    for a in use.arguments:
        if _within(a.start, a.end, at):
            p = _parameter(entry.offer, a.name)
            if p is None:
                return None
            text = f"**--{p.name}**: parameter of {use.name} ({_describe(p)})."
            return Hover(text, a.start, a.end)
    return None


# -- completion ---------------------------------------------------------------------------------
def arn_parts(uses: list[Use]) -> tuple[str, str]:
    """The region and account of the template's first ARN, for new ones to follow; placeholders otherwise."""
    for use in uses:
        if use.name is not None and use.target.startswith("acs:ecs:"):
            parts = use.target.split(":")
            if len(parts) > 4:
                return parts[2], parts[3]
    return "cn-hangzhou", "<AliUid>"


def _arn_item(name: str, entry: Entry, region: str, account: str, start: Position, end: Position, prefix: str) -> Item:
    required = [p for p in (entry.offer.parameters if entry.offer else ()) if p.default is None]
    plain = f"{prefix}acs:ecs:{region}:{account}:imagecomponent/{name}/1.0.0" + "".join(
        f" --{p.name} " for p in required
    )
    snippet = f"{prefix}acs:ecs:${{1:{region}}}:${{2:{account}}}:imagecomponent/{name}/${{3:1.0.0}}"
    snippet += "".join(f" --{p.name} ${{{n + 4}:{p.type or 'value'}}}" for n, p in enumerate(required))
    where = entry.path.rsplit("/", 1)[-1]
    return Item(
        f"{prefix}{name}" if prefix else name,
        KEYWORD if prefix else PROPERTY,
        f"component {where}",
        summary(entry, name),
        plain.rstrip(),
        snippet,
        start,
        end,
    )


def complete(uses: list[Use], index: Index, line_text: str, at: Position) -> list[Item]:
    """Workspace component names (as ARNs) after COMPONENT; a linked one's --parameters after the name."""
    line, col = at
    before = line_text[:col]
    names = index.names()
    use = _use_at(uses, line)
    if use is None:
        return []  # a keyword goes here: the format offers COMPONENT and its forms, names come after it
    if use.line == line and (not use.target or _within(use.start, use.end, at)):
        if use.name is not None and _within(use.name_start, use.name_end, at):  # the name in an ARN
            return [
                Item(
                    n,
                    PROPERTY,
                    f"component {e.path.rsplit('/', 1)[-1]}",
                    summary(e, n),
                    n,
                    n,
                    use.name_start,
                    use.name_end,
                )
                for n, e in sorted(names.items())
            ]
        if use.target.startswith("ic-") or (not use.target and before[-1:] not in (" ", "\t")):
            return []
        start, end = (use.start, use.end) if use.target else (at, at)
        region, account = arn_parts(uses)
        return [_arn_item(n, e, region, account, start, end, "") for n, e in sorted(names.items())]
    if use.name is None or at <= use.end:
        return []
    entry = index.component(use.name)
    if entry is None or entry.offer is None:
        return []
    word = _WORD_BEFORE.search(before).group()  # type: ignore[union-attr]
    if word and not word.startswith("-"):
        return []
    passed = {a.name for a in use.arguments if not _within(a.start, a.end, at)}
    start = (line, col - len(word))
    items = []
    for n, p in enumerate(entry.offer.parameters):
        if p.name in passed:
            continue
        detail = f"{p.type or 'no Type'}" + (f" = {p.default}" if p.default is not None else ", required")
        items.append(
            Item(
                f"--{p.name}",
                PROPERTY,
                detail,
                f"**--{p.name}**: parameter of {use.name} ({_describe(p)}).",
                f"--{p.name} ",
                f"--{p.name} ${{1:{p.type or 'value'}}}",
                start,
                at,
                f"{0 if p.default is None else 1}{n:04d}",
            )
        )
    return items
