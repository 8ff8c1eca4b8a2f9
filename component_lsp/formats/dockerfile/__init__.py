"""Dockerfile-format text: components (CreateImageComponent) and templates (CreateImagePipeline).

Layers, bottom up: ``words`` (the shell-word lexer) and ``parser`` (BuildKit's
cutting into instructions); ``syntax`` and ``catalog`` (what instructions
say, what keywords are); ``rules`` and the features (``completion``,
``hover``), which use those and never each other; ``model``, which ties
them to an editable document.
"""

from ..base import COMPONENT, TEMPLATE, Features, Format
from .completion import complete
from .formatting import format_edits, on_type
from .hover import hover
from .interface import extent, offer, uses
from .model import DockerfileModel
from .navigation import definition, prepare_rename, references, rename
from .outline import budget, folding, links, symbols
from .scripts import scripts
from .splitting import split

FEATURES: Features[DockerfileModel] = Features(
    complete=complete,
    hover=hover,
    offer=offer,
    uses=uses,
    extent=extent,
    symbols=symbols,
    folding=folding,
    links=links,
    budget=budget,
    split=split,
    formatting=format_edits,
    on_type=on_type,
    definition=definition,
    references=references,
    prepare_rename=prepare_rename,
    rename=rename,
    scripts=scripts,
)

FORMAT: Format[DockerfileModel] = Format(
    name="dockerfile",
    open=DockerfileModel,
    features=lambda: FEATURES,
    files={
        "Componentfile": COMPONENT,
        ".component": COMPONENT,
        ".Componentfile": COMPONENT,
        "Templatefile": TEMPLATE,
        ".imagetemplate": TEMPLATE,
    },
    languages={"ecs-component": COMPONENT, "ecs-template": TEMPLATE},
)
