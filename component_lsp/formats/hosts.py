"""The host formats: files of other languages that hold content (SPEC section 9), in ``formats.FORMATS``.

A host is one module under ``hosts/`` that reads a language's files (``hosts/terraform.py``: Terraform's
``.tf`` files) and one entry in ``HOSTS``. ``hosts/hosted.py`` is the document model of every host (its regions
opened as content, their diagnostics placed in the file) and ``hosts/features.py`` answers inside the regions;
both are imported when the first host file is opened.
"""

from __future__ import annotations

from .base import HOST, Format


def _open(source, dialect: str):
    from ..hosts.hosted import Hosted

    return Hosted(source, dialect)


def _features():
    from ..hosts.features import FEATURES

    return FEATURES


def _open_ros(source, dialect: str):
    from ..hosts.hosted import Hosted
    from ..hosts.ros import Reader

    return Hosted(source, dialect, Reader)


ROS: Format = Format(
    name="ros",
    open=_open_ros,
    features=_features,
    files={".ros.yaml": HOST, ".ros.yml": HOST, ".ros.json": HOST},  # others are told by their text (by_text)
    languages={},  # they keep the YAML or JSON language their editor gives them
    host=True,
)
TERRAFORM: Format = Format(
    name="terraform",
    open=_open,
    features=_features,
    files={".tf": HOST},
    languages={"terraform": HOST},
    host=True,
)
HOSTS: tuple[Format, ...] = (TERRAFORM, ROS)
ROS_VERSION = "ROSTemplateFormatVersion"  # what a ROS template says near its start (SPEC section 9)


def by_text(name: str, text: str) -> Format | None:
    """The host a file whose name (``formats.file_name``) is not ours is: a YAML or JSON file is read as a ROS
    template, whose content is found in its ALIYUN::ECS resources (another YAML or JSON file has none, and gets
    nothing); else, a text that says it is a ROS template (an editor's buffer with no such name)."""
    if name.lower().endswith((".yaml", ".yml", ".json")) or ROS_VERSION in text[:4096]:
        return ROS
    return None
