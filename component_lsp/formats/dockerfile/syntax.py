"""What instructions say, for the rules and the features alike: ENV pairs, COPY operands, variables.

Its records are named tuples: a dataclass costs about 0.6 ms to define, and
the early start imports all of this before it answers ``initialize``.

Everything here reads parsed instructions (``parser.Instruction``) in
logical offsets; nothing here judges them. The rules decide what is wrong,
the features what to offer, from the same facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from .parser import Instruction, json_string_array, strip_flags
from .words import unquote, words

ENV_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
REFERENCE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}?|([A-Za-z_][A-Za-z0-9_]*))")
URL_SCHEMES = ("http://", "https://", "ftp://")


class Pair(NamedTuple):
    """One ENV variable, in logical offsets: its key and its value as written."""

    key: str
    key_start: int
    key_end: int
    value_start: int
    value_end: int


class Problem(NamedTuple):
    """Why an instruction's text cannot be read as its keyword wants: where, and what."""

    start: int
    end: int
    message: str


def env_pairs(ins: Instruction) -> tuple[tuple[Pair, ...], tuple[Problem, ...]]:
    """ENV's variables, and the problems that make the instruction malformed (read once per instruction: offsets
    are its own, wherever it is)."""
    memo = ins.remembered()
    found = memo.get("env_pairs")
    if found is None:
        pairs, problems = _env_pairs(ins)
        found = memo["env_pairs"] = (tuple(pairs), tuple(problems))  # shared by every caller: not to be changed
    return found


def _env_pairs(ins: Instruction) -> tuple[list[Pair], list[Problem]]:
    ws = words(ins.args, ins.args_start, ins.escape)
    pairs: list[Pair] = []
    problems: list[Problem] = []
    if not ws:
        return pairs, problems
    if ws[-1].unterminated:
        problems.append(Problem(ws[-1].start, ins.args_end, "a quote is not closed: close it with the same quote"))
        return pairs, problems
    first = ws[0]
    if "=" not in first.text:
        if len(ws) == 1:
            problems.append(
                Problem(first.start, first.end, f'{first.text} has no value: write ENV {first.text}="value"')
            )
        pairs.append(Pair(first.text, first.start, first.end, ws[1].start if len(ws) > 1 else first.end, ins.args_end))
    else:
        for word in ws:
            key, sep, _ = word.text.partition("=")
            if not sep:
                problems.append(
                    Problem(
                        word.start,
                        word.end,
                        f'{word.text} is not KEY="value": add ="value", or use the form ENV KEY value for one variable',
                    )
                )
                continue
            pairs.append(Pair(key, word.start, word.start + len(key), word.start + len(key) + 1, word.end))
    for pair in pairs:
        if not pair.key:
            problems.append(Problem(pair.key_start, pair.key_end + 1, "a variable name is missing before '='"))
        elif not ENV_KEY.match(pair.key):
            problems.append(
                Problem(
                    pair.key_start,
                    pair.key_end,
                    f"{pair.key!r} is not a valid variable name: use letters, digits and _, not starting with a digit",
                )
            )
    return pairs, problems


def env_value(ins: Instruction, pair: Pair) -> str:
    """A variable's value once quotes and escapes are removed."""
    return unquote(ins.logical[pair.value_start : pair.value_end], ins.escape)


class Operand(NamedTuple):
    """A COPY source or destination: its value, and where it is written."""

    value: str
    start: int
    end: int


def copy_operands(ins: Instruction) -> list[Operand]:
    """COPY's operands, from the exec or the shell form."""
    rest, offset = strip_flags(ins.args)
    base = ins.args_start + offset
    try:
        items = json_string_array(rest)
    except ValueError:
        items = None
    if items is not None:
        return [Operand(item, base, ins.args_end) for item in items]
    return [Operand(w.value, w.start, w.end) for w in words(rest, base, ins.escape)]


def is_url(text: str) -> bool:
    return text.lower().startswith(URL_SCHEMES)


class Variable(NamedTuple):
    name: str
    value: str
    line: int  # model line of the ENV that sets it


def defined_before(env: Iterable[Instruction], line: int) -> dict[str, Variable]:
    """Variables set by the ENV instructions ``env`` that start before ``line`` (the last one wins)."""
    found = sorted((ins for ins in env if ins.start < line), key=lambda ins: ins.start)
    out: dict[str, Variable] = {}
    for ins in found:
        pairs, _ = env_pairs(ins)
        for pair in pairs:
            if ENV_KEY.match(pair.key):
                out[pair.key] = Variable(pair.key, env_value(ins, pair), ins.start)
    return out


def reference_at(text: str, offset: int) -> tuple[str, int, int] | None:
    """The ``$NAME`` or ``${NAME}`` reference covering ``offset``: (name, start, end)."""
    for match in REFERENCE.finditer(text):
        if match.start() <= offset <= match.end():
            return match.group(1) or match.group(2), match.start(), match.end()
        if match.start() > offset:
            break
    return None
