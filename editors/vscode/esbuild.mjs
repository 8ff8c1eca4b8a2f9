// Bundles the extension and vscode-languageclient into one file: dist/extension.js
// (with --tests, also the unit tests into dist/test/).
import { mkdirSync } from "node:fs";
import { build } from "esbuild";

const production = process.argv.includes("--production");
const common = { bundle: true, format: "cjs", platform: "node", target: "node20", logLevel: "warning" };
await build({
  ...common,
  entryPoints: ["src/extension.ts"],
  outfile: "dist/extension.js",
  external: ["vscode"],
  minify: production,
  sourcemap: !production,
});
mkdirSync("dist", { recursive: true });
if (process.argv.includes("--tests")) {
  // Unit tests of the parts without `vscode`, run by `node --test`.
  await build({ ...common, entryPoints: ["test/unit/*.test.ts"], outdir: "dist/test" });
}
