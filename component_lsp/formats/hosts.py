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


TERRAFORM: Format = Format(
    name="terraform",
    open=_open,
    features=_features,
    files={".tf": HOST},
    languages={"terraform": HOST},
    host=True,
)
HOSTS: tuple[Format, ...] = (TERRAFORM,)
