// The server search, without VS Code: what is tried, in which order, and what the user is told.
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { candidates, findServer, ServerNotFound } from "../../src/serverCommand";

const defaults = { command: "component-lsp", args: ["--stdio"], python: "" };

test("the configured command first, then python3 and python with -m component_lsp", () => {
  assert.deepEqual(
    candidates(defaults).map((c) => [c.command, ...c.args]),
    [
      ["component-lsp", "--stdio"],
      ["python3", "-m", "component_lsp", "--stdio"],
      ["python", "-m", "component_lsp", "--stdio"],
    ],
  );
});

test("a configured Python replaces the defaults; ${workspaceFolder} and ~ are expanded", () => {
  const found = candidates({ command: "${workspaceFolder}/.venv/bin/component-lsp", args: [], python: "~/venv/bin/python", workspaceFolder: "/w" });
  assert.deepEqual(
    found.map((c) => c.command),
    ["/w/.venv/bin/component-lsp", `${process.env.HOME}/venv/bin/python`],
  );
});

/** A stand-in Python: answers `-m component_lsp --version` if it "has" the server, else fails as Python does. */
function fakePython(hasServer: boolean): string {
  const path = join(mkdtempSync(join(tmpdir(), "fake-python-")), "python");
  const body = hasServer
    ? '[ "$*" = "-m component_lsp --version" ] && echo "component-lsp 0.1.0" && exit 0; exit 2'
    : 'echo "$0: No module named component_lsp" >&2; exit 1';
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

test("the first command that answers --version is chosen", async () => {
  const python = fakePython(true);
  const server = await findServer({ command: "/nonexistent/component-lsp", args: ["--stdio"], python });
  assert.equal(server.command, python);
  assert.deepEqual(server.args, ["-m", "component_lsp", "--stdio"]);
});

test("a Python without the server is reported with its own words", async () => {
  const python = fakePython(false);
  await assert.rejects(findServer({ command: "/nonexistent/component-lsp", args: [], python }), (error: unknown) => {
    assert.ok(error instanceof ServerNotFound);
    assert.equal(error.tried[1].reason, `${python}: No module named component_lsp`);
    return true;
  });
});

test("nothing starts: the error names each attempt and the fix", async () => {
  await assert.rejects(
    findServer({ command: "/nonexistent/component-lsp", args: [], python: "/nonexistent/python3" }),
    (error: unknown) => {
      assert.ok(error instanceof ServerNotFound);
      assert.deepEqual(error.tried, [
        { label: "/nonexistent/component-lsp", reason: "not found" },
        { label: "/nonexistent/python3 -m component_lsp", reason: "not found" },
      ]);
      assert.match(error.message, /pip install component-lsp/);
      assert.match(error.message, /componentLsp\.server\.command/);
      return true;
    },
  );
});

test("with the bundled server and no command set: the server it carries, with each Python in turn", () => {
  const found = candidates({ command: "", args: ["--stdio"], python: "", bundled: "/ext/bundled/tool/server.py", interpreters: ["/venv/bin/python"] });
  assert.deepEqual(
    found.map((c) => [c.command, ...c.args]),
    [
      ["/venv/bin/python", "-I", "/ext/bundled/tool/server.py", "--stdio"],
      ["python3", "-I", "/ext/bundled/tool/server.py", "--stdio"],
      ["python", "-I", "/ext/bundled/tool/server.py", "--stdio"],
    ],
  );
  const configured = candidates({ command: "", args: [], python: "~/py/bin/python3", bundled: "/b/server.py", interpreters: ["/venv/bin/python"] });
  assert.deepEqual(configured.map((c) => c.command), [`${process.env.HOME}/py/bin/python3`, "/venv/bin/python", "python3", "python"]);
});

test("a command that is set overrides the bundled server", () => {
  const found = candidates({ command: "component-lsp", args: ["--stdio"], python: "", bundled: "/b/server.py" });
  assert.deepEqual(found[0], { command: "component-lsp", args: ["--stdio"], label: "component-lsp" });
  assert.ok(found.every((c) => !c.args.includes("/b/server.py")));
});

test("no Python runs the bundled server: the error says which Python to install", async () => {
  await assert.rejects(
    findServer({ command: "", args: [], python: "/nonexistent/python3", bundled: "/nonexistent/server.py", interpreters: [] }),
    (error: unknown) => {
      assert.ok(error instanceof ServerNotFound);
      assert.equal(error.tried[0].label, "/nonexistent/python3 (the bundled server)");
      assert.match(error.message, /Python 3\.10 or later/);
      assert.match(error.message, /sudo apt install python3/);
      assert.match(error.message, /componentLsp\.server\.python/);
      return true;
    },
  );
});
