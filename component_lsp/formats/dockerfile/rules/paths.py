"""WORKDIR, USER and COPY: their paths, names and URLs."""

from __future__ import annotations

from ....diagnostics import ERROR, HINT, Finding, rule
from ..syntax import copy_operands, is_url
from ..words import GO_SPACE, words
from .base import check

INVALID = {
    "WORKDIR": rule("InvalidCommandContent.WORKDIR", ERROR, "`WORKDIR` with more than one path."),
    "USER": rule("InvalidCommandContent.USER", ERROR, "`USER` with more than one word."),
    "COPY": rule(
        "InvalidCommandContent.COPY",
        ERROR,
        "`COPY` without a destination, with more than one source, or from a URL with a query string.",
    ),
}
# Both fire on forms Image Builder documents (WORKDIR <path1>/<path2>, COPY <network file URL> <dir>): hints only.
RELATIVE_WORKDIR = rule(
    "Lint.RelativeWorkdir",
    HINT,
    "A relative WORKDIR, which depends on the directory before it (a hint: the documentation has this form).",
)
COPY_URL = rule(
    "Lint.CopyNeedsInternet",
    HINT,
    "COPY from a URL: the build VM needs Internet access (a hint: the documentation has this form).",
)


ONE_WORD = {
    "WORKDIR": "WORKDIR takes exactly one path: remove the extra words, or quote a path that has spaces.",
    "USER": "USER takes one user name without spaces: remove the extra words.",
}


@check(*ONE_WORD)
def one_word(ins, ctx):
    ws = words(ins.args, ins.args_start, ins.escape)
    if len(ws) > 1:
        yield Finding(INVALID[ins.upper], ws[1].start, ws[-1].end, ONE_WORD[ins.upper])
    elif ins.upper == "USER" and any(ch in GO_SPACE for ch in ws[0].value):
        yield Finding(
            INVALID["USER"], ws[0].start, ws[0].end, "A user name cannot contain spaces: use the account's login name."
        )


@check("WORKDIR")
def relative_workdir(ins, ctx):
    ws = words(ins.args, ins.args_start, ins.escape)
    if len(ws) != 1:
        return
    path = ws[0].value
    if not path.startswith(("/", "$")):
        yield Finding(
            RELATIVE_WORKDIR,
            ws[0].start,
            ws[0].end,
            f"{path} is relative to the previous working directory: an absolute path (/{path}) is clearer.",
        )


@check("COPY")
def copy_content(ins, ctx):
    ops = copy_operands(ins)
    if len(ops) < 2:
        yield Finding(
            INVALID["COPY"],
            ins.args_start,
            ins.args_end,
            "COPY needs a source and a destination directory: add the directory to copy into, e.g. COPY source /opt/.",
        )
        return
    if len(ops) > 2:
        yield Finding(
            INVALID["COPY"],
            ops[2].start,
            ops[-1].end,
            "COPY takes one source and one destination directory: use one COPY per file.",
        )
    source = ops[0]
    if is_url(source.value):
        if "?" in source.value:
            yield Finding(
                INVALID["COPY"],
                source.start,
                source.end,
                "A COPY URL must not carry a query string (the part from '?'): host the file at a plain URL.",
            )
        else:
            yield Finding(
                COPY_URL,
                source.start,
                source.end,
                "COPY fetches this URL with wget on the build VM: the VM needs Internet access.",
            )
