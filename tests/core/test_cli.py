"""The command line: check output and exit codes, serving, and no protocol imports for check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLES


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "component_lsp", *args], input=stdin, capture_output=True, text=True, timeout=60, check=False
    )


def test_check_prints_one_line_per_diagnostic_and_fails_on_errors():
    result = run("check", str(EXAMPLES / "nginx.component"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{EXAMPLES / 'nginx.component'}:3:1: error NotSupportedCommand.FROM FROM cannot be used" in lines[0]
    assert any(":9:1: warning Lint.KeywordCase " in line for line in lines)
    assert result.stderr == ""


def test_check_of_a_valid_file_exits_zero():
    result = run("check", str(EXAMPLES / "nginx-fixed.component"))
    assert result.returncode == 0, result.stdout
    assert all(" error " not in line for line in result.stdout.splitlines())


def test_check_reads_stdin_and_folders(tmp_path):
    result = run("check", "-", stdin="RUN a\nFROM x\n")
    assert result.stdout.startswith("<stdin>:2:1: error NotSupportedCommand.FROM")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.component").write_text("FROM x\n")
    (tmp_path / "Templatefile").write_text("COMPONENT ic-1\n")
    (tmp_path / "notes.txt").write_text("FROM x\n")
    result = run("check", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.count("\n") == 1 and "a.component:1:1:" in result.stdout


def test_unreadable_files_and_usage_errors_exit_two_without_traceback(tmp_path):
    missing = run("check", str(tmp_path / "nope.component"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr and "Traceback" not in missing.stderr
    usage = run("check")
    assert usage.returncode == 2 and "usage:" in usage.stderr
    assert run("--bogus").returncode == 2


def test_binary_input_is_checked_not_crashed(tmp_path):
    path = tmp_path / "bin.component"
    path.write_bytes(bytes(range(256)) * 4 + b"\xff\xfeRUN\x00a\n")
    result = run("check", str(path))
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr


def test_version_and_help():
    assert run("--version").stdout.startswith("component-lsp ")
    help_text = run("--help").stdout
    assert "check" in help_text and "--tcp" in help_text


@pytest.mark.parametrize("text", ["RUN a\n", "Tasks:\n  - Name: a\n    Action: Reboot\n"])
def test_check_never_imports_the_protocol_libraries(text):
    code = "import sys; from component_lsp.cli import main; main(['check', '-']); print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))"
    result = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, timeout=60, check=False)
    assert result.stdout.strip().endswith("[]"), result.stdout


def test_console_script_is_installed():
    bindir = Path(sys.executable).parent
    script = bindir / ("component-lsp.exe" if os.name == "nt" else "component-lsp")
    assert script.exists()
    result = subprocess.run([str(script), "check", "-"], input="RUN a\n", capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0


def test_a_byte_order_mark_is_not_a_column(tmp_path):
    path = tmp_path / "bom.component"
    path.write_bytes(b"\xef\xbb\xbfFROM x\r\n")
    assert run("check", str(path)).stdout.startswith(f"{path}:1:1: error NotSupportedCommand.FROM")


def test_check_finds_yaml_components_in_folders(tmp_path):
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "build.component.yaml").write_text("Tasks:\n  - Name: a\n    Action: RunShelCommand\n", encoding="utf-8")
    (tmp_path / "ok.component.yml").write_text("Tasks:\n  - Name: r\n    Action: Reboot\n", encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("Tasks: [\n", encoding="utf-8")  # not a component: not checked
    result = run("check", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'ci' / 'build.component.yaml'}:3:13: error InvalidParameter.Content Unknown action `RunShelCommand`. Did you mean `RunShellCommand`?"
    ]
