// Finding a language server that starts: the configured command, then `python -m component_lsp`.
// No `vscode` import here, so the logic is tested with plain Node.
import { execFile } from "node:child_process";

export interface ServerSettings {
  command: string;
  args: string[];
  python: string;
  workspaceFolder?: string;
}

export interface Candidate {
  command: string;
  args: string[];
  /** How the user would type it, for messages. */
  label: string;
}

/** What to try, in order: the command as configured, then each Python with `-m component_lsp`. */
export function candidates(settings: ServerSettings): Candidate[] {
  const expand = (value: string) =>
    value.replace(/\$\{workspaceFolder\}/g, settings.workspaceFolder ?? "").replace(/^~(?=\/|$)/, process.env.HOME ?? "~");
  const command = expand(settings.command.trim() || "component-lsp");
  const args = settings.args.map(expand);
  const pythons = settings.python.trim() ? [expand(settings.python.trim())] : ["python3", "python"];
  return [
    { command, args, label: command },
    ...pythons.map((python) => ({ command: python, args: ["-m", "component_lsp", ...args], label: `${python} -m component_lsp` })),
  ];
}

/** Why a candidate does not start, or undefined if `--version` answers. */
export function probe(candidate: Candidate, timeoutMs = 20000): Promise<string | undefined> {
  const versionArgs = [...candidate.args.filter((a) => a !== "--stdio"), "--version"];
  return new Promise((resolve) => {
    execFile(candidate.command, versionArgs, { timeout: timeoutMs }, (error, _stdout, stderr) => {
      if (!error) return resolve(undefined);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return resolve("not found");
      if (code === "EACCES") return resolve("not executable");
      const lastLine = stderr.trim().split("\n").pop();
      resolve(lastLine || error.message);
    });
  });
}

export class ServerNotFound extends Error {
  constructor(public readonly tried: { label: string; reason: string }[]) {
    super(
      "The component-lsp language server could not be started. Tried: " +
        tried.map((t) => `\`${t.label}\` (${t.reason})`).join("; ") +
        ". Install it with `pip install component-lsp` (or `pip install .` in a clone of its repository), or set `componentLsp.server.command` to its full path.",
    );
  }
}

/** The first candidate that starts. */
export async function findServer(settings: ServerSettings): Promise<Candidate> {
  const tried: { label: string; reason: string }[] = [];
  for (const candidate of candidates(settings)) {
    const reason = await probe(candidate);
    if (reason === undefined) return candidate;
    tried.push({ label: candidate.label, reason });
  }
  throw new ServerNotFound(tried);
}
