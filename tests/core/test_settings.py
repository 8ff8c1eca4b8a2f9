"""Reading the user's settings in the shapes editors send them."""

from component_lsp.diagnostics import ERROR, WARNING, Diagnostic
from component_lsp.settings import Settings, read


def found(*codes):
    return [
        Diagnostic(code, ERROR if "." in code and not code.startswith("Lint") else WARNING, "m", (0, 0), (0, 1))
        for code in codes
    ]


def test_vscode_shape_flat_names_and_bare_section_all_read():
    nested = {"componentLsp": {"diagnostics": {"ignore": ["Lint.KeywordCase"]}}}
    flat = {"componentLsp": {"diagnostics.ignore": ["Lint.KeywordCase"]}}
    bare = {"diagnostics": {"ignore": "Lint.KeywordCase"}}
    for value in (nested, flat, bare):
        assert read(value) == (Settings(ignore=("Lint.KeywordCase",)), [])


def test_globs_hide_a_family_of_codes():
    settings = Settings(ignore=("Lint.*",))
    shown = settings.shown(found("Lint.KeywordCase", "Lint.CopyNeedsInternet", "EmptyCommandContent.RUN"))
    assert [d.code for d in shown] == ["EmptyCommandContent.RUN"]


def test_nothing_or_junk_gives_defaults_and_says_why():
    assert read(None) == (Settings(), [])
    assert read({}) == (Settings(), [])
    for junk in ([1], "x", {"componentLsp": 3}, {"componentLsp": {"diagnostics": {"ignore": [1, 2]}}}):
        settings, problems = read(junk)
        assert settings == Settings() and len(problems) == 1


def test_continuation_indent_can_be_left_alone():
    from component_lsp.settings import read

    assert read({"componentLsp": {"format": {"indentContinuations": False}}})[0].indent_continuations is False
    assert read({"componentLsp": {"format.indentContinuations": False}})[0].indent_continuations is False
    settings, problems = read({"componentLsp": {"format": {"indentContinuations": "no"}}})
    assert settings.indent_continuations is True and "indentContinuations should be true or false" in problems[0]


def test_the_budget_warning_threshold_is_a_percentage():
    from component_lsp.settings import read

    assert read({"componentLsp": {"budget": {"warning": 80}}})[0].budget == 80
    assert read({"componentLsp": {"budget.warning": 0}})[0].budget == 0
    assert read({})[0].budget is None
    for junk in (101, -1, True, "90", 90.5):
        settings, problems = read({"componentLsp": {"budget": {"warning": junk}}})
        assert settings.budget is None and "budget.warning should be a whole number" in problems[0]
