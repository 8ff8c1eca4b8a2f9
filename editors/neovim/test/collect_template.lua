-- Run inside a real, headless Neovim that has opened a template in a folder that also holds the
-- component it names. Waits for the cross-file diagnostics (the server indexes the folder in the
-- background), then goes to the definition of the component name with vim.lsp.buf.definition(),
-- as `gd`-style mappings do, and records where the cursor lands. Writes JSON to
-- $COMPONENT_LSP_RESULT for tests/editors/test_neovim.py. Then quits.
local TIMEOUT = 30000
local helpers = dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/helpers.lua")
local result = {}

local function run()
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  local client = dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/client.lua")(buf, TIMEOUT)
  result.root = client.config.root_dir
  assert(vim.wait(TIMEOUT, function() return helpers.has_code(buf, "Lint.UnknownComponentParameter") end, 50),
    "no cross-file diagnostic arrived")
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { code = d.code, lnum = d.lnum, col = d.col, message = d.message })
  end
  table.sort(result.diagnostics, function(a, b) return a.col < b.col end)
  -- On the component's name in the ARN (line 1, after `.../imagecomponent/`), go to its definition.
  local line = vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1]
  local at = assert(line:find("/app/", 1, true), "the fixture's ARN names app")
  vim.api.nvim_win_set_cursor(0, { 1, at })
  vim.lsp.buf.definition()
  assert(vim.wait(TIMEOUT, function() return vim.api.nvim_buf_get_name(0):match("app%.component%.yaml$") ~= nil end, 50),
    "definition did not open app.component.yaml")
  result.definition = { name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ":t"), filetype = vim.bo.filetype,
    cursor = vim.api.nvim_win_get_cursor(0) }
end

dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/report.lua")(run, result)
