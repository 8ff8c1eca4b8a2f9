"""Which keywords a component may hold, and how they are spelled."""

from __future__ import annotations

from ....diagnostics import ERROR, WARNING, Finding, rule
from ...base import TEMPLATE
from ..catalog import KNOWN, SUPPORTED, UNSUPPORTED, suggestion
from .base import check, keyword_span

FROM = rule("NotSupportedCommand.FROM", ERROR, "`FROM` in a component: the base image comes from the template or pipeline.")
COMPONENT = rule("InvalidCommand.Component", ERROR, "`COMPONENT` in a component: only templates may pull in components.")
NOT_SUPPORTED = rule(
    "InvalidImageTemplateCommand.NotSupported", ERROR, "An instruction Image Builder does not support (with the replacement, or a did-you-mean)."
)
LOWERCASE = rule("Lint.KeywordCase", WARNING, "A keyword that is not written in upper case.")

@check()
def supported_keyword(ins, ctx):
    upper = ins.upper
    if not ins.keyword or upper in SUPPORTED:
        return
    start, end = keyword_span(ins)
    if upper == "FROM":
        if ctx.dialect != TEMPLATE:  # a template's FROM: rules/templates.py, which sees the whole template
            yield Finding(FROM, start, end, "FROM cannot be used in an image component: the base image is set by the image template or pipeline. Remove this line.")
        return
    if upper == "COMPONENT":
        if ctx.dialect != TEMPLATE:
            yield Finding(COMPONENT, start, end, "COMPONENT cannot be used in an image component, only in an image template. Move it to the template, or copy the component's commands here.")
        return
    if upper in UNSUPPORTED:
        replacement, why = UNSUPPORTED[upper]
        if replacement:
            yield Finding(
                NOT_SUPPORTED, start, end, f"{upper} is not supported by Image Builder: {why} Use {replacement}.",
                f"Replace {ins.keyword} with {replacement}", [(start, end, replacement)],
            )
        else:
            yield Finding(NOT_SUPPORTED, start, end, f"{upper} is not supported by Image Builder: {why} Remove this line.")
        return
    guess = suggestion(upper)
    shown = ins.keyword if len(ins.keyword) <= 40 else ins.keyword[:40] + "…"
    if guess:
        yield Finding(
            NOT_SUPPORTED, start, end, f"Unknown instruction {shown!r}: did you mean {guess}?",
            f"Change to {guess}", [(start, end, guess)],
        )
    else:
        yield Finding(
            NOT_SUPPORTED, start, end,
            f"Unknown instruction {shown!r}. A component supports only {', '.join(SUPPORTED)}.",
        )


@check()
def keyword_case(ins, ctx):
    # Unsupported keywords get no case warning: their error's fix replaces them anyway.
    upper = ins.upper
    if ins.keyword != upper and upper in KNOWN:
        start, end = keyword_span(ins)
        yield Finding(LOWERCASE, start, end, f"Write the keyword in upper case: {upper}.", f"Change to {upper}", [(start, end, upper)])
