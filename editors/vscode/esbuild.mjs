// Bundles the extension and vscode-languageclient into one file: dist/extension.js, and copies the
// repository's schemas/ecs-component.schema.json beside it
// (with --tests, also the unit tests into dist/test/).
import { copyFileSync, mkdirSync } from "node:fs";
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
// The JSON Schema of YAML-format components, for the YAML extension (yamlValidation in package.json).
mkdirSync("dist", { recursive: true });
copyFileSync("../../schemas/ecs-component.schema.json", "dist/ecs-component.schema.json");
if (process.argv.includes("--tests")) {
  // Unit tests of the parts without `vscode`, run by `node --test`.
  await build({ ...common, entryPoints: ["test/unit/*.test.ts"], outdir: "dist/test" });
}
