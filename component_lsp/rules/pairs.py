"""ENV and LABEL: key-value pairs."""

from __future__ import annotations

import re

from ..diagnostics import WARNING, Finding
from ..tokens import words
from .base import check, rule
from .exec_form import INVALID

UNQUOTED = rule("Lint.UnquotedEnvValue", WARNING, "An ENV value not in double quotes, as Image Builder's documentation writes them.")
LABEL_SYNTAX = rule("Lint.LabelSyntax", WARNING, "A LABEL that is not a list of key=\"value\" pairs.")
ENV_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def env_pairs(ins):
    """ENV's variables as (key, key start, key end, value start, value end), in logical offsets.

    Also returns the problems found as (start, end, message).
    """
    ws = words(ins.args, ins.args_start)
    pairs, problems = [], []
    if not ws:
        return pairs, problems
    for word in ws:
        if word.unterminated:
            problems.append((word.start, ins.args_end, "a quote is not closed: close it with the same quote"))
            return pairs, problems
    first = ws[0]
    if "=" not in first.text:
        if len(ws) == 1:
            problems.append((first.start, first.end, f'{first.text} has no value: write ENV {first.text}="value"'))
        pairs.append((first.text, first.start, first.end, ws[1].start if len(ws) > 1 else first.end, ins.args_end))
    else:
        for word in ws:
            key, sep, _ = word.text.partition("=")
            if not sep:
                problems.append((word.start, word.end, f'{word.text} is not KEY="value": add ="value", or use the form ENV KEY value for one variable'))
                continue
            pairs.append((key, word.start, word.start + len(key), word.start + len(key) + 1, word.end))
    for key, start, end, _, _ in pairs:
        if not key:
            problems.append((start, end + 1, "a variable name is missing before '='"))
        elif not ENV_KEY.match(key):
            problems.append((start, end, f"{key!r} is not a valid variable name: use letters, digits and _, not starting with a digit"))
    return pairs, problems


@check("ENV")
def env_content(ins, ctx):
    pairs, problems = env_pairs(ins)
    for start, end, message in problems:
        yield Finding(INVALID["ENV"], start, end, f"Malformed ENV: {message}.")
    if problems:
        return
    for key, _, _, vstart, vend in pairs:
        value = ins.logical[vstart:vend]
        if value.startswith('"') and value.endswith('"') and len(value) >= 2:
            continue
        if '"' in value or "'" in value or "\\" in value:
            yield Finding(UNQUOTED, vstart, max(vend, vstart + 1), f"Put the value of {key} in double quotes, as Image Builder's documentation does.")
        else:
            yield Finding(
                UNQUOTED, vstart, max(vend, vstart), f"Put the value of {key} in double quotes, as Image Builder's documentation does.",
                f"Quote the value of {key}", [(vstart, vend, f'"{value}"')],
            )


@check("LABEL")
def label_content(ins, ctx):
    for word in words(ins.args, ins.args_start):
        if word.unterminated:
            yield Finding(LABEL_SYNTAX, word.start, ins.args_end, "A quote is not closed: close it with the same quote.")
            return
        key, sep, _ = word.text.partition("=")
        if not sep or not key:
            yield Finding(LABEL_SYNTAX, word.start, word.end, f'{word.text} is not key="value": LABEL takes key="value" pairs.')
