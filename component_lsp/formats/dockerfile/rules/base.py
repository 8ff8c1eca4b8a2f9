"""The rule registry of the Dockerfile format: checks of one instruction, and checks of the document.

A rule module declares its codes (``diagnostics.rule``) and registers its
checks here with ``@check``: for every instruction, for instructions of some
keywords that have arguments, or (``document=True``) once for the document.
Instruction checks run on one instruction at a time, so that an edit
re-checks only what it touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from ....diagnostics import Diagnostic, Finding
from ...base import COMPONENT
from ..parser import Instruction


class Context(NamedTuple):
    dialect: str = COMPONENT  # component or template


InstructionCheck = Callable[[Instruction, Context], Iterable[Finding]]
DocumentCheck = Callable[[Any, Context], Iterable[Diagnostic]]  # (the model, the context)
ALWAYS: list[InstructionCheck] = []  # checks that look at every instruction
BY_KEYWORD: dict[str, list[InstructionCheck]] = {}  # checks for one keyword with arguments
DOCUMENT: list[DocumentCheck] = []  # checks that look at the whole document


def check(*keywords: str, document: bool = False) -> Callable[[Any], Any]:
    """Register a check: for every instruction, only for instructions with these
    (upper-case) keywords that have arguments, or with ``document`` for the document."""

    def register(fn):
        if document:
            DOCUMENT.append(fn)
        elif not keywords:
            ALWAYS.append(fn)
        for keyword in keywords:
            BY_KEYWORD.setdefault(keyword, []).append(fn)
        return fn

    return register


def check_instruction(ins: Instruction, ctx: Context) -> list[Finding]:
    """Every finding of the registered checks that apply to one instruction."""
    findings: list[Finding] = []
    for fn in ALWAYS:
        findings.extend(fn(ins, ctx))
    if ins.args_end > ins.args_start:
        for fn in BY_KEYWORD.get(ins.upper, ()):
            findings.extend(fn(ins, ctx))
    return findings


def check_document(model, ctx: Context) -> list[Diagnostic]:
    """Every diagnostic of the registered document checks."""
    out: list[Diagnostic] = []
    for fn in DOCUMENT:
        out.extend(fn(model, ctx))
    return out


def keyword_span(ins: Instruction) -> tuple[int, int]:
    return ins.kw_start, ins.kw_end


def args_span(ins: Instruction) -> tuple[int, int]:
    return ins.args_start, ins.args_end
