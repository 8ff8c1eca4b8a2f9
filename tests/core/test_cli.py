"""The command line: check output and exit codes, serving, and no protocol imports for check."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLES


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "component_lsp", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
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


@pytest.mark.slow
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


def test_info_tells_an_editors_health_check_the_version_python_and_shellcheck():
    import json
    import platform

    from component_lsp import __version__

    got = json.loads(run("info").stdout)
    assert (got["version"], got["python"], got["executable"]) == (
        __version__,
        platform.python_version(),
        sys.executable,
    )
    assert got["shellcheck"] is None or Path(got["shellcheck"]).name.startswith("shellcheck")


@pytest.mark.parametrize("text", ["RUN a\n", "Tasks:\n  - Name: a\n    Action: Reboot\n"])
def test_check_never_imports_the_protocol_libraries(text):
    code = "import sys; from component_lsp.cli import main; main(['check', '-']); print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))"
    result = subprocess.run(
        [sys.executable, "-c", code], input=text, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.strip().endswith("[]"), result.stdout


def test_console_script_is_installed():
    bindir = Path(sys.executable).parent
    script = bindir / ("component-lsp.exe" if os.name == "nt" else "component-lsp")
    assert script.exists()
    result = subprocess.run(
        [str(script), "check", "-"], input="RUN a\n", capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0


def test_a_byte_order_mark_is_not_a_column(tmp_path):
    path = tmp_path / "bom.component"
    path.write_bytes(b"\xef\xbb\xbfFROM x\r\n")
    assert run("check", str(path)).stdout.startswith(f"{path}:1:1: error NotSupportedCommand.FROM")


def test_check_finds_yaml_components_in_folders(tmp_path):
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "build.component.yaml").write_text(
        "Tasks:\n  - Name: a\n    Action: RunShelCommand\n", encoding="utf-8"
    )
    (tmp_path / "ok.component.yml").write_text("Tasks:\n  - Name: r\n    Action: Reboot\n", encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("Tasks: [\n", encoding="utf-8")  # not a component: not checked
    result = run("check", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'ci' / 'build.component.yaml'}:3:13: error InvalidParameter.Content Unknown action `RunShelCommand`. Did you mean `RunShellCommand`?"
    ]


ARN = "COMPONENT acs:ecs:cn-hangzhou:123456789012:imagecomponent/"


@pytest.mark.slow
def test_check_links_the_templates_to_the_components_it_is_given(tmp_path):
    (tmp_path / "components").mkdir()
    (tmp_path / "components" / "app.component.yaml").write_text(
        "Parameters:\n  port:\n    Type: Number\nTasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: serve {{ port }}\n"
    )
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "app.component.yaml").write_text(
        "Parameters:\n  prot:\n    Type: String\n"
    )  # never read
    template = tmp_path / "main.imagetemplate"
    template.write_text(ARN + "app/1.0.0 --prot 80\n")
    expected = [
        f"{template}:1:59: warning Lint.MissingComponentParameter app (app.component.yaml) needs the parameter --port (no DefaultValue): pass it here.",
        f"{template}:1:69: warning Lint.UnknownComponentParameter app (app.component.yaml) has no parameter --prot. Did you mean --port?",
    ]
    folder = run("check", str(tmp_path))
    assert folder.stdout.splitlines() == expected and folder.returncode == 0  # warnings: advice, not a failure
    files = run("check", str(template), str(tmp_path / "components" / "app.component.yaml"))
    assert files.stdout.splitlines() == expected
    alone = run("check", str(template))  # one file: nothing to link it to
    assert alone.stdout == "" and alone.returncode == 0


@pytest.mark.slow
def test_check_into_a_closed_pipe_exits_without_a_traceback(tmp_path):
    component = tmp_path / "many.component"
    component.write_text("FROM x\n" * 20000)
    done = subprocess.run(
        f"{sys.executable} -m component_lsp check {component} {component} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stdout.count("\n") == 1 and "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


class Terminal(io.StringIO):
    """stderr as a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    "stream,quiet,files,shown",
    [
        (Terminal, False, 60, True),  # many files, on a terminal: a progress line
        (Terminal, True, 60, False),  # --quiet
        (io.StringIO, False, 60, False),  # a pipe or a CI log: never
        (Terminal, False, 3, False),  # a few files without ShellCheck: too quick to show
    ],
)
def test_check_shows_its_progress_on_a_terminal_only(tmp_path, stream, quiet, files, shown):
    from component_lsp.checking import Options, check

    for n in range(files):
        (tmp_path / f"c{n}.component").write_text("RUN echo hi\n")
    out, err = io.StringIO(), stream()
    assert check([str(tmp_path)], out, err, Options(shellcheck="off", quiet=quiet)) == 0
    drawn = err.getvalue()
    if shown:
        assert drawn.startswith("\rcomponent-lsp: checking files 0/") and drawn.endswith("\r")
        assert drawn.rsplit("\r", 2)[-2].strip() == ""  # cleared before the report
    else:
        assert drawn == ""
    assert out.getvalue() == ""  # the report (nothing to say) is not mixed with it


def test_check_shows_shellcheck_batches_on_a_terminal(tmp_path):
    from component_lsp.checking import Options, check

    (tmp_path / "a.component").write_text("RUN echo $x\n")
    err = Terminal()
    check([str(tmp_path / "a.component")], io.StringIO(), err, Options(shellcheck="on"))
    assert "ShellCheck on scripts 0/1" in err.getvalue()


def test_quiet_is_an_option_of_check():
    proc = subprocess.run(
        [sys.executable, "-m", "component_lsp", "check", "--quiet", str(EXAMPLES / "nginx-fixed.component")],
        capture_output=True,
        text=True,
    )
    assert (proc.returncode, proc.stderr) == (0, "")


def test_check_reads_terraform_files_and_points_into_them(tmp_path):
    """SPEC section 9: the content of alicloud_ecs_image_component in a .tf file, found in a folder, reported at
    its place in the file (line and column of the .tf)."""
    (tmp_path / "main.tf").write_text(
        'resource "alicloud_ecs_image_component" "app" {\n'
        '  image_component_name = "app"\n'
        '  content              = "FROM centos\\nRUN echo ${HOME}\\n"\n'
        "}\n",
        encoding="utf-8",
    )
    (tmp_path / "other.tf").write_text('resource "alicloud_vpc" "v" {\n  cidr_block = "10.0.0.0/8"\n}\n')
    proc = subprocess.run(
        [sys.executable, "-m", "component_lsp", "check", "--format", "github", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    main = tmp_path / "main.tf"
    line = main.read_text(encoding="utf-8").splitlines()[2]
    at_from, at_dollar = line.index("FROM") + 1, line.index("${") + 1  # columns from 1
    assert proc.stdout.splitlines() == [
        f"::error file={main},line=3,col={at_from},endLine=3,endColumn={at_from + 4},title=NotSupportedCommand.FROM::"
        "FROM cannot be used in an image component: the base image is set by the image template or pipeline."
        " Remove this line.",
        f"::warning file={main},line=3,col={at_dollar},endLine=3,endColumn={at_dollar + 2},"
        "title=Lint.TerraformInterpolation::"
        '`${HOME}` is Terraform interpolation here, not the shell\'s: `terraform plan` fails ("Invalid reference").'
        " Write `$${HOME}` for the shell.",
    ]


def test_check_reads_the_files_terraform_reads_content_from(tmp_path):
    """`content = file(...)` and `build_content = templatefile(...)`: the files are checked as the content the
    attribute takes, whatever their names; a templatefile's ${ } are Terraform's (never reported)."""
    (tmp_path / "components").mkdir()
    (tmp_path / "main.tf").write_text(
        'resource "alicloud_ecs_image_component" "app" {\n'
        '  content = file("${path.module}/components/app.txt")\n'
        "}\n"
        'resource "alicloud_ecs_image_pipeline" "build" {\n'
        '  build_content = templatefile("build.tpl", { version = "1" })\n'
        "}\n",
        encoding="utf-8",
    )
    (tmp_path / "components" / "app.txt").write_text("FROM centos\nRUN echo hi\n", encoding="utf-8")
    (tmp_path / "build.tpl").write_text("RUN yum install -y app-${version}\nENV\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "component_lsp", "check", "--shellcheck", "on", str(tmp_path / "main.tf")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr
    found = [line.split(" ")[:3] for line in proc.stdout.splitlines()]
    assert found == [
        [f"{tmp_path / 'components' / 'app.txt'}:1:1:", "error", "NotSupportedCommand.FROM"],  # a component
        [f"{tmp_path / 'build.tpl'}:2:1:", "error", "EmptyCommandContent.ENV"],  # a template; ${version} not flagged
    ]


def test_terraforms_interpolations_in_content_are_words_no_check_reads_as_the_shells(tmp_path):
    """SPEC section 9: an interpolation is an opaque word, never an error: neither ShellCheck (SC2154, SC2086)
    nor the RUN checks (a cd that a broken parse would leave last) read ${var.x} as shell."""
    (tmp_path / "main.tf").write_text(
        'resource "alicloud_ecs_image_component" "app" {\n'
        "  content = <<EOF\n"
        "RUN echo ${var.x} && cd ${path.module}/x && \\\n"
        "  ls ${local.y}\n"
        "EOF\n"
        "}\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "component_lsp", "check", "--shellcheck", "on", str(tmp_path / "main.tf")],
        capture_output=True,
        text=True,
    )
    assert (proc.returncode, proc.stdout) == (0, ""), proc.stdout + proc.stderr
