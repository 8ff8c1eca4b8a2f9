"""What the server holds and answers, as JSON data, without the protocol libraries.

The open documents, what the client said it can do, the user's settings, and
the LSP values built from the core (ranges, diagnostics, publish parameters,
diagnostic reports). The features (``features.py``) act on one ``Session``,
whether the early start or pygls delivers the message.

Each diagnostic's JSON text is kept with the part of the document it belongs
to (``formats.base.Unit``: an instruction) for as long as that part is
unchanged and in the same place, so a keystroke serialises only the
diagnostics of what it changed.
"""

from __future__ import annotations

import gc
import logging
import os
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain, pairwise

from . import budget, config, ignores
from .config import DEFAULT, Config
from .diagnostics import SOURCE, Diagnostic, code_url
from .document import UTF8, UTF16, UTF32
from .formats import Content, open_text
from .formats.base import TEMPLATE, USES, Use
from .jsonrpc import Raw, array, encode, obj
from .settings import Settings
from .settings import read as read_settings
from .shellchecking import ShellChecking
from .workspace import links
from .workspace.index import Index
from .workspace.scan import path_of

log = logging.getLogger(__name__)

ENCODINGS = (UTF8, UTF16, UTF32)
FREEZE_FROM = 128 * 1024  # bytes of text from which an opened document is kept out of the garbage collector's passes
# An LSP range as ((start line, character), (end line, character)), or None for the whole text.
Span = tuple[tuple[int, int], tuple[int, int]] | None


def position_encoding(capabilities: dict) -> str:
    """The first position encoding the client offers that the server supports; UTF-16 otherwise."""
    for encoding in (capabilities.get("general") or {}).get("positionEncodings") or ():
        if encoding in ENCODINGS:
            return encoding
    return UTF16


_WIRE = (
    b'{"range":{"start":{"line":%d,"character":%d},"end":{"line":%d,"character":%d}},"message":%b,'
    b'"severity":%d,"code":%b,"codeDescription":{"href":%b},"source":' + encode(SOURCE) + b"}"
)
_CODES: dict[str, tuple[bytes, bytes]] = {}  # a code's JSON text, and its URL's


def _place(line: int, character: int) -> str:
    return f"{line}:{character}"


def _in_model(
    model, span: tuple[tuple[int, int], tuple[int, int]], encoding: str
) -> tuple[tuple[int, int], tuple[int, int], bool]:
    """A range as model positions (clamped into the document), and whether it is not one of the document's: past
    its end, inside a character, or ending before it starts."""
    start, end = model.to_model(*span[0], encoding), model.to_model(*span[1], encoding)
    outside = model.to_lsp(*start, encoding) != span[0] or model.to_lsp(*end, encoding) != span[1] or span[1] < span[0]
    return start, end, outside


def _in_order(groups: Iterable[tuple]) -> tuple[list, list]:
    """The sort keys and JSON texts of groups of diagnostics (group, keys, texts), each group sorted, as one sorted
    list: joined, where each group ends before the next begins (a script's findings, scripts in order), else sorted."""
    groups = [group for group in groups if group[1]]
    keys = list(chain.from_iterable(group[1] for group in groups))
    texts = list(chain.from_iterable(group[2] for group in groups))
    if all(before[1][-1] <= after[1][0] for before, after in pairwise(groups)):
        return keys, texts
    pairs = sorted(zip(keys, texts, strict=True))
    return [key for key, _ in pairs], [text for _, text in pairs]


def _get(data: object, *path: str) -> object:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


@dataclass
class OpenDocument:
    content: Content
    version: int | None
    uri: str
    serial: int = 0  # which opening of a document this is: part of a pull result id
    kept: tuple | None = None  # (settings, {a document diagnostic and its lines: its JSON text}) of the last sent
    entry: object = None  # its entry in the workspace index, if it is a file of ours (a workspace.index.Entry)
    config: Config = DEFAULT  # the project configuration of its file (config.py)
    shellchecked: tuple | None = (
        None  # ShellCheck's findings last sent: (them, settings, per script's list: JSON, all: keys, JSON)
    )
    outline: list = field(default_factory=list)  # the outline's JSON texts, kept in blocks: features._outline_json


@dataclass
class Session:
    documents: dict[str, OpenDocument] = field(default_factory=dict)
    initialized: bool = False  # initialize has been answered
    shut_down: bool = False  # shutdown has been answered
    pull: bool = False  # the client asks for diagnostics itself (and can be asked to ask again)
    snippets: bool = False
    tooltips: bool = False  # document links may say where they go
    lazy_docs: bool = False  # completion items get their documentation on completionItem/resolve
    resolvable: list[str] = field(default_factory=list)  # the documentation of the last completion list's items
    hierarchical: bool = False  # the client shows an outline as a tree (DocumentSymbol), not a list (SymbolInformation)
    create_files: bool = False  # a workspace edit may create a file (documentChanges with CreateFile)
    encoding: str = UTF16
    refresh: bool = False  # the client can be told to pull diagnostics again
    settings: Settings = field(default_factory=Settings)
    configured: int = 0  # how many times settings arrived: part of a pull result id and of the diagnostics' cache
    opened: int = 0  # documents opened so far
    reported: bool = False  # a pulled report went out: new settings must ask for a new pull
    warnings: list[str] = field(default_factory=list)  # what the client did wrong, to be logged to it
    index: Index = field(default_factory=Index)  # the workspace's component and template files
    folders: list[str] = field(default_factory=list)  # the workspace folders, as paths
    watch: bool = False  # the client can be asked to watch files (workspace/didChangeWatchedFiles, dynamically)
    wake: Callable[[], None] | None = None  # how the index's thread gets the server to take in what it found
    due: list[tuple[str, object]] = field(default_factory=list)  # requests to the client, sent once a transport can
    configs: dict[str, Config] = field(default_factory=dict)  # project configurations, by folder
    shellchecking: ShellChecking = field(default_factory=ShellChecking)  # ShellCheck on the scripts, in the background

    def take_warnings(self) -> list[str]:
        """The warnings since the last call, for the server to send as log messages."""
        taken, self.warnings = self.warnings, []
        return [f"component-lsp: {warning}" for warning in taken] + self.shellchecking.take_notes()

    # -- what the client says ---------------------------------------------------
    def initialize(self, capabilities: dict, options: object = None, folders: Iterable[str] = ()) -> list[str]:
        """Take the client's capabilities (as JSON), initialization options and workspace folders (URIs); the
        settings problems."""
        self.folders = [path for path in map(path_of, folders) if path is not None]
        self.watch = bool(_get(capabilities, "workspace", "didChangeWatchedFiles", "dynamicRegistration"))
        # Pull only where the client can be told to pull again (a template's component changed, new settings):
        # a client that pulls but cannot be refreshed (Neovim 0.10-0.12) gets its diagnostics pushed.
        self.pull = _get(capabilities, "textDocument", "diagnostic") is not None and bool(
            _get(capabilities, "workspace", "diagnostics", "refreshSupport")
        )
        self.snippets = bool(_get(capabilities, "textDocument", "completion", "completionItem", "snippetSupport"))
        resolvable = _get(capabilities, "textDocument", "completion", "completionItem", "resolveSupport", "properties")
        self.lazy_docs = isinstance(resolvable, list) and "documentation" in resolvable
        self.tooltips = bool(_get(capabilities, "textDocument", "documentLink", "tooltipSupport"))
        self.hierarchical = bool(
            _get(capabilities, "textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport")
        )
        operations = _get(capabilities, "workspace", "workspaceEdit", "resourceOperations")
        # Resource operations come only in documentChanges: a client that lists them takes it (Neovim does, and does
        # not say documentChanges).
        self.create_files = isinstance(operations, list) and "create" in operations
        self.encoding = position_encoding(capabilities)
        self.refresh = bool(_get(capabilities, "workspace", "diagnostics", "refreshSupport"))
        self.initialized = True
        log.info("client: pull diagnostics %s, snippets %s, %s", self.pull, self.snippets, self.encoding)
        return self.configure(options) if options is not None else []

    @property
    def stale_reports(self) -> bool:
        """True when new settings should make the client pull again (it can be told, and has pulled)."""
        return self.pull and self.refresh and self.reported

    def configure(self, value: object) -> list[str]:
        """Take the user's settings; what is not understood is returned, and left at its default."""
        self.settings, problems = read_settings(value)
        self.shellchecking.configure(self.settings.shellcheck, self.settings.shellcheck_path)
        self.configured += 1
        return [f"component-lsp: {problem}" for problem in problems]

    # -- documents -----------------------------------------------------------------
    def open(self, uri: str, language_id: str, version: int | None, text: str) -> OpenDocument:
        if uri in self.documents:
            self.warnings.append(f"didOpen for a document that is already open: {uri}; its text is replaced")
        self.opened += 1
        doc = self.documents[uri] = OpenDocument(open_text(text, uri, language_id), version, uri, self.opened)
        doc.entry = self.index.opened(uri, doc.content)
        doc.config = self.config_of(uri)
        if doc.content.doc.byte_size >= FREEZE_FROM:
            # A large document lives long: keep the cyclic garbage collector from walking its objects
            # again and again (a full pass over 1 MB of text is milliseconds, at random keystrokes).
            # Garbage goes first, so none is kept; reference counting frees the document on close.
            gc.collect()
            gc.freeze()
        return doc

    def change(self, uri: str, version: int | None, changes: Iterable[tuple[Span, str]]) -> OpenDocument | None:
        """Apply content changes in order; None if the document is not open.

        A version that is not newer, or a range that is not in the document,
        says the client's text and ours may differ: the change is applied
        (a range clamped into the text, as editors clamp) and a warning kept.
        """
        doc = self.documents.get(uri)
        if doc is None:
            self.warnings.append(f"didChange for a document that is not open: {uri}")
            return None
        if version is not None and doc.version is not None and version <= doc.version:
            self.warnings.append(
                f"didChange of {uri} to version {version}, which is not newer than {doc.version}; applied"
            )
        content = doc.content
        for span, text in changes:
            model = content.doc
            if span is not None:
                start, end, outside = _in_model(model, span, self.encoding)
                if outside:
                    self.warnings.append(
                        f"didChange of {uri} with the range {_place(*span[0])}-{_place(*span[1])}, which is not in the "
                        f"document ({model.lsp_line_count} lines); applied where it meets the text"
                    )
            try:
                if span is None:
                    content.set_text(text)
                else:
                    content.edit(start, end, text)
            except Exception:  # keep the text, rebuild the analysis from it
                log.exception("incremental update failed; analysing the whole text again")
                content.set_text(content.doc.text)
        doc.version = version
        name = getattr(doc.entry, "name", None)
        if name is not None and name in self.used():
            self.index.edited(uri)  # templates that use it may see a new offer
        return doc

    def close(self, uri: str) -> OpenDocument | None:
        doc = self.documents.pop(uri, None)
        if doc is None:
            self.warnings.append(f"didClose for a document that is not open: {uri}")
        else:
            doc.version = None
            self.index.closed(uri)
            self.shellchecking.forget(uri)
        return doc

    # -- the project configuration -------------------------------------------------------
    def config_of(self, uri: str) -> Config:
        """The configuration of a document's file: the nearest one from its folder, read once per folder until it
        changes; the defaults (and a warning to log) if it cannot be read."""
        path = path_of(uri)
        if path is None:
            return DEFAULT
        folder = os.path.dirname(path)
        if folder not in self.configs:
            try:
                self.configs[folder] = config.for_folder(folder)
            except config.ConfigError as exc:
                self.warnings.append(f"the configuration {exc} (its settings are not applied until it is fixed)")
                self.configs[folder] = DEFAULT
        return self.configs[folder]

    def reload_configs(self) -> None:
        """A configuration file changed: every open document's is read again."""
        self.configs.clear()
        for doc in self.documents.values():
            doc.config = self.config_of(doc.uri)

    def visible(self, doc: OpenDocument, found: Iterable[Diagnostic]) -> list[Diagnostic]:
        """What the configuration and then the editor's settings let through, at the configuration's severities."""
        conf = doc.config
        if conf.path is not None and path_of(doc.uri) is not None and conf.excludes(path_of(doc.uri) or ""):
            return []
        return self.settings.shown(found if conf.empty else conf.adjust(found))

    # -- the workspace ---------------------------------------------------------------
    def uses(self, doc: OpenDocument) -> list[Use]:
        return (doc.content.ask(USES) or []) if doc.content.kind.dialect == TEMPLATE else []

    def used(self) -> set[str]:
        """The component names the open templates use."""
        return {use.name for doc in self.documents.values() for use in self.uses(doc) if use.name}

    def templates(self) -> list[OpenDocument]:
        return [doc for doc in self.documents.values() if doc.content.kind.dialect == TEMPLATE]

    def linked(self, doc: OpenDocument) -> list[Diagnostic]:
        """A template's cross-file diagnostics: its COMPONENT lines against the workspace's components."""
        return links.check(self.uses(doc), self.index) if doc.content.kind.dialect == TEMPLATE else []

    def budget_percent(self, doc: OpenDocument) -> int:
        """The percentage of a limit that warns: the editor's setting, else the project's, else the default."""
        return budget.percent(self.settings.budget, doc.config.budget)

    def document_wide(self, doc: OpenDocument) -> list[Diagnostic]:
        """What is found beyond the format's rules: the cross-file diagnostics, the budget's warning, and
        ShellCheck's findings known so far."""
        return self._wide(doc) + [d for group in self.shellchecked(doc) for d in group]

    def _wide(self, doc: OpenDocument) -> list[Diagnostic]:
        return self.linked(doc) + budget.nearly_full(doc.content, self.budget_percent(doc))

    def shellchecked(self, doc: OpenDocument) -> list[list[Diagnostic]]:
        """ShellCheck's findings known for the document's scripts, a list per script (the same object while the
        script is unchanged); the scripts not yet checked are checked after a pause."""
        checked, missing = self.shellchecking.diagnostics(doc.uri, doc.content)
        if missing:
            self.shellchecking.schedule(doc.uri, missing, self._wake)
        return checked

    def _wake(self) -> None:
        if self.wake is not None:
            self.wake()

    # -- answers as JSON data -------------------------------------------------------
    def diagnostics(self, doc: OpenDocument) -> list[Diagnostic]:
        """The core's diagnostics that the settings let through."""
        found = doc.content.diagnostics()
        wide = self.document_wide(doc)
        if wide:
            found = sorted(found + wide, key=Diagnostic.sort_key)
        return sorted(self.visible(doc, ignores.apply(doc.content, found)), key=Diagnostic.sort_key)

    def range(self, doc: OpenDocument, start: tuple[int, int], end: tuple[int, int]) -> dict:
        model = doc.content.doc
        sl, sc = model.to_lsp(*start, self.encoding)
        el, ec = model.to_lsp(*end, self.encoding)
        return {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}

    def diagnostic(self, doc: OpenDocument, d: Diagnostic) -> dict:
        return {
            "range": self.range(doc, d.start, d.end),
            "message": d.message,
            "severity": d.severity,
            "code": d.code,
            "codeDescription": {"href": code_url(d.code)},
            "source": SOURCE,
        }

    def wire(self, doc: OpenDocument, d: Diagnostic) -> bytes:
        """One diagnostic's JSON text: ``diagnostic`` serialised, without building the dictionary first."""
        model = doc.content.doc
        sl, sc = model.to_lsp(*d.start, self.encoding)
        el, ec = model.to_lsp(*d.end, self.encoding)
        code = _CODES.get(d.code)
        if code is None:
            code = _CODES[d.code] = (encode(d.code), encode(code_url(d.code)))
        return _WIRE % (sl, sc, el, ec, encode(d.message), d.severity, code[0], code[1])

    def _texts(self, doc: OpenDocument, found: Iterable[Diagnostic]) -> tuple[list[tuple], list[bytes]]:
        """The diagnostics the settings let through, sorted: their sort keys, and their JSON texts."""
        shown = sorted(self.visible(doc, found), key=Diagnostic.sort_key)
        return [d.sort_key() for d in shown], [self.wire(doc, d) for d in shown]

    def items(self, doc: OpenDocument) -> Raw:
        """The document's diagnostics as a JSON array, sorted by position, from each unit's kept texts where it can."""
        content = doc.content
        if content.doc.marked:  # comments may ignore codes: every diagnostic is looked at, none kept
            doc.kept = None
            return array(self.wire(doc, d) for d in self.diagnostics(doc))
        keep = not content.doc.has_lone_cr  # there, an edit can move LSP lines without moving the unit
        settings = (self.encoding, self.configured, doc.config.serial)
        keys: list[tuple] = []
        texts: list[bytes] = []
        for unit in content.units():
            cached = unit.cache
            if keep and isinstance(cached, tuple) and cached[0] == unit.start and cached[1] == settings:
                unit_keys, unit_texts = cached[2], cached[3]
            else:
                unit_keys, unit_texts = self._texts(doc, content.unit_diagnostics(unit))
                unit.cache = (unit.start, settings, unit_keys, unit_texts) if keep else None
            keys += unit_keys
            texts += unit_texts
        lines = content.doc.lines
        kept = doc.kept if keep and doc.kept is not None and doc.kept[0] == settings else (settings, {})
        now: dict[tuple, bytes] = {}
        for d in sorted(self.visible(doc, content.document_diagnostics() + self._wide(doc)), key=Diagnostic.sort_key):
            # Kept with the text of the lines it is on: an edit there may move the LSP column of an unmoved
            # model position (a character before it that takes two UTF-16 units, say).
            on = tuple(lines[line] for line in (d.start[0], d.end[0]) if line < len(lines))
            ident = (d.code, d.severity, d.message, d.start, d.end, on)
            text = kept[1].get(ident) or self.wire(doc, d)
            now[ident] = text
            key = d.sort_key()
            at = bisect_right(keys, key)
            keys.insert(at, key)
            texts.insert(at, text)
        doc.kept = (settings, now) if keep else None
        groups = self.shellchecked(doc)
        if groups:  # their JSON texts are kept per script, and all together (sorted) while no script's findings change
            cached = (
                doc.shellchecked if keep and doc.shellchecked is not None and doc.shellchecked[1] == settings else None
            )
            if cached is None or cached[0] is not groups:
                old = cached[2] if cached is not None else {}
                by_group = {}
                for group in groups:
                    entry = old.get(id(group))
                    by_group[id(group)] = (
                        entry if entry is not None and entry[0] is group else (group, *self._texts(doc, group))
                    )
                cached = (groups, settings, by_group, *_in_order(by_group.values()))
                doc.shellchecked = cached if keep else None
            # The few others go into the many kept in order: a copy, and an insertion each (C speed), not a sort;
            # with no others, the kept texts as they are (array only reads them).
            if keys:
                merged_keys, merged = list(cached[3]), list(cached[4])
                for key, text in zip(keys, texts, strict=True):
                    at = bisect_right(merged_keys, key)
                    merged_keys.insert(at, key)
                    merged.insert(at, text)
                texts = merged
            else:
                texts = cached[4]
        return array(texts)

    def publish_params(self, doc: OpenDocument, clear: bool = False) -> Raw | None:
        """textDocument/publishDiagnostics parameters, or None when the client pulls instead."""
        if self.pull:
            return None
        return obj(uri=doc.uri, diagnostics=Raw([b"[]"]) if clear else self.items(doc), version=doc.version)

    def result_id(self, doc: OpenDocument) -> str:
        workspace = self.index.generation if doc.content.kind.dialect == TEMPLATE else 0
        return f"{doc.serial}:{doc.version}:{self.configured}:{doc.config.serial}:{workspace}:{self.shellchecking.generation}"

    def report(self, uri: str, previous_result_id: str | None) -> Raw:
        """A textDocument/diagnostic result: unchanged since the client's result id, or in full."""
        doc = self.documents.get(uri)
        if doc is None:
            return obj(kind="full", items=Raw([b"[]"]))
        self.reported = True
        result_id = self.result_id(doc)
        if previous_result_id == result_id:
            return obj(kind="unchanged", resultId=result_id)
        return obj(kind="full", resultId=result_id, items=self.items(doc))
