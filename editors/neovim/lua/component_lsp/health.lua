-- :checkhealth component_lsp: the command it will run and whether it starts, its version and Python, the
-- filetypes, and the vim.lsp config.
local M = {}

function M.check()
  local health = vim.health
  local plugin = require("component_lsp")
  health.start("component-lsp: the server")
  local config = vim.lsp.config and vim.lsp.config.component_lsp or plugin.config()
  local cmd = config.cmd
  if type(cmd) ~= "table" or #cmd == 0 then
    health.error("no server command (vim.lsp.config.component_lsp.cmd)", { "run :ComponentLspInstall, or install with pip" })
    return
  end
  health.info("command: " .. table.concat(cmd, " "))
  if vim.fn.executable(cmd[1]) ~= 1 then
    health.error(cmd[1] .. " is not executable", { "run :ComponentLspInstall (lazy.nvim's build does it), or pip install component-lsp" })
    return
  end
  local argv = vim.list_extend(vim.deepcopy(cmd), { "info" })
  local done = vim.system(argv, { text = true }):wait(20000)
  if done.code ~= 0 then
    health.error("the server does not start: " .. vim.trim((done.stderr or "") .. (done.stdout or "")))
    return
  end
  local ok, info = pcall(vim.json.decode, done.stdout)
  if not ok then
    health.error("the server answered something else than its info: " .. done.stdout)
    return
  end
  health.ok(("component-lsp %s starts, on Python %s (%s)"):format(info.version, info.python, info.executable))
  if info.shellcheck then
    health.ok("ShellCheck: " .. info.shellcheck)
  else
    health.info("ShellCheck: not found (optional: pip install 'component-lsp[shellcheck]')")
  end
  health.start("component-lsp: the editor")
  health.ok("filetypes: " .. table.concat(config.filetypes or plugin.filetypes, ", "))
  local enabled = vim.lsp.is_enabled and vim.lsp.is_enabled("component_lsp")
  if enabled == false then
    health.warn("vim.lsp.enable('component_lsp') has not been called", { "call require('component_lsp').setup()" })
  else
    health.ok("vim.lsp config component_lsp: " .. vim.inspect({ cmd = cmd, filetypes = config.filetypes, settings = config.settings }, { newline = " ", indent = "" }))
  end
end

return M
