"""component-lsp: a language server for Alibaba Cloud ECS Image Builder component files."""

NAME = "component-lsp"  # the server's name, as it tells clients
__version__ = "0.1.0"
