-- Run inside a real, headless Neovim whose init installed the plugin with vim.pack from a clone and built
-- its server (the PackChanged hook of docs/install.md). Collects the server command the client runs, the
-- diagnostics of the opened component, and :checkhealth component_lsp's report.
local TIMEOUT = 60000
local result = {}

local function run()
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  local client = dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/client.lua")(buf, TIMEOUT)
  result.cmd = client.config.cmd
  assert(vim.wait(TIMEOUT, function() return #vim.diagnostic.get(buf) > 0 end, 50), "no diagnostics arrived")
  result.codes = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.codes, d.code)
  end
  table.sort(result.codes)
  vim.cmd("checkhealth component_lsp")
  result.health = vim.api.nvim_buf_get_lines(0, 0, -1, false)
end

dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/report.lua")(run, result)
