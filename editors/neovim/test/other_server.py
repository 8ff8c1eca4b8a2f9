"""A language server that offers nothing, standing in for terraformls beside component_lsp in a Terraform file
(tests/editors/test_neovim.py): two clients on one buffer, as users have them."""

from pygls.lsp.server import LanguageServer

LanguageServer("other", "v1").start_io()
