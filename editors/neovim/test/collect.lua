-- Run inside a real, headless Neovim that has opened a component file with the plugin
-- loaded. Collects what a user would see (filetype, syntax, diagnostics, completion,
-- hover, diagnostics after an edit) and writes it as JSON to $COMPONENT_LSP_RESULT;
-- tests/test_neovim.py makes the assertions. Then quits.
local TIMEOUT = 30000
local helpers = dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/helpers.lua")
local result = { log_messages = {} }
-- What the server logs to the client: after ordinary editing, nothing (no "not in the document" warnings).
vim.lsp.handlers["window/logMessage"] = function(_, message)
  table.insert(result.log_messages, message.message)
end

local function diagnostics(buf)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(items, { code = d.code, lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, source = d.source })
  end
  table.sort(items, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return items
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  result.commentstring = vim.bo[buf].commentstring
  result.detected = {}
  for _, name in ipairs({ "a.component", "Componentfile", "nginx.Componentfile", "base.imagetemplate", "Templatefile", "a.component.yaml", "a.component.yml", "Dockerfile" }) do
    result.detected[name] = vim.filetype.match({ filename = name }) or ""
  end
  result.syntax = {}
  for _, at in ipairs({ { 2, 1 }, { 3, 1 }, { 3, 15 }, { 1, 1 } }) do
    local name = vim.fn.synIDattr(vim.fn.synID(at[1], at[2], 1), "name")
    table.insert(result.syntax, { line = at[1], col = at[2], group = name })
  end

  local client = dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/client.lua")(buf, TIMEOUT)
  result.client = { name = client.name, cmd = client.config.cmd, offset_encoding = client.offset_encoding }

  assert(vim.wait(TIMEOUT, function() return helpers.has_code(buf, "NotSupportedCommand.FROM") end, 50), "no diagnostics arrived")
  result.diagnostics = diagnostics(buf)

  -- Hover on the COPY keyword (line 4), after the non-ASCII line above it.
  local hover = helpers.request(buf, client, "textDocument/hover", 3, 1, TIMEOUT)
  result.hover = hover and hover.contents

  -- Fix the empty RUN (line 5) as a user would, and wait for the diagnostics to follow.
  vim.api.nvim_buf_set_lines(buf, 4, 5, false, { "RUN yum install -y nginx" })
  result.edit_seen = vim.wait(TIMEOUT, function() return not helpers.has_code(buf, "EmptyCommandContent.RUN") end, 50)
  result.after_edit = diagnostics(buf)

  -- Completion at the start of a new last line where "R" has been typed.
  local last = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, last, last, false, { "R" })
  local completion = helpers.request(buf, client, "textDocument/completion", last, 1, TIMEOUT)
  result.completion = {}
  for _, item in ipairs(completion.items or completion) do
    table.insert(result.completion, { label = item.label, kind = item.kind, format = item.insertTextFormat })
  end

  -- Editing as people do, at the ends of the buffer most of all, where a client's range may
  -- run past the text; then what the server holds must still be the buffer's text.
  local edits = {
    "normal! Gdd", "normal! ggdG", "normal! u", "normal! GkJ", "normal! G$x", "normal! yyp", "%d", "normal! u",
    function() vim.api.nvim_buf_set_lines(buf, -2, -1, false, {}) end,
    function() vim.api.nvim_buf_set_lines(buf, -1, -1, false, { "RUN 昨天 😀 \\", "# c", "FROM x" }) end,
    function() vim.api.nvim_buf_set_text(buf, 0, 0, 1, 2, { "RUN é", "", "# c \\" }) end,
    "set noeol nofixeol", "normal! Gdd", "normal! Gp", "$d",
    function() vim.api.nvim_buf_set_text(buf, 0, 0, 0, 0, { "RUN z\r" }) end,
  }
  for _, edit in ipairs(edits) do
    if type(edit) == "string" then vim.cmd(edit) else edit() end
  end
  local pulled = client:request_sync("textDocument/diagnostic", { textDocument = vim.lsp.util.make_text_document_params(buf) }, TIMEOUT, buf)
  assert(pulled and not pulled.err, "textDocument/diagnostic failed")
  result.edited = { text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. (vim.bo[buf].eol and "\n" or ""), diagnostics = {} }
  for _, d in ipairs(pulled.result.items) do
    table.insert(result.edited.diagnostics, { code = d.code, line = d.range.start.line })
  end
end

dofile(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)) .. "/report.lua")(run, result)
