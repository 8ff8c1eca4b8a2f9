"""Formatting Dockerfile-format text, conservatively: what it changes cannot change what the text means.

- keywords Image Builder knows are written in upper case;
- trailing spaces and tabs go, except on a line with `<<` (a heredoc's name) or before a lone CR;
- the lines that continue an instruction, if indented, are indented alike (four spaces), unless the caller says
  to leave them; a line that continues a quoted string, a JSON array (exec form), a heredoc's body, a comment
  and a line without indentation (its text joins the line before it) are never moved.

Edits are minimal (only what changes), so a range format touches only its lines. ``on_type`` is the same
policy for one keystroke: Enter after a line that ends with the escape character indents the new line.
"""

from __future__ import annotations

from bisect import bisect_left

from ...diagnostics import Edit
from .catalog import KNOWN

INDENT = "    "


def _trailing(lines: list[str], n: int) -> Edit | None:
    line = lines[n]
    body = line[:-2] if line.endswith("\r\n") else line[:-1] if line.endswith("\n") else line
    kept = body.rstrip(" \t")
    if kept.endswith("\r") or "<<" in kept:
        # A lone CR is no line break to BuildKit: without the space, it would be CRLF. After `<<`, BuildKit reads a
        # heredoc's name up to the end of the line, trailing space and all (`<<EOF\ ` is not `<<EOF\`).
        return None
    return Edit((n, len(kept)), (n, len(body)), "") if len(kept) < len(body) else None


def _inside_quotes(ins, offsets: list[int]) -> dict[int, bool]:
    """For each logical offset (in order), whether a quote is open there: one pass over the text, as the shell reads
    quotes (nothing escapes inside single quotes)."""
    out: dict[int, bool] = {}
    text, escape = ins.logical, ins.escape
    quote = ""
    i = ins.args_start
    for offset in offsets:
        while i < min(offset, len(text)):
            ch = text[i]
            if ch == escape and quote != "'":
                i += 2
                continue
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "\"'":
                quote = ch
            i += 1
        out[offset] = bool(quote)
    return out


def format_edits(model, first: int = 0, last: int | None = None, reindent: bool = True) -> list[Edit]:
    """The edits that format the lines ``first``..``last`` (every line by default).

    Formatting the whole text keeps each instruction's edits on it while it is unchanged and where it was, so a
    document formatted again after an edit looks again only at what the edit touched (and at the lines between
    instructions).
    """
    lines = model.source.lines
    last = len(lines) - 1 if last is None else min(last, len(lines) - 1)
    if first == 0 and last == len(lines) - 1:
        return _whole(model, reindent)
    edits: list[Edit] = []
    instructions = model.instructions
    k = bisect_left(instructions, first, key=lambda ins: ins.end)
    line = first  # the first line not looked at yet: lines between instructions lose trailing space only
    for index in range(k, len(instructions)):
        ins = instructions[index]
        if ins.start > last:
            break
        edits += _gap(lines, line, min(ins.start, last + 1))
        line = max(line, ins.end + 1)
        edits += _instruction(model, ins, first, last, reindent)
    edits += _gap(lines, line, last + 1)
    return edits


def _whole(model, reindent: bool) -> list[Edit]:
    """Every line's edits, each instruction's kept on it (with where it was) until it changes or moves."""
    lines = model.source.lines
    last = len(lines) - 1
    edits: list[Edit] = []
    line = 0
    for ins in model.instructions:
        start = ins.start
        if start > line:
            edits += _gap(lines, line, start)
        if ins.end >= line:
            line = ins.end + 1
        memo = ins.remembered()
        kept = memo.get("formatted")
        if kept is None or kept[0] != start or kept[1] is not reindent:
            kept = memo["formatted"] = (start, reindent, _instruction(model, ins, 0, last, reindent))
        if kept[2]:
            edits += kept[2]
    return edits + _gap(lines, line, last + 1)


TRAILING = (" \n", "\t\n", " \r\n", "\t\r\n", " ", "\t")


def _gap(lines: list[str], start: int, stop: int) -> list[Edit]:
    """Trailing space on the lines ``start``..``stop - 1``, which no instruction holds."""
    out = []
    for n in range(start, stop):
        if lines[n].endswith(TRAILING):
            trailing = _trailing(lines, n)
            if trailing is not None:
                out.append(trailing)
    return out


def _instruction(model, ins, first: int, last: int, reindent: bool) -> list[Edit]:
    """One instruction's edits, on its lines from ``first`` to ``last``, in order."""
    lines = model.source.lines
    edits: list[Edit] = []
    logical_last = ins.start + max(seg[1] for seg in ins.segments)
    if first <= ins.start <= last and ins.keyword and ins.keyword != ins.upper and ins.upper in KNOWN:
        start, end = model.place(ins, ins.kw_start, ins.kw_end)
        edits.append(Edit(start, end, ins.upper))
    starts = {seg[1]: seg[0] for seg in ins.segments}
    quoted = (
        _inside_quotes(ins, sorted(starts.values()))
        if reindent and len(starts) > 1 and not ins.written.json_form
        else {}
    )
    for n in range(max(ins.start, first), min(logical_last, last) + 1):  # a heredoc's body (after it) is left alone
        offset = n - ins.start
        body = lines[n].rstrip("\r\n")
        if reindent and offset > 0 and offset in starts and not ins.written.json_form and body.strip():
            inside = quoted.get(starts[offset], False)
            lead = len(body) - len(body.lstrip(" \t"))
            # Only whitespace that is there is changed: `a\` then `b` is `ab`, which an indent would split.
            if not inside and lead and body[:lead] != INDENT and not body.lstrip().startswith("#"):
                edits.append(Edit((n, 0), (n, lead), INDENT))
        trailing = _trailing(lines, n)
        if trailing is not None:
            edits.append(trailing)
    return edits


def on_type(model, line: int, col: int, typed: str, reindent: bool = True) -> list[Edit]:
    """What typing ``typed`` just before (``line``, ``col``) formats: after Enter at the end of a line that
    continues an instruction, that line loses its trailing space and the new line is indented as Format
    Document indents it (if it is blank or indented, outside quotes and exec form). Nothing otherwise."""
    lines = model.source.lines
    if typed != "\n" or not 0 < line < len(lines):
        return []
    ins = model.instruction_at(line - 1)
    before = lines[line - 1].rstrip("\r\n")
    if ins is None or not before.rstrip(" \t").endswith(ins.escape) or before.lstrip().startswith("#"):
        return []
    offset = line - 1 - ins.start
    if offset > max(seg[1] for seg in ins.segments):  # a heredoc's body
        return []
    edits = [e for e in (_trailing(lines, line - 1),) if e is not None]
    if reindent and not ins.written.json_form:
        after = [seg[0] for seg in ins.segments if seg[1] > offset]
        at = min(after) if after else len(ins.logical)
        body = lines[line].rstrip("\r\n")
        lead = len(body) - len(body.lstrip(" \t"))
        fits = (lead or not body.strip()) and body[:lead] != INDENT and not body.lstrip().startswith("#")
        if fits and not _inside_quotes(ins, [at])[at]:
            edits.append(Edit((line, 0), (line, lead), INDENT))
    return edits
