"""A Terraform file through the server (issue 27), for every client profile: the content in it gets its diagnostics,
completion, hover, quick fixes and budget hint at the file's own characters; what answers for the whole file
(formatting, folding, the outline) answers nothing, leaving it to terraform-ls."""

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from helpers.lsp import accepted, col, diagnostics, open_doc, targets

pytestmark = pytest.mark.slow  # a server per client

TF = "file:///work/infra/main.tf"
TEXT = """\
# Image Builder content, as the alicloud provider takes it
resource "alicloud_ecs_image_component" "app" {
  image_component_name = "app"
  system_type          = "Linux"
  content              = <<-EOT
    FROM centos
    RUN echo ${HOME}
    ENV
  EOT
}

resource "alicloud_ecs_image_pipeline" "build" {
  name          = "build"
  build_content = "COMPONENT ic-bp18hy47cqavewsb --name \\"😀 x\\"\\nRUN\\n"
}
"""
LINES = TEXT.split("\n")
DOC = types.TextDocumentIdentifier(TF)


def at(client: LanguageClient, line: int, text: str, offset: int = 0) -> types.Position:
    """The position of ``text`` (plus ``offset`` characters) on a line of the file, in the client's encoding."""
    index = LINES[line].index(text) + offset
    return types.Position(line, col(client, LINES[line][:index]))


def written(client: LanguageClient, rng: types.Range) -> str:
    """What a one-line range covers in the file."""
    line = LINES[rng.start.line]
    index = {col(client, line[:i]): i for i in range(len(line) + 1)}
    return line[index[rng.start.character] : index[rng.end.character]]


async def test_the_contents_diagnostics_are_where_the_file_writes_them(client: LanguageClient):
    open_doc(client, TEXT, TF, "terraform")
    found = {d.code: d for d in await diagnostics(client, TF)}
    assert written(client, found["NotSupportedCommand.FROM"].range) == "FROM"
    assert found["NotSupportedCommand.FROM"].range.start == at(client, 5, "FROM")
    assert written(client, found["Lint.TerraformInterpolation"].range) == "${"
    assert found["EmptyCommandContent.ENV"].range.start == at(client, 7, "ENV")
    # in the quoted string, past an escaped quote and a character of two UTF-16 units
    assert written(client, found["EmptyCommandContent.RUN"].range) == "RUN"
    assert found["EmptyCommandContent.RUN"].range.start == at(client, 13, "RUN\\n")


async def test_a_quick_fix_writes_the_escape_terraform_needs(client: LanguageClient):
    open_doc(client, TEXT, TF, "terraform")
    got = await diagnostics(client, TF)
    interpolation = next(d for d in got if d.code == "Lint.TerraformInterpolation")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(DOC, interpolation.range, types.CodeActionContext(diagnostics=got))
    )
    fix = next(a for a in actions if a.diagnostics and a.diagnostics[0].code == "Lint.TerraformInterpolation")
    (edit,) = fix.edit.changes[TF]
    line = LINES[6]
    cut = len(written(client, types.Range(types.Position(6, 0), edit.range.start)))
    assert line[:cut] + edit.new_text + line[cut:] == "    RUN echo $${HOME}"
    titles = [a.title for a in actions]
    assert not any(title.startswith("Ignore ") for title in titles)  # no comment written into the HCL


async def test_completion_and_hover_inside_a_region_and_nothing_outside(client: LanguageClient):
    open_doc(client, TEXT, TF, "terraform")
    await diagnostics(client, TF)
    cursor = at(client, 7, "ENV", 2)
    result = await client.text_document_completion_async(types.CompletionParams(DOC, cursor))
    item = next(i for i in result.items if i.label == "ENV")
    assert item.insert_text_format in (None, types.InsertTextFormat.PlainText)  # a snippet's ${1} is Terraform's
    assert accepted(client, LINES[7], LINES[7].index("ENV") + 2, item).startswith("    ENV ")
    outside = await client.text_document_completion_async(types.CompletionParams(DOC, at(client, 2, "app")))
    assert outside is None or list(getattr(outside, "items", outside)) == []
    hover = await client.text_document_hover_async(types.HoverParams(DOC, at(client, 6, "RUN", 1)))
    assert "RUN" in hover.contents.value and hover.range.start == at(client, 6, "RUN")
    assert await client.text_document_hover_async(types.HoverParams(DOC, at(client, 1, "resource"))) is None


async def test_whole_file_features_are_left_to_terraform_ls(client: LanguageClient):
    open_doc(client, TEXT, TF, "terraform")
    await diagnostics(client, TF)
    options = types.FormattingOptions(tab_size=2, insert_spaces=True)
    assert not await client.text_document_formatting_async(types.DocumentFormattingParams(DOC, options))
    assert not await client.text_document_folding_range_async(types.FoldingRangeParams(DOC))
    assert not await client.text_document_document_symbol_async(types.DocumentSymbolParams(DOC))
    whole = types.Range(types.Position(0, 0), types.Position(len(LINES), 0))
    hints = await client.text_document_inlay_hint_async(types.InlayHintParams(DOC, whole))
    # each region's budget at the end of its attribute's line: the component's three commands, the template's two
    assert [(h.position.line, h.label.split(" · ")[1]) for h in hints] == [
        (4, "3 / 127 commands"),
        (13, "2 / 127 commands"),
    ]
    assert hints[0].position.character == col(client, LINES[4])


async def test_a_file_the_content_is_read_from_is_a_link_and_a_definition(client: LanguageClient, tmp_path):
    text = 'resource "alicloud_ecs_image_component" "app" {\n  content = file("${path.module}/parts/app.txt")\n}\n'
    uri = (tmp_path / "main.tf").as_uri()
    target = (tmp_path / "parts" / "app.txt").as_uri()
    open_doc(client, text, uri, "terraform")
    await diagnostics(client, uri)
    ident = types.TextDocumentIdentifier(uri)
    (link,) = await client.text_document_document_link_async(types.DocumentLinkParams(ident))
    assert link.target == target
    line = text.split("\n")[1]
    assert line[link.range.start.character : link.range.end.character] == "${path.module}/parts/app.txt"
    where = types.Position(1, line.index("app.txt"))
    found = await client.text_document_definition_async(types.DefinitionParams(ident, where))
    assert [uri for uri, _ in targets(client, found)] == [target]


COMPONENT = (
    "Parameters:\n  port:\n    Type: Number\n    DefaultValue: 80\nTasks:\n  - Name: serve\n"
    "    Action: RunShellCommand\n    Properties:\n      commandContent: serve {{ port }}\n"
)
PIPELINE = (  # the COMPONENT line ends with a space: where the next parameter goes
    'resource "alicloud_ecs_image_pipeline" "web" {\n'
    "  build_content = <<-EOT\n"
    "    COMPONENT acs:ecs:cn-hangzhou:123456789012:imagecomponent/app/1.0.0 --prot 8080 \n"
    "  EOT\n"
    "}\n"
)


async def test_a_pipeline_in_a_terraform_file_is_linked_to_the_workspaces_components(client: LanguageClient):
    """Issue 13's links from a template, from the template in build_content: the unknown parameter, the hover on
    the component's name, and the definition that goes to its file."""
    component = "file:///work/infra/app.component.yaml"
    open_doc(client, COMPONENT, component, "ecs-component-yaml")
    await diagnostics(client, component)
    uri = "file:///work/infra/pipeline.tf"
    open_doc(client, PIPELINE, uri, "terraform")
    line = PIPELINE.split("\n")[2]
    found = [d for d in await diagnostics(client, uri) if d.code == "Lint.UnknownComponentParameter"]
    assert [(d.range.start.line, d.range.start.character) for d in found] == [(2, line.index("--prot"))]
    ident = types.TextDocumentIdentifier(uri)
    on_name = types.Position(2, line.index("/app/") + 2)
    hover = await client.text_document_hover_async(types.HoverParams(ident, on_name))
    assert "port" in hover.contents.value
    definition = await client.text_document_definition_async(types.DefinitionParams(ident, on_name))
    assert [target for target, _ in targets(client, definition)] == [component]
    after = types.Position(2, len(line))  # a parameter the component declares, offered after the others
    result = await client.text_document_completion_async(types.CompletionParams(ident, after))
    assert "--port" in [item.label for item in result.items]


MODULE = """\
resource "alicloud_ecs_image_component" "app" {
  image_component_name = "app"
  content              = <<-EOT
    Parameters:
      port:
        Type: Number
    Tasks:
      - Name: serve
        Action: RunShellCommand
        Properties:
          commandContent: serve {{ port }}
  EOT
}
"""


async def test_a_component_a_terraform_file_defines_is_one_templates_link_to(client: LanguageClient):
    """image_component_name names a component as a file's name does: a template that names it is checked against
    its parameters, and its definition is the name in the .tf file."""
    module = "file:///work/infra/components.tf"
    open_doc(client, MODULE, module, "terraform")
    await diagnostics(client, module)
    template = "file:///work/infra/web.imagetemplate"
    text = "COMPONENT acs:ecs:cn-hangzhou:123456789012:imagecomponent/app/1.0.0 --prot 8080\n"
    open_doc(client, text, template, "ecs-template")
    found = {d.code for d in await diagnostics(client, template)}
    assert {"Lint.UnknownComponentParameter", "Lint.MissingComponentParameter"} <= found  # --prot; port required
    where = types.Position(0, text.index("/app/") + 2)
    definition = await client.text_document_definition_async(
        types.DefinitionParams(types.TextDocumentIdentifier(template), where)
    )
    ((target, place),) = targets(client, definition)
    name_line = MODULE.split("\n")[1]
    assert target == module and (place.start.line, place.start.character) == (1, name_line.index('"app"') + 1)
    on_definition = types.Position(1, name_line.index('"app"') + 2)  # and back: the templates that use it
    found = await client.text_document_references_async(
        types.ReferenceParams(
            context=types.ReferenceContext(include_declaration=False),
            text_document=types.TextDocumentIdentifier(module),
            position=on_definition,
        )
    )
    assert [(r.uri, r.range.start.line) for r in found] == [(template, 0)]


STACK = """\
ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  Port:
    Type: Number
Resources:
  App:
    Type: ALIYUN::ECS::ImageComponent
    Properties:
      Name: app
      Content:
        Fn::Sub: |
          FROM centos
          RUN serve --port ${Port} --home ${HOME}
          EN
"""


async def test_a_ros_template_gets_its_contents_diagnostics_fix_and_completion(client: LanguageClient):
    uri = "file:///work/stack.ros.yaml"
    open_doc(client, STACK, uri, "yaml")
    found = {d.code: d for d in await diagnostics(client, uri)}
    lines = STACK.split("\n")
    assert found["NotSupportedCommand.FROM"].range.start == types.Position(11, lines[11].index("FROM"))
    substitution = found["Lint.RosSubstitution"]
    assert substitution.range.start == types.Position(12, lines[12].index("${HOME}"))  # ${Port} is a parameter
    ident = types.TextDocumentIdentifier(uri)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(ident, substitution.range, types.CodeActionContext(diagnostics=[substitution]))
    )
    fix = next(a for a in actions if a.title == "Escape it: ${!")
    (edit,) = fix.edit.changes[uri]
    assert (edit.range.start, edit.new_text) == (types.Position(12, lines[12].index("${HOME}") + 2), "!")
    result = await client.text_document_completion_async(types.CompletionParams(ident, types.Position(13, 12)))
    assert "ENV" in [item.label for item in result.items]
