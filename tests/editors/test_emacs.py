"""component-lsp in a real Emacs with eglot (Debian 12's emacs-nox and elpa-eglot: Emacs 28, eglot 1.9).

Emacs runs in batch mode with the eglot configuration of docs/editors.md, as a user pastes it into an init file;
``eglot_collect.el`` visits a component, a YAML component and a template and writes down what eglot shows. The
assertions are here. .ci/run installs Emacs (``apt-get``); elsewhere the test is skipped, saying what to install,
and under COMPONENT_LSP_EDITOR_TESTS=require it fails instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow  # the quick loop (-m 'not slow') leaves this module out

COLLECT = Path(__file__).with_name("eglot_collect.el")
FIXTURE = ROOT / "editors" / "fixtures" / "errors.component"
BIN = Path(sys.executable).parent


def eglot_configuration() -> str:
    """The eglot block of docs/editors.md, as a user copies it."""
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    section = text[text.index("## Emacs: eglot") :]
    found = re.search(r"```elisp\n(.*?)```", section, re.S)
    assert found, "docs/editors.md has no elisp block under 'Emacs: eglot'"
    return found.group(1)


def need_emacs() -> str:
    emacs = shutil.which("emacs")
    eglot = emacs and subprocess.run(
        [emacs, "--batch", "--eval", "(progn (package-initialize) (require 'eglot))"],
        capture_output=True,
        check=False,
        timeout=60,
    )
    if emacs and eglot and eglot.returncode == 0:
        return emacs
    missing = "Emacs with eglot is not installed: apt-get install emacs-nox elpa-eglot"
    if os.environ.get("COMPONENT_LSP_EDITOR_TESTS") == "require":
        pytest.fail(f"{missing} (COMPONENT_LSP_EDITOR_TESTS=require)")
    pytest.skip(f"{missing}; .ci/run installs it")


def run_emacs(tmp_path: Path) -> dict:
    emacs = need_emacs()
    work = tmp_path / "project"
    work.mkdir()
    (work / ".git").mkdir()  # a project root, as a clone has
    files = [work / "errors.component", work / "app.component.yaml", work / "site.imagetemplate"]
    shutil.copy(FIXTURE, files[0])
    files[1].write_text("Tasks:\n  - Name: hello\n    Action: RunSh\n", encoding="utf-8")
    files[2].write_text("FROM IMAGE:m-123\nCOMPONENT ic-bp18hy47cqavewsb\n", encoding="utf-8")
    init = tmp_path / "init.el"
    init.write_text(eglot_configuration(), encoding="utf-8")
    result = tmp_path / "result.json"
    env = {
        **os.environ,
        "HOME": str(tmp_path),  # no user init, no saved state
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",  # component-lsp, as pip put it
        "COMPONENT_LSP_RESULT": str(result),
        "COMPONENT_LSP_FILES": ";".join(map(str, files)),
    }
    proc = subprocess.run(
        [emacs, "--batch", "-l", str(init), "-l", str(COLLECT)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.exists(), f"Emacs wrote no result (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    got = json.loads(result.read_text(encoding="utf-8"))
    assert got["error"] is None, f"{got['error']}\n{proc.stderr[-3000:]}"
    return got


def test_eglot_shows_diagnostics_plain_hover_and_completes_cleanly(tmp_path):
    got = run_emacs(tmp_path)
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()

    # Diagnostics on the right lines and columns (Emacs columns are characters: after "café" and an emoji too).
    def codes(diagnostics):  # (line, character, Flymake's type, code), the code as eglot shows it: [code]
        return [(d["line"], d["column"], d["type"], re.search(r"\[([^]]+)\]", d["text"]).group(1)) for d in diagnostics]

    assert codes(got["component"]) == [
        (2, 0, "eglot-error", "NotSupportedCommand.FROM"),
        (4, lines[3].index("/tmp/"), "eglot-error", "InvalidCommandContent.COPY"),  # after "café" and an emoji
        (5, 0, "eglot-error", "EmptyCommandContent.RUN"),
        (6, 0, "eglot-error", "InvalidImageTemplateCommand.NotSupported"),
        (7, 0, "eglot-warning", "Lint.KeywordCase"),
        (8, len("RESTART "), "eglot-error", "NotEmptyCommandContent.RESTART"),
    ]
    # Typing fixes the RUN: its error goes, the others stay.
    assert codes(got["edited"]) == [c for c in codes(got["component"]) if c[0] != 5]

    # Hover as plain text written for reading: no Markdown left (eglot 1.9 without markdown-mode asks for it).
    hover = got["hover"]
    assert "runs a shell command on the build VM" in hover
    assert not any(mark in hover for mark in ("**", "```", "`")), hover
    assert "    RUN <command>" in hover  # code, indented

    # Completing "RunSh" with C-M-i (eglot's flex style matches RunPowerShellCommand too) leaves the line whole;
    # with a textEdit, eglot 1.9 left "    AShellCoRunShellCommand".
    assert got["completion"] == "    Action: RunShellCommand"

    # The template, sent with the component's language id (one server entry), is read as a template by its name.
    assert got["language"] == "ecs-component"
    assert codes(got["template"]) == [(1, 0, "eglot-note", "Lint.FromIgnored")]  # the deprecated FROM: a hint
    assert codes(got["yaml"]) == [(3, len("    Action: "), "eglot-error", "InvalidParameter.Content")]  # RunSh, yet
