"""Files of other languages that hold content (SPEC section 9): host formats, in ``formats.FORMATS``.

A host is one module that finds the regions of a file (``terraform.py``: Terraform's ``.tf`` files) and one
entry in ``HOSTS``. ``hosted.Hosted`` is the document model of every host (its regions opened as content, their
diagnostics placed in the file) and ``features.py`` answers inside the regions.
"""

from __future__ import annotations

from ..formats.base import HOST, Format


def _open(source, dialect: str):
    from .hosted import Hosted

    return Hosted(source, dialect)


def _features():
    from .features import FEATURES

    return FEATURES


TERRAFORM: Format = Format(
    name="terraform",
    open=_open,
    features=_features,
    files={".tf": HOST},
    languages={"terraform": HOST},
    host=True,
)
HOSTS: tuple[Format, ...] = (TERRAFORM,)
