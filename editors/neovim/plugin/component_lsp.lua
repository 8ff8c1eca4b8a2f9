-- :ComponentLspInstall makes the plugin's own server (what lazy.nvim's `build` does); for packadd and vim.pack users.
vim.api.nvim_create_user_command("ComponentLspInstall", function()
  local ok, err = pcall(require("component_lsp.install").build)
  if not ok then
    vim.notify(tostring(err), vim.log.levels.ERROR)
  end
end, { desc = "Install component-lsp's server into the plugin's folder" })
