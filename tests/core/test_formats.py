"""The format seam: which format a document is in, by its name, its language id and its text."""

import pytest

from component_lsp.formats import FORMATS, kind_by_name, kind_of, open_text
from component_lsp.formats.base import COMPONENT, TEMPLATE
from component_lsp.formats.dockerfile import FORMAT as DOCKERFILE
from component_lsp.formats.yaml import FORMAT as YAML
from helpers import ROOT


def test_kinds_by_name_and_language_id():
    assert kind_of("file:///a/x.txt", "ecs-template") == (DOCKERFILE, TEMPLATE)
    assert kind_of("file:///a/Templatefile") == (DOCKERFILE, TEMPLATE)
    assert kind_of("file:///a/b.imagetemplate", "plaintext") == (DOCKERFILE, TEMPLATE)
    assert kind_of("file:///a/b.component.yml") == (YAML, COMPONENT)
    assert kind_of("file:///a/b.Componentfile") == (DOCKERFILE, COMPONENT)
    assert kind_of("untitled:Untitled-1", "plaintext") == (DOCKERFILE, COMPONENT)


def test_the_file_name_decides_before_the_language_id():
    """SPEC section 2 (revised): a client that sends one language id for every file (eglot with one server entry)
    still gets a template read as a template; a name that says nothing leaves it to the language id."""
    assert kind_of("file:///w/site.imagetemplate", "ecs-component") == (DOCKERFILE, TEMPLATE)
    assert kind_of("file:///w/app.component.yaml", "ecs-component") == (YAML, COMPONENT)
    assert kind_of("file:///w/Templatefile", "ecs-component-yaml") == (DOCKERFILE, TEMPLATE)
    assert kind_of("untitled:Untitled-1", "ecs-template") == (DOCKERFILE, TEMPLATE)
    assert kind_of("file:///w/notes.txt", "ecs-component-yaml") == (YAML, COMPONENT)


def test_which_names_are_ours():
    assert kind_by_name("Componentfile") == (DOCKERFILE, COMPONENT)
    assert kind_by_name("dir/app.component.yaml") == (YAML, COMPONENT)  # the longest suffix wins over .component
    assert kind_by_name("Dockerfile") is None and kind_by_name("notes.txt") is None


@pytest.mark.parametrize(
    "text",
    [
        "Tasks:\n  - Name: a\n",
        "Parameters:\n  x:\n    Type: String\nTasks: []\n",
        '"Tasks":\n  - Name: a\n',
        "'Parameters': {}\n",
        "---\nTasks: []\n",
        "--- # a document\n",
        "\ufeff# a comment\n\n   \nTasks: # the tasks\n",
        "Tasks: []",
    ],
)
def test_yaml_content_is_yaml_whatever_the_file_is_called(text):
    assert open_text(text, "file:///a/app.component").format is YAML
    assert open_text(text, "untitled:1", "plaintext").format is YAML


@pytest.mark.parametrize("text", ["RUN a\nTasks:\n", "TasksX: a\n", "# Tasks:\nRUN a\n", "----\n", "Tasks:x\n", ""])
def test_other_text_is_dockerfile_format(text):
    assert open_text(text, "file:///a/app.component").format is DOCKERFILE


def test_a_yaml_file_is_yaml_and_a_template_dockerfile_whatever_they_hold():
    assert open_text("RUN a\n", "file:///a/app.component.yaml").format is YAML
    assert open_text("Tasks: []\n", "file:///a/app.imagetemplate").format is DOCKERFILE


def test_a_yaml_document_gets_no_dockerfile_completion_hover_or_errors():
    text = "---\nParameters:\n  x:\n    Type: String\nTasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{x}}\n"
    doc = open_text(text, "file:///a/app.component")
    assert doc.format is YAML and doc.diagnostics() == []
    dockerfile = {"RUN", "ENV", "COPY", "WORKDIR"}
    for line in range(len(doc.source.lines)):
        for col in range(30):
            assert not {item.label for item in doc.complete(line, col)} & dockerfile
            found = doc.hover(line, col)
            assert found is None or "Image Builder instruction" not in found.markdown
    quoted = open_text(
        '"Tasks":\n  - Name: a\n    Action: RunShellCommand\n    Properties: {commandContent: ls}\n',
        "file:///a/app.component",
    )
    assert quoted.format is YAML and quoted.diagnostics() == []


def test_the_format_follows_edits_at_the_top():
    doc = open_text("# header\nRUN a\n", "file:///a/app.component")
    assert doc.format is DOCKERFILE and doc.complete(1, 0) != []
    doc.edit((1, 0), (1, 5), "Tasks:\n  - Name: a\n    Action: Reboot")
    assert doc.format is YAML and "RUN" not in [i.label for i in doc.complete(1, 0)] and doc.diagnostics() == []
    doc.edit((1, 0), (1, 0), "RUN b\n")
    assert doc.format is DOCKERFILE and doc.source.text == "# header\nRUN b\nTasks:\n  - Name: a\n    Action: Reboot\n"
    assert [d.code for d in doc.diagnostics()] == ["InvalidImageTemplateCommand.NotSupported"] * 3
    doc.set_text("---\n")
    assert doc.format is YAML


def test_edits_below_the_first_meaningful_line_do_not_look_again(monkeypatch):
    import component_lsp.formats.content as formats

    doc = open_text("# c\n" + "RUN a\n" * 100, "file:///a/app.component")
    looked = []
    real = formats.first_meaningful
    monkeypatch.setattr(formats, "first_meaningful", lambda lines: looked.append(1) or real(lines))
    doc.edit((50, 0), (50, 0), "Tasks:\n")
    assert looked == [] and doc.format is DOCKERFILE
    doc.edit((0, 0), (0, 3), "")
    assert looked == [1] and doc.format is DOCKERFILE


def test_every_format_is_in_the_table_once():
    assert len({fmt.name for fmt in FORMATS}) == len(FORMATS)
    packages = {p.parent.name for p in (ROOT / "component_lsp" / "formats").glob("*/__init__.py")}
    assert {fmt.name for fmt in FORMATS if not fmt.host} == packages, (
        "each package under component_lsp/formats/ is a format with a line in CONTENT_FORMATS (formats/content.py), "
        "named as its package: the step 'table' of 'Add a format' in docs/architecture.md"
    )
    # a host's module reads its language's files: it defines the Reader the host's model reads them with
    hosts = ROOT / "component_lsp" / "hosts"
    readers = {p.stem for p in hosts.glob("*.py") if "\nclass Reader" in p.read_text(encoding="utf-8")}
    assert {fmt.name for fmt in FORMATS if fmt.host} == readers, (
        "each module under component_lsp/hosts/ that reads a language (its Reader) is a host with a line in HOSTS "
        "(formats/hosts.py), named as its module: 'Add a host' in docs/architecture.md"
    )
