"""Instructions that need an argument, and RESTART, which takes none."""

from __future__ import annotations

from ....diagnostics import ERROR, Finding, rule
from ...base import TEMPLATE
from ..catalog import NEEDS_ARGUMENT
from .base import args_span, check, keyword_span

EMPTY = {kw: rule(f"EmptyCommandContent.{kw}", ERROR, f"`{kw}` with nothing after it.") for kw in NEEDS_ARGUMENT}
EMPTY_COMPONENT = rule(
    "EmptyCommandContent.COMPONENT", ERROR, "`COMPONENT` (in a template) without a component id or ARN."
)
RESTART = rule("NotEmptyCommandContent.RESTART", ERROR, "Anything after `RESTART`.")

HINTS = {
    "RUN": "RUN needs a shell command, e.g. RUN yum update -y.",
    "ENV": 'ENV needs a variable, e.g. ENV NAME="value".',
    "LABEL": 'LABEL needs key-value pairs, e.g. LABEL owner="ops".',
    "COPY": "COPY needs a source and a destination directory, e.g. COPY /tmp/app.tar.gz /opt/.",
    "ENTRYPOINT": 'ENTRYPOINT needs a program, e.g. ENTRYPOINT ["/usr/bin/app"].',
    "CMD": 'CMD needs a command, e.g. CMD ["/usr/bin/app", "--serve"].',
    "WORKDIR": "WORKDIR needs a path, e.g. WORKDIR /opt/app.",
    "USER": "USER needs a user name, e.g. USER admin.",
}


@check()
def empty_content(ins, ctx):
    upper = ins.upper
    if ins.args:
        return
    if upper in EMPTY:
        start, end = keyword_span(ins)
        yield Finding(EMPTY[upper], start, end, f"{upper} has no content. {HINTS[upper]}")
    elif upper == "COMPONENT" and ctx.dialect == TEMPLATE:
        start, end = keyword_span(ins)
        yield Finding(
            EMPTY_COMPONENT,
            start,
            end,
            "COMPONENT needs a component id or ARN, e.g. COMPONENT ic-bp18hy47cqavewsb****.",
        )


@check("RESTART")
def restart_alone(ins, ctx):
    start, end = args_span(ins)
    yield Finding(
        RESTART,
        start,
        end,
        "Nothing may follow RESTART. Put this on a RUN line of its own, or remove it.",
        "Remove what follows RESTART",
        [(ins.kw_end, end, "")],
    )
