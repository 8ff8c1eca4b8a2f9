"""What the YAML format answers: its ``Features``, over ``YamlModel``.

Imported the first time a YAML document asks for a feature (``FORMAT.features``),
with the rules (which declare the format's codes): PyYAML and the modules
over it are not imported at start-up, so the server answers its first
Dockerfile-format document about 15 ms sooner.
"""

from __future__ import annotations

from ..base import Features
from . import rules  # noqa: F401  (declares the format's codes)
from .completion import complete
from .context import extent
from .hover import hover
from .interface import offer
from .model import YamlModel
from .navigation import definition, prepare_rename, references, rename
from .outline import budget, folding, symbols
from .scripts import scripts
from .splitting import split

FEATURES: Features[YamlModel] = Features(
    complete=complete,
    hover=hover,
    definition=definition,
    references=references,
    prepare_rename=prepare_rename,
    rename=rename,
    offer=offer,
    extent=lambda model, line: extent(model.source.lines, line),
    symbols=symbols,
    folding=folding,
    budget=budget,
    split=split,
    scripts=scripts,
)
