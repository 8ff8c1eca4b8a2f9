-- How every collector here waits for the server: the component_lsp client attached to a buffer, or a failure.
return function(buf, timeout)
  assert(vim.wait(timeout, function() return #vim.lsp.get_clients({ bufnr = buf, name = "component_lsp" }) > 0 end, 50),
    "the component_lsp client did not attach")
  return vim.lsp.get_clients({ bufnr = buf, name = "component_lsp" })[1]
end
