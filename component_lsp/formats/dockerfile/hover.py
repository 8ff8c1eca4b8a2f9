"""Hover: what a keyword does, why an unsupported one is refused, where a variable is set."""

from __future__ import annotations

from ...shell.checks import hover as command_hover
from ..base import Hover
from .catalog import (
    ARN_DOC,
    COMPONENT_DOC,
    FROM_DOC,
    ID_DOC,
    PAIR_DOC,
    SUPPORTED,
    UNSUPPORTED,
    suggestion,
    unsupported_markdown,
)
from .components import reference
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
    if ins.upper == "COMPONENT":
        return _component(model, ins, offset)
    ref = reference_at(ins.logical, offset)
    if ref is None:
        return _command(model, ins, offset) if ins.upper == "RUN" and not ins.written.json_form else None
    name, rstart, rend = ref
    start, end = model.place(ins, rstart, rend)
    var = defined_before(model.by_keyword.get("ENV", ()), ins.start).get(name)
    if var is None:
        return Hover(
            f"**${name}** is not set by any ENV above this line: it has a value only if the build VM's environment"
            " sets it.",
            start,
            end,
        )
    value = var.value if len(var.value) <= 200 else var.value[:200] + "…"
    return Hover(f"**${name}** = `{value}`\n\nset by ENV on line {var.line + 1}", start, end)


def _command(model, ins, offset: int) -> Hover | None:
    """What a command in RUN's shell form does in a build, where a check knows it (yum's -y, read, ...)."""
    found = command_hover(ins.args, offset - ins.args_start)
    if found is None:
        return None
    text, start, end = found
    return Hover(text, *model.place(ins, ins.args_start + start, ins.args_start + end))


def _component(model, ins, offset: int) -> Hover | None:
    """What the part of a COMPONENT line under the cursor is: its id, its ARN's parts, a parameter."""
    ref = reference(ins)
    if ref.start <= offset <= ref.end and ref.target:
        if ref.kind == "id":
            masked = (
                " The `*` at its end is how the documentation masks ids: write the whole id."
                if ref.target.endswith("*")
                else ""
            )
            text = ID_DOC.format(target=ref.target, masked=masked)
        elif ref.kind == "arn":
            text = ARN_DOC.format(
                region=ref.region, account=ref.account, name=ref.name, version=ref.version or "(none)"
            )
        else:
            text = COMPONENT_DOC
        return Hover(text, *model.place(ins, ref.start, ref.end))
    for pair in ref.pairs:
        if pair.start <= offset <= pair.end:
            return Hover(PAIR_DOC.format(name=pair.name, value=pair.value), *model.place(ins, pair.start, pair.end))
    return None
