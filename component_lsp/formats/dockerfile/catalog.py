"""What Image Builder's instructions are: the facts behind completion, hover and rules."""

from __future__ import annotations

import difflib
from typing import NamedTuple


class Keyword(NamedTuple):
    name: str
    summary: str
    forms: tuple[str, ...]
    example: str
    snippet: str
    notes: str = ""

    def markdown(self) -> str:
        forms = "\n".join(self.forms)
        text = f"**{self.name}**: {self.summary}\n\n```\n{forms}\n```\n\nExample:\n\n```\n{self.example}\n```"
        if self.notes:
            text += f"\n\n{self.notes}"
        return text


SUPPORTED: dict[str, Keyword] = {
    k.name: k
    for k in (
        Keyword(
            "RUN",
            "runs a shell command on the build VM (not in a container).",
            ("RUN <command>", "RUN <command>;\\\n    <command>"),
            "RUN yum update -y && \\\n    yum install -y nginx",
            "RUN ${1:command}",
            "A command may span lines: end every line but the last with `\\`.",
        ),
        Keyword(
            "ENV",
            "sets environment variables for the commands that follow.",
            ("ENV <key> <value>", 'ENV <key1>="<value1>" <key2>="<value2>"'),
            'ENV JAVA_HOME="/usr/lib/jvm/java-11" PATH="$JAVA_HOME/bin:$PATH"',
            'ENV ${1:NAME}="${2:value}"',
            "Image Builder's documentation puts every value in double quotes.",
        ),
        Keyword(
            "WORKDIR",
            "sets the working directory of the commands that follow.",
            ("WORKDIR /<path>", "WORKDIR <path1>/<path2>"),
            "WORKDIR /opt/app",
            "WORKDIR ${1:/path}",
            "Exactly one path.",
        ),
        Keyword(
            "COPY",
            "copies a file from a URL or from a path on the build VM to a directory.",
            ("COPY <network file URL> <local destination dir>", "COPY <local source path> <local destination dir>"),
            "COPY https://example.com/app.tar.gz /opt/",
            "COPY ${1:source} ${2:/destination/}",
            "URLs are fetched with `wget`: the build VM needs Internet access, and the URL must not carry a query"
            " string.",
        ),
        Keyword(
            "USER",
            "sets the account that runs the commands that follow.",
            ("USER <username>",),
            "USER admin",
            "USER ${1:username}",
            "The user must already exist on the image.",
        ),
        Keyword(
            "LABEL",
            "adds metadata to the image as key-value pairs.",
            ('LABEL <key>="<value>" [<key>="<value>" ...]',),
            'LABEL user="username" \\\n      date="2020-11-11"',
            'LABEL ${1:key}="${2:value}"',
        ),
        Keyword(
            "CMD",
            "sets the command run when an instance of the image starts.",
            ('CMD ["executable", "param1", "param2"]', "CMD command param1 param2"),
            'CMD ["/usr/bin/myapp", "--serve"]',
            'CMD ["${1:executable}", "${2:param}"]',
            "Exec form is a JSON array of strings, in double quotes.",
        ),
        Keyword(
            "ENTRYPOINT",
            "sets the program run when an instance of the image starts.",
            ('ENTRYPOINT ["executable", "param1", "param2"]', "ENTRYPOINT command param1 param2"),
            'ENTRYPOINT ["/usr/bin/myapp"]',
            'ENTRYPOINT ["${1:executable}", "${2:param}"]',
            "Exec form is a JSON array of strings, in double quotes.",
        ),
        Keyword(
            "RESTART",
            "reboots the build VM; building goes on after the reboot.",
            ("RESTART",),
            "RUN yum update -y kernel\nRESTART",
            "RESTART",
            "Nothing may follow the keyword.",
        ),
    )
}

# Docker instructions Image Builder does not run: why, and what to use instead.
UNSUPPORTED: dict[str, tuple[str, str]] = {
    "ADD": ("COPY", "Image Builder has no ADD; COPY fetches URLs and copies local paths."),
    "ARG": ("ENV", "Image Builder has no build arguments; set the variable with ENV."),
    "MAINTAINER": ("LABEL", "Image Builder has no MAINTAINER; record it as a LABEL."),
    "EXPOSE": ("", "the build VM is not a container: open ports in the instance's security group."),
    "VOLUME": ("", "the build VM is not a container: attach data disks to the instance instead."),
    "HEALTHCHECK": ("", "Image Builder runs no container, so there is nothing to health-check."),
    "SHELL": ("", "commands run in the VM's shell; call another shell inside RUN if needed."),
    "ONBUILD": ("", "Image Builder has no build triggers."),
    "STOPSIGNAL": ("", "Image Builder runs no container, so there is no stop signal."),
}

COMPONENT_DOC = (
    "**COMPONENT** (image templates only): runs an image component.\n\n```\n"
    "COMPONENT ic-bp18hy47cqavewsb****\n"
    "COMPONENT ic-... --paramName1 value1 --paramName2 value2\n"
    "COMPONENT acs:ecs:<RegionId>:<AliUid>:imagecomponent/<Name>/<major>.<minor>.<patch>\n```\n\n"
    "`--name value` pairs pass parameters to a YAML-format component. In an ARN, `*` in a version part "
    "means the latest: `1.0.*`, `1.*.*`."
)
# The forms of COMPONENT, for completion: (label, what it is, plain text, snippet).
COMPONENT_FORMS = (
    ("COMPONENT ic-…", "a component by id", "COMPONENT ic-", "COMPONENT ic-${1:id}"),
    (
        "COMPONENT acs:ecs:…",
        "a component by name and version (ARN)",
        "COMPONENT acs:ecs:cn-hangzhou:<AliUid>:imagecomponent/<Name>/1.0.0",
        "COMPONENT acs:ecs:${1:cn-hangzhou}:${2:<AliUid>}:imagecomponent/${3:<Name>}/${4:1.0.0}",
    ),
    (
        "COMPONENT … --name value",
        "a YAML component, with parameters",
        "COMPONENT ic- --name value",
        "COMPONENT ${1:ic-id} --${2:name} ${3:value}",
    ),
)
ID_DOC = "**Component id** `{target}`: the image component with this id, in the region the pipeline builds in.{masked}"
ARN_DOC = (
    "**Component ARN**: the image component by name and version.\n\n| part | here |\n|---|---|\n| region | `{region}`"
    " |\n| account (AliUid) | `{account}` |\n| name | `{name}` |\n| version | `{version}` |\n\n`*` in a version part"
    " means the latest: `1.0.*` is the newest 1.0.x, `1.*.*` the newest 1.x."
)
PAIR_DOC = (
    "**--{name}**: a parameter passed to the component, with the value `{value}`. YAML-format components declare theirs"
    " under `Parameters`."
)
FROM_DOC = (
    "**FROM**: not allowed in an image component (the API rejects it with "
    "`NotSupportedCommand.FROM`). In an image template it is deprecated: the "
    "service ignores it and uses the pipeline's base image."
)


def unsupported_markdown(keyword: str) -> str:
    replacement, why = UNSUPPORTED[keyword]
    text = f"**{keyword}** is not supported by Image Builder: {why}"
    if replacement:
        text += f"\n\nUse **{replacement}** instead."
    return text


# The instructions that must have an argument (EmptyCommandContent.<KW> without one).
NEEDS_ARGUMENT = ("RUN", "ENV", "LABEL", "COPY", "ENTRYPOINT", "CMD", "WORKDIR", "USER")

# Keywords Image Builder knows, in one dialect or the other (unsupported ones are not among them).
KNOWN = frozenset(SUPPORTED) | {"FROM", "COMPONENT"}


def suggestion(keyword: str) -> str:
    """The supported keyword a typo most likely meant, or ''."""
    close = difflib.get_close_matches(keyword.upper(), list(SUPPORTED), n=1, cutoff=0.6)
    return close[0] if close else ""
