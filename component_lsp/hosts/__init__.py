"""Files of other languages that hold content: Terraform's ``.tf`` files (SPEC section 9, issue 27).

``check`` reads them (``hosted.Hosted``); the server does not serve them yet.
"""

from __future__ import annotations

SUFFIXES = (".tf",)  # the files that may hold content


def is_host(name: str) -> bool:
    """Whether a file name (or path) is of a language that holds content."""
    return name.endswith(SUFFIXES)
