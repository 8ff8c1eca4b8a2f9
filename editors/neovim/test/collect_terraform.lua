-- Run inside a real, headless Neovim that has opened a Terraform file, with component_lsp and another client
-- (standing in for terraformls) on its filetype. Collects the clients on the buffer, the content's diagnostics,
-- completion and hover inside the heredoc, and writes JSON to $COMPONENT_LSP_RESULT for
-- tests/editors/test_neovim.py. Then quits.
local TIMEOUT = 30000
local helpers = dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/helpers.lua")
local result = {}

local function run()
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  local client = dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/client.lua")(buf, TIMEOUT)
  assert(vim.wait(TIMEOUT, function() return #vim.lsp.get_clients({ bufnr = buf, name = "other" }) > 0 end, 50),
    "the other client did not attach")
  result.clients = {}
  for _, attached in ipairs(vim.lsp.get_clients({ bufnr = buf })) do
    table.insert(result.clients, attached.name)
  end
  table.sort(result.clients)
  assert(vim.wait(TIMEOUT, function() return helpers.has_code(buf, "EmptyCommandContent.RUN") end, 50), "no diagnostics arrived")
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { code = d.code, lnum = d.lnum, col = d.col })
  end
  table.sort(result.diagnostics, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  -- Inside the heredoc: completion after "EN" on the ENV line, hover on RUN.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for index, line in ipairs(lines) do
    if line:match("^    ENV$") then result.completion_line = index - 1 end
    if line:match("^    RUN ") then result.hover_line = index - 1 end
  end
  local completion = helpers.request(buf, client, "textDocument/completion", result.completion_line, 6, TIMEOUT)
  result.completion = {}
  for _, item in ipairs(completion.items or completion) do
    table.insert(result.completion, { label = item.label, format = item.insertTextFormat })
  end
  local hover = helpers.request(buf, client, "textDocument/hover", result.hover_line, 5, TIMEOUT)
  result.hover = hover and hover.contents.value
end

dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/report.lua")(run, result)
