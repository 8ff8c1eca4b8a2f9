// Finding a language server that starts. The extension carries the server (bundled/, made by bundle.mjs): it
// runs it with the user's Python 3.10+. `componentLsp.server.command`, when set, overrides that, with
// `python -m component_lsp` behind it; an extension built without the bundle runs `component-lsp` from PATH.
// No `vscode` import here, so the logic is tested with plain Node.
import { execFile } from "node:child_process";

export interface ServerSettings {
  command: string;
  args: string[];
  python: string;
  workspaceFolder?: string;
  /** The launcher of the server the extension carries (bundled/tool/server.py), if it carries one. */
  bundled?: string;
  /** Interpreters the Python extension knows (its selected one first), if it is installed. */
  interpreters?: string[];
}

export interface Candidate {
  command: string;
  args: string[];
  /** How the user would type it, for messages. */
  label: string;
}

const expander = (settings: ServerSettings) => (value: string) =>
  value.replace(/\$\{workspaceFolder\}/g, settings.workspaceFolder ?? "").replace(/^~(?=\/|$)/, process.env.HOME ?? "~");

/** The Pythons to try, in order: the setting, the Python extension's, then python3 and python on PATH. */
export function pythons(settings: ServerSettings): string[] {
  const expand = expander(settings);
  const found = [settings.python.trim() ? expand(settings.python.trim()) : "", ...(settings.interpreters ?? []), "python3", "python"];
  return [...new Set(found.filter((p) => p))];
}

/** What to try, in order. */
export function candidates(settings: ServerSettings): Candidate[] {
  const expand = expander(settings);
  const args = settings.args.map(expand);
  const configured = settings.command.trim();
  if (!configured && settings.bundled) {
    return pythons(settings).map((python) => ({ command: python, args: ["-I", settings.bundled as string, ...args], label: `${python} (the bundled server)` }));
  }
  const command = expand(configured || "component-lsp");
  const fallbacks = settings.python.trim() ? [expand(settings.python.trim())] : ["python3", "python"];
  return [
    { command, args, label: command },
    ...fallbacks.map((python) => ({ command: python, args: ["-m", "component_lsp", ...args], label: `${python} -m component_lsp` })),
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
  constructor(
    public readonly tried: { label: string; reason: string }[],
    bundled = false,
  ) {
    const attempts = tried.map((t) => `\`${t.label}\` (${t.reason})`).join("; ");
    super(
      bundled
        ? `The component-lsp language server runs on Python 3.10 or later, and no such Python was found. Tried: ${attempts}. ` +
            "Install Python 3.10 or later (https://www.python.org/downloads/, or your system's package manager: `sudo apt install python3` on Debian and Ubuntu, `brew install python` on macOS), " +
            "or select one with the Python extension, or set `componentLsp.server.python` to its path."
        : `The component-lsp language server could not be started. Tried: ${attempts}. ` +
            "Install it with `pip install component-lsp` (or `pip install .` in a clone of its repository), or set `componentLsp.server.command` to its full path.",
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
  throw new ServerNotFound(tried, !settings.command.trim() && !!settings.bundled);
}
