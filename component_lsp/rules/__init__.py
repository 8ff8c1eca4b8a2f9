"""The rules: each module registers small checks with their codes.

Instruction rules run on one instruction at a time (so an edit re-checks only
what it touched); ``document`` holds the checks that look at the whole file.
"""

from . import arguments, exec_form, keywords, pairs, paths, syntax  # noqa: F401  (registers checks)
from .base import COMPONENT, RULES, TEMPLATE, YAML, Context
from .base import run_checks as check_instruction

__all__ = ["COMPONENT", "RULES", "TEMPLATE", "YAML", "Context", "check_instruction"]
