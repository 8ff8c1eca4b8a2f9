"""The JSON Schema of YAML-format components: made from the server's action table, valid, and as strict as the rules."""

import json

import jsonschema
import pytest
import yaml
from test_yaml import EXAMPLES, TWINS

from component_lsp.cli import main
from component_lsp.formats.yaml import catalog
from component_lsp.formats.yaml.schema import schema, text
from helpers import ROOT

FILE = ROOT / "schemas" / "ecs-component.schema.json"
VALIDATOR = jsonschema.Draft202012Validator(schema())


def test_the_file_is_the_schema_of_the_action_table(capsys):
    assert FILE.read_text(encoding="utf-8") == text(), "run: component-lsp schema > schemas/ecs-component.schema.json"
    assert main(["schema"]) == 0 and json.loads(capsys.readouterr().out) == schema()


def test_the_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(schema())


def test_every_action_and_property_of_the_table_is_in_the_schema():
    task = schema()["$defs"]["task"]
    assert task["properties"]["Action"]["enum"] == list(catalog.ACTIONS)
    by_action = {
        rule["if"]["properties"]["Action"]["const"]: rule["then"]["properties"]["Properties"] for rule in task["allOf"]
    }
    for name, action in catalog.ACTIONS.items():
        assert set(by_action[name]["properties"]) == {p.name for p in action.properties}
        assert by_action[name].get("required", []) == [p.name for p in action.required]


@pytest.mark.parametrize("text", EXAMPLES)
def test_alibabas_examples_are_valid(text):
    assert list(VALIDATOR.iter_errors(yaml.safe_load(text))) == []


# The broken twins whose mistake a schema can see: not the references to nothing, the unused parameter (the
# server's to find) or the text that is not YAML.
BROKEN = [TWINS[i][0] for i in (0, 1, 5, 6, 7, 8, 11)]
BROKEN += [
    "Parameters:\n  x:\n    Type: String\n",
    "Tasks:\n  - Name: w\n    Action: WebDownload\n    Properties:\n      sourcePath: http://x\n      destinationDir: /d\n      timeout: soon\n",
    "Tasks: []\n",
    "Tasks:\n  - Action: Reboot\n",
]


@pytest.mark.parametrize("text", BROKEN)
def test_broken_components_are_invalid(text):
    assert list(VALIDATOR.iter_errors(yaml.safe_load(text))) != []
