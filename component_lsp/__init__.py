"""component-lsp: a language server for Alibaba Cloud ECS Image Builder component files."""

__version__ = "0.1.0"
