from helpers.lsp import client  # noqa: F401  (the pytest-lsp fixture: a server and a client per editor)
