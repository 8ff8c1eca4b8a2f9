"""The JSON Schema of YAML-format components, made from the action table (``catalog``).

``schemas/ecs-component.schema.json`` is this schema as written by
``component-lsp schema``; a test keeps the file equal to it, so the schema
YAML editors validate with (yaml-language-server, docs/schema.md) and the
server's own rules read the same table.

It rejects only what the service rejects (SPEC section 7): a missing or
empty ``Tasks``, a task without ``Name`` or ``Action``, an unknown action, a
missing property, a value of the wrong type. What the server calls advice, an
unknown key or property, is let through: a schema cannot say "warning", and
every YAML editor shows its findings as errors. Each description written in
Markdown comes twice: ``markdownDescription`` (what yaml-language-server
shows), and ``description`` as plain text (what other consumers show).
"""

from __future__ import annotations

import json
from typing import Any

from ...plaintext import plain
from .catalog import ACTIONS, BOOLEAN, JSON, NUMBER, PARAMETER_KEYS, PARAMETER_TYPES, TASK_KEYS, TOP_KEYS, Property

ID = "https://github.com/component-lsp/component-lsp/blob/main/schemas/ecs-component.schema.json"
REFERENCE = r"^\s*\{\{\s*[^{}\s]+\s*\}\}\s*$"  # a value that is wholly a {{ }} reference fits any type


MARKDOWN = ("`", "**", "](", "\n\n")  # what a description written in Markdown holds


def described(markdown: str) -> dict[str, str]:
    """A description: plain text, and the Markdown beside it when it is written in Markdown."""
    if not any(mark in markdown for mark in MARKDOWN):
        return {"description": markdown}
    return {"description": plain(markdown), "markdownDescription": markdown}


def _value(p: Property) -> dict:
    if p.type == NUMBER:
        kind: dict = {"type": "number"}
    elif p.type == BOOLEAN:
        kind = {"type": "boolean"}
    elif p.type == JSON:
        kind = {"type": ["object", "string"]}
    else:
        kind = {"type": ["string", "number", "boolean"]}
    schema: dict[str, Any] = {**described(p.documentation), "anyOf": [kind, {"type": "string", "pattern": REFERENCE}]}
    if p.default is not None:
        schema["default"] = p.default
    return schema


def _task(name: str) -> dict:
    action = ACTIONS[name]
    properties = {
        "type": "object",
        "description": f"The properties of {name}.",
        "properties": {p.name: _value(p) for p in action.properties},
    }
    required = [p.name for p in action.required]
    if required:
        properties["required"] = required
    return {
        "if": {"properties": {"Action": {"const": name}}, "required": ["Action"]},
        "then": {"properties": {"Properties": properties}, **({"required": ["Properties"]} if required else {})},
    }


def schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": ID,
        "title": "Alibaba Cloud ECS Image Builder component (YAML format)",
        "description": "Content of CreateImageComponent in YAML format: Parameters and Tasks.",
        "type": "object",
        "required": ["Tasks"],
        "properties": {
            "Parameters": {
                **described(TOP_KEYS["Parameters"]),
                "type": ["object", "null"],
                "additionalProperties": {"$ref": "#/$defs/parameter"},
            },
            "Tasks": {
                **described(TOP_KEYS["Tasks"]),
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/$defs/task"},
            },
        },
        "$defs": {
            "parameter": {
                "type": "object",
                "required": ["Type"],
                "properties": {
                    "Type": {**described(PARAMETER_KEYS["Type"]), "enum": list(PARAMETER_TYPES)},
                    "DefaultValue": {
                        **described(PARAMETER_KEYS["DefaultValue"]),
                        "type": ["string", "number", "boolean"],
                    },
                },
                "allOf": [
                    {
                        "if": {"properties": {"Type": {"const": "Number"}}},
                        "then": {"properties": {"DefaultValue": {"type": "number"}}},
                    },
                    {
                        "if": {"properties": {"Type": {"const": "Boolean"}}},
                        "then": {"properties": {"DefaultValue": {"type": "boolean"}}},
                    },
                ],
            },
            "task": {
                "type": "object",
                "required": ["Name", "Action"],
                "properties": {
                    "Name": {**described(TASK_KEYS["Name"]), "type": ["string", "number"], "minLength": 1},
                    "Action": {**described(TASK_KEYS["Action"]), "enum": list(ACTIONS)},
                    "Properties": {**described(TASK_KEYS["Properties"]), "type": ["object", "null"]},
                },
                "allOf": [_task(name) for name in ACTIONS],
            },
        },
    }


def text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
