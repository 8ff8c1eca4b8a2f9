"""YAML-format components (SPEC section 7): read, checked, completed and explained.

Layers, bottom up: ``reading`` (PyYAML's nodes, placed) and ``segments``
(where the text can be cut); ``catalog`` (actions, properties, types) and
``syntax`` (what a part says: tasks, parameters, references) and
``context`` (where a position is, from the lines); ``rules`` and the
features (``completion``, ``hover``, ``navigation``), which use those and never each other;
``model``, which ties them to an editable document.
"""

from __future__ import annotations

import re

from ..base import COMPLETE, COMPONENT, DEFINITION, HOVER, PREPARE_RENAME, REFERENCES, RENAME, Format
from .completion import complete
from .hover import hover
from .model import YamlModel
from .navigation import definition, prepare_rename, references, rename

# The first line that is neither blank nor a comment: a document start, or a top-level Parameters:/Tasks: key.
_START = re.compile(r"""(?:---|(?:"(?:Parameters|Tasks)"|'(?:Parameters|Tasks)'|Parameters|Tasks)[ \t]*:)(?:[ \t]|\Z)""")


def claims(dialect: str, first: str) -> bool:
    """True for component text that is YAML: its first meaningful line is ``---``, ``Parameters:`` or ``Tasks:``."""
    return dialect == COMPONENT and _START.match(first.lstrip()) is not None  # a template is Dockerfile-format text (SPEC section 8)


FORMAT = Format(
    name="yaml",
    open=YamlModel,
    features={
        COMPLETE: complete,
        HOVER: hover,
        DEFINITION: definition,
        REFERENCES: references,
        PREPARE_RENAME: prepare_rename,
        RENAME: rename,
    },
    files={".component.yaml": COMPONENT, ".component.yml": COMPONENT},
    languages={"ecs-component-yaml": COMPONENT},
    claims=claims,
)
