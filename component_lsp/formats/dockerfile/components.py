"""What a template's COMPONENT line says (SPEC section 8): an id or an ARN, then ``--name value`` pairs.

``reference(ins)`` reads one COMPONENT instruction, in logical offsets,
with the problems that make it malformed; the rules report those problems
and the features place the rest. It is worked out once per instruction and
kept on it (an edit makes a new instruction).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .parser import Instruction
from .words import words

# Ids as the documentation writes them: ic- and lower-case letters and digits, the end maybe masked with *.
ID = re.compile(r"ic-[0-9a-z]+\**\Z|ic-\*+\Z")
REGION = re.compile(r"[a-z]{2,}(?:-[a-z0-9]+)+\Z")  # cn-hangzhou, ap-southeast-1, cn-beijing-finance-1
ACCOUNT = re.compile(r"[0-9]+\**\Z|\*+\Z")  # an Alibaba Cloud account id, maybe masked as the docs mask it
NAME = re.compile(r"[A-Za-z][A-Za-z0-9:_.-]{1,127}\Z")  # the component name rule: 2-128 characters
VERSION = re.compile(r"(?:[0-9]+|\*)\.(?:[0-9]+|\*)\.(?:[0-9]+|\*)\Z")
ARN_PREFIX = "acs:ecs:"
RESOURCE = "imagecomponent/"
FLAG = re.compile(r"--([A-Za-z0-9_.-]+)\Z")

ID_FORM = "ic-<id>"
ARN_FORM = "acs:ecs:<RegionId>:<AliUid>:imagecomponent/<Name>/<major>.<minor>.<patch>"


class Problem(NamedTuple):
    start: int
    end: int
    message: str


class Pair(NamedTuple):
    """A ``--name value`` pair in logical offsets (``value`` None when the flag has none)."""

    name: str
    start: int
    end: int
    value: str | None
    value_start: int
    value_end: int


class Reference(NamedTuple):
    """One COMPONENT line, read: its target, the component name an ARN gives, its pairs, and its problems."""

    target: str
    start: int
    end: int
    kind: str  # "id", "arn", "" (none, or neither)
    name: str | None
    name_start: int
    name_end: int
    region: str | None
    account: str | None
    version: str | None
    pairs: tuple[Pair, ...]
    problems: tuple[Problem, ...]


def _arn(
    text: str, start: int, problems: list[Problem]
) -> tuple[str | None, int, int, str | None, str | None, str | None]:
    """(name, its start, its end, region, account, version) of an ARN; what is wrong with it goes to ``problems``."""
    end = start + len(text)
    parts = text.split(":", 4)
    if len(parts) < 5 or not parts[4].startswith(RESOURCE) or text[: len(ARN_PREFIX)] != ARN_PREFIX:
        problems.append(Problem(start, end, f"{_short(text)} is not a component ARN: write {ARN_FORM}."))
        return None, start, start, None, None, None
    region, account, resource = parts[2], parts[3], parts[4]
    region_at = start + len(ARN_PREFIX)
    if not REGION.match(region):
        problems.append(
            Problem(
                region_at,
                region_at + len(region),
                f"{_short(region) if region else 'An empty region'} is not a region id: write one such as cn-hangzhou.",
            )
        )
    account_at = region_at + len(region) + 1
    if not ACCOUNT.match(account):
        problems.append(
            Problem(
                account_at,
                account_at + len(account),
                f"{_short(account) if account else 'An empty account'} is not an Alibaba Cloud account id (digits).",
            )
        )
    rest_at = account_at + len(account) + 1 + len(RESOURCE)
    rest = resource[len(RESOURCE) :]
    # The name may hold ':', never '/': the version follows the first '/', or else the last ':'.
    cut = rest.find("/")
    if cut < 0:
        last = rest.rfind(":")
        cut = last if last >= 0 and rest[last + 1 : last + 2] in tuple("0123456789*") else -1
    name, version = (rest[:cut], rest[cut + 1 :]) if cut >= 0 else (rest, None)
    name_end = rest_at + len(name)
    if name.lower().startswith(("http://", "https://")) or not NAME.match(name):
        problems.append(
            Problem(
                rest_at,
                name_end if name else end,
                f"{_short(name) if name else 'An empty name'} is not a component name: 2 to 128 characters, starting"
                " with a letter, then letters, digits, ':', '_', '.' or '-'.",
            )
        )
    if version is None:
        problems.append(
            Problem(
                start,
                end,
                "The ARN has no version: end it with /<major>.<minor>.<patch>, e.g. /1.0.0, or /1.*.* for the latest"
                " 1.x.",
            )
        )
    else:
        version_at = name_end + 1
        digits = version.split(".")
        wild = next((i for i, part in enumerate(digits) if part == "*"), len(digits))
        if not VERSION.match(version):
            problems.append(
                Problem(
                    version_at,
                    end,
                    f"{_short(version) if version else 'An empty version'} is not a version: write"
                    " <major>.<minor>.<patch>, e.g. 1.0.0, with * for the latest (1.0.*, 1.*.*).",
                )
            )
        elif any(part != "*" for part in digits[wild:]):
            problems.append(
                Problem(
                    version_at,
                    end,
                    f"In {version}, a number follows a *: once a part is * (the latest), the parts after it are * too,"
                    " e.g. 1.*.*.",
                )
            )
    return name, rest_at, name_end, region, account, version


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:60] + "…")


def reference(ins: Instruction) -> Reference:
    """The reference of a COMPONENT instruction (worked out once, and kept on it)."""
    cached = ins.kept.reference
    if cached is None:
        cached = ins.kept.reference = _read(ins)
    return cached  # type: ignore[return-value]


def _read(ins: Instruction) -> Reference:
    ws = words(ins.args, ins.args_start, ins.escape)
    problems: list[Problem] = []
    if not ws:
        return Reference("", ins.args_start, ins.args_start, "", None, 0, 0, None, None, None, (), ())
    if ws[-1].unterminated:
        problems.append(Problem(ws[-1].start, ins.args_end, "A quote is not closed: close it with the same quote."))
    first = ws[0]
    target, kind = first.value, ""
    name, name_start, name_end, region, account, version = None, first.start, first.start, None, None, None
    if target.startswith("ic-"):
        kind = "id"
        if not ID.match(target):
            problems.append(
                Problem(
                    first.start,
                    first.end,
                    f"{_short(target)} is not a component id: ic- then lower-case letters and digits, e.g."
                    " ic-bp18hy47cqavewsb****.",
                )
            )
    elif target.startswith("acs:"):
        kind = "arn"
        found: list[Problem] = []
        name, name_start, name_end, region, account, version = _arn(first.value, first.start, found)
        if first.text != first.value:  # quoted: place everything on the whole word
            name_start, name_end = first.start, first.end
            found = [Problem(first.start, first.end, p.message) for p in found]
        problems += found
    elif target.startswith("-"):
        problems.append(
            Problem(
                first.start,
                first.end,
                f"COMPONENT names the component first, then its parameters: write COMPONENT {ID_FORM}"
                f" {_short(target)[1:-1]} ...",
            )
        )
    else:
        problems.append(
            Problem(
                first.start,
                first.end,
                f"{_short(target)} is neither a component id ({ID_FORM}) nor an ARN ({ARN_FORM}).",
            )
        )
    pairs: list[Pair] = []
    seen: set[str] = set()
    index = 1
    while index < len(ws):
        word = ws[index]
        flag = FLAG.match(word.text)
        if flag is None:
            if word.text.startswith("--") and "=" in word.text:
                message = f"Write the parameter and its value apart: {word.text.replace('=', ' ', 1)}."
            elif word.text.startswith("-"):
                message = (
                    f"{_short(word.text)} is not a parameter: write --name value (two dashes, then letters, digits,"
                    " '_', '.' or '-')."
                )
            else:
                message = f"{_short(word.text)} follows no parameter: parameters are passed as --name value pairs."
            problems.append(Problem(word.start, word.end, message))
            index += 1
            continue
        key = flag.group(1)
        value = ws[index + 1] if index + 1 < len(ws) and not FLAG.match(ws[index + 1].text) else None
        if value is None:
            problems.append(
                Problem(
                    word.start, word.end, f"--{key} has no value: write --{key} <value> (quote a value with spaces)."
                )
            )
            pairs.append(Pair(key, word.start, word.end, None, word.end, word.end))
        else:
            pairs.append(Pair(key, word.start, word.end, value.value, value.start, value.end))
        if key in seen:
            problems.append(Problem(word.start, word.end, f"--{key} is passed twice: pass each parameter once."))
        seen.add(key)
        index += 1 if value is None else 2
    return Reference(
        target,
        first.start,
        first.end,
        kind,
        name,
        name_start,
        name_end,
        region,
        account,
        version,
        tuple(pairs),
        tuple(problems),
    )
