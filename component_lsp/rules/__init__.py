"""The rules: each module registers small checks with their codes.

Instruction rules run on one instruction at a time (so an edit re-checks only
what it touched); ``document`` holds the checks that look at the whole file.
"""

from . import arguments, exec_form, keywords, pairs, paths, syntax  # noqa: F401  (registers checks)
from .base import CHECKS, COMPONENT, RULES, TEMPLATE, Context

__all__ = ["CHECKS", "COMPONENT", "RULES", "TEMPLATE", "Context", "check_instruction"]


def check_instruction(ins, ctx: Context) -> list:
    findings = []
    for fn in CHECKS:
        findings.extend(fn(ins, ctx))
    return findings
