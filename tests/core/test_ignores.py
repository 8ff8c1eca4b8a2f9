"""Comments that ignore codes: for the next instruction (a YAML task or key), for the file, and the ones that ignore
nothing."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from component_lsp.document import MARK
from component_lsp.ignores import apply, ignoring
from helpers import content
from helpers.generators import dockerfile_text

YAML = "file:///w/a.component.yaml"


def shown(text: str, name: str = "file:///w/a.component") -> list[tuple[str, int]]:
    model = content(text, name)
    return [(d.code, d.start[0]) for d in apply(model, model.diagnostics())]


def test_an_ignore_comment_covers_the_next_instruction_only_continuation_included():
    text = "# component-lsp: ignore=InvalidImageTemplateCommand.NotSupported ours: a mirror\nADD a \\\n  /b\nADD c /d\n"
    assert shown(text) == [("InvalidImageTemplateCommand.NotSupported", 3)]


def test_ignore_file_anywhere_and_globs():
    text = "run a\nRun b\nADD c /d\n# component-lsp: ignore-file=Lint.*,InvalidImageTemplate*\n"
    assert shown(text) == []


def test_in_yaml_a_comment_covers_the_next_task_or_key():
    text = (
        "Tasks:\n  # component-lsp: ignore=InvalidParameter.Content\n  - Name: a\n    Action: RunShelCommand\n"
        "  - Name: b\n    # component-lsp: ignore=Lint.UnknownProperty\n    colour: blue\n    Action: Nope\n"
    )
    assert shown(text, YAML) == [("InvalidParameter.Content", 7)]


def test_a_comment_that_ignores_nothing_is_reported_and_fixed():
    text = "# component-lsp: ignore=Lint.KeywordCase,Lint.LabelSyntax\nrun a\n# component-lsp: ignore-file=Lint.HeredocNotSupported\n"
    model = content(text)
    found = apply(model, model.diagnostics())
    unused = [d for d in found if d.code == "Lint.UnusedIgnore"]
    assert [(d.start, d.fix_title) for d in unused] == [
        ((0, 24), "Remove Lint.LabelSyntax"),
        ((2, 29), "Remove the ignore comment"),
    ]
    assert "Lint.LabelSyntax is ignored here, but it does not occur" in unused[0].message
    for d in reversed(unused):
        for edit in reversed(d.fix):
            model.edit(edit.start, edit.end, edit.text)
    assert model.source.text == "# component-lsp: ignore=Lint.KeywordCase\nrun a\n"
    assert apply(model, model.diagnostics()) == []


def test_what_is_not_an_ignore_comment():
    assert shown("RUN echo # component-lsp: ignore=Lint.KeywordCase\nrun a\n") == [
        ("Lint.KeywordCase", 1)
    ]  # the command's text
    assert shown("# component-lsp: ignore=\nRUN a\n") == [("Lint.UnusedIgnore", 0)]  # cannot be read: said so


def test_the_ignore_quick_fixes_silence_the_diagnostic_and_leave_no_unused_comment():
    for text, name in [
        ("RUN a\nADD b \\\n  /c\n", "file:///w/a.component"),
        ("# escape=`\nrun a\n", "file:///w/a.component"),
        ("Tasks:\n  - Name: a\n    Action: RunShelCommand\n", YAML),
    ]:
        model = content(text, name)
        for d in model.diagnostics():
            for title, edit in ignoring(model, d):
                fixed = content(text, name)
                fixed.edit(edit.start, edit.end, edit.text)
                after = apply(fixed, fixed.diagnostics())
                assert d.code not in [x.code for x in after] and "Lint.UnusedIgnore" not in [x.code for x in after], (
                    title,
                    fixed.source.text,
                )
    model = content("# escape=`\nrun a\n")
    ((_, in_file),) = [
        pair
        for d in model.diagnostics()
        if d.code == "Lint.KeywordCase"
        for pair in ignoring(model, d)
        if "file" in pair[0]
    ]
    assert in_file.start == (1, 0)  # after the parser directive, which must stay first


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(
    dockerfile_text(),
    st.lists(
        st.tuples(
            st.integers(0, 12), st.integers(0, 12), st.sampled_from([MARK, "# " + MARK + " ignore=X\n", "a", "\n", ""])
        ),
        max_size=6,
    ),
)
def test_the_document_counts_marked_lines_as_it_is_edited(text, edits):
    model = content(text)
    for line, col, new in edits:
        line = min(line, len(model.source.lines) - 1)
        col = min(col, len(model.source.line_text(line)))
        model.edit((line, col), (line, col), new)
        assert model.source.marked == model.source.text.count(MARK)
