"""The outline, folding and links of Dockerfile-format text: instructions (ENV's variables and a COMPONENT's
parameters under them), multi-line instructions and runs of comments, and COPY's URLs."""

from __future__ import annotations

from ..base import FUNCTION, MODULE, PROPERTY_SYMBOL, VARIABLE_SYMBOL, Budget, Fold, Link, Symbol, comment_runs
from .components import reference
from .syntax import copy_operands, env_pairs, is_url

DETAIL = 60  # characters of an instruction's arguments shown beside it


def _detail(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= DETAIL else text[:DETAIL] + "…"


def symbols(model) -> list[Symbol]:
    """Each instruction's entry, kept while the instruction is unchanged and on its lines (an edit elsewhere
    makes only the entries of what it touched, or moved, anew)."""
    return list(
        filter(None, model.per_instruction("outline", lambda ins: _symbol(model, ins) if ins.keyword else None))
    )


def _symbol(model, ins) -> Symbol:
    start = (ins.start, 0)
    end = (ins.end, len(model.source.line_text(ins.end)))
    name_start, name_end = model.place(ins, ins.kw_start, ins.kw_end)
    children: list[Symbol] = []
    detail = _detail(ins.args)
    kind = FUNCTION
    if ins.upper == "ENV":
        pairs, _ = env_pairs(ins)
        for pair in pairs:
            a, b = model.place(ins, pair.key_start, pair.key_end)
            _, c = model.place(ins, pair.key_start, pair.value_end)
            children.append(
                Symbol(
                    pair.key or "?",
                    _detail(ins.logical[pair.value_start : pair.value_end]),
                    VARIABLE_SYMBOL,
                    a,
                    c,
                    a,
                    b,
                )
            )
    elif ins.upper == "COMPONENT":
        ref = reference(ins)
        kind = MODULE
        detail = ref.name or ref.target or detail
        for p in ref.pairs:
            a, b = model.place(ins, p.start, p.end)
            _, c = model.place(ins, p.start, p.value_end)
            children.append(Symbol(f"--{p.name}", p.value or "", PROPERTY_SYMBOL, a, c, a, b))
    return Symbol(ins.upper, detail, kind, start, end, name_start, name_end, tuple(children))


def folding(model) -> list[Fold]:
    """Instructions over several lines, and runs of two or more comment lines."""
    out = []
    inside: set[int] = set()  # lines an instruction continues onto: a comment there is the instruction's
    for ins in model.instructions:
        if ins.end > ins.start:
            out.append(Fold(ins.start, ins.end))
            inside.update(range(ins.start + 1, ins.end + 1))
    out += [Fold(a, b, "comment") for a, b in comment_runs(model.source.lines, inside.__contains__)]
    out.sort()
    return out


def links(model) -> list[Link]:
    """COPY's URL sources."""
    out = []
    for ins in sorted(model.by_keyword.get("COPY", ()), key=lambda ins: ins.start):
        for op in copy_operands(ins)[:1]:
            if is_url(op.value) and ins.logical[op.start : op.end] == op.value:
                start, end = model.place(ins, op.start, op.end)
                out.append(Link(start, end, op.value))
    return out


def budget(model) -> Budget:
    return Budget(model.source.byte_size, len(model.instructions), "commands")
