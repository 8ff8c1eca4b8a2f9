// End to end in a real VS Code (code-server, driven in headless Chromium by playwright-core):
// install the packaged extension, open a component with errors, and check that the
// server's diagnostics reach the Problems view, that hover explains an instruction, and that
// completion offers RUN and the extension's snippets; then open a YAML-format component and
// check its diagnostics and the actions offered after `Action: `; then a template whose COMPONENT
// line names a component of the workspace: its cross-file warning, and F12 to the component; then a
// component to edit: the budget inlay hint, the Outline view, Format Document, and F2 on a variable.
//
//   node test/e2e/run.mjs --vsix component-lsp.vsix --python PYTHON --out test-output [--port 8765]
//
// PYTHON is an interpreter with component_lsp installed. The workspace first names a server
// that does not exist (the extension must say so and how to fix it), then, as a user would
// after reading that message, a Python that has it: the extension restarts on the settings
// change and falls back to `PYTHON -m component_lsp`. code-server comes from
// vscode-web.sh beside this file, Chromium from Debian (/usr/bin/chromium).
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const { values: opts } = parseArgs({
  options: {
    vsix: { type: "string" },
    python: { type: "string" },
    out: { type: "string", default: resolve(here, "../../test-output") },
    port: { type: "string", default: "8765" },
    "vscode-web": { type: "string", default: resolve(here, "vscode-web.sh") },
    timeout: { type: "string", default: "120000" },
    // The extension's own server only: no server settings, code-server's PATH as given (a python3 without
    // component_lsp), a fresh profile; diagnostics, hover and completion, then done.
    bundled: { type: "boolean", default: false },
    path: { type: "string" },
  },
});
if (!opts.vsix || (!opts.python && !opts.bundled)) throw new Error("--vsix FILE and --python PYTHON (or --bundled) are required");
const TIMEOUT = Number(opts.timeout);
// Code and [line, column] as the Problems view shows them: columns count UTF-16 code units, so the
// COPY error after "café" and an emoji (two code units) is at column 22.
const EXPECTED = [
  ["NotSupportedCommand.FROM", "[Ln 2, Col 1]"],
  ["InvalidCommandContent.COPY", "[Ln 4, Col 22]"],
  ["EmptyCommandContent.RUN", "[Ln 5, Col 1]"],
  ["InvalidImageTemplateCommand.NotSupported", "[Ln 6, Col 1]"],
  ["Lint.KeywordCase", "[Ln 7, Col 1]"],
  ["NotEmptyCommandContent.RESTART", "[Ln 8, Col 9]"],
];
// The same in a Terraform file (editors/fixtures/terraform/main.tf): the content in a heredoc, after "café ☕",
// and in a quoted string, at the file's own lines and columns.
const TERRAFORM_EXPECTED = [
  ["NotSupportedCommand.FROM", "[Ln 6, Col 5]"],
  ["Lint.TerraformInterpolation", "[Ln 7, Col 31]"],
  ["EmptyCommandContent.ENV", "[Ln 8, Col 5]"],
  ["EmptyCommandContent.RUN", "[Ln 18, Col 64]"],
];

mkdirSync(opts.out, { recursive: true });
const home = mkdtempSync(join(tmpdir(), "component-lsp-vscode-"));
const workspace = join(home, "workspace");
mkdirSync(workspace);
cpSync(resolve(here, "../../../fixtures/errors.component"), join(workspace, "errors.component"));
cpSync(resolve(here, "../../../fixtures/errors.component.yaml"), join(workspace, "errors.component.yaml"));
cpSync(resolve(here, "../../../fixtures/editing.component"), join(workspace, "editing.component"));
cpSync(resolve(here, "../../../fixtures/workspace"), join(workspace, "workspace"), { recursive: true });
cpSync(resolve(here, "../../../fixtures/terraform"), join(workspace, "terraform"), { recursive: true });
const settingsFile = join(workspace, ".vscode", "settings.json");
const writeSettings = (settings) => writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
mkdirSync(dirname(settingsFile));
const noCommand = { "componentLsp.server.command": "/nonexistent/component-lsp" };
writeSettings(opts.bundled ? {} : { ...noCommand, "componentLsp.server.python": "/nonexistent/python3" });
const env = { ...process.env, VSCODE_WEB_HOME: process.env.VSCODE_WEB_HOME ?? join(process.env.HOME, ".cache/vscode-web") };
if (opts.bundled) {
  Object.assign(env, { VSCODE_WEB_DATA: join(home, "user-data"), VSCODE_WEB_EXTENSIONS: join(home, "extensions") });
  if (opts.path) env.PATH = opts.path;
  delete env.VIRTUAL_ENV;
}
// A clean user-data folder and extensions folder per run, inside the installed code-server's home.
execFileSync("bash", [opts["vscode-web"], "install-ext", resolve(opts.vsix)], { env, stdio: ["ignore", "inherit", "inherit"] });

const log = (...args) => console.log("[e2e]", ...args);
const server = spawn("bash", [opts["vscode-web"], "serve", workspace, opts.port], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
let serverOutput = "";
server.stdout.on("data", (d) => (serverOutput += d));
server.stderr.on("data", (d) => (serverOutput += d));

let browser;
let page;
let failed = false;
try {
  await waitForHttp(`http://127.0.0.1:${opts.port}/healthz`);
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`http://127.0.0.1:${opts.port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator(".monaco-workbench").waitFor();
  log("workbench loaded");

  // Open the fixture from the Explorer, as a user would.
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: /^errors\.component$/ }).click();
  await page.locator(".monaco-editor .view-lines", { hasText: "Café build" }).waitFor();
  // The status bar shows the language VS Code picked from the extension's file associations.
  await page.locator(".statusbar-item", { hasText: "ECS Image Component" }).first().waitFor();
  log("fixture open as ECS Image Component");

  await (opts.bundled ? bundledChecks() : settingsChecks());
} catch (error) {
  failed = true;
  console.error("[e2e] FAILED:", error.message);
  if (page) await page.screenshot({ path: join(opts.out, "vscode-failure.png") }).catch(() => {});
  console.error("[e2e] code-server output:\n" + serverOutput.slice(-4000));
} finally {
  if (browser) await browser.close();
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {}
}
log(`screenshots in ${opts.out}`);
process.exit(failed ? 1 : 0);

/** A server found through the settings: first none (the message), then a Python that has it; then every feature. */
async function settingsChecks() {
  // No server anywhere: a message that says what was tried and how to fix it.
  const toast = page.locator(".notification-toast", { hasText: "could not be started" });
  await toast.filter({ hasText: "pip install component-lsp" }).filter({ hasText: "/nonexistent/python3 -m component_lsp" }).first().waitFor();
  await page.screenshot({ path: join(opts.out, "vscode-no-server.png") });
  log("missing server reported with the fix");
  const fallback = { ...noCommand, "componentLsp.server.python": opts.python };
  writeSettings(fallback);
  // The restart that follows this settings change finds the server by the Python fallback.

  // Problems view: every code the server reports must show up.
  await page.keyboard.press("Control+Shift+M");
  const problems = page.locator(".markers-panel");
  for (const [code, where] of EXPECTED) {
    await problems.locator(".monaco-list-row", { hasText: code }).filter({ hasText: where }).first().waitFor();
    log("problem shown:", code, where);
  }
  const rows = await problems.locator(".monaco-list-row").allInnerTexts();
  writeFileSync(join(opts.out, "problems.txt"), rows.join("\n") + "\n");
  await page.screenshot({ path: join(opts.out, "vscode-problems.png") });

  // Settings pass through to the running server: ignoring Lint.* takes the style warning away.
  writeSettings({ ...fallback, "componentLsp.diagnostics.ignore": ["Lint.*"] });
  await problems.locator(".monaco-list-row", { hasText: "Lint.KeywordCase" }).waitFor({ state: "detached" });
  await problems.locator(".monaco-list-row", { hasText: "NotSupportedCommand.FROM" }).first().waitFor();
  log("componentLsp.diagnostics.ignore reached the server");

  // Hover on COPY, then completion on a new last line.
  await hoverAndCompletion("vscode-hover.png");
  // The extension's own snippets are offered beside the server's items.
  await page.locator(".suggest-widget .monaco-list-row", { hasText: "run-multi" }).first().waitFor();
  log("snippets offered");
  await page.screenshot({ path: join(opts.out, "vscode-completion.png") });
  await page.keyboard.press("Escape");

  // A YAML-format component: its own language, its own diagnostics, and the actions after `Action: `.
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: /^errors\.component\.yaml$/ }).click();
  await page.locator(".monaco-editor .view-lines", { hasText: "RunShelCommand" }).waitFor();
  await page.locator(".statusbar-item", { hasText: "ECS Image Component (YAML)" }).first().waitFor();
  log("YAML fixture open as ECS Image Component (YAML)");
  await problems.locator(".monaco-list-row", { hasText: "InvalidParameter.Content" }).filter({ hasText: "[Ln 7, Col 13]" }).first().waitFor();
  log("YAML problem shown: InvalidParameter.Content [Ln 7, Col 13]");
  const yamlRows = await problems.locator(".monaco-list-row").allInnerTexts();
  writeFileSync(join(opts.out, "problems-yaml.txt"), yamlRows.join("\n") + "\n");
  await page.locator(".view-lines .view-line", { hasText: /^\s*Action:\s*$/ }).last().click();
  await page.keyboard.press("End");
  await page.keyboard.press("Control+Space");
  await page.locator(".suggest-widget .monaco-list-row", { hasText: "RunShellCommand" }).first().waitFor();
  await page.locator(".suggest-widget .monaco-list-row", { hasText: "OSSDownload" }).first().waitFor();
  log("completion after Action: offers the actions");
  await page.screenshot({ path: join(opts.out, "vscode-yaml.png") });
  await page.keyboard.press("Escape");

  // A template in the workspace: its COMPONENT line names app.component.yaml, so the server (which indexed
  // the folder) warns of a parameter app does not declare, and F12 on the name opens app.component.yaml.
  // The cross-file findings are Lint.* warnings: stop ignoring those first.
  writeSettings(fallback);
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: /^workspace$/ }).click();
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: /^main\.imagetemplate$/ }).click();
  await page.locator(".monaco-editor .view-lines", { hasText: "imagecomponent/app" }).waitFor();
  await page.locator(".statusbar-item", { hasText: "ECS Image Template" }).first().waitFor();
  await problems.locator(".monaco-list-row", { hasText: "Lint.UnknownComponentParameter" }).filter({ hasText: "[Ln 1, Col 69]" }).first().waitFor();
  log("cross-file problem shown: Lint.UnknownComponentParameter [Ln 1, Col 69]");
  const templateRows = await problems.locator(".monaco-list-row").allInnerTexts();
  writeFileSync(join(opts.out, "problems-template.txt"), templateRows.join("\n") + "\n");
  await page.screenshot({ path: join(opts.out, "vscode-template.png") });
  await page.locator(".view-lines .view-line", { hasText: "imagecomponent/app" }).locator("span", { hasText: /app\/1\.0\.0/ }).first().click();
  await page.keyboard.press("F12");
  await page.locator(".tab.active", { hasText: "app.component.yaml" }).waitFor();
  await page.locator(".monaco-editor .view-lines", { hasText: "commandContent" }).waitFor();
  log("F12 on the component name opened app.component.yaml");
  await page.screenshot({ path: join(opts.out, "vscode-definition.png") });

  // The editing features on a component: the budget hint, the Outline view, Format Document and F2.
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: /^editing\.component$/ }).click();
  const editor = page.locator(".monaco-editor .view-lines", { hasText: "Build the web server" });
  await editor.waitFor();
  await editor.filter({ hasText: "213 / 16,384 bytes · 4 / 127 commands" }).waitFor();
  log("the budget inlay hint is shown on the first line");
  await page.screenshot({ path: join(opts.out, "vscode-budget.png") });
  await runCommand("Explorer: Focus on Outline View");
  const outlinePane = page.locator(".pane", { has: page.locator(".pane-header", { hasText: /^Outline/i }) });
  for (const name of ["ENV", "APP_HOME", "RUN", "COPY", "WORKDIR"]) {
    await outlinePane.locator(".monaco-list-row", { hasText: new RegExp(`^${name}`) }).first().waitFor();
  }
  const outline = await outlinePane.locator(".monaco-list-row").allInnerTexts();
  writeFileSync(join(opts.out, "outline.txt"), outline.join("\n\n") + "\n");
  log("the Outline view lists the instructions");
  await page.screenshot({ path: join(opts.out, "vscode-outline.png") });
  await page.locator(".view-lines .view-line", { hasText: "env APP_HOME" }).click();
  await runCommand("Format Document");
  await editor.filter({ hasText: "ENV APP_HOME=/opt/app" }).filter({ hasText: "RUN mkdir" }).waitFor();
  log("Format Document upper-cased the keywords");
  await page.screenshot({ path: join(opts.out, "vscode-format.png") });
  await page.locator(".view-lines .view-line", { hasText: "RUN mkdir" }).locator("span", { hasText: /APP_HOME/ }).first().click();
  await page.keyboard.press("F2");
  const rename = page.locator(".rename-box input, .rename-box .rename-input").first();
  await rename.waitFor();
  await rename.fill("ROOT");
  await page.keyboard.press("Enter");
  await editor.filter({ hasText: "ENV ROOT=/opt/app" }).filter({ hasText: "cd $ROOT" }).filter({ hasText: "WORKDIR $ROOT" }).waitFor();
  const text = await editor.innerText();
  if (text.includes("APP_HOME")) throw new Error("F2 left APP_HOME somewhere:\n" + text);
  writeFileSync(join(opts.out, "renamed.txt"), text.replace(/\u00a0/g, " ") + "\n");
  log("F2 renamed APP_HOME everywhere");
  await page.screenshot({ path: join(opts.out, "vscode-rename.png") });

  // A Terraform file (issue 27). HashiCorp's extension cannot be installed here (no Marketplace): the file has
  // the "terraform" language id this extension also gives .tf files, the id HashiCorp's extension uses.
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: /^terraform$/ }).click();
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: /^main\.tf$/ }).click();
  await page.locator(".monaco-editor .view-lines", { hasText: "alicloud_ecs_image_component" }).waitFor();
  await page.keyboard.press("Control+Shift+M");
  for (const [code, where] of TERRAFORM_EXPECTED) {
    await problems.locator(".monaco-list-row", { hasText: code }).filter({ hasText: where }).first().waitFor();
    log("problem shown in main.tf:", code, where);
  }
  writeFileSync(join(opts.out, "problems-terraform.txt"), (await problems.locator(".monaco-list-row").allInnerTexts()).join("\n") + "\n");
  await page.screenshot({ path: join(opts.out, "vscode-terraform.png") });
  // Completion inside the heredoc: WORKDIR is nowhere in the file, so it is the server's, not the editor's words.
  await page.locator(".view-lines .view-line", { hasText: /^\s*ENV\s*$/ }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("WOR");
  await page.keyboard.press("Control+Space");
  await page.locator(".suggest-widget .monaco-list-row", { hasText: /^WORKDIR/ }).first().waitFor();
  log("completion inside the heredoc offers WORKDIR");
  await page.screenshot({ path: join(opts.out, "vscode-terraform-completion.png") });
  await page.keyboard.press("Escape");
}

/** With the extension's own server: the problems, a hover and completion, in a fresh profile. */
async function bundledChecks() {
  await page.keyboard.press("Control+Shift+M");
  const problems = page.locator(".markers-panel");
  for (const [code, where] of EXPECTED) {
    await problems.locator(".monaco-list-row", { hasText: code }).filter({ hasText: where }).first().waitFor();
    log("problem shown by the bundled server:", code, where);
  }
  writeFileSync(join(opts.out, "problems-bundled.txt"), (await problems.locator(".monaco-list-row").allInnerTexts()).join("\n") + "\n");
  await page.screenshot({ path: join(opts.out, "vscode-bundled-problems.png") });
  await hoverAndCompletion("vscode-bundled-hover.png");
  await page.screenshot({ path: join(opts.out, "vscode-bundled-completion.png") });
}

/** The mouse over the COPY keyword shows the instruction's documentation; on a new last line, R and
 * Ctrl+Space offer RUN (the suggestions are left open). */
async function hoverAndCompletion(hoverShot) {
  await page.locator(".view-lines .view-line", { hasText: "COPY café" }).locator("span", { hasText: /^COPY$/ }).hover();
  await page.locator(".monaco-hover", { hasText: "copies a file from a URL" }).first().waitFor();
  log("hover explains COPY");
  await page.screenshot({ path: join(opts.out, hoverShot) });
  await page.keyboard.press("Escape");
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("R");
  await page.keyboard.press("Control+Space");
  await page.locator(".suggest-widget .monaco-list-row", { hasText: /^RUN/ }).first().waitFor();
  log("completion offers RUN");
}

async function runCommand(title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(">" + title);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor();
  await page.keyboard.press("Enter");
}

async function waitForHttp(url) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {}
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url}`);
}
