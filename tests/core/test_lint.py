"""ruff (lint and format) and mypy are clean: run by the test command, so that CI and a clone's first run both enforce them."""

import subprocess
import sys

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow


def run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *argv], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )


def test_ruff_is_clean():
    done = run("ruff", "check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_has_nothing_to_change():
    done = run("ruff", "format", "--check", ".")
    assert done.returncode == 0, "run `ruff format .`:\n" + done.stdout + done.stderr


def test_mypy_is_clean():
    done = run("mypy")  # the files and settings are in pyproject.toml
    assert done.returncode == 0, done.stdout + done.stderr
