"""The Python package as PyPI and users get it: an sdist and a wheel that twine passes, and a wheel that installs
into a fresh virtual environment and answers --version (issue 17)."""

import json
import os
import subprocess
import sys
import venv

import pytest

from component_lsp import __version__
from helpers import ROOT

pytestmark = pytest.mark.slow  # builds in an isolated environment and installs into a new one


def _run(*argv, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600, check=False, **kwargs)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def test_the_sdist_and_wheel_build_pass_twine_and_the_wheel_installs_and_answers(tmp_path):
    out = tmp_path / "dist"
    _run(sys.executable, "-m", "build", "--outdir", str(out), str(ROOT))
    wheel = next(out.glob("component_lsp-*.whl"))
    sdist = next(out.glob("component_lsp-*.tar.gz"))
    assert (
        wheel.name == f"component_lsp-{__version__}-py3-none-any.whl"
        and sdist.name == f"component_lsp-{__version__}.tar.gz"
    )
    _run(sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist))
    env_dir = tmp_path / "fresh"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    _run(str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel))
    assert _run(str(bin_dir / "component-lsp"), "--version").stdout.strip() == f"component-lsp {__version__}"
    checked = _run(
        str(bin_dir / "component-lsp"), "check", "-", input="RUN yum install nginx\n", cwd=tmp_path
    )  # a warning: exit 0
    assert "Lint.InstallPrompts" in checked.stdout


def test_the_version_has_one_source():
    """component_lsp.__version__ is the package's (pyproject reads it); the VS Code extension, which must carry a
    version of its own, carries the same."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'version = { attr = "component_lsp.__version__" }' in pyproject
    assert (
        json.loads((ROOT / "editors" / "vscode" / "package.json").read_text(encoding="utf-8"))["version"] == __version__
    )
    assert f"## {__version__}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_the_package_says_where_its_license_is():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
