"""Quick fixes and fix all: what they do, and (over generated documents) that none adds an error."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from component_lsp.diagnostics import ERROR, Diagnostic, Edit
from component_lsp.fixes import fix_all, fixes_in
from helpers import content
from helpers.generators import dockerfile_text, yaml_text


def apply(analysis, edits):
    for edit in reversed(edits):  # sorted, non-overlapping: apply from the end
        analysis.edit(edit.start, edit.end, edit.text)


def test_fix_all_fixes_every_fixable_problem_at_once():
    analysis = content("run echo hi\nADD a /b\nENV A=1 B=2\nRESTART now\nRUN a \\\n\n  b\nworkdirr /x\n")
    apply(analysis, fix_all(analysis.diagnostics()))
    assert analysis.source.text == 'RUN echo hi\nCOPY a /b\nENV A="1" B="2"\nRESTART\nRUN a \\\n  b\nWORKDIR /x\n'
    assert analysis.diagnostics() == []


def test_overlapping_fixes_keep_the_first():
    first = Diagnostic("A", 2, "a.", (0, 0), (0, 3), "one", [Edit((0, 0), (0, 3), "ONE")])
    second = Diagnostic("B", 2, "b.", (0, 2), (0, 5), "two", [Edit((0, 2), (0, 5), "TWO")])
    third = Diagnostic("C", 2, "c.", (0, 5), (0, 6), "three", [Edit((0, 5), (0, 6), "3")])
    assert [e.text for e in fix_all([third, second, first])] == ["ONE", "3"]


def test_an_unsupported_lower_case_keyword_gets_one_fix():
    analysis = content("add a /b\n")
    assert [d.code for d in analysis.diagnostics()] == ["InvalidImageTemplateCommand.NotSupported"]
    apply(analysis, fix_all(analysis.diagnostics()))
    assert analysis.source.text == "COPY a /b\n"


def test_fixes_in_a_range():
    found = content("run a\nRUN b\nrun c\n").diagnostics()
    assert [d.start[0] for d in fixes_in(found, (2, 1), (2, 1))] == [2]
    assert len(fixes_in(found, (0, 0), (2, 0))) == 2
    assert fixes_in(found, (1, 0), (1, 5)) == []


def test_arg_and_maintainer_are_rewritten_into_what_their_replacement_needs():
    for text, fixed in [
        ("ARG FOO\n", 'ENV FOO=""\n'),
        ('ARG A B=1 C="x y"\n', 'ENV A="" B="1" C="x y"\n'),
        ("MAINTAINER Jane Doe <j@x>\n", 'LABEL maintainer="Jane Doe <j@x>"\n'),
    ]:
        analysis = content(text)
        apply(analysis, fix_all(analysis.diagnostics()))
        assert analysis.source.text == fixed and analysis.diagnostics() == []
    assert (
        fix_all(content("ARG 1x\n").diagnostics()) == []
    )  # not a variable: nothing ENV could take; the message says what to use


FIX_PIECES = [
    "ARG A",
    "ARG A=1 B",
    "arg x",
    "MAINTAINER Jane <j@x>",
    'maintainer a"b',
    "add a /b",
    "ADD http://x/y /z",
    "run a",
    "Run  b",
    "RUNN c",
    "workdirr /x",
    "ENV A=1",
    'ENV A=1 B="2"',
    "ENV A 'x'",
    "RESTART now",
    "RESTART",
    "expose 80",
    "LABEL a=b c",
    "RUN a \\",
    "",
    "# c",
    "COPY a b c",
    'cmd ["a", 1]',
    "USER a b",
    "FROM x",
    "COMPONENT ic-1",
    "onbuild RUN x",
]


@st.composite
def fixable_text(draw):
    return "\n".join(draw(st.lists(st.sampled_from(FIX_PIECES), max_size=10))) + draw(st.sampled_from(["", "\n"]))


def errors(analysis) -> Counter:
    return Counter(d.code for d in analysis.diagnostics() if d.severity == ERROR)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.one_of(fixable_text(), dockerfile_text(), yaml_text()),
    st.sampled_from(["file:///w/a.component", "file:///w/a.imagetemplate", "file:///w/a.component.yaml"]),
)
def test_no_fix_adds_an_error_and_fix_all_is_done_in_one_go(text, name):
    before = content(text, name)
    found = before.diagnostics()
    for d in found:  # each quick fix alone
        if d.fix:
            after = content(text, name)
            apply(after, sorted(d.fix, key=lambda e: (e.start, e.end)))
            assert not errors(after) - errors(before), (d.code, d.fix_title, after.source.text)
    every = content(text, name)
    apply(every, fix_all(found))
    assert not errors(every) - errors(before), every.source.text
    once = every.source.text
    apply(every, fix_all(every.diagnostics()))
    assert every.source.text == once  # a second fix all has nothing left to do
