"""After any sequence of edits, the incremental analysis equals a fresh one of the final text."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from component_lsp.document import UTF8, UTF16
from helpers import content, edit_lsp
from helpers.generators import PIECES, dockerfile_text

INSERTS = st.one_of(
    st.sampled_from(PIECES + ["\n", "\r\n", "\\\n", "\n\n", "RUN x\n", "# c\n", "<<EOF\n", "EOF\n", "ENV A=1\n"]),
    st.text(max_size=8),
)


def snapshot(analysis):
    """Everything the document holds, and its outline, formatting and folds (kept per instruction between edits);
    the parse too when the text is Dockerfile-format (a YAML start line makes it YAML)."""
    model = analysis.model
    parsed = None
    if analysis.format.name == "dockerfile":
        parsed = (
            model.header.escape,
            [(i.start, i.end, i.keyword, i.logical, i.written.open_end) for i in model.instructions],
            {k: len(v) for k, v in model.by_keyword.items() if v},
        )
    return (
        analysis.source.text,
        analysis.source.byte_size,
        analysis.format.name,
        parsed,
        analysis.diagnostics(),
        analysis.symbols(),
        analysis.formatting(0, None, True),
        analysis.folding(),
    )


@st.composite
def edits(draw, text):
    """A starting text and a list of (start, end, new text) edits in LSP-ish coordinates."""
    out = []
    for _ in range(draw(st.integers(1, 8))):
        line1, line2 = sorted(draw(st.lists(st.integers(0, 20), min_size=2, max_size=2)))
        col1 = draw(st.integers(0, 12))
        col2 = draw(st.integers(0, 12))
        if line1 == line2 and col2 < col1:
            col1, col2 = col2, col1
        out.append(((line1, col1), (line2, col2), draw(INSERTS)))
    return out


@pytest.mark.slow
@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(dockerfile_text(), st.data(), st.sampled_from([UTF16, UTF8]))
def test_incremental_equals_full(text, data, encoding):
    analysis = content(text)
    for start, end, new in data.draw(edits(text)):
        edit_lsp(analysis, start, end, new, encoding)
        assert snapshot(analysis) == snapshot(content(analysis.source.text))


TEMPLATE = "file:///w/main.imagetemplate"
COMPONENT_LINES = [
    "COMPONENT acs:ecs:cn-hangzhou:1:imagecomponent/ab/1.0.0 --x 1\n",
    "COMPONENT ic-x --y\n",
    " --z 2",
    "ab",
    "\n",
]


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(dockerfile_text(), st.lists(st.sampled_from(COMPONENT_LINES), max_size=4), st.data())
def test_incremental_equals_full_in_a_template_and_its_uses_too(text, lines, data):
    analysis = content("".join(lines) + text + "\n" + "".join(lines), TEMPLATE)
    for start, end, new in data.draw(edits(text)):
        edit_lsp(
            analysis,
            start,
            end,
            new if data.draw(st.booleans()) else data.draw(st.sampled_from(COMPONENT_LINES)),
            UTF16,
        )
        fresh = content(analysis.source.text, TEMPLATE)
        assert snapshot(analysis) == snapshot(fresh)
        assert analysis.uses() == fresh.uses()


def test_typing_a_continuation_extends_the_instruction():
    analysis = content("RUN a\nRUN b\n")
    analysis.edit((0, 5), (0, 5), " \\")
    assert [(i.start, i.end) for i in analysis.model.instructions] == [(0, 1)]
    analysis.edit((0, 5), (0, 7), "")
    assert [(i.start, i.end) for i in analysis.model.instructions] == [(0, 0), (1, 1)]


def test_an_edit_far_from_an_instruction_leaves_it_untouched():
    analysis = content("RUN a\n" + "RUN b\n" * 50 + "RUN c\n")
    last = analysis.model.instructions[-1]
    first = analysis.model.instructions[0]
    analysis.edit((20, 4), (20, 5), "bb\n\n")
    assert analysis.model.instructions[-1] is last and analysis.model.instructions[0] is first
    assert last.start == 53  # moved down by the two lines the edit added


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(dockerfile_text(), st.data())
def test_what_is_kept_per_instruction_survives_several_edits_between_asks(text, data):
    """The outline (kept aligned with the instructions, and patched from the runs each edit replaced) asked only
    now and then, as an editor asks after a pause: equal to a fresh one's whatever edits came between."""
    analysis = content(text * 3)
    for start, end, new in data.draw(edits(text)) + data.draw(edits(text)):
        edit_lsp(analysis, start, end, new, UTF16)
        if data.draw(st.integers(0, 3)) == 0:
            assert analysis.symbols() == content(analysis.source.text).symbols()
    assert analysis.symbols() == content(analysis.source.text).symbols()


SCRIPT_INSERTS = st.one_of(
    INSERTS,
    st.sampled_from(
        [
            "# shellcheck disable=SC2086\n",
            "#shellcheck disable=SC1,SC2\n",
            "RUN echo $1 \\\n",
            "RUN ls\n# shellcheck disable=SC2\n",
        ]
    ),
)


def scripts_of(analysis):
    """Each RUN's script where it stands: its text, directives, and where its first and last characters are."""
    return [
        None
        if s is None
        else (s.text, s.directives, s.place(0, 0), s.place(0, len(s.text)), s.place(len(s.text) // 2, len(s.text)))
        for s in analysis.scripts().scripts
    ]


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(dockerfile_text(), st.data())
def test_the_scripts_kept_between_edits_equal_a_fresh_look(text, data):
    """The scripts are kept per instruction and built again only where an edit parsed again, not where it only
    moved lines: their directives (the comments above a RUN) and places still equal a fresh parse's."""
    analysis = content("# shellcheck disable=SC2154\nRUN a $x \\\n  b\n" + text + "\nRUN c\n")
    for start, end, _ in data.draw(edits(text)):
        new = data.draw(SCRIPT_INSERTS)
        edit_lsp(analysis, start, end, new, UTF16)
        if data.draw(st.integers(0, 2)) == 0:
            assert scripts_of(analysis) == scripts_of(content(analysis.source.text))
    assert scripts_of(analysis) == scripts_of(content(analysis.source.text))


def test_the_outline_after_more_edits_than_are_remembered_is_built_anew():
    from component_lsp.formats.dockerfile.model import REPLACED_KEPT

    analysis = content("RUN a\n" * 10)
    first = analysis.symbols()
    for n in range(REPLACED_KEPT + 1 + (REPLACED_KEPT + 1) % 2):  # an even number: the text as it was
        analysis.edit((5, 4), (5, 5), "b" if n % 2 == 0 else "a")
    assert analysis.model.replaced_since(analysis.model.memo["outline"][0]) is None
    again = analysis.symbols()
    assert again == first and again[0] is not first[0]  # equal, but made anew, not patched


def test_an_unchanged_instruction_keeps_its_outline_entry_and_a_moved_one_does_not():
    analysis = content("RUN a\nRUN b\nRUN c\nRUN d\n")
    before = analysis.symbols()
    analysis.edit((1, 4), (1, 5), "x")  # same lines: RUN b is new, RUN c built again (right after it), RUN d kept
    after = analysis.symbols()
    assert after[0] is before[0] and after[3] is before[3] and after[1] != before[1] and after[2] == before[2]
    analysis.edit((1, 5), (1, 5), "\n")  # a line more: RUN d moves down
    moved = analysis.symbols()
    assert moved[0] is before[0] and moved[-1].start == (4, 0) and moved[-1] is not after[3]
