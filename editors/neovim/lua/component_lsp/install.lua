-- The plugin's own server: a virtual environment in the plugin's folder with the package of the same
-- clone installed, made by lazy.nvim's `build` (or `:ComponentLspInstall`). Nothing outside the folder.
local M = {}

--- The clone the plugin is in: editors/neovim/lua/component_lsp/install.lua is four levels down.
function M.root()
  local here = debug.getinfo(1, "S").source:sub(2)
  return vim.fs.normalize(vim.fn.fnamemodify(here, ":p:h:h:h:h:h"))
end

local windows = vim.fn.has("win32") == 1

--- The virtual environment the build makes.
function M.venv()
  return M.root() .. "/.venv"
end

--- The server the build installed, if it did.
function M.server()
  local bin = M.venv() .. (windows and "/Scripts/component-lsp.exe" or "/bin/component-lsp")
  return vim.fn.executable(bin) == 1 and bin or nil
end

--- The Python to make the environment with: `vim.g.component_lsp_python`, else python3, else python.
function M.python()
  local names = { "python3", "python" }
  if vim.g.component_lsp_python then
    table.insert(names, 1, vim.g.component_lsp_python)
  end
  for _, name in ipairs(names) do
    if vim.fn.executable(name) == 1 then
      return name
    end
  end
  return nil
end

local function run(argv)
  local done = vim.system(argv, { text = true }):wait(600000)
  if done.code ~= 0 then
    error(table.concat(argv, " ") .. " failed (" .. done.code .. "):\n" .. (done.stderr or "") .. (done.stdout or ""), 0)
  end
  return done.stdout
end

--- Make the environment and install the server into it (with ShellCheck unless `opts.shellcheck == false`).
--- Errors say what to install when Python is missing.
function M.build(opts)
  opts = opts or {}
  local python = M.python()
  if not python then
    error("component-lsp: no Python found: install Python 3.10 or later (python3 on PATH), or set vim.g.component_lsp_python", 0)
  end
  local venv = M.venv()
  run({ python, "-m", "venv", venv })
  local pip = venv .. (windows and "/Scripts/python.exe" or "/bin/python")
  local target = M.root() .. (opts.shellcheck == false and "" or "[shellcheck]")
  run({ pip, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", target })
  local version = run({ M.server(), "--version" })
  vim.notify("component-lsp: installed " .. vim.trim(version) .. " in " .. venv, vim.log.levels.INFO)
  return venv
end

--- vim.pack's PackChanged: build on install, and again on an update of an installed server (vim.pack sends an
--- update before the install of a new plugin: that one finds no server yet, and is left to the install).
function M.changed(kind)
  if kind == "install" or (kind == "update" and M.server()) then
    M.build()
  end
end

return M
