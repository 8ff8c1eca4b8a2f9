"""The outline, folding and links of both formats."""

import pytest
from hypothesis import given, settings

from component_lsp.formats.base import FUNCTION, MODULE, NAMESPACE, PROPERTY_SYMBOL, VARIABLE_SYMBOL
from helpers import content
from helpers.generators import dockerfile_text, yaml_text

YAML = "file:///w/a.component.yaml"
TEMPLATE = "file:///w/t.imagetemplate"


def outline(text, name="file:///w/a.component"):
    return content(text, name).symbols()


def test_instructions_with_their_variables_and_a_components_parameters():
    found = outline('# c\nENV A=1 B="x y"\nRUN a \\\n  b\n')
    assert [(s.name, s.detail, s.kind, s.start, s.end) for s in found] == [
        ("ENV", 'A=1 B="x y"', FUNCTION, (1, 0), (1, 15)),
        ("RUN", "a b", FUNCTION, (2, 0), (3, 3)),
    ]
    assert [(c.name, c.detail, c.kind, c.select_start, c.select_end) for c in found[0].children] == [
        ("A", "1", VARIABLE_SYMBOL, (1, 4), (1, 5)),
        ("B", '"x y"', VARIABLE_SYMBOL, (1, 8), (1, 9)),
    ]
    (component,) = outline("COMPONENT acs:ecs:cn-hangzhou:1:imagecomponent/app/1.0.0 --port 80\n", TEMPLATE)
    assert (component.name, component.detail, component.kind) == ("COMPONENT", "app", MODULE)
    assert [(c.name, c.detail, c.kind) for c in component.children] == [("--port", "80", PROPERTY_SYMBOL)]


def test_a_yaml_component_has_parameters_and_tasks_with_their_actions():
    text = "Parameters:\n  p:\n    Type: String\nTasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: ls\n  - Action: Reboot\n"
    found = outline(text, YAML)
    assert [(s.name, s.kind, s.start[0], s.end[0]) for s in found] == [
        ("Parameters", NAMESPACE, 0, 2),
        ("Tasks", NAMESPACE, 3, 8),
    ]
    assert [(c.name, c.detail) for c in found[0].children] == [("p", "String")]
    assert [(c.name, c.detail, c.start[0], c.end[0]) for c in found[1].children] == [
        ("a", "RunShellCommand", 4, 7),
        ("(a task without a Name)", "Reboot", 8, 8),
    ]
    assert outline("Tasks: [\n", YAML) == []  # YAML that does not read: no outline


def test_folding_multi_line_instructions_comment_runs_and_yaml_blocks():
    folds = content("# a\n# b\nRUN a \\\n  # inside\n  b\nRUN c\n").folding()
    assert [(f.first, f.last, f.kind) for f in folds] == [(0, 1, "comment"), (2, 4, "")]
    folds = content("# a\n# b\nTasks:\n  - Name: a\n    Action: Reboot\n", YAML).folding()
    assert [(f.first, f.last, f.kind) for f in folds] == [(0, 1, "comment"), (2, 4, ""), (3, 4, "")]


def test_links_are_copy_urls():
    links = content(
        "COPY https://x.example/a.tgz?v /opt/\nCOPY http://x.example/b /opt/\nCOPY /tmp/c /opt/\nRUN curl https://x.example/d\n"
    ).links()
    assert [(link.start, link.end, link.target) for link in links] == [
        ((0, 5), (0, 30), "https://x.example/a.tgz?v"),
        ((1, 5), (1, 23), "http://x.example/b"),
    ]


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(dockerfile_text())
def test_every_symbol_holds_its_selection_and_its_children_in_any_text(text):
    model = content(text)
    lines = len(model.source.lines)
    for symbol in model.symbols():
        assert symbol.start <= symbol.select_start <= symbol.select_end <= symbol.end and symbol.end[0] < lines
        for child in symbol.children:
            assert symbol.start <= child.start <= child.end <= symbol.end
    for fold in model.folding():
        assert 0 <= fold.first < fold.last < lines


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(yaml_text())
def test_yaml_symbols_and_folds_stay_in_the_text(text):
    model = content(text, YAML)
    lines = len(model.source.lines)
    for symbol in model.symbols():
        assert symbol.start <= symbol.select_start <= symbol.select_end <= symbol.end and symbol.end[0] < lines
        for child in symbol.children:
            assert child.start <= child.select_start <= child.select_end <= child.end
    for fold in model.folding():
        assert 0 <= fold.first < fold.last < lines


def test_the_budget_counts_bytes_and_commands_or_tasks():
    assert tuple(content("# é\nRUN a \\\n  b\nRUN c\n").budget()) == (
        len("# é\nRUN a \\\n  b\nRUN c\n".encode()),
        2,
        "commands",
        True,
    )
    assert tuple(content("Tasks:\n  - Name: a\n    Action: Reboot\n  - Action: Reboot\n", YAML).budget())[1:] == (
        2,
        "tasks",
        False,
    )


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(yaml_text())
def test_a_yaml_components_tasks_are_counted_from_its_cuts_as_from_the_text_read_whole(text):
    from component_lsp.formats.yaml.segments import TASK

    opened = content(text, YAML)
    model = opened.model
    whole = sum(1 for placed in model.placed() if placed.part.kind == TASK) if model.reads() else 0
    assert opened.budget().items == whole
