"""Completion: keywords at the start of an instruction, variables after ``$``, exec-form skeletons."""

from __future__ import annotations

import re

from ..base import KEYWORD, SNIPPET, TEMPLATE, VARIABLE, Item
from .catalog import COMPONENT_DOC, COMPONENT_FORMS, SUPPORTED
from .syntax import defined_before

_VAR_PREFIX = re.compile(r"\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?\Z")
_WORD_PREFIX = re.compile(r"[A-Za-z]*\Z")  # matches every text, at least at its end


def _keywords(start, end, dialect: str) -> list[Item]:
    items = []
    for index, keyword in enumerate(SUPPORTED.values()):
        plain = keyword.name if keyword.name == "RESTART" else keyword.name + " "
        items.append(
            Item(
                keyword.name,
                KEYWORD,
                keyword.summary,
                keyword.markdown(),
                plain,
                keyword.snippet,
                start,
                end,
                f"{index:02d}",
            )
        )
    if dialect == TEMPLATE:  # a template pulls components in
        items.append(
            Item(
                "COMPONENT",
                KEYWORD,
                "runs an image component",
                COMPONENT_DOC,
                "COMPONENT ",
                "COMPONENT ${1:ic-id}",
                start,
                end,
                "00",
            )
        )
        for n, (label, what, plain, snippet) in enumerate(COMPONENT_FORMS):
            items.append(Item(label, SNIPPET, what, COMPONENT_DOC, plain, snippet, start, end, f"00{n}"))
    return items


def complete(model, line: int, col: int) -> list[Item]:
    """Completion items at a model position."""
    text = model.source.line_text(line)
    col = min(col, len(text))
    ins = model.instruction_at(line)
    if ins is None:
        before = text[:col]
        if before.lstrip().startswith("#") or line < model.header.end:
            return []
        word = len(before) - len(_WORD_PREFIX.search(before).group())  # type: ignore[union-attr]
        if before[:word].strip():
            return []
        return _keywords((line, word), (line, col), model.context.dialect)
    offset = ins.logical_at(line - ins.start, col)
    if offset is None:
        return []
    if offset <= ins.kw_start or (offset <= ins.kw_end and ins.keyword.isalpha()):
        start, _ = model.place(ins, ins.kw_start, ins.kw_start)
        end = (line, col)
        if ins.kw_end > offset:
            _, end = model.place(ins, ins.kw_start, ins.kw_end)
        if start[0] != line or end[0] != line:
            return []
        return _keywords(start, end, model.context.dialect)
    before = ins.logical[ins.args_start : offset] if offset >= ins.args_start else ""
    match = _VAR_PREFIX.search(before)
    if match:
        name_start = offset - len(match.group(2) or "")
        start, end = model.place(ins, name_start, offset)
        if start[0] != line:
            start = end = (line, col)
        close = "}" if match.group(1) else ""
        items = []
        for var in defined_before(model.by_keyword.get("ENV", ()), ins.start).values():
            value = var.value if len(var.value) <= 80 else var.value[:80] + "…"
            doc = f"`{var.name}` = `{value}`\n\nset by ENV on line {var.line + 1}"
            items.append(
                Item(var.name, VARIABLE, f"ENV {var.name}", doc, var.name + close, var.name + close, start, end)
            )
        return items
    if ins.upper in ("CMD", "ENTRYPOINT") and not before.strip():
        keyword = SUPPORTED[ins.upper]
        return [
            Item(
                '["executable", "param"]',
                SNIPPET,
                f"{ins.upper} exec form",
                keyword.markdown(),
                '["executable", "param"]',
                keyword.snippet.split(" ", 1)[1],
                (line, col),
                (line, col),
            )
        ]
    return []
