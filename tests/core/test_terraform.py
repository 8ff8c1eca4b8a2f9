"""Content regions of Terraform files (component_lsp/hosts/terraform.py): decoded as HCL decodes them, each
character placed in the file. Round trips: content written into a quoted string, a heredoc and an indented
heredoc (LF and CRLF, tabs and spaces) decodes to itself, and every character lands on what encodes it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from component_lsp.formats.base import COMPONENT, TEMPLATE
from component_lsp.hosts.terraform import HEREDOC, INDENTED_HEREDOC, QUOTED, regions

CHARS = st.sampled_from(list("RUN echo ab$%{}\"'\\\t:#-=/") + ["é", "😀", "\\n", "${", "%{"])
# tree-sitter-hcl 1.2.0 does not read "$$${" (a "$" before an escaped "${"): such content gives no region
LINE = (
    st.lists(CHARS, max_size=12)
    .map("".join)
    .map(lambda s: s.replace("\n", ""))
    .filter(lambda s: "$${" not in s and "%%{" not in s)
)


def quoted(content: str) -> str:
    """HCL's quoted string of ``content``."""
    out = content.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    out = out.replace("\t", "\\t").replace("${", "$${").replace("%{", "%%{")
    return '"' + out + '"'


def literal_templates(content: str) -> str:
    return content.replace("${", "$${").replace("%{", "%%{")


def resource(value: str, kind: str = "alicloud_ecs_image_component", attribute: str = "content") -> str:
    return f'resource "{kind}" "app" {{\n  name = "app"\n  {attribute} = {value}\n}}\n'


def places_encode(tf: str, region) -> None:
    """Each character of the content is at the place in the file that writes it."""
    for index, ch in enumerate(region.text):
        at = tf[region.to_host(index) :]
        assert at.startswith(ch) or at[0] in "\\$%", (index, ch, at[:6])


@given(st.lists(LINE, min_size=1, max_size=5).map("\n".join))
def test_a_quoted_string_decodes_to_its_content(content):
    tf = resource(quoted(content))
    (region,) = regions(tf)
    assert (region.style, region.text, region.dialect) == (QUOTED, content, COMPONENT)
    places_encode(tf, region)
    assert tf[region.to_host(len(content))] == '"'  # the end is the closing quote


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("indent", ["", "    ", "\t", "  \t"])
@given(lines=st.lists(LINE.filter(lambda s: s.strip() != "EOF"), min_size=1, max_size=6))
@settings(max_examples=40)
def test_a_heredoc_decodes_to_its_lines(lines, indent, newline):
    written = [(indent + line if line.strip() else line) for line in lines]
    marker = "<<-EOF" if indent else "<<EOF"
    body = "".join(literal_templates(line) + "\n" for line in written)
    tf = resource(marker + "\n" + body + indent + "EOF").replace("\n", newline)
    (region,) = regions(tf)
    if indent:  # <<- takes away the smallest indentation of the lines that are not blank (tabs count as spaces)
        lead = [len(line) - len(line.lstrip(" \t")) for line in written]
        strip = min((n for n, line in zip(lead, written, strict=True) if line.strip()), default=0)
        written = [line[min(strip, n) :] for n, line in zip(lead, written, strict=True)]
    assert region.style == (INDENTED_HEREDOC if indent else HEREDOC)
    assert region.text == "".join(line + newline for line in written)
    places_encode(tf, region)


def test_a_pipeline_holds_a_template_and_interpolations_stay_as_written():
    tf = resource(
        '"COMPONENT ic-1 --port ${var.port}\\nRUN echo ${HOME} %{ if true }x%{ endif }"',
        "alicloud_ecs_image_pipeline",
        "build_content",
    )
    (region,) = regions(tf)
    assert region.dialect == TEMPLATE and region.attribute == "build_content"
    assert region.text == "COMPONENT ic-1 --port ${var.port}\nRUN echo ${HOME} %{ if true }x%{ endif }"
    assert [region.text[s:e] for s, e in region.opaque] == ["${var.port}", "${HOME}", "%{ if true }x%{ endif }"]


def test_other_resources_other_attributes_and_broken_values_give_no_region():
    tf = (
        resource('"RUN a"', "alicloud_instance")
        + resource('"RUN a"', attribute="description")
        + resource('file("app.component")')
        + 'resource "alicloud_ecs_image_component" "broken" {\n  content = <<EOF\nRUN a\n'  # unclosed heredoc
    )
    assert regions(tf) == []


def test_several_resources_in_one_file_in_order():
    tf = resource('"RUN a"') + resource('"RUN b"', "alicloud_ecs_image_pipeline", "build_content")
    assert [(r.dialect, r.text) for r in regions(tf)] == [(COMPONENT, "RUN a"), (TEMPLATE, "RUN b")]


@given(st.text(max_size=200))
def test_any_text_gives_regions_without_a_crash(text):
    assert isinstance(regions(text), list)
