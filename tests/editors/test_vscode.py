"""The VS Code extension: its unit and grammar tests, and a run in a real VS Code.

The real VS Code is code-server (``editors/vscode/test/e2e/vscode-web.sh install``) driven in
Debian's Chromium by ``editors/vscode/test/e2e/run.mjs``. ``.ci/run`` installs both and
sets COMPONENT_LSP_EDITOR_TESTS=require, so in CI a missing piece fails the test; on a
machine without them the real-editor test is skipped, saying what to install.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from component_lsp.formats import FORMATS, kind_by_language, kind_by_name
from helpers import ROOT

pytestmark = pytest.mark.slow  # the quick loop (-m 'not slow') leaves this module out

EXTENSION = ROOT / "editors" / "vscode"
VSCODE_WEB = EXTENSION / "test" / "e2e" / "vscode-web.sh"
VSCODE_WEB_HOME = Path(os.environ.get("VSCODE_WEB_HOME", Path.home() / ".cache" / "vscode-web"))
OUTPUT = EXTENSION / "test-output"


def need(ok: bool, missing: str) -> None:
    if ok:
        return
    if os.environ.get("COMPONENT_LSP_EDITOR_TESTS") == "require":
        pytest.fail(f"{missing} (COMPONENT_LSP_EDITOR_TESTS=require)")
    pytest.skip(f"{missing}; .ci/run installs it")


def vscode_language(name: str, languages: list[dict]) -> str | None:
    """The language VS Code gives a file name: an exact file name, else the longest matching extension."""
    by_name = [lang["id"] for lang in languages if name in lang.get("filenames", [])]
    if by_name:
        return by_name[0]
    matches = [(len(ext), lang["id"]) for lang in languages for ext in lang.get("extensions", []) if name.endswith(ext)]
    return max(matches)[1] if matches else None


def test_extension_associates_the_same_files_as_the_server():
    languages = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))["contributes"]["languages"]
    assert {lang["id"] for lang in languages} == {language for fmt in FORMATS for language in fmt.languages}
    selector = (EXTENSION / "src" / "extension.ts").read_text(encoding="utf-8")
    for fmt in FORMATS:
        for pattern in fmt.files:
            name = f"nginx{pattern}" if pattern.startswith(".") else pattern
            if fmt.languages:
                assert kind_by_language(vscode_language(name, languages)) == kind_by_name(name), name
            else:  # a host file that keeps its own language (a ROS template's YAML): selected by its pattern
                assert f"**/*{pattern.rsplit('.', 1)[0]}.{{" in selector and pattern.rsplit(".", 1)[1] in selector
    assert vscode_language("Dockerfile", languages) is None


def npm(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(["npm", *args], check=False, cwd=EXTENSION, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def vsix() -> Path:
    """The extension packaged as users install it (npm ci first if its packages are missing)."""
    need(shutil.which("npm") is not None, "npm is not installed")
    if not (EXTENSION / "node_modules").is_dir():
        done = npm("ci", "--no-audit", "--no-fund")
        assert done.returncode == 0, done.stdout + done.stderr
    done = npm("run", "-s", "package")
    assert done.returncode == 0, done.stdout + done.stderr
    path = EXTENSION / "component-lsp.vsix"
    assert path.stat().st_size > 10_000
    return path


def test_extension_unit_tests(vsix):
    done = npm("run", "-s", "test:unit")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# fail 0" in done.stdout and "# pass 0" not in done.stdout


def test_grammar(vsix):
    done = npm("run", "-s", "test:grammar")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("run successfuly") == len(list((EXTENSION / "test" / "grammar").glob("*.test.*")))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_real_vscode_shows_diagnostics_hover_and_completion(vsix):
    need(VSCODE_WEB.exists(), f"{VSCODE_WEB} is missing")
    need((VSCODE_WEB_HOME / ".installed-4.100.3").exists(), f"code-server is not installed: bash {VSCODE_WEB} install")
    need(Path("/usr/bin/chromium").exists(), "Debian's chromium is not installed: apt-get install chromium")
    shutil.rmtree(OUTPUT, ignore_errors=True)
    done = subprocess.run(
        [
            "node",
            "test/e2e/run.mjs",
            "--vsix",
            str(vsix),
            "--python",
            sys.executable,
            "--out",
            str(OUTPUT),
            "--port",
            str(free_port()),
            "--vscode-web",
            str(VSCODE_WEB),
        ],
        check=False,
        cwd=EXTENSION,
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(done.stdout[-3000:])
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    shots = (
        "vscode-no-server.png",
        "vscode-problems.png",
        "vscode-hover.png",
        "vscode-completion.png",
        "vscode-yaml.png",
    )
    for shot in (
        *shots,
        "vscode-template.png",
        "vscode-definition.png",
        "vscode-budget.png",
        "vscode-outline.png",
        "vscode-format.png",
        "vscode-rename.png",
        "vscode-terraform.png",
        "vscode-terraform-completion.png",
    ):
        assert (OUTPUT / shot).stat().st_size > 10_000
    assert "NotSupportedCommand.FROM" in (OUTPUT / "problems.txt").read_text(encoding="utf-8")
    assert "Unknown action `RunShelCommand`" in (OUTPUT / "problems-yaml.txt").read_text(encoding="utf-8")
    assert "has no parameter --prot. Did you mean --port?" in (OUTPUT / "problems-template.txt").read_text(
        encoding="utf-8"
    )
    # The Outline view's rows: each instruction (its name, then its detail), and the variable ENV sets.
    outline = [
        row.split("\n")[0] for row in (OUTPUT / "outline.txt").read_text(encoding="utf-8").split("\n\n") if row.strip()
    ]
    assert [next(n for n in ("ENV", "APP_HOME", "RUN", "COPY", "WORKDIR") if row.startswith(n)) for row in outline] == [
        "ENV",
        "APP_HOME",
        "RUN",
        "COPY",
        "WORKDIR",
    ]
    # A Terraform file: the content's errors, in the heredoc and in the quoted string, in the Problems view.
    terraform = (OUTPUT / "problems-terraform.txt").read_text(encoding="utf-8")
    assert "FROM cannot be used in an image component" in terraform and "RUN has no content" in terraform
    renamed = (OUTPUT / "renamed.txt").read_text(encoding="utf-8")
    assert "ENV ROOT=/opt/app" in renamed and "RUN mkdir -p $ROOT" in renamed and "APP_HOME" not in renamed


def _site_packages(python: str) -> set[str]:
    """What a Python has installed, and in its user site: to see that nothing was pip-installed there."""
    code = "import site, sys, os; dirs = site.getsitepackages() + [site.getusersitepackages()]; print('\\n'.join(sorted(d + '/' + n for d in dirs if os.path.isdir(d) for n in os.listdir(d))))"
    return set(
        subprocess.run([python, "-c", code], capture_output=True, text=True, check=True, timeout=60).stdout.split()
    )


def test_real_vscode_runs_the_server_the_extension_carries(vsix, tmp_path):
    """A fresh code-server profile on a machine where no component-lsp is on PATH or importable: the .vsix alone
    gives diagnostics, hover and completion, with the Python on PATH, and installs nothing beside itself."""
    need(VSCODE_WEB.exists(), f"{VSCODE_WEB} is missing")
    need((VSCODE_WEB_HOME / ".installed-4.100.3").exists(), f"code-server is not installed: bash {VSCODE_WEB} install")
    need(Path("/usr/bin/chromium").exists(), "Debian's chromium is not installed: apt-get install chromium")
    python = getattr(
        sys, "_base_executable", sys.executable
    )  # the interpreter behind the test's venv: no component_lsp
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(python)
    path = f"{bin_dir}{os.pathsep}/usr/local/bin{os.pathsep}/usr/bin{os.pathsep}/bin"
    assert shutil.which("component-lsp", path=path) is None
    assert (
        subprocess.run(
            [python, "-c", "import component_lsp"], cwd=tmp_path, capture_output=True, check=False
        ).returncode
        != 0
    )
    before = _site_packages(python)
    out = OUTPUT / "bundled"
    done = subprocess.run(
        [
            "node",
            "test/e2e/run.mjs",
            "--vsix",
            str(vsix),
            "--bundled",
            "--path",
            path,
            "--out",
            str(out),
            "--port",
            str(free_port()),
            "--vscode-web",
            str(VSCODE_WEB),
        ],
        check=False,
        cwd=EXTENSION,
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(done.stdout[-3000:])
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "NotSupportedCommand.FROM" in (out / "problems-bundled.txt").read_text(encoding="utf-8")
    for shot in ("vscode-bundled-problems.png", "vscode-bundled-completion.png"):
        assert (out / shot).stat().st_size > 10_000
    assert _site_packages(python) == before  # nothing pip-installed outside the extension
    print(f"component-lsp.vsix: {vsix.stat().st_size / 1024 / 1024:.1f} MB")
