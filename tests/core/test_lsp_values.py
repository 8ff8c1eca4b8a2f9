"""The LSP enumerations the server writes (``lsp/values.py``) are lsprotocol's, member for member."""

import pytest
from lsprotocol import types

from component_lsp.lsp import values

MIRRORS = [v for v in vars(values).values() if isinstance(v, type) and v.__module__ == values.__name__]


def test_every_enumeration_of_the_module_is_checked():
    assert {m.__name__ for m in MIRRORS} >= {"MessageType", "CompletionItemKind", "ErrorCodes", "LSPErrorCodes"}


@pytest.mark.parametrize("mirror", MIRRORS, ids=lambda m: m.__name__)
def test_each_member_has_lsprotocols_name_and_value(mirror):
    theirs = getattr(types, mirror.__name__)
    members = {name: value for name, value in vars(mirror).items() if not name.startswith("_")}
    assert members
    for name, value in members.items():
        assert theirs[name].value == value, f"{mirror.__name__}.{name}"
