"""A template's COMPONENT line (SPEC section 8): an id or an ARN that can be read, then ``--name value`` pairs."""

from __future__ import annotations

from ....diagnostics import ERROR, Finding, rule
from ...base import TEMPLATE
from ..components import reference
from .base import check

CONTENT = rule(
    "InvalidCommandContent.COMPONENT",
    ERROR,
    "A COMPONENT line that cannot be read: not an id (ic-...) or an ARN with a region, account, name and version, "
    "or parameters that are not --name value pairs (a flag without a value, one passed twice, a bare word).",
)


@check("COMPONENT")
def component_content(ins, ctx):
    if ctx.dialect != TEMPLATE:  # in a component, COMPONENT itself is the error (rules/keywords.py)
        return
    for problem in reference(ins).problems:
        yield Finding(CONTENT, problem.start, problem.end, problem.message)
