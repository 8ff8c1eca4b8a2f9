"""The JSON Schema of YAML-format components, made from the action table (``catalog``).

``schemas/ecs-component.schema.json`` is this schema as written by
``component-lsp schema``; a test keeps the file equal to it, so the schema
the VS Code YAML extension validates with and the server's own rules read
the same table.
"""

from __future__ import annotations

import json
from typing import Any

from .catalog import ACTIONS, BOOLEAN, JSON, NUMBER, PARAMETER_KEYS, PARAMETER_TYPES, TASK_KEYS, TOP_KEYS, Property

ID = "https://github.com/component-lsp/component-lsp/blob/main/schemas/ecs-component.schema.json"
REFERENCE = r"^\s*\{\{\s*[^{}\s]+\s*\}\}\s*$"  # a value that is wholly a {{ }} reference fits any type


def _value(p: Property) -> dict:
    if p.type == NUMBER:
        kind: dict = {"type": "number"}
    elif p.type == BOOLEAN:
        kind = {"type": "boolean"}
    elif p.type == JSON:
        kind = {"type": ["object", "string"]}
    else:
        kind = {"type": ["string", "number", "boolean"]}
    schema: dict[str, Any] = {"description": p.documentation, "anyOf": [kind, {"type": "string", "pattern": REFERENCE}]}
    if p.default is not None:
        schema["default"] = p.default
    return schema


def _task(name: str) -> dict:
    action = ACTIONS[name]
    properties = {
        "type": "object",
        "description": f"The properties of {name}.",
        "properties": {p.name: _value(p) for p in action.properties},
        "additionalProperties": False,
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
        "additionalProperties": False,
        "properties": {
            "Parameters": {
                "description": TOP_KEYS["Parameters"],
                "type": ["object", "null"],
                "additionalProperties": {"$ref": "#/$defs/parameter"},
            },
            "Tasks": {
                "description": TOP_KEYS["Tasks"],
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/$defs/task"},
            },
        },
        "$defs": {
            "parameter": {
                "type": "object",
                "required": ["Type"],
                "additionalProperties": False,
                "properties": {
                    "Type": {"description": PARAMETER_KEYS["Type"], "enum": list(PARAMETER_TYPES)},
                    "DefaultValue": {
                        "description": PARAMETER_KEYS["DefaultValue"],
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
                "additionalProperties": False,
                "properties": {
                    "Name": {"description": TASK_KEYS["Name"], "type": ["string", "number"], "minLength": 1},
                    "Action": {"description": TASK_KEYS["Action"], "enum": list(ACTIONS)},
                    "Properties": {"description": TASK_KEYS["Properties"], "type": ["object", "null"]},
                },
                "allOf": [_task(name) for name in ACTIONS],
            },
        },
    }


def text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
