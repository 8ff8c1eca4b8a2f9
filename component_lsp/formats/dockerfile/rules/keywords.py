"""Which keywords a component may hold, and how they are spelled."""

from __future__ import annotations

from ....diagnostics import ERROR, WARNING, Finding, rule
from ...base import TEMPLATE
from ..catalog import KNOWN, NEEDS_ARGUMENT, SUPPORTED, UNSUPPORTED, suggestion
from ..parser import parse_one
from ..syntax import ENV_KEY
from ..words import words
from .base import check, check_instruction, keyword_span

FROM = rule(
    "NotSupportedCommand.FROM", ERROR, "`FROM` in a component: the base image comes from the template or pipeline."
)
COMPONENT = rule(
    "InvalidCommand.Component", ERROR, "`COMPONENT` in a component: only templates may pull in components."
)
NOT_SUPPORTED = rule(
    "InvalidImageTemplateCommand.NotSupported",
    ERROR,
    "An instruction Image Builder does not support (with the replacement, or a did-you-mean).",
)
LOWERCASE = rule("Lint.KeywordCase", WARNING, "A keyword that is not written in upper case.")


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _arg_as_env(ins) -> str | None:
    """ARG A B=1 as ENV A="" B="1": every variable with a value, which ENV needs; None if a word is no variable."""
    pairs = []
    for word in words(ins.args, ins.args_start, ins.escape):
        if word.unterminated:
            return None
        name, _, value = word.value.partition("=")
        if not ENV_KEY.match(name):
            return None
        pairs.append(f"{name}={_quoted(value)}")
    return "ENV " + " ".join(pairs) if pairs else None


def _maintainer_as_label(ins) -> str | None:
    """MAINTAINER Jane Doe <j@x> as LABEL maintainer="Jane Doe <j@x>"."""
    text = " ".join(ins.args.split())
    return f"LABEL maintainer={_quoted(text)}" if text and "\n" not in ins.args else None


def _fixable(ins, keyword: str, ctx, rewritten: str | None = None) -> bool:
    """Whether the instruction with this keyword (or rewritten whole) has no error: a fix must not make one
    (ADD without a destination is no better as COPY)."""
    text = rewritten if rewritten is not None else keyword + ins.logical[ins.kw_end :]
    if keyword in NEEDS_ARGUMENT and not text[len(keyword) :].strip():
        return False
    new, _ = parse_one([text.replace("\n", " ")], 0, ins.escape)
    return new is not None and not any(f.rule.severity == ERROR for f in check_instruction(new, ctx))


# Replacements that rewrite the arguments too: ARG's bare names need values in ENV, MAINTAINER's text a key in LABEL.
REWRITE = {"ARG": _arg_as_env, "MAINTAINER": _maintainer_as_label}


@check()
def supported_keyword(ins, ctx):
    upper = ins.upper
    if not ins.keyword or upper in SUPPORTED:
        return
    start, end = keyword_span(ins)
    if upper == "FROM":
        if ctx.dialect != TEMPLATE:  # a template's FROM: rules/templates.py, which sees the whole template
            yield Finding(
                FROM,
                start,
                end,
                "FROM cannot be used in an image component: the base image is set by the image template or pipeline."
                " Remove this line.",
            )
        return
    if upper == "COMPONENT":
        if ctx.dialect != TEMPLATE:
            yield Finding(
                COMPONENT,
                start,
                end,
                "COMPONENT cannot be used in an image component, only in an image template. Move it to the template, or"
                " copy the component's commands here.",
            )
        return
    if upper in UNSUPPORTED:
        replacement, why = UNSUPPORTED[upper]
        rewritten = REWRITE[upper](ins) if upper in REWRITE else None
        if rewritten is not None and _fixable(
            ins, replacement, ctx, rewritten
        ):  # the arguments change too, or the replacement would be malformed
            yield Finding(
                NOT_SUPPORTED,
                start,
                end,
                f"{upper} is not supported by Image Builder: {why} Use {replacement}.",
                f"Replace with {rewritten}" if len(rewritten) <= 60 else f"Replace {ins.keyword} with {replacement}",
                [(start, ins.args_end, rewritten)],
            )
        elif replacement and upper in REWRITE:  # arguments no rewrite can carry over: say what to use, fix nothing
            yield Finding(
                NOT_SUPPORTED, start, end, f"{upper} is not supported by Image Builder: {why} Use {replacement}."
            )
        elif replacement and _fixable(ins, replacement, ctx):
            yield Finding(
                NOT_SUPPORTED,
                start,
                end,
                f"{upper} is not supported by Image Builder: {why} Use {replacement}.",
                f"Replace {ins.keyword} with {replacement}",
                [(start, end, replacement)],
            )
        elif replacement:
            yield Finding(
                NOT_SUPPORTED, start, end, f"{upper} is not supported by Image Builder: {why} Use {replacement}."
            )
        else:
            yield Finding(
                NOT_SUPPORTED, start, end, f"{upper} is not supported by Image Builder: {why} Remove this line."
            )
        return
    guess = suggestion(upper)
    shown = ins.keyword if len(ins.keyword) <= 40 else ins.keyword[:40] + "…"
    if guess and _fixable(ins, guess, ctx):
        yield Finding(
            NOT_SUPPORTED,
            start,
            end,
            f"Unknown instruction {shown!r}: did you mean {guess}?",
            f"Change to {guess}",
            [(start, end, guess)],
        )
    elif guess:
        yield Finding(NOT_SUPPORTED, start, end, f"Unknown instruction {shown!r}: did you mean {guess}?")
    else:
        yield Finding(
            NOT_SUPPORTED,
            start,
            end,
            f"Unknown instruction {shown!r}. A component supports only {', '.join(SUPPORTED)}.",
        )


@check()
def keyword_case(ins, ctx):
    # Unsupported keywords get no case warning: their error's fix replaces them anyway.
    upper = ins.upper
    if ins.keyword != upper and upper in KNOWN:
        start, end = keyword_span(ins)
        yield Finding(
            LOWERCASE,
            start,
            end,
            f"Write the keyword in upper case: {upper}.",
            f"Change to {upper}",
            [(start, end, upper)],
        )
