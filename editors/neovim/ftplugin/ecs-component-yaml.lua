-- YAML-format components: YAML's own settings, with `#` comments.
vim.cmd.runtime({ "ftplugin/yaml.vim", bang = false })
vim.bo.commentstring = "# %s"
