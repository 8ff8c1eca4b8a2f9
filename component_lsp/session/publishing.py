"""Diagnostics as LSP JSON: what a push publishes and a pull reports, serialised as little as a keystroke needs.

Each diagnostic's JSON text is kept with the part of the document it belongs
to (``formats.base.Unit``: an instruction) for as long as that part is
unchanged and in the same place, so a keystroke serialises only the
diagnostics of what it changed. What belongs to no unit (the limits, the
cross-file links, the budget) is kept by its content and the text of its
lines; ShellCheck's findings are kept per script. Without these, a keystroke
on the 16 KB flagged component (127 diagnostics) serialises all of them:
1.3 ms in process, against 0.16 ms for the whole keystroke with them and a
2x-the-floor target of about 1 ms (2026-12-07); the 1 MB flagged one (2,120)
about 30 ms.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import chain, pairwise
from typing import TYPE_CHECKING, NamedTuple, Protocol

from ..config import Config
from ..diagnostics import SOURCE, Diagnostic, code_url
from ..document import Document
from ..formats import Content
from ..jsonrpc import Raw, array, encode

_WIRE = (
    b'{"range":{"start":{"line":%d,"character":%d},"end":{"line":%d,"character":%d}},"message":%b,'
    b'"severity":%d,"code":%b,"source":' + encode(SOURCE)
)
_DESCRIBED = b',"codeDescription":{"href":%b}'


class CodeJSON(NamedTuple):
    code: bytes  # the code's JSON text
    href: bytes  # its documentation URL's


_CODES: dict[str, CodeJSON] = {}


class Stamp(NamedTuple):
    """What a kept JSON text depends on besides its diagnostic: it is good while these are the same."""

    encoding: str
    configured: int  # Project.configured
    config: int  # the file's project configuration's serial
    tags: frozenset[int] = frozenset()  # the DiagnosticTags the client shows (Client.tags)
    related: bool = False  # the client shows relatedInformation (Client.related)
    described: bool = False  # the client shows codeDescription (Client.code_links)


class UnitJSON(NamedTuple):
    """A unit's diagnostics as sent, kept in ``Unit.cache``."""

    start: int  # the unit's first line then
    stamp: Stamp
    keys: list[tuple]  # their sort keys
    texts: list[bytes]  # their JSON texts


class WideJSON(NamedTuple):
    """The JSON texts of the diagnostics that belong to no unit, by what they say and the lines they are on."""

    stamp: Stamp
    texts: dict[tuple, bytes]


class GroupJSON(NamedTuple):
    """One script's ShellCheck findings, and their sort keys and JSON texts."""

    group: list[Diagnostic]
    keys: list[tuple]
    texts: list[bytes]


class ShellCheckJSON(NamedTuple):
    """ShellCheck's findings as sent: per script, and all of them in order."""

    groups: list[list[Diagnostic]]  # the object ShellChecking answered: the same while no script's findings change
    stamp: Stamp
    by_group: dict[int, GroupJSON]  # by id of the group
    keys: list[tuple]
    texts: list[bytes]


if TYPE_CHECKING:  # for the annotations only: a Protocol costs the start-up a few tenths of a millisecond

    class Published(Protocol):
        """An open document, as the publisher reads it."""

        content: Content
        uri: str
        config: Config
        kept: Kept

    class Sources(Protocol):
        """Where the diagnostics come from: the session."""

        def visible(self, doc: Published, found: Iterable[Diagnostic]) -> list[Diagnostic]: ...
        def diagnostics(self, doc: Published) -> list[Diagnostic]: ...
        def wide(self, doc: Published) -> list[Diagnostic]: ...
        def shellchecked(self, doc: Published) -> list[list[Diagnostic]]: ...


class Kept(NamedTuple):
    """What a document keeps of its last diagnostics' JSON (None: nothing)."""

    wide: WideJSON | None = None
    shellcheck: ShellCheckJSON | None = None


def in_order(groups: Iterable[GroupJSON]) -> tuple[list[tuple], list[bytes]]:
    """The sort keys and JSON texts of groups of diagnostics, each group sorted, as one sorted list: joined, where
    each group ends before the next begins (a script's findings, scripts in order), else sorted."""
    groups = [group for group in groups if group.keys]
    keys = list(chain.from_iterable(group.keys for group in groups))
    texts = list(chain.from_iterable(group.texts for group in groups))
    if all(before.keys[-1] <= after.keys[0] for before, after in pairwise(groups)):
        return keys, texts
    pairs = sorted(zip(keys, texts, strict=True))
    return [key for key, _ in pairs], [text for _, text in pairs]


def lsp_range(source: Document, start: tuple[int, int], end: tuple[int, int], encoding: str) -> dict:
    """An LSP Range of two model positions of a text."""
    sl, sc = source.to_lsp(*start, encoding)
    el, ec = source.to_lsp(*end, encoding)
    return {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}


def diagnostic_json(content: Content, d: Diagnostic, stamp: Stamp, uri: str) -> dict:
    """An LSP Diagnostic in the document at ``uri``, with what of it the client shows (``stamp``)."""
    out = {
        "range": lsp_range(content.source, d.start, d.end, stamp.encoding),
        "message": d.message,
        "severity": d.severity,
        "code": d.code,
        "source": SOURCE,
    }
    if stamp.described:
        out["codeDescription"] = {"href": code_url(d.code)}
    shown = [t for t in d.tags if t in stamp.tags]
    if shown:
        out["tags"] = shown
    if d.related and stamp.related:
        out["relatedInformation"] = _related(content, d, stamp.encoding, uri)
    return out


def _related(content: Content, d: Diagnostic, encoding: str, uri: str) -> list[dict]:
    """A diagnostic's related places (in its own document) as LSP DiagnosticRelatedInformation."""
    return [
        {"location": {"uri": uri, "range": lsp_range(content.source, r.start, r.end, encoding)}, "message": r.message}
        for r in d.related
    ]


def wire(content: Content, d: Diagnostic, stamp: Stamp, uri: str) -> bytes:
    """One diagnostic's JSON text: ``diagnostic_json`` serialised, without building the dictionary first."""
    model = content.source
    sl, sc = model.to_lsp(*d.start, stamp.encoding)
    el, ec = model.to_lsp(*d.end, stamp.encoding)
    code = _CODES.get(d.code)
    if code is None:
        code = _CODES[d.code] = CodeJSON(encode(d.code), encode(code_url(d.code)))
    text = _WIRE % (sl, sc, el, ec, encode(d.message), d.severity, code.code)
    if stamp.described:
        text += _DESCRIBED % code.href
    shown = [t for t in d.tags if t in stamp.tags] if d.tags else None
    if shown:
        text += b',"tags":' + encode(shown)
    if d.related and stamp.related:
        text += b',"relatedInformation":' + encode(_related(content, d, stamp.encoding, uri))
    return text + b"}"


class Publisher:
    """The diagnostics of open documents as JSON arrays, from the texts kept where it can."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources

    def _texts(self, doc: Published, found: Iterable[Diagnostic], stamp: Stamp) -> tuple[list[tuple], list[bytes]]:
        """The diagnostics the settings let through, sorted: their sort keys, and their JSON texts."""
        shown = sorted(self.sources.visible(doc, found), key=Diagnostic.sort_key)
        return [d.sort_key() for d in shown], [wire(doc.content, d, stamp, doc.uri) for d in shown]

    def items(self, doc: Published, stamp: Stamp) -> Raw:
        """The document's diagnostics as a JSON array, sorted by position."""
        content = doc.content
        if content.source.marked:  # comments may ignore codes: every diagnostic is looked at, none kept
            doc.kept = Kept()
            return array(wire(content, d, stamp, doc.uri) for d in self.sources.diagnostics(doc))
        keep = not content.source.has_lone_cr  # there, an edit can move LSP lines without moving the unit
        keys, texts = self._units(doc, stamp, keep)
        wide = self._wide(doc, stamp, keep, keys, texts)
        shellcheck = self._shellcheck(doc, stamp, keep, keys, texts)
        doc.kept = Kept(wide, shellcheck if keep else None)
        if shellcheck is None:
            return array(texts)
        if not keys:  # the kept texts as they are (array only reads them)
            return array(shellcheck.texts)
        # The few others go into the many kept in order: a copy, and an insertion each (C speed), not a sort.
        merged_keys, merged = list(shellcheck.keys), list(shellcheck.texts)
        for key, text in zip(keys, texts, strict=True):
            at = bisect_right(merged_keys, key)
            merged_keys.insert(at, key)
            merged.insert(at, text)
        return array(merged)

    def _units(self, doc: Published, stamp: Stamp, keep: bool) -> tuple[list[tuple], list[bytes]]:
        """Each unit's diagnostics, from the texts kept with it while it is unchanged and in place."""
        content = doc.content
        keys: list[tuple] = []
        texts: list[bytes] = []
        for unit in content.units():
            cached = unit.cache
            if keep and isinstance(cached, UnitJSON) and cached.start == unit.start and cached.stamp == stamp:
                keys += cached.keys
                texts += cached.texts
                continue
            unit_keys, unit_texts = self._texts(doc, content.unit_diagnostics(unit), stamp)
            unit.cache = UnitJSON(unit.start, stamp, unit_keys, unit_texts) if keep else None
            keys += unit_keys
            texts += unit_texts
        return keys, texts

    def _wide(self, doc: Published, stamp: Stamp, keep: bool, keys: list, texts: list) -> WideJSON | None:
        """The diagnostics of no unit, inserted in order into ``keys`` and ``texts``."""
        content = doc.content
        lines = content.source.lines
        old = doc.kept.wide
        kept = old.texts if keep and old is not None and old.stamp == stamp else {}
        now: dict[tuple, bytes] = {}
        found = content.document_diagnostics() + self.sources.wide(doc)
        for d in sorted(self.sources.visible(doc, found), key=Diagnostic.sort_key):
            # Kept with the text of the lines it and its related places are on: an edit there may move the LSP
            # column of an unmoved model position (a character before it that takes two UTF-16 units, say).
            spots = (d.start, d.end, *(place for r in d.related for place in (r.start, r.end)))
            on = tuple(lines[line] for line, _ in spots if line < len(lines))
            ident = (d.code, d.severity, d.message, d.start, d.end, d.related, on)
            text = kept.get(ident) or wire(content, d, stamp, doc.uri)
            now[ident] = text
            key = d.sort_key()
            at = bisect_right(keys, key)
            keys.insert(at, key)
            texts.insert(at, text)
        return WideJSON(stamp, now) if keep else None

    def _shellcheck(self, doc: Published, stamp: Stamp, keep: bool, keys: list, texts: list) -> ShellCheckJSON | None:
        """ShellCheck's findings: their JSON kept per script, and all together (sorted) while none changes."""
        groups = self.sources.shellchecked(doc)
        if not groups:
            return None
        old = doc.kept.shellcheck
        cached = old if keep and old is not None and old.stamp == stamp else None
        if cached is not None and cached.groups is groups:
            return cached
        before = cached.by_group if cached is not None else {}
        by_group = {}
        for group in groups:
            entry = before.get(id(group))
            if entry is None or entry.group is not group:
                entry = GroupJSON(group, *self._texts(doc, group, stamp))
            by_group[id(group)] = entry
        made = ShellCheckJSON(groups, stamp, by_group, *in_order(by_group.values()))
        return made
