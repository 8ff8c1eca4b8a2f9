-- component-lsp for Neovim: the server config, and `setup()` for those who prefer one call.
local M = {}

-- terraform: components and templates inside Terraform files (issue 27), beside terraformls, which keeps HCL.
M.filetypes = { "ecs-component", "ecs-template", "ecs-component-yaml", "terraform" }

--- The command that starts the server: the plugin's own (lazy.nvim's `build`, or `:ComponentLspInstall`),
--- else `component-lsp` if it is on PATH, else `python3 -m component_lsp` (a Python that has it installed).
function M.cmd()
  local own = require("component_lsp.install").server()
  if own then
    return { own }
  end
  if vim.fn.executable("component-lsp") == 1 then
    return { "component-lsp" }
  end
  return { "python3", "-m", "component_lsp" }
end

--- The default `vim.lsp.config` table. `settings.componentLsp` reaches the server as
--- workspace/didChangeConfiguration, e.g. `diagnostics = { ignore = { "Lint.*" } }`.
function M.config()
  return {
    cmd = M.cmd(),
    filetypes = M.filetypes,
    -- The workspace folder, whose component files the server indexes for templates: the repository the
    -- file is in, else the file's own folder.
    root_dir = function(bufnr, on_dir)
      on_dir(vim.fs.root(bufnr, { ".git" }) or vim.fs.dirname(vim.api.nvim_buf_get_name(bufnr)))
    end,
    settings = { componentLsp = { diagnostics = { ignore = {} } } },
  }
end

--- Configure and enable the server. `opts` is merged over the defaults, as `vim.lsp.config` does.
function M.setup(opts)
  if vim.fn.has("nvim-0.11") ~= 1 then
    vim.notify("component-lsp needs Neovim 0.11 or later (vim.lsp.config)", vim.log.levels.ERROR)
    return
  end
  vim.lsp.config("component_lsp", vim.tbl_deep_extend("force", M.config(), opts or {}))
  vim.lsp.enable("component_lsp")
end

return M
