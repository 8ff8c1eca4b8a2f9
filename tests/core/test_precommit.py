"""The pre-commit hook: its file pattern is the server's table of names, and the real pre-commit runs it."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from component_lsp.formats import FORMATS, file_regex, kind_by_name
from helpers import ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_the_hook_matches_the_files_the_server_handles_and_no_others():
    (hook,) = HOOKS
    assert hook["files"] == file_regex(), (
        "set `files` in .pre-commit-hooks.yaml to the table's regex, component_lsp.formats.file_regex() (the step "
        "'pre-commit' of 'Add a format' in docs/architecture.md)"
    )
    for pattern in (p for fmt in FORMATS for p in fmt.files):
        name = f"infra/nginx{pattern}" if pattern.startswith(".") else f"infra/{pattern}"
        assert re.search(hook["files"], name) and kind_by_name(name), name
    for other in ("Dockerfile", "a.component.json", "component", ".component", "notes/Componentfile.md"):
        assert not re.search(hook["files"], other), other


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@t",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@t",
        },
    )


@pytest.mark.slow
def test_pre_commit_try_repo_fails_a_bad_component_and_passes_a_good_one(tmp_path):
    repo = tmp_path / "project"
    repo.mkdir()
    (repo / "bad.component").write_text("FROM centos:7\nRUN yum install -y nginx\n")
    (repo / "good.component").write_text("RUN yum install -y nginx\n")
    (repo / "README.md").write_text("FROM x\n")  # not ours: never passed to the hook
    git(repo, "init", "-q")
    git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def try_repo(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pre_commit",
                "try-repo",
                str(ROOT),
                "component-lsp",
                "--verbose",
                "--files",
                *files,
            ],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=900,
            env=env,
            check=False,
        )

    bad = try_repo("bad.component", "good.component", "README.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert (
        "bad.component:1:1: error NotSupportedCommand.FROM" in bad.stdout
        and "README.md" not in bad.stdout.split("component-lsp")[-1]
    )
    good = try_repo("good.component")
    assert good.returncode == 0, good.stdout + good.stderr
