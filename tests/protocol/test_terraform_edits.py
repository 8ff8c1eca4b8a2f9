"""Incremental equals fresh for Terraform files (issue 27): after any edits, inside the regions and outside them,
a session's diagnostics of a ``.tf`` file (their JSON, kept per region while it is unchanged) are those of a session
that only ever opened the text as it now stands; and hostile ``.tf`` text gets answers, not a crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from component_lsp.session import Session

URI = "file:///w/main.tf"
TEXT = """\
# Images of the web tier
variable "region" {
  default = "cn-hangzhou"
}
resource "alicloud_ecs_image_component" "a" {
  image_component_name = "app"
  content = <<-EOT
    FROM centos
    RUN echo ${HOME} \\
      && ls
    ENV
  EOT
}
locals {
  owner = "web team"
}
resource "alicloud_ecs_image_pipeline" "b" {
  build_content = "FROM IMAGE:m-1\\nCOMPONENT ic-1 --x \\"é\\"\\nRUN\\n"
}
"""
PIECES = [
    "",
    "x",
    "ab",
    " ",
    "Z9",
    "\n",
    "\r\n",
    "\t",
    '"',
    "\\",
    "\\n",
    "${HOME}",
    "$${",
    "%{ if x }",
    "<<EOF\n",
    "EOF\n",
    "RUN x\n",
    "FROM y\n",
    "ENV\n",
    'content = "RUN a"\n',
    "}",
    "{",
    "é😀",
    "# c\n",
]


def session_of(text: str, uri: str = URI, language: str = "terraform") -> Session:
    session = Session()
    session.initialize({"textDocument": {"publishDiagnostics": {"relatedInformation": True, "tagSupport": {}}}})
    session.open(uri, language, 1, text)
    return session


def items(session: Session) -> list[dict]:
    return session.items(session.documents[URI]).data


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_after_any_edits_a_tf_files_diagnostics_are_those_of_a_fresh_session(data):
    text = TEXT
    session = session_of(text)
    for version in range(2, 2 + data.draw(st.integers(1, 8), label="edits")):
        start = _outside_crlf(text, data.draw(st.integers(0, len(text)), label="start"))
        length = data.draw(st.sampled_from([0, 0, 0, 1, 1, 2, 6]), label="length")  # keystrokes, mostly
        end = _outside_crlf(text, min(len(text), start + length))
        new = data.draw(st.one_of(st.sampled_from(PIECES), st.sampled_from(list("aZ9 ._-"))), label="new")
        doc = session.documents[URI]
        span = (doc.content.source.to_lsp(*_position(text, start)), doc.content.source.to_lsp(*_position(text, end)))
        session.change(URI, version, [(span, new)])
        text = text[:start] + new + text[end:]
        assert doc.content.source.text == text
        fresh = session_of(text)
        assert items(session) == items(fresh), (start, end, new)
        # the answers inside the regions too: at a place drawn anywhere, and the budgets (the inlay hints)
        at = _position(text, data.draw(st.integers(0, len(text)), label="asked at"))
        opened = fresh.documents[URI].content
        assert doc.content.hover(*at) == opened.hover(*at)
        assert doc.content.complete(*at) == opened.complete(*at)
        assert doc.content.budgets() == opened.budgets()
        assert _placed_scripts(doc.content) == _placed_scripts(opened)  # where ShellCheck's findings go


def _placed_scripts(content) -> list[tuple[str, tuple]]:
    return [(script.text, script.place(0, len(script.text))) for script in content.scripts().present()]


def _outside_crlf(text: str, offset: int) -> int:
    """An offset moved off the middle of a CRLF (no editor puts its cursor there)."""
    return offset - 1 if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n" else offset


def _position(text: str, offset: int) -> tuple[int, int]:
    """A code-point offset as a model position (lines end after "\\n")."""
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)


def test_a_keystroke_in_one_region_keeps_the_others_parts():
    session = session_of(TEXT + TEXT.replace('"a"', '"c"').replace('"b"', '"d"'))
    doc = session.documents[URI]
    items(session)
    before = list(doc.content.model.parts)
    session.change(URI, 2, [(((8, 10), (8, 10)), "x")])  # inside the first region
    after = doc.content.model.parts
    assert after[0] is not before[0] and all(map(lambda a, b: a is b, after[1:], before[1:]))
    session.change(URI, 3, [(((1, 0), (1, 0)), "  # a comment\n")])  # outside: the regions below move a line
    moved = doc.content.model.parts
    assert {id(a.content) for a in moved} <= {id(b.content) for b in after}  # none opened again
    assert items(session) == items(session_of(doc.content.source.text))


def test_an_edit_that_needs_a_reading_decodes_only_the_block_it_changed(monkeypatch):
    from component_lsp.hosts import terraform

    many = "".join(TEXT.replace('"a"', f'"a{n}"').replace('"b"', f'"b{n}"') for n in range(20))
    session = session_of(many)
    decoded = []
    real = terraform._resource
    monkeypatch.setattr(terraform, "_resource", lambda *args: decoded.append(1) or real(*args))
    lines = many.split("\n")
    line = next(k for k, text in enumerate(lines) if "RUN echo" in text and k > len(lines) // 2)
    session.change(URI, 2, [(((line, 4), (line, 4)), "${X}\n")])  # a line break and a $: the long way
    assert len(decoded) == 1  # of 40 blocks that hold content, and 40 others
    assert items(session) == items(session_of(session.documents[URI].content.source.text))


@pytest.mark.parametrize(
    "text",
    [
        'resource "alicloud_ecs_image_component" "a" {\n  content = <<EOF\nRUN a\n',  # an unclosed heredoc
        'resource "alicloud_ecs_image_component" "a" {\n  content = "RUN a\n',  # an unclosed string
        'resource "alicloud_ecs_image_component" "a" {\n  content = <<EOF\n' + "RUN a\n" * 100_000 + "EOF\n}\n",
        'resource "alicloud_ecs_image_component" "a" {\n  content = "\\uD800 \\U0011FFFF \\q ${"\n}\n',
        "\x00\udbff}{" * 1000,
    ],
    ids=["unclosed heredoc", "unclosed string", "heredoc of 100,000 lines", "bad escapes", "bytes"],
)
def test_hostile_tf_text_gets_answers(text):
    session = session_of(text)
    doc = session.documents[URI]
    assert isinstance(items(session), list)
    for line in (0, 1, 2, 50_000):
        position = (min(line, len(doc.content.source.lines) - 1), 3)
        doc.content.complete(*position)
        doc.content.hover(*position)
    session.change(URI, 2, [(((1, 0), (1, 0)), "x")])
    assert isinstance(items(session), list)


ROS_URI = "file:///w/stack.ros.yaml"
ROS_TEXT = """\
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
          RUN serve ${Port} ${HOME} ${!PATH}
          ENV
  Build:
    Type: ALIYUN::ECS::ImagePipeline
    Properties:
      BuildContent: "COMPONENT ic-1\\nRUN \\"a\\"\\nRUN"
"""


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_after_any_edits_a_ros_templates_diagnostics_are_those_of_a_fresh_session(data):
    text = ROS_TEXT
    session = session_of(text, ROS_URI, "yaml")
    for version in range(2, 2 + data.draw(st.integers(1, 6), label="edits")):
        start = data.draw(st.integers(0, len(text)), label="start")
        end = min(len(text), start + data.draw(st.sampled_from([0, 0, 1, 2, 6]), label="length"))
        new = data.draw(st.sampled_from(["", "x", " ", "\n", '"', "'", "|", "${A}", "${!B}", "é", "  - ", ": "]))
        doc = session.documents[ROS_URI]
        span = (doc.content.source.to_lsp(*_position(text, start)), doc.content.source.to_lsp(*_position(text, end)))
        session.change(ROS_URI, version, [(span, new)])
        text = text[:start] + new + text[end:]
        fresh = session_of(text, ROS_URI, "yaml")
        assert session.items(doc).data == fresh.items(fresh.documents[ROS_URI]).data, (start, end, new)


def test_a_file_a_terraform_file_reads_content_from_opens_as_that_content(tmp_path):
    """content = file("...") makes the file content of the attribute's kind, whatever its name: opened in the
    editor, a build_content's file is a template (COMPONENT is allowed), a content's a component."""
    from component_lsp.workspace.scan import uri_of

    (tmp_path / "main.tf").write_text(
        'resource "alicloud_ecs_image_pipeline" "p" {\n  build_content = file("${path.module}/parts/build.txt")\n}\n'
        'resource "alicloud_ecs_image_component" "c" {\n  content = file("parts/app.txt")\n}\n',
        encoding="utf-8",
    )
    session = Session()
    assert session.index.load(str(tmp_path / "main.tf"))  # as the workspace walk reads it
    template = session.open(uri_of(str(tmp_path / "parts" / "build.txt")), "plaintext", 1, "COMPONENT ic-1\n")
    component = session.open(uri_of(str(tmp_path / "parts" / "app.txt")), "plaintext", 1, "COMPONENT ic-1\n")
    assert template.content.kind.dialect == "template" and session.diagnostics(template) == []
    assert [d.code for d in session.diagnostics(component)] == ["InvalidCommand.Component"]  # not in a component
    other = session.open(uri_of(str(tmp_path / "parts" / "other.txt")), "plaintext", 1, "COMPONENT ic-1\n")
    assert other.content.kind.dialect == "component"  # named by none: by its name and language id, as before
