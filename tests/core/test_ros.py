"""Content inside ROS templates (component_lsp/hosts/ros.py): YAML and JSON, decoded as PyYAML reads them, each
character placed in the file; Fn::Sub's substitutions; the metadata under ROS's property names."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from component_lsp.formats import open_text
from component_lsp.hosts.regions import ROS_BLOCK, ROS_DOUBLE

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CHARS = st.sampled_from(list("RUN echo ab$%{}\"'\\\t:#-=/!") + ["é", "😀", "${", "${!x}"])
LINES = st.lists(st.lists(CHARS, max_size=10).map("".join), min_size=1, max_size=5)


def template(content_yaml: str, kind: str = "ALIYUN::ECS::ImageComponent", holder: str = "Content") -> str:
    return (
        "ROSTemplateFormatVersion: '2015-09-01'\n"
        "Parameters:\n  Port:\n    Type: Number\n"
        "Resources:\n  App:\n"
        f"    Type: {kind}\n"
        "    Properties:\n"
        f"      {holder}: {content_yaml}\n"
    )


def block(lines: list[str], header: str = "|") -> str:
    return header + "\n" + "".join("        " + line + "\n" for line in lines)


def opened(text: str, name: str = "file:///w/stack.ros.yaml"):
    return open_text(text, name)


@given(lines=LINES)
@settings(max_examples=60)
def test_a_block_scalar_decodes_as_pyyaml_reads_it_and_every_character_lands_on_itself(lines):
    text = template(block([line.rstrip() for line in lines]))
    content = opened(text)
    try:  # as the reader reads it: with libyaml where PyYAML has it (it refuses a tab the pure-Python loader takes)
        value = yaml.load(text, Loader=LOADER)["Resources"]["App"]["Properties"]["Content"]
    except (yaml.YAMLError, TypeError, KeyError):
        value = None
    if not isinstance(value, str):  # not a template, or not a block: no region, and no crash
        assert content.model.parts == []
        return
    (part,) = content.model.parts
    region = part.region
    assert region.text == value and region.style == ROS_BLOCK
    for index, char in enumerate(region.text):
        assert text[region.to_host(index)] == char


@given(content=st.lists(CHARS, max_size=20).map("".join))
@settings(max_examples=60)
def test_a_json_string_decodes_with_its_escapes_and_places(content):
    text = json.dumps(
        {
            "ROSTemplateFormatVersion": "2015-09-01",
            "Resources": {"App": {"Type": "ALIYUN::ECS::ImageComponent", "Properties": {"Content": content}}},
        },
        indent=2,
        ensure_ascii=False,  # PyYAML reads no surrogate pair escaped as two \u escapes (JSON's for 😀)
    )
    (part,) = opened(text, "file:///w/stack.json").model.parts
    region = part.region
    assert region.text == content and region.style == ROS_DOUBLE
    for index, char in enumerate(content):
        written = text[region.to_host(index) :]
        assert written.startswith(json.dumps(char)[1:-1]) or written.startswith(char), (index, char)


def test_fn_sub_reads_its_substitutions_and_flags_the_shells():
    text = template("\n        Fn::Sub: |\n          RUN echo ${Port} ${App.Arn} ${ALIYUN::Region} ${HOME} ${!PATH}\n")
    content = opened(text)
    (part,) = content.model.parts
    assert part.region.text == "RUN echo ${Port} ${App.Arn} ${ALIYUN::Region} ${HOME} ${PATH}\n"
    (found,) = [d for d in content.diagnostics() if d.code == "Lint.RosSubstitution"]
    line = text.split("\n")[found.start[0]]
    assert line[found.start[1] :].startswith("${HOME}")
    (edit,) = found.fix
    fixed = line[: edit.start[1]] + edit.text + line[edit.start[1] :]
    assert "${!HOME}" in fixed
    assert not [d for d in opened(text.replace("${HOME}", "${!HOME}")).diagnostics() if d.code.startswith("Lint.Ros")]


def test_the_metadata_is_checked_under_rosss_names():
    text = (
        "ROSTemplateFormatVersion: '2015-09-01'\nResources:\n"
        "  App:\n    Type: ALIYUN::ECS::ImageComponent\n    Properties:\n"
        "      Name: 1app\n      SystemType: linux\n      ComponentType: build\n"
        "      Tags:\n        - Key: aliyun-x\n          Value: v\n"
        "      Content: RUN a\n"
        "  Build:\n    Type: ALIYUN::ECS::ImagePipeline\n    Properties:\n"
        "      BaseImageType: image\n      SystemDiskSize: 10\n      InternetMaxBandwidthOut: 101\n"
        "      BuildContent: RUN b\n"
    )
    codes = sorted(d.code for d in opened(text).diagnostics())
    assert codes == [
        "InvalidComponentType.NotSupportedValue",
        "InvalidName.Malformed",
        "InvalidParameter.BaseImageType",
        "InvalidParameter.InternetMaxBandwidthOut",
        "InvalidParameter.SystemDiskSize",
        "InvalidSystemType.NotSupportedValue",
        "InvalidTagKey.Malformed",
    ]


def test_alibabas_examples_in_ros_get_no_error_and_no_warning():
    from test_rules import DOCUMENTED
    from test_yaml import EXAMPLES

    for content in [*DOCUMENTED, *EXAMPLES]:
        lines = content.rstrip("\n").split("\n")
        for text in (template(block(lines)), template(json.dumps(content))):
            found = [(d.code, d.severity) for d in opened(text).diagnostics() if d.severity <= 2]
            assert found == [], (content, text)


def test_other_yaml_and_json_files_get_nothing_and_a_template_is_found_by_its_text():
    assert opened("name: x\nitems: [1, 2]\n", "file:///w/values.yaml").diagnostics() == []
    assert opened('{"a": [1, 2, {"b": null}]}', "file:///w/package.json").diagnostics() == []
    stack = template(json.dumps("FROM centos\n"))
    assert opened(stack, "untitled:Untitled-1").format.name == "ros"  # no name: its text says
    assert [d.code for d in opened(stack, "file:///w/stack.yml").diagnostics()] == ["NotSupportedCommand.FROM"]
    # a YAML component in VS Code's git: diff view (its name in the path, a query after it) stays a component
    git = "git:/w/app.component.yaml?%7B%22path%22%3A%22%2Fw%2Fapp.component.yaml%22%7D"
    assert opened("Tasks:\n  - Name: a\n    Action: Reboot\n", git).format.name == "yaml"


@pytest.mark.parametrize(
    "text",
    [
        "ROSTemplateFormatVersion: x\nResources: [",
        "ROSTemplateFormatVersion: x\nResources:\n  A:\n    Type: ALIYUN::ECS::ImageComponent\n    Properties: 3\n",
        "ROSTemplateFormatVersion: x\nResources:\n  A:\n    Type: ALIYUN::ECS::ImageComponent\n"
        "    Properties:\n      Content: >\n        folded\n        text\n",
        "\x00\udbff: [" * 1000,
        "ROSTemplateFormatVersion: x\n" + "a: &a [1]\n" + "b: [*a, *a, *a]\n" * 1000,
    ],
    ids=["unclosed", "properties not a mapping", "folded", "bytes", "aliases"],
)
def test_hostile_ros_text_gets_answers(text):
    content = opened(text)
    assert isinstance(content.diagnostics(), list)
    content.edit((0, 0), (0, 0), "x")
    assert isinstance(content.diagnostics(), list) and content.complete(0, 1) == []
