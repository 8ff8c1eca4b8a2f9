"""The rule registry: every instruction rule is a function registered with its Rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..diagnostics import Finding, Rule
from ..parser import Instruction

COMPONENT, TEMPLATE = "component", "template"


@dataclass(frozen=True, slots=True)
class Context:
    kind: str = COMPONENT  # component or template


Check = Callable[[Instruction, Context], Iterable[Finding]]
CHECKS: list[Check] = []
RULES: dict[str, Rule] = {}


def rule(code: str, severity: int, summary: str) -> Rule:
    """Declare a rule; its code is unique across the project."""
    if code in RULES:
        raise ValueError(f"duplicate rule code {code}")
    RULES[code] = Rule(code, severity, summary)
    return RULES[code]


def check(fn: Check) -> Check:
    """Register an instruction check."""
    CHECKS.append(fn)
    return fn


def keyword_span(ins: Instruction) -> tuple[int, int]:
    return ins.kw_start, ins.kw_end


def args_span(ins: Instruction) -> tuple[int, int]:
    return ins.args_start, ins.args_end
