"""The rule registry: every instruction rule is a function registered with its Rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..diagnostics import Finding, Rule
from ..parser import Instruction

COMPONENT, TEMPLATE, YAML = "component", "template", "yaml"


@dataclass(frozen=True, slots=True)
class Context:
    kind: str = COMPONENT  # component or template


Check = Callable[[Instruction, Context], Iterable[Finding]]
ALWAYS: list[Check] = []  # checks that look at every instruction
BY_KEYWORD: dict[str, list[Check]] = {}  # checks for one keyword with arguments
RULES: dict[str, Rule] = {}


def rule(code: str, severity: int, summary: str) -> Rule:
    """Declare a rule; its code is unique across the project."""
    if code in RULES:
        raise ValueError(f"duplicate rule code {code}")
    RULES[code] = Rule(code, severity, summary)
    return RULES[code]


def check(*keywords: str) -> Callable[[Check], Check]:
    """Register an instruction check: for every instruction, or only for
    instructions with these (upper-case) keywords that have arguments."""

    def register(fn: Check) -> Check:
        if not keywords:
            ALWAYS.append(fn)
        for keyword in keywords:
            BY_KEYWORD.setdefault(keyword, []).append(fn)
        return fn

    return register


def run_checks(ins: Instruction, ctx: Context) -> list[Finding]:
    """Every finding of the registered checks that apply to one instruction."""
    findings: list[Finding] = []
    for fn in ALWAYS:
        findings.extend(fn(ins, ctx))
    if ins.args_end > ins.args_start:
        for fn in BY_KEYWORD.get(ins.upper, ()):
            findings.extend(fn(ins, ctx))
    return findings


def keyword_span(ins: Instruction) -> tuple[int, int]:
    return ins.kw_start, ins.kw_end


def args_span(ins: Instruction) -> tuple[int, int]:
    return ins.args_start, ins.args_end
