"""*Move the rest into a new component*: what moves, where it goes, and that both files then fit."""

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from component_lsp import limits, moving
from helpers import content

FREE = lambda path, name: False  # noqa: E731  (nothing exists)
ARN = "acs:ecs:cn-shanghai:1234567890:imagecomponent/"


def over(text: str, name: str = "file:///w/app.component") -> set[str]:
    return {d.code for d in content(text, name).diagnostics()} & limits.OVER


def apply(text: str, name: str, path: str = "/w/app.component"):
    c = content(text, name)
    move = moving.plan(c, path, c.uses() or [], FREE)
    assert move is not None
    c.edit(move.start, move.end, move.replacement)
    return move, c.source.text


def test_the_commands_past_127_move_with_their_comments_and_both_files_fit():
    text = "".join(f"# step {i}\nRUN step {i}\n" for i in range(130))
    assert over(text) == {"InvalidImageTemplateCommandSize.ExceededMaxNumber"}
    move, kept = apply(text, "file:///w/app.component")
    assert (move.path, move.name, move.title) == (
        "/w/app-2.component",
        "app-2",
        "Move commands 128-130 into a new component, app-2.component",
    )
    assert kept + move.text == text  # nothing lost, nothing reordered
    assert move.text.startswith("# step 127\nRUN step 127\n")
    assert over(kept) == set() and over(move.text) == set()


def test_past_16_kb_the_commands_that_do_not_fit_move():
    line = "RUN echo " + "x" * 990 + "\n"  # 1,000 bytes
    text = line * 20
    assert over(text) == {"InvalidContent.LengthExceeded"}
    move, kept = apply(text, "file:///w/app.component")
    assert (move.title, len(kept.encode()), kept + move.text) == (
        "Move commands 17-20 into a new component, app-2.component",
        16000,
        text,
    )


def test_a_template_gets_a_component_line_in_the_region_and_account_it_uses():
    head = f"FROM IMAGE:m-1\nCOMPONENT {ARN}nginx/1.0.0\n"
    text = head + "RUN a\n" * 130 + f"COMPONENT {ARN}tail/1.0.0\nRUN z\n"
    move, kept = apply(text, "file:///w/site.imagetemplate", "/w/site.imagetemplate")
    assert move.replacement == f"COMPONENT {ARN}site-2/1.0.0\n"
    assert move.text == "RUN a\n" * 8  # the end of the run before the next COMPONENT line: a component cannot hold one
    assert kept.count("\n") == 2 + 122 + 1 + 2 and over(kept, "file:///w/site.imagetemplate") == set()


def test_an_escape_directive_goes_with_the_moved_lines():
    text = "# escape=`\n" + "RUN a `\n  b\n" * 130
    move, _ = apply(text, "file:///w/app.component")
    assert move.text.startswith("# escape=`\nRUN a `\n  b\n")


def test_the_new_file_is_beside_this_one_and_never_one_that_exists():
    taken = {"/w/app-2.component", "/w/app-3.component"}
    assert moving.new_file("/w/app.component", lambda p, n: p in taken) == ("/w/app-4.component", "app-4")
    assert moving.new_file("/w/app-2.component", FREE) == ("/w/app-3.component", "app-3")
    assert moving.new_file("/w/Componentfile", FREE) == ("/w/Componentfile-2.component", "Componentfile-2")
    assert moving.new_file("/w/9 lives.component", lambda p, n: n == "c-9-lives-2") == (
        "/w/c-9-lives-3.component",
        "c-9-lives-3",
    )


def test_nothing_to_move_when_the_text_fits_or_one_command_is_all_it_has():
    for text in ("RUN a\n", "RUN " + "x" * 17000 + "\n"):
        c = content(text)
        assert moving.plan(c, "/w/app.component", [], FREE) is None


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["RUN a\n", "# note\n", 'ENV A="1"\n', "RUN b \\\n  c\n", "\n", "RUN " + "y" * 400 + "\n"]),
        min_size=130,
        max_size=220,
    )
)
def test_a_component_past_a_limit_fits_after_the_move_and_keeps_every_line(pieces):
    text = "".join(pieces)
    if not over(text):
        return
    move, kept = apply(text, "file:///w/app.component")
    assert kept + move.text == text
    assert over(kept) == set()
    assert os.path.dirname(move.path) == "/w"


YAML_HEAD = "Parameters:\n  who:\n    Type: String\n    DefaultValue: me\n"
YAML_TASK = (
    "  - Name: t{i}\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{{{ who }}}} "
    + "x" * 300
    + "\n"
)


def test_a_yaml_component_past_16_kb_moves_its_last_tasks_with_a_copy_of_its_parameters():
    name = "file:///w/app.component.yaml"
    text = YAML_HEAD + "Tasks:\n" + "".join(YAML_TASK.format(i=i) for i in range(50))
    assert over(text, name) == {"InvalidContent.LengthExceeded"}
    move, kept = apply(text, name, "/w/app.component.yaml")
    assert (move.path, move.title) == (
        "/w/app-2.component.yaml",
        "Move tasks 42-50 into a new component, app-2.component.yaml",
    )
    assert move.text == YAML_HEAD + "Tasks:\n" + "".join(YAML_TASK.format(i=i) for i in range(41, 50))
    assert over(kept, name) == set() and len(kept.encode()) <= 16384
    assert [d.code for d in content(kept, name).diagnostics()] == [] and [
        d.code for d in content(move.text, name).diagnostics()
    ] == []


def test_yaml_that_does_not_read_or_is_flow_style_is_not_cut():
    name = "file:///w/app.component.yaml"
    flow = "Tasks: [" + ", ".join(f"{{Name: t{i}, Action: Reboot}}" for i in range(700)) + "]\n"
    broken = "Tasks:\n  - Name: [\n" + "# " + "x" * 17000 + "\n"
    for text in (flow, broken):
        c = content(text, name)
        assert c.source.byte_size > 16384 and moving.plan(c, "/w/app.component.yaml", [], FREE) is None
