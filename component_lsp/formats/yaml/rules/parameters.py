"""One parameter: a `Type` of String, Number or Boolean, and a `DefaultValue` that fits it."""

from __future__ import annotations

from ....diagnostics import Diagnostic, Edit
from ..catalog import BOOLEAN, NUMBER, PARAMETER_KEYS, PARAMETER_TYPES, STRING
from ..reading import Mapping, Scalar, kind_of
from ..syntax import Part, end_of_line, key_text, text_of
from .base import INVALID, found, quoted, unknown_key


def _add_type(part: Part) -> list[Edit]:
    value, key, lines = part.node, part.key, part.lines
    if isinstance(value, Mapping) and value.pairs:
        col = value.pairs[0][0].start[1]
        at = (value.pairs[0][0].start[0], 0)
        return [Edit(at, at, f"{' ' * col}Type: String\n")]
    if key is None or (value is not None and not (isinstance(value, Scalar) and value.tag == "null")):
        return []
    at = end_of_line(lines, key.end[0])
    return [Edit(at, at, f"\n{' ' * (key.start[1] + 2)}Type: String")]


def check(part: Part) -> list[Diagnostic]:
    name = key_text(part.key)
    value = part.node
    if name is None:
        return [found(INVALID, "A parameter's name must be text.", part.key)]
    if value is None or (isinstance(value, Scalar) and value.tag == "null"):
        fix = _add_type(part)
        return [
            found(
                INVALID,
                f"The parameter `{name}` has no `Type`: add `Type: String` (or Number, Boolean).",
                part.key,
                "Add Type: String",
                fix,
            )
        ]
    if not isinstance(value, Mapping):
        return [
            found(
                INVALID,
                f"The parameter `{name}` must be a mapping with `Type` (and `DefaultValue`), not {kind_of(value)}.",
                value,
            )
        ]
    out: list[Diagnostic] = []
    for k, _ in value.pairs:
        key = key_text(k)
        if key not in PARAMETER_KEYS:
            taken = {key_text(other) for other, _ in value.pairs}
            out.append(
                unknown_key(
                    k,
                    key,
                    PARAMETER_KEYS,
                    f"A parameter has no key `{key}`.",
                    f"A parameter has {quoted(PARAMETER_KEYS)}.",
                    taken,
                )
            )
    kind_pair = value.get("Type")
    if kind_pair is None:
        out.append(
            found(
                INVALID,
                f"The parameter `{name}` has no `Type`: add `Type: String` (or Number, Boolean).",
                part.key,
                "Add Type: String",
                _add_type(part),
            )
        )
        return out
    kind = text_of(kind_pair[1])
    if kind not in PARAMETER_TYPES:
        guess = next((t for t in PARAMETER_TYPES if kind and t.lower() == kind.lower()), None)
        guess = guess or {"Integer": NUMBER, "Int": NUMBER, "Float": NUMBER, "Bool": BOOLEAN}.get(kind or "")
        fix = [Edit(kind_pair[1].start, kind_pair[1].end, guess)] if guess else []
        hint = f" Did you mean `{guess}`?" if guess else ""
        out.append(
            found(
                INVALID,
                f"`Type` must be String, Number or Boolean, not `{kind}`.{hint}",
                kind_pair[1],
                f"Change to {guess}" if guess else "",
                fix,
            )
        )
        return out
    default = value.get("DefaultValue")
    if default is not None:
        v = default[1]
        ok = False
        if isinstance(v, Scalar) and v.tag != "null":
            ok = kind == STRING or (
                isinstance(v.value, bool) == (kind == BOOLEAN)
                and (kind == BOOLEAN or isinstance(v.value, (int, float)))
            )
        if not ok:
            out.append(
                found(
                    INVALID,
                    f"The default of a {kind} parameter must be"
                    f" {'a number' if kind == NUMBER else 'true or false' if kind == BOOLEAN else 'a value'}, not"
                    f" {kind_of(v)}.",
                    v if kind_of(v) != "nothing" else default[0],
                )
            )
    return out
