"""Content regions of Terraform files (component_lsp/hosts/terraform.py): decoded as HCL decodes them, each
character placed in the file. Round trips: content written into a quoted string, a heredoc and an indented
heredoc (LF and CRLF, tabs and spaces) decodes to itself, and every character lands on what encodes it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from component_lsp.formats.base import COMPONENT, TEMPLATE
from component_lsp.hosts.regions import HEREDOC, INDENTED_HEREDOC, QUOTED
from component_lsp.hosts.terraform import regions

CHARS = st.sampled_from(list("RUN echo ab$%{}\"'\\\t:#-=/") + ["é", "😀", "\\n", "${", "%{"])
# tree-sitter-hcl 1.2.0 does not read "$$${" (a "$" before an escaped "${"): such content gives no region
LINE = (
    st.lists(CHARS, max_size=12)
    .map("".join)
    .map(lambda s: s.replace("\n", ""))
    .filter(lambda s: "$${" not in s and "%%{" not in s)
)


def tf_file(text: str):
    """A ``.tf`` file's text, opened as the server and ``check`` open it."""
    from component_lsp.formats import open_text

    return open_text(text, "file:///w/main.tf")


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


# -- the content checked in the file ----------------------------------------------------------------------------

INSTRUCTION = st.sampled_from(
    ["RUN echo hi", "run echo lower", "FROM centos", "RUN", 'ENV A="x y"', "COPY a b c", "RESTART now", 'CMD ["a"]']
)
WORD = st.sampled_from(["", " 😀", ' "q"', " back\\\\slash", " é"])
CONTENT = st.lists(st.tuples(INSTRUCTION, WORD).map("".join), min_size=1, max_size=6).map(
    lambda lines: "".join(line + "\n" for line in lines)
)


def written(content: str, style: str) -> str:
    """A .tf file with ``content`` as a quoted string, a heredoc or an indented heredoc."""
    if style == QUOTED:
        return resource(quoted(content))
    if style == HEREDOC:
        return resource("<<EOF\n" + literal_templates(content) + "EOF")
    body = "".join("    " + line + "\n" for line in literal_templates(content).splitlines())
    return resource("<<-EOF\n" + body + "  EOF")


def apply(text: str, edits) -> str:
    """Edits (model positions of ``text``) applied, the last first."""
    from component_lsp.document import Document

    doc = Document(text)
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        doc.replace(e.start, e.end, e.text)
    return doc.text


@pytest.mark.parametrize("style", [QUOTED, HEREDOC, INDENTED_HEREDOC])
@given(content=CONTENT)
@settings(max_examples=30)
def test_the_file_gets_the_contents_diagnostics_where_they_are_written(style, content):
    from helpers import content as opened

    alone = opened(content, "file:///w/app.component").diagnostics()
    tf = written(content, style)
    hosted = tf_file(tf)
    (part,) = hosted.model.parts
    assert part.region.text == content
    placed = hosted.diagnostics()
    assert sorted(d.code for d in placed) == sorted(d.code for d in alone)
    # each diagnostic's range in the file holds what its range in the content holds, as the file writes it
    lines = tf.split("\n")
    for d in placed:
        if d.start[0] == d.end[0] and d.start != d.end:
            assert lines[d.start[0]][d.start[1] : d.end[1]].strip('\\"')


@pytest.mark.parametrize("style", [QUOTED, HEREDOC, INDENTED_HEREDOC])
@given(content=CONTENT)
@settings(max_examples=30)
def test_a_fix_in_the_file_gives_the_content_the_fix_gives_a_component_file(style, content):
    from helpers import content as opened

    alone = [d for d in opened(content, "file:///w/app.component").diagnostics() if d.fix]
    tf = written(content, style)
    placed = [d for d in tf_file(tf).diagnostics() if d.fix]
    assert [d.code for d in placed] == [d.code for d in alone]  # the same, in the same order
    for in_file, in_component in zip(placed, alone, strict=True):
        (region,) = regions(apply(tf, in_file.fix))
        assert region.text == apply(content, in_component.fix), in_file.code


def test_a_shell_variable_gets_the_escape_and_a_terraform_reference_does_not():

    tf = resource('"RUN echo ${HOME} ${var.port} ${local.x} ${upper(var.y)} $${PATH}"')
    (found,) = [d for d in tf_file(tf).diagnostics() if d.code == "Lint.TerraformInterpolation"]
    line = tf.split("\n")[found.start[0]]
    assert line[found.start[1] : found.end[1]] == "${" and line[found.start[1] :].startswith("${HOME}")
    fixed = apply(tf, found.fix)
    assert [d.code for d in tf_file(fixed).diagnostics()] == []
    (region,) = regions(fixed)
    assert region.text.startswith("RUN echo ${HOME} ")  # for the shell, as Terraform will pass it


def test_an_unchanged_region_is_not_opened_again_and_a_changed_one_is_edited_in_place():
    from helpers import content as opened

    tf = resource('"RUN a"') + resource('"RUN b\\nFROM x"', "alicloud_ecs_image_pipeline", "build_content")
    hosted = tf_file(tf)
    first, second = (part.content for part in hosted.model.parts)
    hosted.set_text(tf.replace("RUN b", "RUN c"))
    assert hosted.model.parts[0].content is first and hosted.model.parts[1].content is second
    assert second.source.text == "RUN c\nFROM x"
    fresh = opened("RUN c\nFROM x", "file:///w/t.imagetemplate").diagnostics()
    assert second.diagnostics() == fresh


# The provider documentation's basic usage of the two resources (help.aliyun.com, "alicloud_ecs_image_component"
# and "alicloud_ecs_image_pipeline"), and an Alibaba component written as a heredoc.
PROVIDER_EXAMPLES = """
resource "alicloud_ecs_image_component" "example" {
  component_type       = "Build"
  content              = "RUN yum update -y"
  description          = "example_value"
  image_component_name = "example_value"
  resource_group_id    = data.alicloud_resource_manager_resource_groups.default.groups.0.id
  system_type          = "Linux"
  tags = {
    Created = "TF"
  }
}

resource "alicloud_ecs_image_pipeline" "default" {
  add_account                = [data.alicloud_account.default.id]
  base_image                 = data.alicloud_images.default.ids.0
  base_image_type            = "IMAGE"
  build_content              = "RUN yum update -y"
  delete_instance_on_failure = false
  image_name                 = "terraform-example"
  name                       = "terraform-example"
  description                = "terraform-example"
  instance_type              = data.alicloud_instance_types.default.ids.0
  internet_max_bandwidth_out = 20
  system_disk_size           = 40
  to_region_id               = ["cn-qingdao", "cn-zhangjiakou"]
  vswitch_id                 = alicloud_vswitch.default.id
}

resource "alicloud_ecs_image_component" "nginx" {
  content = <<-EOT
    RUN yum install -y nginx
    COPY https://example.com/nginx.conf /etc/nginx/
    ENV PORT=${var.port}
    RESTART
  EOT
}
"""


def test_the_providers_examples_get_no_error_and_no_warning():

    hosted = tf_file(PROVIDER_EXAMPLES)
    assert len(hosted.model.parts) == 3
    assert [(d.code, d.severity) for d in hosted.diagnostics() if d.severity <= 2] == []


def test_an_interpolation_is_an_opaque_word_never_reported():

    tf = resource(
        '"COMPONENT ${var.component_arn}\\nENV A=${local.a}\\nRUN echo ${var.x}"',
        "alicloud_ecs_image_pipeline",
        "build_content",
    )
    assert tf_file(tf).diagnostics() == []
    # the same content with a plain word there is reported: the interpolation is what is left out
    assert tf_file(tf.replace("${var.component_arn}", "not-an-id")).diagnostics() != []


def test_a_windows_component_in_yaml_is_not_flagged_and_each_resource_keeps_its_own_system():

    windows_yaml = (
        resource("<<EOT\nTasks:\n  - Name: r\n    Action: Reboot\nEOT")
        .replace('name = "app"', 'system_type = "Windows"')
        .replace('"app" {', '"win" {')
    )
    linux_dockerfile = resource('"RUN echo hi"').replace('name = "app"', 'system_type = "Linux"')
    assert tf_file(windows_yaml + linux_dockerfile).diagnostics() == []
    windows_dockerfile = linux_dockerfile.replace('"Linux"', '"Windows"')
    found = [d.code for d in tf_file(windows_yaml + windows_dockerfile).diagnostics()]
    assert found == ["Lint.WindowsDockerfileContent"]


def test_the_files_a_resource_reads_its_content_from():
    tf = (
        'resource "alicloud_ecs_image_component" "a" {\n  content = file("${path.module}/c/app.txt")\n}\n'
        'resource "alicloud_ecs_image_component" "b" {\n  content = file("b.component")\n}\n'
        'resource "alicloud_ecs_image_pipeline" "p" {\n  build_content = templatefile("${path.root}/t.tpl", {})\n}\n'
        'resource "alicloud_ecs_image_component" "v" {\n  content = file(var.path)\n}\n'  # not known: none
        'resource "alicloud_ecs_image_component" "w" {\n  content = file("${var.dir}/x")\n}\n'  # not known: none
        'resource "alicloud_ecs_image_component" "x" {\n  content = base64decode("UlVOIGE=")\n}\n'
    )
    found = tf_file(tf).includes()
    assert [(i.path, i.dialect, i.rendered) for i in found] == [
        ("c/app.txt", COMPONENT, False),
        ("b.component", COMPONENT, False),
        ("t.tpl", TEMPLATE, True),
    ]
    lines = tf.split("\n")
    for include in found:  # the range is the string's text, as written
        (line, start), (_, end) = include.start, include.end
        assert lines[line][start:end].endswith(include.path)
    assert [link.target for link in tf_file(tf).links()] == ["c/app.txt", "b.component", "t.tpl"]


@pytest.mark.parametrize("style", [QUOTED, HEREDOC, INDENTED_HEREDOC])
def test_alibabas_examples_wrapped_in_terraform_get_no_error_and_no_warning(style):
    """SPEC section 4's documented forms and section 7's YAML examples, as a component's content written in each
    of HCL's strings (the shell's ${ } escaped as HCL needs): what the content alone gets, nothing more."""
    from test_rules import DOCUMENTED
    from test_yaml import EXAMPLES

    for content in [*DOCUMENTED, *EXAMPLES]:
        found = [(d.code, d.severity) for d in tf_file(written(content, style)).diagnostics() if d.severity <= 2]
        assert found == [], content


@pytest.mark.parametrize("value", ['"RUN printf %{x}"', "<<EOF\nRUN printf '%{y}'\nEOF"])
def test_a_percent_brace_that_is_no_directive_gets_the_escape(value):
    tf = resource(value)
    (found,) = tf_file(tf).diagnostics()
    assert found.code == "Lint.TerraformDirective" and tf.split("\n")[found.start[0]][found.start[1] :].startswith("%{")
    fixed = apply(tf, found.fix)
    assert tf_file(fixed).diagnostics() == []
    (region,) = regions(fixed)
    assert "%{" in region.text and "%%{" not in region.text  # a literal %{ for the shell
    assert tf_file(resource('"RUN %{ if true }a%{ endif } %{~ for x in [] }b%{ endfor }"')).diagnostics() == []
