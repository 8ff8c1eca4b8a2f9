"""The exec form of RUN, CMD and ENTRYPOINT: a JSON array of strings, or else the shell form (SPEC section 6).

BuildKit runs anything that does not read as a JSON array of strings as a
shell command (`RUN [ -f /etc/os-release ] && cat /etc/os-release` is a
shell test), and nothing says the service rejects it: no error. Only text
that plainly tries the exec form and misses (it starts with `["` or `['`, or
ends with `]` after a quoted word) gets a warning, since it will not run as
its author meant.
"""

from __future__ import annotations

import re

from ....diagnostics import WARNING, Finding, rule
from ..parser import json_string_array
from .base import args_span, check

KEYWORDS = ("RUN", "CMD", "ENTRYPOINT")
NOT_JSON = rule(
    "Lint.ExecFormNotJson",
    WARNING,
    'Text that tries the exec form (`["...`) but is not a JSON array of strings, so it runs as a shell command.',
)
_QUOTED_THEN_BRACKET = re.compile(r"""["'][ \t]*\][ \t]*\Z""")


def tries_exec_form(args: str) -> bool:
    return args.startswith(('["', "['")) or (args.startswith("[") and _QUOTED_THEN_BRACKET.search(args) is not None)


@check(*KEYWORDS)
def exec_form(ins, ctx):
    args = ins.args
    if not args.startswith("[") or not tries_exec_form(args.rstrip()):
        return
    try:
        if json_string_array(args) is not None:
            return
        problem = "it is not valid JSON"
    except ValueError:
        problem = "it holds something other than strings"
    start, end = args_span(ins)
    hint = (
        'write ["executable", "param"] with double quotes and commas'
        if problem == "it is not valid JSON"
        else "quote every item"
    )
    message = (
        f"{ins.upper} looks like the exec form, but {problem}, so it runs as a shell command: {hint}, or drop the"
        " brackets."
    )
    yield Finding(NOT_JSON, start, end, message)
