-- Run inside a real, headless Neovim that has opened a YAML-format component with the plugin
-- loaded. Collects what a user would see (filetype, syntax, diagnostics, completion after
-- `Action: `) and writes it as JSON to $COMPONENT_LSP_RESULT; tests/editors/test_neovim.py
-- makes the assertions. Then quits.
local TIMEOUT = 30000
local result = {}

local function run()
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  result.syntax = vim.fn.synIDattr(vim.fn.synIDtrans(vim.fn.synID(2, 1, 1)), "name") -- `Parameters:`, as YAML colours it
  result.reference = vim.fn.synIDattr(vim.fn.synID(9, 30, 1), "name") -- inside `{{ greeting }}`
  local client = dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/client.lua")(buf, TIMEOUT)
  assert(vim.wait(TIMEOUT, function() return #vim.diagnostic.get(buf) > 0 end, 50), "no diagnostics arrived")
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { code = d.code, lnum = d.lnum, col = d.col, message = d.message })
  end
  table.sort(result.diagnostics, function(a, b) return a.lnum < b.lnum end)
  -- Completion at the end of the last line, `    Action: `.
  local last = vim.api.nvim_buf_line_count(buf) - 1
  local line = vim.api.nvim_buf_get_lines(buf, last, last + 1, false)[1]
  local params = { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = last, character = #line } }
  local answer = client:request_sync("textDocument/completion", params, TIMEOUT, buf)
  assert(answer and not answer.err, "completion failed")
  result.completion = {}
  for _, item in ipairs(answer.result.items or answer.result) do
    table.insert(result.completion, item.label)
  end
end

dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/report.lua")(run, result)
