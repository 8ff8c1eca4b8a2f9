"""YAML-format components (SPEC section 7): recognised, and checked for size; the rest is to come."""

from __future__ import annotations

import re

from ..base import COMPONENT, Format
from .model import YamlModel

# The first line that is neither blank nor a comment: a document start, or a top-level Parameters:/Tasks: key.
_START = re.compile(r"""(?:---|(?:"(?:Parameters|Tasks)"|'(?:Parameters|Tasks)'|Parameters|Tasks)[ \t]*:)(?:[ \t]|\Z)""")


def claims(dialect: str, first: str) -> bool:
    """True for component text that is YAML: its first meaningful line is ``---``, ``Parameters:`` or ``Tasks:``."""
    return dialect == COMPONENT and _START.match(first.lstrip()) is not None  # a template is Dockerfile-format text (SPEC section 8)


FORMAT = Format(
    name="yaml",
    open=YamlModel,
    files={".component.yaml": COMPONENT, ".component.yml": COMPONENT},
    languages={"ecs-component-yaml": COMPONENT},
    claims=claims,
)
