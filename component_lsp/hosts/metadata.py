"""The metadata of the two Terraform resources (SPEC section 9's table): names, description, types, version, tags,
and the pipeline's base image type, disk size and bandwidth, each with the API's code.

Only literal values are checked (``terraform.Resource``): a value built from variables is not known. The
provider itself checks only ``system_type`` and ``component_type``, at ``terraform plan``; the API rejects the rest
at ``apply``, after a replacement was planned (every argument of these resources forces a new resource).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ..diagnostics import ERROR, rule
from .terraform import Literal, Resource

COMPONENT, PIPELINE = "alicloud_ecs_image_component", "alicloud_ecs_image_pipeline"

NAME = rule("InvalidName.Malformed", ERROR, "A component's or pipeline's name the API does not take.")
DESCRIPTION = rule("InvalidDescription.Malformed", ERROR, "A description of 2-256 characters, not a URL, is needed.")
SYSTEM = rule("InvalidSystemType.NotSupportedValue", ERROR, "`system_type` other than `Linux` or `Windows`.")
TYPE = rule("InvalidComponentType.NotSupportedValue", ERROR, "`component_type` other than `Build` or `Test`.")
VERSION = rule("InvalidParameter.ComponentVersion", ERROR, "`component_version` not `<major>.<minor>.<patch>`.")
TAG_KEY = rule("InvalidTagKey.Malformed", ERROR, "A tag key the API does not take.")
TAG_VALUE = rule("InvalidTagValue.Malformed", ERROR, "A tag value the API does not take.")
TAG_COUNT = rule("InvalidTagCount", ERROR, "More than 20 tags.")
BASE_IMAGE = rule("InvalidParameter.BaseImageType", ERROR, "`base_image_type` other than `IMAGE` or `IMAGE_FAMILY`.")
DISK = rule("InvalidParameter.SystemDiskSize", ERROR, "`system_disk_size` outside 20-500 (GiB).")
BANDWIDTH = rule("InvalidParameter.InternetMaxBandwidthOut", ERROR, "`internet_max_bandwidth_out` outside 0-100.")

# A letter or a Chinese character first, then those, digits, ":", "_", ".", "-" (the pipeline's provider: ASCII).
COMPONENT_NAME = re.compile(r"[A-Za-z\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff:_.\-]{1,127}\Z")
PIPELINE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9:_.\-]{1,127}\Z")
SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\Z")
URL = ("http://", "https://")


class Problem(NamedTuple):
    """What is wrong with a value, and where (file offsets)."""

    code: str
    severity: int
    message: str
    start: int
    end: int


def _problem(r, message: str, at: Literal) -> Problem:
    return Problem(r.code, r.severity, message, at.start, at.end)


def _one_of(r, attribute: str, allowed: tuple[str, ...]) -> Callable[[Literal], str | None]:
    def check(value: Literal) -> str | None:
        if value.value in allowed:
            return None
        close = next((a for a in allowed if isinstance(value.value, str) and a.lower() == value.value.lower()), None)
        hint = f": write `{close}` (the case matters)" if close else ""
        return f"`{attribute}` is {' or '.join(f'`{a}`' for a in allowed)}, not {value.value!r}{hint}."

    return check


def _name(pattern: re.Pattern) -> Callable[[Literal], str | None]:
    def check(value: Literal) -> str | None:
        if isinstance(value.value, str) and pattern.match(value.value):
            return None
        return (
            "A name is 2-128 characters: a letter first, then letters, digits, `:`, `_`, `.` or `-`"
            f" (not {value.value!r})."
        )

    return check


def _description(value: Literal) -> str | None:
    text = value.value
    if isinstance(text, str) and 2 <= len(text) <= 256 and not text.startswith(URL):
        return None
    return "A description is 2-256 characters and does not start with `http://` or `https://`."


def _version(value: Literal) -> str | None:
    if isinstance(value.value, str) and SEMVER.match(value.value):
        return None
    return f"`component_version` is `<major>.<minor>.<patch>` in non-negative integers, not {value.value!r}."


def _within(attribute: str, low: int, high: int) -> Callable[[Literal], str | None]:
    def check(value: Literal) -> str | None:
        number = value.value
        if isinstance(number, float) and low <= number <= high and number == int(number):
            return None
        shown = f"{number:g}" if isinstance(number, float) else repr(number)
        return f"`{attribute}` is a whole number from {low} to {high}, not {shown}."

    return check


# resource type -> attribute -> (rule, check: the message, or None when the value is good)
CHECKS = {
    COMPONENT: {
        "image_component_name": (NAME, _name(COMPONENT_NAME)),
        "description": (DESCRIPTION, _description),
        "system_type": (SYSTEM, _one_of(SYSTEM, "system_type", ("Linux", "Windows"))),
        "component_type": (TYPE, _one_of(TYPE, "component_type", ("Build", "Test"))),
        "component_version": (VERSION, _version),
    },
    PIPELINE: {
        "name": (NAME, _name(PIPELINE_NAME)),
        "description": (DESCRIPTION, _description),
        "base_image_type": (BASE_IMAGE, _one_of(BASE_IMAGE, "base_image_type", ("IMAGE", "IMAGE_FAMILY"))),
        "system_disk_size": (DISK, _within("system_disk_size", 20, 500)),
        "internet_max_bandwidth_out": (BANDWIDTH, _within("internet_max_bandwidth_out", 0, 100)),
    },
}


def check(resource: Resource) -> list[Problem]:
    """What is wrong with a resource's literal metadata."""
    out = []
    for attribute, (r, test) in CHECKS[resource.kind].items():
        value = resource.literals.get(attribute)
        message = test(value) if value is not None else None
        if value is not None and message is not None:
            out.append(_problem(r, message, value))
    return out + _tags(resource)


def _tags(resource: Resource) -> list[Problem]:
    out = []
    for key, value in resource.tags:
        k, v = str(key.value), str(value.value)
        if not 1 <= len(k) <= 128 or k.startswith(("aliyun", "acs:")) or any(u in k for u in URL):
            message = f"A tag key is 1-128 characters, not starting with `aliyun` or `acs:`, with no URL (not {k!r})."
            out.append(_problem(TAG_KEY, message, key))
        if len(v) > 128 or v.startswith("acs:") or any(u in v for u in URL):
            message = f"A tag value is at most 128 characters, not starting with `acs:`, with no URL (not {v!r})."
            out.append(_problem(TAG_VALUE, message, value))
    if resource.tag_count > 20 and resource.tags:
        first = resource.tags[20][0] if len(resource.tags) > 20 else resource.tags[0][0]
        out.append(_problem(TAG_COUNT, f"{resource.tag_count} tags: a resource has at most 20.", first))
    return out
