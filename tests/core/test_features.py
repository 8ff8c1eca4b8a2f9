"""Completion and hover, on the core (no protocol)."""

from component_lsp.formats.base import KEYWORD, SNIPPET, VARIABLE
from component_lsp.formats.dockerfile.catalog import SUPPORTED
from helpers import content

NINE = set(SUPPORTED)


def labels(text, line, col):
    return [item.label for item in content(text).complete(line, col)]


def test_keywords_on_an_empty_line_and_on_a_typed_prefix():
    assert set(labels("RUN a\n\n", 1, 0)) == NINE
    items = content("RUN a\n  wor\n").complete(1, 5)
    assert {i.label for i in items} == NINE and all(i.kind == KEYWORD for i in items)
    assert items[0].start == (1, 2) and items[0].end == (1, 5)


def test_keywords_never_include_from_component_or_unsupported():
    found = set(labels("\n", 0, 0))
    assert not found & {"FROM", "COMPONENT", "ADD", "ARG", "EXPOSE"}


def test_keyword_items_insert_upper_case_with_a_plain_and_a_snippet_form():
    item = next(i for i in content("ru").complete(0, 2) if i.label == "ENV")
    assert item.text == "ENV " and item.snippet == 'ENV ${1:NAME}="${2:value}"'
    assert "Example" in item.documentation


def test_no_keywords_in_comments_arguments_or_continuations():
    assert labels("# RU", 0, 4) == []
    assert labels("RUN echo ", 0, 9) == []
    assert labels("RUN a \\\n  b", 1, 3) == []


def test_variables_after_dollar_come_from_earlier_env_only():
    text = 'ENV A="1" B="2"\nRUN echo $\nENV C="3"\n'
    items = content(text).complete(1, 10)
    assert sorted(i.label for i in items) == ["A", "B"] and items[0].kind == VARIABLE
    assert [i.text for i in content('ENV A="1"\nRUN ${').complete(1, 6)] == ["A}"]


def test_exec_form_skeleton_for_cmd_and_entrypoint():
    (item,) = content("CMD ").complete(0, 4)
    assert item.kind == SNIPPET and item.text == '["executable", "param"]'
    assert content("ENTRYPOINT ").complete(0, 11)[0].snippet == '["${1:executable}", "${2:param}"]'


def test_hover_keyword_forms_and_examples():
    text, start, end = content("COPY a /b\n").hover(0, 2)
    assert "COPY <network file URL> <local destination dir>" in text and (start, end) == ((0, 0), (0, 4))


def test_hover_unsupported_and_unknown_keywords():
    assert "Use **ENV** instead" in content("ARG X").hover(0, 0)[0]
    assert "not allowed in an image component" in content("FROM x").hover(0, 0)[0]
    assert "Did you mean **WORKDIR**" in content("WORKDIRR /x").hover(0, 0)[0]


def test_hover_variable_definition_and_value():
    text = 'ENV A="one"\nENV A="two" \\\n    B="x"\nRUN echo ${A} $B $C\n'
    analysis = content(text)
    markdown, start, end = analysis.hover(3, 11)
    assert "`two`" in markdown and "line 2" in markdown and (start, end) == ((3, 9), (3, 13))
    assert "`x`" in analysis.hover(3, 15)[0]
    assert "not set by any ENV" in analysis.hover(3, 18)[0]
    assert analysis.hover(3, 6) is None  # plain argument text


def test_hover_outside_instructions_is_empty():
    assert content("# c\n\nRUN a\n").hover(0, 1) is None
    assert content("# c\n\nRUN a\n").hover(1, 0) is None
