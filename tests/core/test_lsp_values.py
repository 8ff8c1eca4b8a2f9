"""The LSP enumerations the server writes (``lsp/values.py``) are lsprotocol's, member for member."""

import enum

import pytest
from lsprotocol import types

from component_lsp.lsp import values

MIRRORS = [
    v
    for v in vars(values).values()
    if isinstance(v, type) and issubclass(v, enum.Enum) and v.__module__ == values.__name__
]


def test_every_enumeration_of_the_module_is_checked():
    assert {m.__name__ for m in MIRRORS} >= {"MessageType", "CompletionItemKind", "ErrorCodes", "LSPErrorCodes"}


@pytest.mark.parametrize("mirror", MIRRORS, ids=lambda m: m.__name__)
def test_each_member_has_lsprotocols_name_and_value(mirror):
    theirs = getattr(types, mirror.__name__)
    for member in mirror:
        assert theirs[member.name].value == member.value, f"{mirror.__name__}.{member.name}"
