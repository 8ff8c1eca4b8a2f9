"""Formatting Dockerfile-format text: what it does, and (over generated and corpus documents) that it is idempotent
and never changes what BuildKit reads, nor any diagnostic but the style it fixes."""

from collections import Counter
from pathlib import Path

import dockerfile
from hypothesis import given, settings

from component_lsp.formats.base import FORMATTING
from helpers import CORPUS, content
from helpers.generators import dockerfile_text

STYLE = {"Lint.KeywordCase"}  # what formatting fixes


def formatted(text: str, indent: bool = True, first: int = 0, last: int | None = None) -> str:
    model = content(text)
    for edit in reversed(model.ask(FORMATTING, first, last, indent) or []):  # YAML: left to the YAML tools
        model.edit(edit.start, edit.end, edit.text)
    return model.doc.text


def test_keywords_trailing_space_and_continuations():
    text = 'run a  \nRUN echo a \\\n      && b \\\n  # c\n\t&& "x \\\n  y"  \nCMD ["a", \\\n   "b"]\nRUN <<EOF\n  body   \nEOF\n# tail   \n'
    assert formatted(text) == 'RUN a\nRUN echo a \\\n    && b \\\n  # c\n    && "x \\\n  y"\nCMD ["a", \\\n   "b"]\nRUN <<EOF\n  body   \nEOF\n# tail\n'
    assert formatted(text, indent=False).split("\n")[2] == "      && b \\"  # left as it is when the setting says so
    assert formatted("run a\nrun b  \nrun c\n", first=1, last=1) == "run a\nRUN b\nrun c\n"  # a range: only its lines


def buildkit(text: str):
    try:
        commands = dockerfile.parse_string(text)
    except dockerfile.GoParseError as exc:
        return ("error", str(exc).split(":")[0])
    return [((c.cmd or "").lower(), c.json, tuple(" ".join(v.split()) for v in c.value), tuple(h.name for h in c.heredocs)) for c in commands]


def codes(text: str) -> Counter:
    return Counter(d.code for d in content(text).diagnostics() if d.code not in STYLE)


def check(text: str) -> None:
    once = formatted(text)
    assert formatted(once) == once, "formatting twice changes the text again"
    assert buildkit(once) == buildkit(text)
    assert codes(once) == codes(text)


@settings(max_examples=400, deadline=None)
@given(dockerfile_text())
def test_formatting_is_idempotent_and_keeps_the_meaning(text):
    check(text)


def test_the_corpus_formats_without_changing_its_meaning():
    files = sorted(Path(CORPUS).glob("*/*_Dockerfile"))
    assert len(files) > 150
    for path in files:
        check(path.read_text(encoding="utf-8", errors="replace"))
