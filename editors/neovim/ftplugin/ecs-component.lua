-- Dockerfile-format components: `#` comments (also for gc / gcc), and `\` continuations indented.
vim.bo.commentstring = "# %s"
vim.bo.comments = ":#"
vim.bo.formatoptions = vim.bo.formatoptions:gsub("t", "") .. "croql"
vim.b.undo_ftplugin = (vim.b.undo_ftplugin and vim.b.undo_ftplugin .. " | " or "")
  .. "setlocal commentstring< comments< formatoptions<"
