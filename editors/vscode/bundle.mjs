// Puts the language server and its Python packages into bundled/libs, for one VS Code platform target, so that
// the .vsix runs it with the user's Python (3.10 or later) and nothing needs installing.
//
//   node bundle.mjs [--target linux-x64|linux-arm64|darwin-x64|darwin-arm64|win32-x64] [--python PYTHON]
//
// bundled/libs/common holds what every Python runs (component_lsp, pygls, lsprotocol, cattrs, attrs, the bash
// grammar, whose wheel is abi3); bundled/libs/cpXY what is built per Python version (tree-sitter, PyYAML's C
// reader). bundled/tool/server.py puts the two on sys.path and starts the server. pip gets the wheels for the
// target's platform from PyPI (--only-binary), whatever machine this runs on; the default target is this
// machine's. Prints the target, for vsce package --target.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const PLATFORMS = {
  "linux-x64": ["manylinux2014_x86_64", "manylinux_2_17_x86_64", "manylinux_2_28_x86_64"],
  "linux-arm64": ["manylinux2014_aarch64", "manylinux_2_17_aarch64", "manylinux_2_28_aarch64"],
  "darwin-x64": ["macosx_10_9_x86_64", "macosx_10_13_x86_64", "macosx_11_0_x86_64"],
  "darwin-arm64": ["macosx_11_0_arm64"],
  "win32-x64": ["win_amd64"],
};
const PYTHONS = ["3.10", "3.11", "3.12", "3.13", "3.14"];
const NATIVE = ["tree_sitter", "yaml", "_yaml"]; // packages built per Python version (top-level names)
// pip decides environment markers by the Python that runs it, not by --python-version: what only an older
// Python needs (component-lsp's tomli, cattrs's exceptiongroup) is named here for it.
const OLDER = { "3.10": ["tomli>=1.1", "exceptiongroup>=1.1.1"] };

const { values: opts } = parseArgs({
  options: {
    target: { type: "string", default: `${process.platform}-${process.arch}` },
    python: { type: "string", default: process.env.PYTHON ?? (process.platform === "win32" ? "python" : "python3") },
  },
});
if (!PLATFORMS[opts.target]) throw new Error(`unknown target ${opts.target}: one of ${Object.keys(PLATFORMS).join(", ")}`);
const platforms = PLATFORMS[opts.target].flatMap((p) => ["--platform", p]);
const pip = (...args) => execFileSync(opts.python, ["-m", "pip", "--disable-pip-version-check", ...args], { stdio: ["ignore", "ignore", "inherit"] });
const libs = resolve("bundled/libs");
rmSync(libs, { recursive: true, force: true });

// The server itself, as a wheel of this repository.
const wheels = mkdtempSync(join(tmpdir(), "component-lsp-wheel-"));
pip("wheel", "--quiet", "--no-deps", "--wheel-dir", wheels, resolve("../.."));
const wheel = join(wheels, readdirSync(wheels).find((name) => name.endsWith(".whl")));

// Everything, for the oldest Python (which needs the most: tomli, exceptiongroup); then the native parts of it
// move out, and each Python version gets its own build of them, at the versions the resolver chose.
const common = join(libs, "common");
const binary = ["--only-binary=:all:", "--implementation", "cp", ...platforms, "--no-compile", "--quiet"];
pip("install", "--target", common, "--python-version", PYTHONS[0], ...binary, wheel);
const pinned = readdirSync(common)
  .map((name) => /^(tree_sitter|PyYAML|pyyaml)-([^-]+)\.dist-info$/i.exec(name))
  .filter(Boolean)
  .map((m) => `${m[1]}==${m[2]}`);
for (const name of readdirSync(common)) {
  const top = name.replace(/-[^-]+\.dist-info$/, "").toLowerCase();
  if (NATIVE.includes(name) || name.startsWith("_yaml") || top === "tree_sitter" || top === "pyyaml") {
    rmSync(join(common, name), { recursive: true, force: true });
  }
}
for (const version of PYTHONS) {
  const tag = `cp${version.replace(".", "")}`;
  pip("install", "--target", join(libs, tag), "--python-version", version, "--no-deps", ...binary, ...pinned, ...(OLDER[version] ?? []));
}
rmSync(wheels, { recursive: true, force: true });
console.log(opts.target);
