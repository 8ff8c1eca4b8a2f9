"""Hover: what a keyword does, why an unsupported one is refused, where a variable is set."""

from __future__ import annotations

from ..base import Hover
from .catalog import COMPONENT_DOC, FROM_DOC, SUPPORTED, UNSUPPORTED, suggestion, unsupported_markdown
from .syntax import defined_before, reference_at


def keyword_markdown(keyword: str) -> str:
    upper = keyword.upper()
    if upper in SUPPORTED:
        return SUPPORTED[upper].markdown()
    if upper in UNSUPPORTED:
        return unsupported_markdown(upper)
    if upper == "FROM":
        return FROM_DOC
    if upper == "COMPONENT":
        return COMPONENT_DOC
    guess = suggestion(upper)
    shown = keyword if len(keyword) <= 40 else keyword[:40] + "…"
    text = f"**{shown}** is not an Image Builder instruction."
    if guess:
        text += f" Did you mean **{guess}**?"
    return text + "\n\nSupported: " + ", ".join(SUPPORTED) + "."


def hover(model, line: int, col: int) -> Hover | None:
    """What the token at a model position is, or None."""
    ins = model.instruction_at(line)
    if ins is None:
        return None
    offset = ins.logical_at(line - ins.start, col)
    if offset is None:
        return None
    if ins.kw_start <= offset <= ins.kw_end and ins.keyword:
        start, end = model.place(ins, ins.kw_start, ins.kw_end)
        return Hover(keyword_markdown(ins.keyword), start, end)
    if offset < ins.args_start:
        return None
    ref = reference_at(ins.logical, offset)
    if ref is None:
        return None
    name, rstart, rend = ref
    start, end = model.place(ins, rstart, rend)
    var = defined_before(model.by_keyword.get("ENV", ()), ins.start).get(name)
    if var is None:
        return Hover(f"**${name}** is not set by any ENV above this line: it has a value only if the build VM's environment sets it.", start, end)
    value = var.value if len(var.value) <= 200 else var.value[:200] + "…"
    return Hover(f"**${name}** = `{value}`\n\nset by ENV on line {var.line + 1}", start, end)
