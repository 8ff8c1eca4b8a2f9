-- What the collectors here share: whether a buffer has a diagnostic of a code, and a request that must succeed.
local M = {}

function M.has_code(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then return true end
  end
  return false
end

function M.request(buf, client, method, line, character, timeout)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    position = { line = line, character = character },
  }
  local answer, err = client:request_sync(method, params, timeout, buf)
  assert(answer and not answer.err, method .. " failed: " .. vim.inspect(err or (answer and answer.err)))
  return answer.result
end

return M
