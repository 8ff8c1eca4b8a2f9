"""YAML-format components (SPEC section 7): read, checked, completed and explained.

Layers, bottom up: ``reading`` (PyYAML's nodes, placed) and ``segments``
(where the text can be cut); ``catalog`` (actions, properties, types) and
``syntax`` (what a part says: tasks, parameters, references) and
``context`` (where a position is, from the lines); ``rules`` and the
features (``completion``, ``hover``, ``navigation``), which use those and never each other;
``model``, which ties them to an editable document.
"""

from __future__ import annotations

from ...document import Document
from ..base import (
    BUDGET,
    COMPLETE,
    COMPONENT,
    DEFINITION,
    EXTENT,
    FOLDING,
    HOVER,
    OFFER,
    PREPARE_RENAME,
    REFERENCES,
    RENAME,
    SCRIPTS,
    SPLIT,
    SYMBOLS,
    Format,
    looks_like_yaml,
)

# PyYAML and the modules over it are imported when the first YAML document opens, not at start-up: the
# server answers its first Dockerfile-format document about 15 ms sooner.


def _load() -> None:
    from . import rules  # noqa: F401  (declares the format's codes)


def _open(doc: Document, dialect: str):
    from .model import YamlModel

    return YamlModel(doc, dialect)


def _complete(model, line: int, col: int):
    from .completion import complete

    return complete(model, line, col)


def _hover(model, line: int, col: int):
    from .hover import hover

    return hover(model, line, col)


def _definition(model, line: int, col: int):
    from .navigation import definition

    return definition(model, line, col)


def _references(model, line: int, col: int, declaration: bool):
    from .navigation import references

    return references(model, line, col, declaration)


def _prepare_rename(model, line: int, col: int):
    from .navigation import prepare_rename

    return prepare_rename(model, line, col)


def _rename(model, line: int, col: int, new: str):
    from .navigation import rename

    return rename(model, line, col, new)


def _symbols(model):
    from .outline import symbols

    return symbols(model)


def _folding(model):
    from .outline import folding

    return folding(model)


def _budget(model):
    from .outline import budget

    return budget(model)


def _split(model, use_line: int = 0):
    from .splitting import split

    return split(model, use_line)


def _scripts(model):
    from .scripts import scripts

    return scripts(model)


def _extent(model, line: int):
    from .context import extent

    return extent(model.doc.lines, line)


def _offer(model):
    from .interface import offer

    return offer(model)


def claims(dialect: str, first: str) -> bool:
    """True for component text that is YAML: its first meaningful line is ``---``, ``Parameters:`` or ``Tasks:``."""
    return dialect == COMPONENT and looks_like_yaml(first)  # a template is Dockerfile-format text (SPEC section 8)


FORMAT = Format(
    name="yaml",
    open=_open,
    features={
        COMPLETE: _complete,
        HOVER: _hover,
        DEFINITION: _definition,
        REFERENCES: _references,
        PREPARE_RENAME: _prepare_rename,
        RENAME: _rename,
        OFFER: _offer,
        EXTENT: _extent,
        SYMBOLS: _symbols,
        FOLDING: _folding,
        BUDGET: _budget,
        SPLIT: _split,
        SCRIPTS: _scripts,
    },
    files={".component.yaml": COMPONENT, ".component.yml": COMPONENT},
    languages={"ecs-component-yaml": COMPONENT},
    claims=claims,
    load=_load,
)
