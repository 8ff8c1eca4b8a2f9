-- How every collector here ends: run its collection, record a failure with its traceback, write the
-- result as JSON to $COMPONENT_LSP_RESULT (tests/editors/test_neovim.py reads it), and quit Neovim.
return function(run, result)
  local out = assert(os.getenv("COMPONENT_LSP_RESULT"), "COMPONENT_LSP_RESULT is not set")
  local ok, err = xpcall(run, debug.traceback)
  result.error = not ok and tostring(err) or vim.NIL
  local file = assert(io.open(out, "w"))
  file:write(vim.json.encode(result))
  file:close()
  vim.cmd("qall!")
end
