-- Image templates are components that may also use COMPONENT: the same settings.
vim.cmd.runtime({ "ftplugin/ecs-component.lua", bang = false })
