from component_lsp.diagnostics import Diagnostic, Edit
from component_lsp.fixes import fix_all, fixes_in
from helpers import content


def apply(analysis, edits):
    for edit in reversed(edits):  # sorted, non-overlapping: apply from the end
        analysis.edit(edit.start, edit.end, edit.text)


def test_fix_all_fixes_every_fixable_problem_at_once():
    analysis = content('run echo hi\nADD a /b\nENV A=1 B=2\nRESTART now\nRUN a \\\n\n  b\nworkdirr /x\n')
    apply(analysis, fix_all(analysis.diagnostics()))
    assert analysis.doc.text == 'RUN echo hi\nCOPY a /b\nENV A="1" B="2"\nRESTART\nRUN a \\\n  b\nWORKDIR /x\n'
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
    assert analysis.doc.text == "COPY a /b\n"


def test_fixes_in_a_range():
    found = content("run a\nRUN b\nrun c\n").diagnostics()
    assert [d.start[0] for d in fixes_in(found, (2, 1), (2, 1))] == [2]
    assert len(fixes_in(found, (0, 0), (2, 0))) == 2
    assert fixes_in(found, (1, 0), (1, 5)) == []
