-- Run inside a real, headless Neovim that has opened editors/fixtures/editing.component. Does what
-- a user does with the editing features, through Neovim's own LSP functions: the outline
-- (vim.lsp.buf.document_symbol), folding (foldexpr=v:lua.vim.lsp.foldexpr()), the budget inlay
-- hint, Enter after a trailing `\` with on-type formatting on, vim.lsp.buf.format and
-- vim.lsp.buf.rename. Writes what it saw as JSON to $COMPONENT_LSP_RESULT for
-- tests/editors/test_neovim.py, then quits.
local TIMEOUT = 30000
local result = {}

local function lines(buf)
  return vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local client = dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/client.lua")(buf, TIMEOUT)
  assert(vim.wait(TIMEOUT, function() return client.initialized end, 50), "the client did not initialise")

  -- The outline, as :lua vim.lsp.buf.document_symbol() lists it.
  local symbols
  vim.lsp.buf.document_symbol({ on_list = function(list) symbols = list.items end })
  assert(vim.wait(TIMEOUT, function() return symbols ~= nil end, 50), "no document symbols")
  result.symbols = {}
  for _, item in ipairs(symbols) do
    table.insert(result.symbols, { text = item.text, lnum = item.lnum })
  end

  -- Folding from the server: the continued RUN and the two comment lines fold.
  vim.wo.foldmethod = "expr"
  vim.wo.foldexpr = "v:lua.vim.lsp.foldexpr()"
  vim.wo.foldlevel = 0
  assert(vim.wait(TIMEOUT, function() return vim.fn.foldlevel(4) > 0 end, 50), "no folds from the server")
  result.foldlevels = {}
  for lnum = 1, vim.api.nvim_buf_line_count(buf) do
    table.insert(result.foldlevels, vim.fn.foldlevel(lnum))
  end
  result.closed = vim.fn.foldclosed(4)  -- the first line of the closed fold holding line 4

  -- The API budget, as an inlay hint.
  vim.lsp.inlay_hint.enable(true, { bufnr = buf })
  local hints = {}
  assert(vim.wait(TIMEOUT, function()
    hints = vim.lsp.inlay_hint.get({ bufnr = buf })
    return #hints > 0
  end, 50), "no inlay hint")
  local label = hints[1].inlay_hint.label
  result.hint = { label = type(label) == "string" and label or label[1].value, line = hints[1].inlay_hint.position.line }

  -- Enter after the trailing `\` of line 3, with on-type formatting on: the new line is indented.
  vim.lsp.on_type_formatting.enable(true, { client_id = client.id })
  vim.api.nvim_win_set_cursor(0, { 3, #lines(buf)[3] })
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes("a<CR><Esc>", true, false, true), "xt", false)
  assert(vim.wait(TIMEOUT, function() return lines(buf)[4] == "    " end, 50),
    "Enter did not indent the new line: " .. vim.inspect(lines(buf)[4]))
  result.typed = lines(buf)[4]
  vim.api.nvim_buf_set_lines(buf, 3, 4, false, {})  -- the blank line goes again

  -- Format, as :lua vim.lsp.buf.format() does.
  vim.lsp.buf.format({ bufnr = buf, timeout_ms = TIMEOUT })
  result.formatted = lines(buf)

  -- Rename the variable under the cursor everywhere, as :lua vim.lsp.buf.rename("ROOT") does.
  local line = lines(buf)[3]
  vim.api.nvim_win_set_cursor(0, { 3, (assert(line:find("APP_HOME", 1, true))) })
  vim.lsp.buf.rename("ROOT")
  assert(vim.wait(TIMEOUT, function() return not table.concat(lines(buf), "\n"):find("APP_HOME", 1, true) end, 50),
    "rename did not reach every use")
  result.renamed = lines(buf)
end

dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/report.lua")(run, result)
