"""Words of an argument string, with their offsets, honouring quotes and escapes."""

from __future__ import annotations

from dataclasses import dataclass

from .parser import GO_SPACE


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str  # as written, quotes included
    unterminated: bool = False


def words(text: str, base: int = 0, escape: str = "\\") -> list[Word]:
    """Split ``text`` into shell-like words; offsets are ``base`` + index."""
    out: list[Word] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] in GO_SPACE:
            i += 1
            continue
        start = i
        quote = ""
        while i < n:
            ch = text[i]
            if quote:
                if ch == escape and quote == '"' and i + 1 < n:
                    i += 2
                    continue
                if ch == quote:
                    quote = ""
            elif ch in "\"'":
                quote = ch
            elif ch == escape:
                i += 1
            elif ch in GO_SPACE:
                break
            i += 1
        i = min(i, n)
        out.append(Word(base + start, base + i, text[start:i], bool(quote)))
    return out


def unquote(text: str, escape: str = "\\") -> str:
    """The value of a word once quotes and escapes are removed."""
    out = []
    quote = ""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
            elif ch == escape and quote == '"' and i + 1 < n and text[i + 1] in f'"{escape}$':
                i += 1
                out.append(text[i])
            else:
                out.append(ch)
        elif ch in "\"'":
            quote = ch
        elif ch == escape and i + 1 < n:
            i += 1
            out.append(text[i])
        else:
            out.append(ch)
        i += 1
    return "".join(out)
