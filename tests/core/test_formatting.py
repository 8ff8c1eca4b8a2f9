"""Formatting Dockerfile-format text: what it does, and (over generated and corpus documents) that it is idempotent
and never changes what BuildKit reads, nor any diagnostic but the style it fixes."""

from collections import Counter
from pathlib import Path

import dockerfile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import CORPUS, content
from helpers.generators import dockerfile_text

STYLE = {"Lint.KeywordCase"}  # what formatting fixes


def formatted(text: str, indent: bool = True, first: int = 0, last: int | None = None) -> str:
    model = content(text)
    for edit in reversed(model.formatting(first, last, indent) or []):  # YAML: left to the YAML tools
        model.edit(edit.start, edit.end, edit.text)
    return model.source.text


def test_keywords_trailing_space_and_continuations():
    text = 'run a  \nRUN echo a \\\n      && b \\\n  # c\n\t&& "x \\\n  y"  \nCMD ["a", \\\n   "b"]\nRUN <<EOF\n  body   \nEOF\n# tail   \n'
    assert (
        formatted(text)
        == 'RUN a\nRUN echo a \\\n    && b \\\n  # c\n    && "x \\\n  y"\nCMD ["a", \\\n   "b"]\nRUN <<EOF\n  body   \nEOF\n# tail\n'
    )
    assert formatted(text, indent=False).split("\n")[2] == "      && b \\"  # left as it is when the setting says so
    assert formatted("run a\nrun b  \nrun c\n", first=1, last=1) == "run a\nRUN b\nrun c\n"  # a range: only its lines


def buildkit(text: str):
    try:
        commands = dockerfile.parse_string(text)
    except dockerfile.GoParseError as exc:
        return ("error", str(exc).split(":")[0])
    return [
        ((c.cmd or "").lower(), c.json, tuple(" ".join(v.split()) for v in c.value), tuple(h.name for h in c.heredocs))
        for c in commands
    ]


def codes(text: str) -> Counter:
    return Counter(d.code for d in content(text).diagnostics() if d.code not in STYLE)


def check(text: str) -> None:
    once = formatted(text)
    assert formatted(once) == once, "formatting twice changes the text again"
    assert buildkit(once) == buildkit(text)
    assert codes(once) == codes(text)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(dockerfile_text())
def test_formatting_is_idempotent_and_keeps_the_meaning(text):
    check(text)


@pytest.mark.slow
def test_the_corpus_formats_without_changing_its_meaning():
    files = sorted(Path(CORPUS).glob("*/*_Dockerfile"))
    assert len(files) > 150
    for path in files:
        check(path.read_text(encoding="utf-8", errors="replace"))


def typed_enter(text: str, line: int, indent: bool = True) -> str:
    model = content(text)
    for edit in reversed(model.on_type(line, 0, "\n", indent) or []):
        model.edit(edit.start, edit.end, edit.text)
    return model.source.text


def test_enter_after_a_trailing_backslash_indents_the_new_line_as_format_document_would():
    assert typed_enter("run a \\  \n\n", 1) == "run a \\\n    \n"  # the keyword is Format Document's, not a keystroke's
    assert typed_enter("RUN a \\\n  b\n", 1) == "RUN a \\\n    b\n"
    assert typed_enter("RUN a \\\nb\n", 1) == "RUN a \\\nb\n"  # `a\` `b` is `ab`: an indent would split it
    assert typed_enter('RUN echo "a \\\n\nb"\n', 1) == 'RUN echo "a \\\n\nb"\n'  # inside a quoted string
    assert typed_enter("# a \\\n\n", 1) == "# a \\\n\n"  # a comment does not continue
    assert typed_enter("RUN a\n\n", 1) == "RUN a\n\n"
    assert typed_enter("RUN a \\\n  # c\n", 1) == "RUN a \\\n  # c\n"
    assert typed_enter("RUN <<EOF\n  x \\\n\nEOF\n", 2) == "RUN <<EOF\n  x \\\n\nEOF\n"  # a heredoc's body
    assert typed_enter("RUN a \\\n\n", 1, indent=False) == "RUN a \\\n\n"  # the setting off: left as it is
    assert typed_enter("# escape=`\nRUN a `\n\n", 2) == "# escape=`\nRUN a `\n    \n"
    assert content("RUN a \\\n\n").on_type(1, 0, "x", True) == []  # only Enter


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(dockerfile_text(), st.integers(min_value=1, max_value=40))
def test_enter_never_changes_what_the_text_means(text, line):
    typed = typed_enter(text, line % max(1, len(content(text).source.lines)))
    assert buildkit(typed) == buildkit(text)
    # The line Enter made is blank until typed in: indented at the end of the text, it becomes a blank line.
    before, after = codes(text), codes(typed)
    assert not before - after
    assert after - before in (Counter(), Counter({"Lint.EmptyContinuationLine": 1}))
