// `npm run package [-- TARGET]`: the extension for one VS Code platform target (default: this machine's, e.g.
// linux-x64), with the language server bundled (bundle.mjs), as component-lsp.vsix; prints its size.
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";

const target = process.argv[2] ?? `${process.platform}-${process.arch}`;
const run = (command, args) => execFileSync(command, args, { stdio: ["ignore", "inherit", "inherit"] });
run(process.execPath, ["bundle.mjs", "--target", target]);
run(process.platform === "win32" ? "npx.cmd" : "npx", ["--no-install", "vsce", "package", "--no-dependencies", "--skip-license", "--target", target, "--out", "component-lsp.vsix"]);
console.log(`component-lsp.vsix (${target}): ${(statSync("component-lsp.vsix").size / 1024 / 1024).toFixed(1)} MB`);
