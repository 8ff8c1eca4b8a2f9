"""YAML-format components (SPEC section 7): read, checked, completed and explained.

Layers, bottom up: ``reading`` (PyYAML's nodes, placed) and ``segments``
(where the text can be cut); ``catalog`` (actions, properties, types) and
``syntax`` (what a part says: tasks, parameters, references) and
``context`` (where a position is, from the lines); ``rules`` and the
features (``completion``, ``hover``, ``navigation``), which use those and never each other;
``model``, which ties them to an editable document.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ...document import Document
from ..base import COMPONENT, Features, Format, looks_like_yaml

if TYPE_CHECKING:
    from .model import YamlModel


# PyYAML and the modules over it are imported when the first YAML document opens, not at start-up: the
# server answers its first Dockerfile-format document about 15 ms sooner.
def _open(source: Document, dialect: str) -> YamlModel:
    from .model import YamlModel

    return YamlModel(source, dialect)


@cache
def _features() -> Features[YamlModel]:
    from .features import FEATURES

    return FEATURES


def claims(dialect: str, first: str) -> bool:
    """True for component text that is YAML: its first meaningful line is ``---``, ``Parameters:`` or ``Tasks:``."""
    return dialect == COMPONENT and looks_like_yaml(first)  # a template is Dockerfile-format text (SPEC section 8)


FORMAT: Format[YamlModel] = Format(
    name="yaml",
    open=_open,
    features=_features,
    files={".component.yaml": COMPONENT, ".component.yml": COMPONENT},
    languages={"ecs-component-yaml": COMPONENT},
    claims=claims,
)
