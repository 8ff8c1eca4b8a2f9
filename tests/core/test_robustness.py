"""Any text, any position: every core function answers and never raises."""

import random

import pytest

from component_lsp.document import UTF8, UTF16
from helpers import content, edit_lsp

rng = random.Random(20261128)
HOSTILE = {
    "binary garbage": bytes(rng.randrange(256) for _ in range(20000)).decode("utf-8", "replace"),
    "NUL bytes": "RUN a\x00b\n\x00\x00\nENV A=\x00\n",
    "lone surrogates": "RUN \ud800 \udfff\nENV \ud83d=1\n",
    "CRLF, BOM, tabs": '\ufeffRUN\ta\r\n\tENV\tA="1"\r\nrun b \\\r\n  c\r\n',
    "lone CR": "RUN a\rFROM x\r\rENV A=1\n",
    "Chinese and emoji": '# 安装软件 😀\nRUN echo 中文 😀 && \\\n    echo 完成\nENV 名字="值"\nWORKDIR /数据 /b\n',
    "backslashes": "\\\n" * 2000 + "RUN a",
    "unterminated everything": 'RUN ["a\nENV A="x\nCOPY <<EOF\nLABEL \'\n${\n',
}


def every_position(analysis):
    for line, text in enumerate(analysis.source.lines[:60]):
        for col in range(min(len(text), 80) + 2):
            yield line, col


@pytest.mark.parametrize("name", HOSTILE)
def test_every_request_at_every_position(name):
    analysis = content(HOSTILE[name])
    analysis.diagnostics()
    for line, col in every_position(analysis):
        analysis.complete(line, col)
        analysis.hover(line, col)
        for encoding in (UTF8, UTF16):
            assert analysis.source.to_model(*analysis.source.to_lsp(line, col, encoding), encoding)[0] >= 0


@pytest.mark.parametrize("name", HOSTILE)
def test_random_edits_never_raise(name):
    analysis = content(HOSTILE[name])
    for _ in range(200):
        line = rng.randrange(-2, analysis.source.lsp_line_count + 3)
        start = (line, rng.randrange(-2, 40))
        end = (line + rng.randrange(0, 3), rng.randrange(-2, 40))
        text = rng.choice(["", "\n", "\\", "\r\n", "😀", "\x00", "RUN x\n", "<<EOF\n", "# escape=`\n", "\ud800"])
        edit_lsp(analysis, start, end, text, rng.choice([UTF8, UTF16]))
        analysis.diagnostics()


@pytest.mark.slow
def test_huge_documents_answer():
    big = content("RUN echo hello && yum install -y pkg\n" * 300_000)  # 11,100,000 bytes
    messages = {d.code: d.message for d in big.diagnostics()}
    assert "11,100,000 bytes" in messages["InvalidContent.LengthExceeded"]
    assert "300,000 commands" in messages["InvalidImageTemplateCommandSize.ExceededMaxNumber"]
    assert len(messages) == 2
    line = content("RUN " + "x" * 1_000_000)
    assert line.complete(0, 500_000) == [] and line.hover(0, 999_999) is None
    line.edit((0, 500_000), (0, 500_000), "$")
    assert [d.code for d in line.diagnostics()] == ["InvalidContent.LengthExceeded"]
    empty = content("\n" * 100_000)
    assert sorted(d.code for d in empty.diagnostics()) == ["InvalidContent.LengthExceeded", "MissingParameter.Content"]
