"""The outline and folding of a YAML-format component: `Parameters` and `Tasks`, each parameter (its Type) and
each task (its action) under them; every block over several lines, and runs of comments, fold."""

from __future__ import annotations

from ..base import FUNCTION, NAMESPACE, VARIABLE_SYMBOL, Budget, Fold, Symbol, comment_runs
from .reading import Mapping
from .segments import PARAM, TASK, TOP
from .syntax import key_text, last_line, text_of


def _at(position, line: int):
    return (position[0] + line, position[1])


def symbols(model) -> list[Symbol]:
    if not model.reads():
        return []
    lines = model.source.lines
    tops: list[list] = []  # [symbol fields..., children]
    for placed in model.placed():
        part, line = placed.part, placed.line
        if part.kind == TOP and part.key is not None:
            name = key_text(part.key) or "?"
            start = _at(part.key.start, line)
            last = last_line(part.node) + line if part.node is not None else start[0]
            tops.append([name, start, last, _at(part.key.end, line), []])
        elif part.kind == TASK and part.node is not None and tops:
            task = placed.facts.task
            name_node = task.name_node if task is not None and task.name_node is not None else part.node
            name = (task.name if task is not None and task.name else None) or "(a task without a Name)"
            start, last = _at(part.node.start, line), last_line(part.node) + line
            end = (last, len(lines[min(last, len(lines) - 1)].rstrip("\r\n")))
            tops[-1][4].append(
                Symbol(
                    name,
                    (task.action or "") if task else "",
                    FUNCTION,
                    start,
                    end,
                    _at(name_node.start, line),
                    _at(name_node.end, line),
                )
            )
            tops[-1][2] = max(tops[-1][2], last)
        elif part.kind == PARAM and part.key is not None and tops:
            kind = ""
            if isinstance(part.node, Mapping):
                pair = part.node.get("Type")
                kind = (text_of(pair[1]) or "") if pair else ""
            start = _at(part.key.start, line)
            last = last_line(part.node) + line if part.node is not None else start[0]
            end = (last, len(lines[min(last, len(lines) - 1)].rstrip("\r\n")))
            tops[-1][4].append(
                Symbol(key_text(part.key) or "?", kind, VARIABLE_SYMBOL, start, end, start, _at(part.key.end, line))
            )
            tops[-1][2] = max(tops[-1][2], last)
    out = []
    for name, start, last, select_end, children in tops:
        end = (last, len(lines[min(last, len(lines) - 1)].rstrip("\r\n")))
        out.append(Symbol(name, "", NAMESPACE, start, end, start, select_end, tuple(children)))
    return out


def folding(model) -> list[Fold]:
    out = []
    for top in symbols(model):
        if top.end[0] > top.start[0]:
            out.append(Fold(top.start[0], top.end[0]))
        out += [Fold(s.start[0], s.end[0]) for s in top.children if s.end[0] > s.start[0]]
    out += [Fold(a, b, "comment") for a, b in comment_runs(model.source.lines)]
    out.sort()
    return out


def budget(model) -> Budget:
    """Bytes, and tasks: counted from the cuts while each reads as it should (on every keystroke, for the budget's
    warning), from the text read whole otherwise."""
    if not model.irregular:
        tasks = model.tasks
    else:
        tasks = sum(1 for placed in model.placed() if placed.part.kind == TASK) if model.reads() else 0
    return Budget(model.source.byte_size, tasks, "tasks", firm=False)
