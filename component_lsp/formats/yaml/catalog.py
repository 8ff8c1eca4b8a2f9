"""What a YAML-format component may say (SPEC section 7): its keys, parameter types, actions and their properties.

One table, read by the rules, completion, hover and the JSON Schema
(``schemas/ecs-component.schema.json`` is generated from it and tested
against it), so that none of them can drift from the others.
"""

from __future__ import annotations

from difflib import get_close_matches
from typing import NamedTuple

# Value types: of a parameter (``Type``) and of a property.
STRING, NUMBER, BOOLEAN, JSON = "String", "Number", "Boolean", "JSON"
PARAMETER_TYPES = (STRING, NUMBER, BOOLEAN)

# Systems an action runs on.
LINUX, WINDOWS = "Linux", "Windows"
BOTH = (LINUX, WINDOWS)

TOP_KEYS = {
    "Parameters": (
        "Optional. The component's parameters, by name: each has a `Type` (String, Number or Boolean) "
        "and may have a `DefaultValue`. A template passes values with `COMPONENT <id> --name value`; "
        "tasks use them as `{{ name }}`."
    ),
    "Tasks": (
        "Required. The tasks, run in order; at least one. Each has a `Name`, an `Action` and the action's `Properties`."
    ),
}
TASK_KEYS = {
    "Name": "Required. The task's name: later tasks refer to its output as `{{ name.stdout }}`.",
    "Action": (
        "Required. What the task does: `RunShellCommand`, `RunPowerShellCommand`, `InvokeCommand`, "
        "`OSSDownload`, `OSSUpload`, `WebDownload` or `Reboot`."
    ),
    "Properties": "The action's properties.",
}
PARAMETER_KEYS = {
    "Type": "Required. `String`, `Number` or `Boolean`.",
    "DefaultValue": "Optional. The value used when the template passes none; without it, every template must pass one.",
}
TYPE_DOCS = {
    STRING: "Any text; a number or `true` is substituted as text.",
    NUMBER: "A number, such as `3` or `1.5`.",
    BOOLEAN: "`true` or `false`.",
}

OSS_NOTE = "The bucket must carry the tag `allowImageBuilderAccess:true`, or Image Builder may not use it."


class Property(NamedTuple):
    name: str
    type: str
    required: bool
    documentation: str
    default: object = None


class Action(NamedTuple):
    name: str
    systems: tuple[str, ...]
    documentation: str
    properties: tuple[Property, ...]
    outputs: tuple[str, ...] = ()
    note: str = ""

    def prop(self, name: str) -> Property | None:
        for p in self.properties:
            if p.name == name:
                return p
        return None

    @property
    def required(self) -> list[Property]:
        return [p for p in self.properties if p.required]


def _p(name: str, kind: str, documentation: str, required: bool = False, default: object = None) -> Property:
    return Property(name, kind, required, documentation, default)


_USERNAME = _p("username", STRING, "The user that runs the command (default: root on Linux, System on Windows).")
_WORKDIR = _p("workingDir", STRING, "The directory the command runs in.")
_REGION = _p("ossRegion", STRING, "The bucket's region (default: the build's region).")
_VALID = _p("validTime", NUMBER, "How long, in seconds, the signed OSS URL stays valid.")

ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action(
            "RunShellCommand",
            (LINUX,),
            "Runs a shell command on the build instance.",
            (_p("commandContent", STRING, "The shell script to run.", required=True), _WORKDIR, _USERNAME),
            outputs=("stdout",),
        ),
        Action(
            "RunPowerShellCommand",
            (WINDOWS,),
            "Runs a PowerShell command on the build instance.",
            (
                _p("commandContent", STRING, "The PowerShell script to run.", required=True),
                _WORKDIR,
                _USERNAME,
                _p(
                    "windowsPasswordName",
                    STRING,
                    "The name of the password, kept in Cloud Assistant, of the Windows user in `username`.",
                ),
            ),
            outputs=("stdout",),
        ),
        Action(
            "InvokeCommand",
            BOTH,
            "Runs a Cloud Assistant common command.",
            (
                _p("commandId", STRING, "The id of the Cloud Assistant command.", required=True),
                _USERNAME,
                _p("parameters", JSON, "The command's parameters: a mapping, or a string holding a JSON object."),
            ),
        ),
        Action(
            "OSSDownload",
            BOTH,
            "Downloads an object from OSS to the build instance.",
            (
                _p("bucketName", STRING, "The OSS bucket.", required=True),
                _p("destinationDir", STRING, "The directory on the instance to download to.", required=True),
                _p("objectName", STRING, "The object to download.", required=True),
                _REGION,
                _VALID,
            ),
            note=OSS_NOTE,
        ),
        Action(
            "OSSUpload",
            BOTH,
            "Uploads a file from the build instance to OSS.",
            (
                _p("bucketName", STRING, "The OSS bucket.", required=True),
                _p("fileToUpload", STRING, "The file on the instance to upload.", required=True),
                _p("objectName", STRING, "The object name to upload as.", required=True),
                _REGION,
                _VALID,
            ),
            note=OSS_NOTE,
        ),
        Action(
            "WebDownload",
            BOTH,
            "Downloads a file from a URL to the build instance.",
            (
                _p("sourcePath", STRING, "The URL to download.", required=True),
                _p("tokenInfo", STRING, "A token the download needs."),
                _p("destinationDir", STRING, "The directory on the instance to download to.", required=True),
                _p("timeout", NUMBER, "How long, in seconds, the download may take.", default=600),
            ),
        ),
        Action(
            "Reboot",
            BOTH,
            "Restarts the build instance.",
            (_p("forceStop", BOOLEAN, "Force the instance off rather than shut it down.", default=False),),
        ),
    )
}


def suggestion(name: str) -> str | None:
    """The action a misspelt name most likely meant (case-insensitively, then by likeness)."""
    for known in ACTIONS:
        if known.lower() == name.lower():
            return known
    close = get_close_matches(name, list(ACTIONS), n=1, cutoff=0.6)
    return close[0] if close else None


def type_name(kind: str) -> str:
    return "JSON (a mapping, or a string holding a JSON object)" if kind == JSON else kind
