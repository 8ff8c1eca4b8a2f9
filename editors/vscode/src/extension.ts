// The VS Code side: find the server, start it with vscode-languageclient, restart it on demand.
import { existsSync } from "node:fs";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { findServer, ServerNotFound } from "./serverCommand";

const LANGUAGES = ["ecs-component", "ecs-template", "ecs-component-yaml"];
// Terraform files hold components and templates in strings (issue 27). The language id is HashiCorp's extension's
// ("terraform", which package.json also gives .tf files, so that VS Code merges the two where both are installed);
// the pattern serves a .tf file that a user gave another language. HCL itself stays terraform-ls's.
// ROS templates (YAML or JSON) keep their language; those named *.ros.yaml, *.ros.yml, *.ros.json are served.
const HOSTS = [
  { scheme: "file", language: "terraform" },
  { scheme: "file", pattern: "**/*.tf" },
  { scheme: "file", pattern: "**/*.ros.{yaml,yml,json}" },
];
const SECTION = "componentLsp";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let bundled: string | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("ECS Image Builder", { log: true });
  // The server this extension carries (bundle.mjs, at packaging time), run with the user's Python.
  const launcher = context.asAbsolutePath("bundled/tool/server.py");
  bundled = existsSync(launcher) && existsSync(context.asAbsolutePath("bundled/libs/common")) ? launcher : undefined;
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("componentLsp.restartServer", () => restart()),
    vscode.commands.registerCommand("componentLsp.showOutput", () => output.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.server`)) void restart();
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  let server;
  try {
    server = await findServer({
      command: config.get<string>("server.command", ""),
      args: config.get<string[]>("server.args", ["--stdio"]),
      python: config.get<string>("server.python", ""),
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      bundled,
      interpreters: await pythonExtensionInterpreters(),
    });
  } catch (error) {
    const message = error instanceof ServerNotFound ? error.message : String(error);
    output.error(message);
    const choice = await vscode.window.showErrorMessage(message, "Open Settings", "Show Output");
    if (choice === "Open Settings") await vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.server`);
    if (choice === "Show Output") output.show();
    return;
  }
  output.info(`Starting ${server.command} ${server.args.join(" ")}`);
  const serverOptions: ServerOptions = { command: server.command, args: server.args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: "file", language },
        { scheme: "untitled", language },
      ]),
      ...HOSTS,
    ],
    synchronize: { configurationSection: SECTION },
    // The same settings as the didChangeConfiguration that follows, so the first diagnostics already obey them.
    initializationOptions: { [SECTION]: { diagnostics: { ignore: config.get<string[]>("diagnostics.ignore", []) } } },
    outputChannel: output,
  };
  client = new LanguageClient(SECTION, "ECS Image Builder", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    output.error(`The language server stopped while starting: ${error}`);
    void vscode.window.showErrorMessage(`component-lsp failed to start: ${error}`, "Show Output").then((choice) => {
      if (choice) output.show();
    });
  }
}

/** The interpreter the Python extension has selected for the workspace, if it is installed (its public API). */
async function pythonExtensionInterpreters(): Promise<string[]> {
  const extension = vscode.extensions.getExtension("ms-python.python");
  if (!extension) return [];
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    const environments = api?.environments;
    const path = environments?.getActiveEnvironmentPath?.(vscode.workspace.workspaceFolders?.[0]?.uri);
    const resolved = path ? await environments.resolveEnvironment(path) : undefined;
    const executable: string | undefined = resolved?.executable?.uri?.fsPath;
    return executable ? [executable] : [];
  } catch (error) {
    output.warn(`The Python extension gave no interpreter: ${error}`);
    return [];
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.dispose();
}

async function restart(): Promise<void> {
  await stop();
  await start();
}
