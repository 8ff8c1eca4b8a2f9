"""ENV variables in Dockerfile-format text: definition, references, highlight and rename."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import content

TEXT = 'ENV APP=/opt/app\nRUN cd $APP && ${APP}/run \\\n  && ls $APP\nENV APP="$APP/x" OTHER=1\nRUN echo $HOME $OTHER\n'


def test_definition_goes_to_every_env_that_sets_it():
    model = content(TEXT)
    assert model.definition(1, 9) == [((0, 4), (0, 7)), ((3, 4), (3, 7))]
    assert model.definition(4, 11) == []  # HOME: the build VM's
    assert model.definition(4, 1) == []  # a keyword


def test_references_across_continuations_with_or_without_the_definitions():
    model = content(TEXT)
    uses = [((1, 8), (1, 11)), ((1, 17), (1, 20)), ((2, 9), (2, 12)), ((3, 10), (3, 13))]
    assert model.references(2, 9, False) == uses
    assert model.references(0, 5, True) == sorted(uses + [((0, 4), (0, 7)), ((3, 4), (3, 7))])


def test_rename_renames_both_definitions_and_every_use_and_refuses_what_it_cannot():
    model = content(TEXT)
    assert model.prepare_rename(1, 9) == (((1, 8), (1, 11)), "APP")
    for edit in reversed(model.rename(1, 9, "ROOT")):
        model.edit(edit.start, edit.end, edit.text)
    assert model.source.text == TEXT.replace("APP", "ROOT")
    with pytest.raises(ValueError, match="HOME is set by no ENV in this file"):
        model.prepare_rename(4, 11)
    with pytest.raises(ValueError, match="not a variable name"):
        model.rename(0, 5, "1x")


NAMES = st.sampled_from(["A", "B", "PATH_1"])


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "ENV {n}=1",
                    "RUN echo ${n} $" + "{n}x",
                    "ENV {n} v",
                    "RUN a \\\n  $" + "{n}",
                    "# $" + "{n}",
                    "COPY $" + "{n} /d",
                ]
            ),
            NAMES,
        ),
        min_size=1,
        max_size=8,
    )
)
def test_a_rename_changes_exactly_the_places_references_gives(pieces):
    text = "\n".join(template.replace("{n}", name) for template, name in pieces) + "\n"
    model = content(text)
    for line in range(len(model.source.lines)):
        for col in range(len(model.source.line_text(line)) + 1):
            try:
                edits = model.rename(line, col, "NEW")
            except ValueError:
                assert model.definition(line, col) == []
                continue
            if edits is None:
                continue
            assert sorted((e.start, e.end) for e in edits) == model.references(line, col, True)
