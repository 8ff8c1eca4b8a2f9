"""The YAML components' schema in the consumer it is made for: Red Hat's yaml-language-server (npm, pinned in
``tests/editors/yaml-language-server/``; ``.ci/run`` installs it, and this test does when it is missing), as
VS Code's YAML extension, Neovim's ``yamlls`` and Helix run it: Alibaba's examples clean, each broken twin
flagged, no error on what the server calls advice, hover in Markdown without escaped backticks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT
from helpers.lspclient import Client

sys.path.insert(0, str(ROOT / "tests" / "core"))  # the examples and broken twins the core tests keep
from test_schema import BROKEN
from test_yaml import EXAMPLES

pytestmark = pytest.mark.slow  # a Node.js server

HERE = ROOT / "tests" / "editors" / "yaml-language-server"
SERVER = HERE / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
SCHEMA = ROOT / "schemas" / "ecs-component.schema.json"
ADVICE = [  # what the server calls advice (Lint.*): no error in a YAML editor
    "Extra: 1\nTasks:\n  - Name: a\n    Action: Reboot\n",
    "Tasks:\n  - Name: a\n    Action: Reboot\n    Extra: 1\n",
    "Tasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: x\n      bogus: 1\n",
    "Parameters:\n  p:\n    Type: String\n    Foo: 1\nTasks:\n  - Name: a\n    Action: Reboot\n",
]


@pytest.fixture(scope="module")
def yaml_server(tmp_path_factory):
    if not SERVER.exists():
        assert shutil.which("npm"), "npm is needed to install yaml-language-server (.ci/run installs it)"
        done = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stdout + done.stderr
    client = Client(["node", str(SERVER), "--stdio"])
    # The settings an editor gives it for the schema, pulled with workspace/configuration (sections yaml, http,
    # [yaml], editor), as it asks after each didChangeConfiguration. No SchemaStore: it is not reachable here.
    yaml_settings = {
        "schemas": {SCHEMA.as_uri(): ["*.component.yaml"]},
        "validate": True,
        "hover": True,
        "completion": True,
        "schemaStore": {"enable": False},
    }
    sections = {"yaml": yaml_settings, "http": {}, "[yaml]": {}, "editor": {}}
    client.answers["workspace/configuration"] = lambda params: [sections.get(i["section"]) for i in params["items"]]
    capabilities = {
        "workspace": {"configuration": True},
        "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}, "publishDiagnostics": {}},
    }
    root = tmp_path_factory.mktemp("yaml")
    client.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities})
    client.notify("initialized", {})
    client.notify("workspace/didChangeConfiguration", {"settings": None})
    client.root = root
    client.opened = 0
    yield client
    client.close()


def problems(client: Client, text: str) -> list[dict]:
    """The diagnostics yaml-language-server publishes for a component file with this text."""
    client.opened += 1
    uri = (client.root / f"c{client.opened}.component.yaml").as_uri()
    document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
    client.notify("textDocument/didOpen", {"textDocument": document})
    found = client.diagnostics_for(uri, None, timeout=60)["params"]["diagnostics"]
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return found


@pytest.mark.parametrize("text", EXAMPLES)
def test_alibabas_examples_get_no_diagnostic(yaml_server, text):
    assert problems(yaml_server, text) == []


@pytest.mark.parametrize("text", BROKEN)
def test_each_broken_twin_is_flagged(yaml_server, text):
    assert problems(yaml_server, text) != []


@pytest.mark.parametrize("text", ADVICE)
def test_advice_is_no_error_there(yaml_server, text):
    assert [d for d in problems(yaml_server, text) if d.get("severity", 1) == 1] == []


def test_hover_shows_markdown_without_escaped_backticks(yaml_server):
    text = "Tasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo hi\n"
    uri = (Path(yaml_server.root) / "hover.component.yaml").as_uri()
    document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
    yaml_server.notify("textDocument/didOpen", {"textDocument": document})
    yaml_server.diagnostics_for(uri, None, timeout=60)
    position = {"line": 2, "character": 6}  # Action: its description names the actions in backticks
    answer, _ = yaml_server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
    contents = answer["result"]["contents"]
    value = contents["value"] if isinstance(contents, dict) else str(contents)
    assert "`RunShellCommand`" in value and "\\`" not in value  # Markdown, as written: not escaped
