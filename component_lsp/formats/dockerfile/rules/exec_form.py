"""The exec form of RUN, CMD and ENTRYPOINT: a JSON array of strings."""

from __future__ import annotations

from ....diagnostics import ERROR, Finding, rule
from ..parser import json_string_array
from .base import args_span, check

KEYWORDS = ("RUN", "CMD", "ENTRYPOINT")
INVALID = {kw: rule(f"InvalidCommandContent.{kw}", ERROR, f"`{kw}` starting with `[` that is not a JSON array of strings.") for kw in KEYWORDS}


@check(*KEYWORDS)
def exec_form(ins, ctx):
    upper = ins.upper
    if not ins.args.startswith("["):
        return
    try:
        ok = json_string_array(ins.args) is not None
        problem = "it is not valid JSON"
    except ValueError:
        ok, problem = False, "it holds something other than strings"
    if ok:
        return
    start, end = args_span(ins)
    hint = 'write ["executable", "param"] with double quotes'
    if upper == "RUN":
        hint += ", or write the shell test as `test ...` instead of `[ ... ]`"
    else:
        hint += ", or drop the brackets for the shell form"
    yield Finding(INVALID[upper], start, end, f"{upper} starts with '[' but {problem}: {hint}.")
