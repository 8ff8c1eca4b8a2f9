"""RUN's shell form: the commands that hang an unattended build (``shell.checks``)."""

from __future__ import annotations

from ....diagnostics import Finding
from ....shell.checks import DOCKERFILE
from ....shell.checks import check as check_script
from .base import check


@check("RUN")
def run_commands(ins, ctx):
    if ins.written.json_form:  # exec form runs no shell
        return
    base = ins.args_start
    for found in check_script(ins.args, DOCKERFILE):
        if found.instead:  # the whole RUN becomes another instruction (RESTART, WORKDIR /x)
            fix = [(ins.kw_start, ins.args_end, found.instead)]
        else:
            fix = [(base + s, base + e, text) for s, e, text in found.fix]
        yield Finding(found.rule, base + found.start, base + found.end, found.message, found.fix_title, fix)
