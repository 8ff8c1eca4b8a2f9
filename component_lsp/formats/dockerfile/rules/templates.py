"""What a template may not be (SPEC section 8): YAML, which only components may be; and FROM, with
CreateImagePipeline's three codes and a deprecation warning for the one FROM the service accepts and ignores
(single, first, well formed)."""

from __future__ import annotations

import re

from ....diagnostics import DEPRECATED, ERROR, HINT, Diagnostic, Related, rule
from ...base import TEMPLATE, first_meaningful, head_text, looks_like_yaml
from .base import check

YAML = rule(
    "InvalidParameter.BuildContent",
    ERROR,
    "A template that is not Dockerfile-format text (YAML, say): only components may be YAML.",
)
# A hint, never a warning (SPEC section 8, revised): Alibaba's own CreateImagePipeline example has one.
FROM_IGNORED = rule("Lint.FromIgnored", HINT, "`FROM` in a template is deprecated: the service ignores it.")
DUPLICATED = rule("DuplicatedCommand.FROM", ERROR, "More than one `FROM` in a template.")
ORDER = rule("InvalidCommandOrder.FROM", ERROR, "`FROM` in a template that is not its first command.")
CONTENT = rule(
    "InvalidCommandContent.FROM",
    ERROR,
    "`FROM` in a template that is not `FROM IMAGE:<image id>` or `FROM IMAGE_FAMILY:<family>`.",
)

WELL_FORMED = re.compile(r"(?:IMAGE|IMAGE_FAMILY):\S+\Z")


@check(document=True)
def from_in_a_template(model, ctx):
    if ctx.dialect != TEMPLATE:
        return
    found = sorted(model.by_keyword.get("FROM", ()), key=lambda ins: ins.start)
    first = model.instructions[0] if model.instructions else None
    for n, ins in enumerate(found):
        start, end = model.place(ins, ins.kw_start, ins.kw_end)
        args = ins.args.strip()
        if not WELL_FORMED.match(args):
            a_start, a_end = (
                model.place(ins, ins.args_start, ins.args_start + len(ins.args.rstrip())) if args else (start, end)
            )
            shown = args if len(args) <= 40 else args[:40] + "…"
            message = (
                f"A template's FROM takes IMAGE:<image id> or IMAGE_FAMILY:<family>, not {shown!r}."
                if args
                else "A template's FROM takes IMAGE:<image id> or IMAGE_FAMILY:<family>."
            )
            yield Diagnostic(
                CONTENT.code,
                CONTENT.severity,
                message + " The service ignores FROM now: remove it, and set the base image on the pipeline.",
                a_start,
                a_end,
            )
        if n > 0:
            line = found[0].start + 1
            yield Diagnostic(
                DUPLICATED.code,
                DUPLICATED.severity,
                f"A template may have one FROM, and there is one on line {line}: remove this one.",
                start,
                end,
                related=(Related(*model.place(found[0], found[0].kw_start, found[0].kw_end), "The first FROM"),),
            )
        elif ins is not first:
            yield Diagnostic(
                ORDER.code,
                ORDER.severity,
                "FROM must be a template's first command: move it to the top, or remove it (the service ignores it).",
                start,
                end,
            )
        elif len(found) == 1 and WELL_FORMED.match(args):
            message = (
                "FROM is deprecated in image templates: the service ignores it and uses the pipeline's base image."
                " Remove this line."
            )
            yield Diagnostic(FROM_IGNORED.code, FROM_IGNORED.severity, message, start, end, tags=(DEPRECATED,))


@check(document=True)
def yaml_in_a_template(model, ctx):
    if ctx.dialect != TEMPLATE:
        return
    lines = model.source.lines
    head = first_meaningful(lines)
    if head < len(lines) and looks_like_yaml(head_text(lines, head)):
        message = (
            "A template is Dockerfile-format text: YAML is accepted in components only. Put these tasks in a "
            "YAML component (*.component.yaml) and pull it in with COMPONENT."
        )
        yield Diagnostic(YAML.code, YAML.severity, message, (head, 0), (head, len(lines[head].rstrip("\r\n"))))
