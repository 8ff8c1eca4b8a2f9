"""The JSON Schema of YAML-format components: made from the server's action table, valid, and as strict as the rules."""

import json

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from test_yaml import EXAMPLES, TWINS

from component_lsp.cli import main
from component_lsp.formats.yaml import FORMAT as YAML_FORMAT
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


# -- the schema and the server agree: an error of the server's is the schema's, and advice is not ------------------
SAMPLE = {catalog.STRING: "text", catalog.NUMBER: 30, catalog.BOOLEAN: True, catalog.JSON: "{}"}
WRONG = {catalog.NUMBER: "soon", catalog.BOOLEAN: "maybe"}  # values the service refuses for the type


@st.composite
def components(draw):
    """A component, valid or broken in one way the server reports as an error, with advice (unknown keys, an
    unknown property, an unused parameter) or without."""
    tasks = []
    for n in range(draw(st.integers(1, 3))):
        action = catalog.ACTIONS[draw(st.sampled_from(sorted(catalog.ACTIONS)))]
        chosen = [p for p in action.properties if p.required or draw(st.booleans())]
        properties = {p.name: SAMPLE[p.type] for p in chosen}
        task = {"Name": f"t{n}", "Action": action.name}
        if properties:
            task["Properties"] = properties
        tasks.append(task)
    component: dict = {"Tasks": tasks}
    if draw(st.booleans()):
        component["Parameters"] = {"p": {"Type": "String", "DefaultValue": "x"}}  # unused: advice
    advice = draw(st.sampled_from(["", "top", "task", "property", "parameter"]))
    if advice == "top":
        component["Extra"] = 1
    elif advice == "task":
        tasks[0]["Extra"] = 1
    elif advice == "property":
        tasks[0].setdefault("Properties", {})["bogus"] = 1
    elif advice == "parameter":
        component["Parameters"] = {"p": {"Type": "String", "Foo": 1}}
    broken = draw(st.sampled_from(["", "name", "action", "unknown action", "required", "type", "empty", "default"]))
    first = tasks[0]
    if broken == "name":
        del first["Name"]
    elif broken == "action":
        del first["Action"]
    elif broken == "unknown action":
        first["Action"] = "Rebot"
    elif broken == "required":
        action = catalog.ACTIONS[first["Action"]]
        if action.required:
            del first["Properties"][action.required[0].name]
    elif broken == "type":
        typed = [p for p in catalog.ACTIONS[first["Action"]].properties if p.type in WRONG]
        if typed:
            first.setdefault("Properties", {})[typed[0].name] = WRONG[typed[0].type]
    elif broken == "empty":
        component["Tasks"] = []
    elif broken == "default":
        component["Parameters"] = {"p": {"Type": "Number", "DefaultValue": "abc"}}
    return component


@given(components())
@settings(max_examples=300, deadline=None)
def test_the_schema_rejects_what_the_server_calls_an_error_and_nothing_else(component):
    from helpers import content

    text = yaml.safe_dump(component, sort_keys=False)
    errors = [d for d in content(text, "file:///w/app.component.yaml").diagnostics() if d.severity == 1]
    rejected = list(VALIDATOR.iter_errors(yaml.safe_load(text)))
    assert bool(rejected) == bool(errors), (text, [e.message for e in rejected], [d.code for d in errors])


def test_the_schemastore_entry_names_the_schema_and_the_files_of_yaml_components():
    entry = json.loads((ROOT / "schemas" / "schemastore-catalog-entry.json").read_text(encoding="utf-8"))
    assert set(entry) == {"name", "description", "fileMatch", "url"}
    yaml_files = [f"*{suffix}" for suffix in YAML_FORMAT.files]
    assert entry["fileMatch"] == yaml_files and entry["url"].endswith("/main/schemas/ecs-component.schema.json")
    assert entry["url"].split("/")[3:5] == schema()["$id"].split("/")[3:5]  # the same repository as the $id
