-- Config for Neovim 0.11+ `vim.lsp.enable("component_lsp")`: the language server for
-- Alibaba Cloud ECS Image Builder component files. Override any field with
-- `vim.lsp.config("component_lsp", { ... })`.
return require("component_lsp").config()
