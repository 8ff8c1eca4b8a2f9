"""The LSP enumerations the answers use, named as lsprotocol names them.

These are lsprotocol's enumerations, member for member (``tests/core/test_lsp_values.py``
compares every one with ``lsprotocol.types``): they are written out here
because the early start answers before lsprotocol has loaded, and importing
``lsprotocol.types`` takes a quarter of a second (``early.py``). They are
plain classes of constants, not ``enum``s: defining these eight enums took
the start-up 0.8 ms. Add a member here as lsprotocol spells it, and the test
checks its value.
"""

from __future__ import annotations

from typing import Final


class MessageType:
    Error: Final = 1
    Warning: Final = 2
    Info: Final = 3
    Log: Final = 4


class TextDocumentSyncKind:
    Full: Final = 1
    Incremental: Final = 2


class CompletionItemKind:
    Variable: Final = 6
    Property: Final = 10
    Value: Final = 12
    Keyword: Final = 14
    Snippet: Final = 15


class InsertTextFormat:
    PlainText: Final = 1
    Snippet: Final = 2


class FileChangeType:
    Created: Final = 1
    Changed: Final = 2
    Deleted: Final = 3


class MarkupKind:
    PlainText: Final = "plaintext"
    Markdown: Final = "markdown"


class CodeActionKind:
    QuickFix: Final = "quickfix"
    SourceFixAll: Final = "source.fixAll"


class ErrorCodes:
    InvalidRequest: Final = -32600
    MethodNotFound: Final = -32601
    InvalidParams: Final = -32602
    ServerNotInitialized: Final = -32002


class LSPErrorCodes:
    RequestFailed: Final = -32803
    RequestCancelled: Final = -32800
