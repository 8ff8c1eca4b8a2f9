"""WORKDIR, USER and COPY: their paths, names and URLs."""

from __future__ import annotations

from ..diagnostics import INFORMATION, Finding
from ..parser import GO_SPACE, json_string_array, strip_flags
from ..tokens import unquote, words
from .base import check, rule
from .exec_form import INVALID

RELATIVE_WORKDIR = rule("Lint.RelativeWorkdir", INFORMATION, "A relative WORKDIR, which depends on the directory before it.")
COPY_URL = rule("Lint.CopyNeedsInternet", INFORMATION, "COPY from a URL: the build VM needs Internet access.")


ONE_WORD = {
    "WORKDIR": "WORKDIR takes exactly one path: remove the extra words, or quote a path that has spaces.",
    "USER": "USER takes one user name without spaces: remove the extra words.",
}


@check(*ONE_WORD)
def one_word(ins, ctx):
    ws = words(ins.args, ins.args_start)
    if len(ws) > 1:
        yield Finding(INVALID[ins.upper], ws[1].start, ws[-1].end, ONE_WORD[ins.upper])
    elif ins.upper == "USER" and any(ch in GO_SPACE for ch in unquote(ws[0].text)):
        yield Finding(INVALID["USER"], ws[0].start, ws[0].end, "A user name cannot contain spaces: use the account's login name.")


@check("WORKDIR")
def relative_workdir(ins, ctx):
    ws = words(ins.args, ins.args_start)
    if len(ws) != 1:
        return
    path = unquote(ws[0].text)
    if not path.startswith(("/", "$")):
        yield Finding(RELATIVE_WORKDIR, ws[0].start, ws[0].end, f"{path} is relative to the previous working directory: an absolute path (/{path}) is clearer.")


def copy_operands(ins):
    """COPY's operands as (text, start, end), from the exec or the shell form."""
    rest, offset = strip_flags(ins.args)
    base = ins.args_start + offset
    try:
        items = json_string_array(rest)
    except ValueError:
        items = None
    if items is not None:
        return [(item, base, ins.args_end) for item in items]
    return [(unquote(w.text), w.start, w.end) for w in words(rest, base)]


@check("COPY")
def copy_content(ins, ctx):
    ops = copy_operands(ins)
    if len(ops) < 2:
        yield Finding(INVALID["COPY"], ins.args_start, ins.args_end, "COPY needs a source and a destination directory: add the directory to copy into, e.g. COPY source /opt/.")
        return
    if len(ops) > 2:
        yield Finding(INVALID["COPY"], ops[2][1], ops[-1][2], "COPY takes one source and one destination directory: use one COPY per file.")
    source, start, end = ops[0]
    if source.lower().startswith(("http://", "https://", "ftp://")):
        if "?" in source:
            yield Finding(INVALID["COPY"], start, end, "A COPY URL must not carry a query string (the part from '?'): host the file at a plain URL.")
        else:
            yield Finding(COPY_URL, start, end, "COPY fetches this URL with wget on the build VM: the VM needs Internet access.")
