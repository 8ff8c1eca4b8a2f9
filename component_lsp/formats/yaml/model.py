"""The YAML format's document model: for now the size limit only."""

from __future__ import annotations

from ... import limits
from ...diagnostics import Diagnostic
from ...document import Change, Document
from ..base import COMPONENT, Unit


class YamlModel:
    def __init__(self, doc: Document, dialect: str = COMPONENT) -> None:
        self.doc = doc
        self.dialect = dialect

    def set_text(self, text: str) -> None:
        self.doc.set_text(text)

    def edit(self, start: tuple[int, int], end: tuple[int, int], text: str) -> Change:
        return self.doc.replace(start, end, text)

    def units(self) -> list[Unit]:
        return []

    def unit_diagnostics(self, unit: Unit) -> list[Diagnostic]:
        return []

    def document_diagnostics(self) -> list[Diagnostic]:
        return limits.size(self.doc)

    def diagnostics(self) -> list[Diagnostic]:
        return self.document_diagnostics()
