"""The LSP enumerations the answers use, named as lsprotocol names them.

These are lsprotocol's enumerations, member for member (``tests/core/test_lsp_values.py``
compares every one with ``lsprotocol.types``): they are written out here
because the early start answers before lsprotocol has loaded, and importing
``lsprotocol.types`` takes a quarter of a second (``early.py``). Add a member
here as lsprotocol spells it, and the test checks its value.
"""

from __future__ import annotations

from enum import Enum, IntEnum


class MessageType(IntEnum):
    Error = 1
    Warning = 2
    Info = 3
    Log = 4


class TextDocumentSyncKind(IntEnum):
    Full = 1
    Incremental = 2


class CompletionItemKind(IntEnum):
    Variable = 6
    Property = 10
    Value = 12
    Keyword = 14
    Snippet = 15


class InsertTextFormat(IntEnum):
    PlainText = 1
    Snippet = 2


class FileChangeType(IntEnum):
    Created = 1
    Changed = 2
    Deleted = 3


class MarkupKind(str, Enum):
    PlainText = "plaintext"
    Markdown = "markdown"


class CodeActionKind(str, Enum):
    QuickFix = "quickfix"
    SourceFixAll = "source.fixAll"


class ErrorCodes(IntEnum):
    InvalidRequest = -32600
    MethodNotFound = -32601
    InvalidParams = -32602
    ServerNotInitialized = -32002


class LSPErrorCodes(IntEnum):
    RequestFailed = -32803
    RequestCancelled = -32800
