"""Instruction boundaries and keywords agree with BuildKit's own parser.

The oracle is the PyPI package ``dockerfile``, which wraps BuildKit's Go
parser. It rejects some files outright (``ENV`` without a value, an
unterminated heredoc, ...); there is nothing to compare then, so those are
counted and the test insists that most generated files are compared.
"""

from pathlib import Path

import dockerfile
import pytest
from hypothesis import HealthCheck, given, settings

from component_lsp.document import split_lines
from component_lsp.formats.dockerfile.parser import parse
from helpers import CORPUS as CORPUS_DIR
from helpers.generators import dockerfile_text

pytestmark = pytest.mark.slow  # the quick loop (-m 'not slow') leaves this module out

GENERATED = 4000
CORPUS = sorted(CORPUS_DIR.glob("**/*Dockerfile*"))


def ours(text: str):
    return [(i.start + 1, i.end + 1, i.keyword, i.written.json_form, heredocs(i)) for i in parse(split_lines(text))[1]]


def heredocs(instruction) -> list[str]:
    """Its heredoc names, as the ``dockerfile`` package lists them: not those of ONBUILD's sub-command."""
    return [] if instruction.upper == "ONBUILD" else [name for name, _ in instruction.written.heredocs]


def buildkit(text: str):
    """BuildKit's instructions as (start line, end line, keyword, JSON form?, heredoc names), or None if it rejects the file."""
    try:
        return [
            (c.start_line, c.end_line, c.cmd or "", c.json, [h.name for h in c.heredocs])
            for c in dockerfile.parse_string(text)
        ]
    except dockerfile.GoParseError as exc:
        if "file with no instructions" in str(exc):
            return []
        return None


def test_corpus_is_there():
    assert len(CORPUS) >= 200


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_file(path: Path):
    text = path.read_text(encoding="utf-8")
    expected = buildkit(text)
    assert expected is not None and len(expected) > 0
    assert ours(text) == expected


def test_known_corners():
    cases = [
        "RUN a \\\\\nRUN b\n",  # an escaped backslash does not continue
        "RUN a\\\r\r\nRUN b\n",  # every trailing CR/LF is dropped before the check
        "RUN a\\\rRUN b\n",  # a lone CR does not end a line
        "RUN a \\\n\n  \n# c \\\nRUN b\n",  # blank and comment lines inside a continuation
        "# escape=`\nRUN a `\nRUN b\n",
        "\n# escape=`\nRUN a `\nRUN b\n",  # a directive after a blank line is a comment
        "# syntax=x\n# escape=`\nRUN a `\nb\n",
        'RUN cat <<-"EOF" <<E2\n\tx\n\tEOF\ny\nE2\nRUN b\n',
        'RUN ["a"] <<EOF\nx\nEOF\n',  # no heredoc in exec form
        "ONBUILD RUN <<EOF\nx\nEOF\n",
        "\ufeffRUN a\n\xa0RUN\xa0x\n",
        "\\\nRUN b\n",
        "RUN a \\",
    ]
    # A heredoc is not opened where BuildKit's shell lexer fails on the line.
    for expansion in [
        "${X-a}",
        "${X:=a}",
        "${X:-'a}'}",
        "${X:-${Y}",
        "${X#a}",
        "${X y}",
        "${",
        "${}",
        "${X:}",
        '"${"',
        '"a\\"b"',
    ]:
        cases.append(f"RUN {expansion} <<EOF\nx\nEOF\n")
    for text in cases:
        assert ours(text) == buildkit(text), text


def test_generated_text():
    counts = {"compared": 0, "rejected": 0}

    @settings(max_examples=GENERATED, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(dockerfile_text())
    def agree(text):
        expected = buildkit(text)
        if expected is None:
            counts["rejected"] += 1
            return
        counts["compared"] += 1
        assert ours(text) == expected

    agree()
    total = counts["compared"] + counts["rejected"]
    assert total >= GENERATED * 0.9
    assert counts["compared"] >= total // 2
    print(
        f"\n{total} generated files: {counts['compared']} cut as BuildKit cuts them, {counts['rejected']} rejected by BuildKit"
    )
