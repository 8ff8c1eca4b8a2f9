"""The one shell-word lexer: words with their offsets, as BuildKit's lexer splits them.

Quotes and escapes group characters into words; white space (Go's) separates
them. Each word keeps its text as written and its value once quotes and
escapes are removed. With ``expansions``, a ``${...}`` must be well formed
and its text is split on white space as BuildKit does when it expands a
word (what heredoc names need); without, ``$`` is an ordinary character
(what the instruction rules need: an unset variable is left as written).

Where the lexer fails (a quote left open, with ``expansions`` a malformed
``${...}``), the last word runs to the end of the text and is marked
``unterminated``.
"""

from __future__ import annotations

from typing import NamedTuple

# Go's unicode.IsSpace (Python's str.isspace also counts \x1c-\x1f).
GO_SPACE = (
    "\t\n\v\f\r"
    " \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


class Word(NamedTuple):
    start: int
    end: int
    text: str  # as written, quotes and escapes included
    value: str  # with quotes and escapes removed
    unterminated: bool = False


def _name_end(text: str, i: int) -> int:
    """The end of a variable name at ``i``, as BuildKit's lexer reads one."""
    n = len(text)
    if i < n and text[i].isdecimal():
        while i < n and text[i].isdecimal():
            i += 1
        return i
    if i < n and text[i] in "@*#?-$!0":
        return i + 1
    while i < n and (text[i].isalpha() or text[i].isdecimal() or text[i] == "_"):
        i += 1
    return i


class _Lexer:
    def __init__(self, text: str, escape: str, expansions: bool, split: bool = True) -> None:
        self.text, self.escape, self.expansions = text, escape, expansions
        self.spaces = GO_SPACE if split else ""

    def double_quote_end(self, i: int) -> int | None:
        """The index after the double-quoted string opening at ``i``; None if it is not closed."""
        text, escape = self.text, self.escape
        i += 1
        n = len(text)
        while i < n:
            c = text[i]
            if c == '"':
                return i + 1
            if c == "$" and self.expansions:
                end = self.dollar_end(i)
                if end is None:
                    return None
                i = end
            elif c == escape and i + 1 < n and text[i + 1] in f'"${escape}':
                i += 2
            else:
                i += 1
        return None

    def braces_end(self, i: int) -> int | None:
        """The index after the ``}`` closing a substitution's word; None if there is none."""
        text = self.text
        n = len(text)
        while i < n:
            c = text[i]
            if c == "}":
                return i + 1
            if c == "'":
                close = text.find("'", i + 1)
                if close < 0:
                    return None
                i = close + 1
            elif c == '"':
                end = self.double_quote_end(i)
                if end is None:
                    return None
                i = end
            elif c == "$":
                end = self.dollar_end(i)
                if end is None:
                    return None
                i = end
            elif c == self.escape:
                i += 2
            else:
                i += 1
        return None

    def dollar_end(self, i: int) -> int | None:
        """The index after the ``$`` expansion at ``i``; None where BuildKit's lexer fails on it.

        ``$name`` is plain text to it (unset variables are left as written);
        ``${name}``, ``${name:<m>word}`` and ``${name<+-?>word}`` are accepted.
        """
        text = self.text
        n = len(text)
        if i + 1 >= n or text[i + 1] != "{":
            return i + 1
        i += 2
        if i >= n or text[i] in "{}:":
            return None
        i = _name_end(text, i)
        if i >= n:
            return None
        ch = text[i]
        i += 1
        if ch == "}":
            return i
        if ch == ":":
            if i >= n:
                return None
            i += 1  # the modifier
        elif ch not in "+-?":
            return None
        return self.braces_end(i)

    def unescape_double(self, inner: str) -> str:
        out, i, n, escape = [], 0, len(inner), self.escape
        while i < n:
            if inner[i] == escape and i + 1 < n and inner[i + 1] in f'"${escape}':
                i += 1
            out.append(inner[i])
            i += 1
        return "".join(out)

    def words(self, base: int) -> list[Word]:
        text, escape = self.text, self.escape
        out: list[Word] = []
        value: list[str] = []
        start = -1  # of the word being read, while one is
        i, n = 0, len(text)

        def close(end: int, unterminated: bool = False) -> None:
            nonlocal start
            if start >= 0:
                out.append(Word(base + start, base + end, text[start:end], "".join(value), unterminated))
                value.clear()
                start = -1

        def fail() -> list[Word]:
            nonlocal start
            if start < 0:
                start = i
            value.append(text[i + 1 :] if text[i] in "'\"" else text[i:])  # an open quote: the rest is its text
            close(n, unterminated=True)
            return out

        while i < n:
            ch = text[i]
            if ch in self.spaces:
                close(i)
                i += 1
                continue
            if start < 0:
                start = i
            if ch == "'":
                end = text.find("'", i + 1)
                if end < 0:
                    return fail()
                value.append(text[i + 1 : end])
                i = end + 1
            elif ch == '"':
                closed = self.double_quote_end(i)
                if closed is None:
                    return fail()
                value.append(self.unescape_double(text[i + 1 : closed - 1]))
                i = closed
            elif ch == "$" and self.expansions:
                expanded = self.dollar_end(i)
                if expanded is None:
                    return fail()
                # Expanded text is split on white space, like any unquoted text.
                for at in range(i, expanded):
                    if text[at] in self.spaces:
                        close(at)
                    else:
                        if start < 0:
                            start = at
                        value.append(text[at])
                i = expanded
            elif ch == escape:
                if i + 1 < n:
                    value.append(text[i + 1])
                elif start == i and self.expansions:
                    start = -1  # BuildKit: an escape that ends the text, alone, makes no word
                i += 2
            else:
                value.append(ch)
                i += 1
        close(min(i, n))
        return out


def words(text: str, base: int = 0, escape: str = "\\", expansions: bool = False) -> list[Word]:
    """Split ``text`` into words; their offsets are ``base`` + index in ``text``."""
    return _Lexer(text, escape, expansions).words(base)


def unquote(text: str, escape: str = "\\") -> str:
    """The value of a text, white space and all, once quotes and escapes are removed."""
    found = _Lexer(text, escape, expansions=False, split=False).words(0)
    return found[0].value if found else ""
