"""Dockerfile-format text: components (CreateImageComponent) and templates (CreateImagePipeline).

Layers, bottom up: ``words`` (the shell-word lexer) and ``parser`` (BuildKit's
cutting into instructions); ``syntax`` and ``catalog`` (what instructions
say, what keywords are); ``rules`` and the features (``completion``,
``hover``), which use those and never each other; ``model``, which ties
them to an editable document.
"""

from ..base import (
    BUDGET,
    COMPLETE,
    COMPONENT,
    DEFINITION,
    EXTENT,
    FOLDING,
    FORMATTING,
    HOVER,
    LINKS,
    OFFER,
    ON_TYPE,
    PREPARE_RENAME,
    REFERENCES,
    RENAME,
    SCRIPTS,
    SPLIT,
    SYMBOLS,
    TEMPLATE,
    USES,
    Format,
)
from .completion import complete
from .formatting import format_edits, on_type
from .hover import hover
from .interface import extent, offer, uses
from .model import DockerfileModel
from .navigation import definition, prepare_rename, references, rename
from .outline import budget, folding, links, symbols
from .scripts import scripts
from .splitting import split

FORMAT = Format(
    name="dockerfile",
    open=DockerfileModel,
    features={
        COMPLETE: complete,
        HOVER: hover,
        OFFER: offer,
        USES: uses,
        EXTENT: extent,
        SYMBOLS: symbols,
        FOLDING: folding,
        LINKS: links,
        BUDGET: budget,
        SPLIT: split,
        FORMATTING: format_edits,
        ON_TYPE: on_type,
        DEFINITION: definition,
        REFERENCES: references,
        PREPARE_RENAME: prepare_rename,
        RENAME: rename,
        SCRIPTS: scripts,
    },
    files={
        "Componentfile": COMPONENT,
        ".component": COMPONENT,
        ".Componentfile": COMPONENT,
        "Templatefile": TEMPLATE,
        ".imagetemplate": TEMPLATE,
    },
    languages={"ecs-component": COMPONENT, "ecs-template": TEMPLATE},
)
