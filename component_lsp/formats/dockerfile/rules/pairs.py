"""ENV and LABEL: key-value pairs."""

from __future__ import annotations

from ....diagnostics import ERROR, WARNING, Finding, rule
from ..syntax import env_pairs
from ..words import words
from .base import check

INVALID_ENV = rule(
    "InvalidCommandContent.ENV",
    ERROR,
    "`ENV` with a missing or invalid variable name, a name without a value, or an unclosed quote.",
)
UNQUOTED = rule(
    "Lint.UnquotedEnvValue",
    WARNING,
    "A `key=value` ENV value not in double quotes, as Image Builder's documentation writes that form (`ENV key value`"
    " is left alone).",
)
LABEL_SYNTAX = rule("Lint.LabelSyntax", WARNING, 'A LABEL that is not a list of key="value" pairs.')


@check("ENV")
def env_content(ins, ctx):
    pairs, problems = env_pairs(ins)
    for problem in problems:
        yield Finding(INVALID_ENV, problem.start, problem.end, f"Malformed ENV: {problem.message}.")
    if problems:
        return
    if pairs and "=" not in ins.logical[pairs[0].key_start : pairs[0].key_end + 1]:
        return  # ENV key value: a form Image Builder documents, whatever the value (SPEC section 4)
    for pair in pairs:
        vstart, vend = pair.value_start, pair.value_end
        value = ins.logical[vstart:vend]
        if value.startswith('"') and value.endswith('"') and len(value) >= 2:
            continue
        message = (
            f"Put the value of {pair.key} in double quotes, as Image Builder's documentation writes key=value pairs."
        )
        if '"' in value or "'" in value or ins.escape in value:
            yield Finding(UNQUOTED, vstart, max(vend, vstart + 1), message)
        else:
            yield Finding(
                UNQUOTED,
                vstart,
                max(vend, vstart),
                message,
                f"Quote the value of {pair.key}",
                [(vstart, vend, f'"{value}"')],
            )


@check("LABEL")
def label_content(ins, ctx):
    for word in words(ins.args, ins.args_start, ins.escape):
        if word.unterminated:
            yield Finding(
                LABEL_SYNTAX, word.start, ins.args_end, "A quote is not closed: close it with the same quote."
            )
            return
        key, sep, _ = word.text.partition("=")
        if not sep or not key:
            yield Finding(
                LABEL_SYNTAX, word.start, word.end, f'{word.text} is not key="value": LABEL takes key="value" pairs.'
            )
