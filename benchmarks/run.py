"""component-lsp against docker-langserver, driven as an editor drives them.

    python benchmarks/run.py [--quick] [--json FILE]

Each server runs as a subprocess on stdio and gets real JSON-RPC: initialize,
didOpen, then incremental didChange (a character typed and deleted in the
middle of the file), completion and hover, on generated components of 1 KB,
16 KB (127 commands), 250 KB and 1 MB, two that are full of findings
(16 KB with a warning on each of its 127 commands, 1 MB with an error on each
of its 2,000 COPYs), a 16 KB YAML-format component, and a 16 KB template
in a workspace folder of 500 component files (the last two ours only: the
peer reads neither; the template row also gives the time from opening it to
its first diagnostics linked to the workspace). The peer, dockerfile-language-server-
nodejs, is installed from npm into benchmarks/peer/ (as locked there) on the
first run. Times are from writing the message to reading the last byte of
the answer: the client's own JSON parsing is not counted, for either server.
Nothing here asserts a time: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from documents import OURS_ONLY, SIZES, Sample, samples, workspace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "helpers"))
from lspclient import Client

HERE = Path(__file__).resolve().parent
PEER_DIR = HERE / "peer"
PEER_BIN = PEER_DIR / "node_modules" / "dockerfile-language-server-nodejs" / "bin" / "docker-langserver"
URI = "file:///bench/{name}.component"

CAPABILITIES = {
    "general": {"positionEncodings": ["utf-16"]},
    "textDocument": {
        "synchronization": {"dynamicRegistration": False, "didSave": True},
        "publishDiagnostics": {"versionSupport": True, "codeDescriptionSupport": True},
        "completion": {"completionItem": {"snippetSupport": True, "documentationFormat": ["markdown", "plaintext"]}},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "documentSymbol": {"hierarchicalDocumentSymbolSupport": True},
        "foldingRange": {"lineFoldingOnly": True, "rangeLimit": 5000},
        "formatting": {},
        "references": {},
        "inlayHint": {},
    },
    "window": {"workDoneProgress": False},
}


# -- the servers ----------------------------------------------------------------
def our_command() -> list[str]:
    """The console script beside this Python (what editors run), or ``python -m component_lsp``."""
    script = Path(sys.executable).with_name("component-lsp")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "component_lsp"]


def peer_command() -> list[str]:
    node = shutil.which("node")
    if node is None:
        raise SystemExit("benchmark: node is not on PATH; install Node.js or pass --no-peer")
    if not PEER_BIN.exists():
        print("installing dockerfile-language-server-nodejs into benchmarks/peer/ (npm ci) ...", file=sys.stderr)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=PEER_DIR, check=True)
    return [node, str(PEER_BIN), "--stdio"]


def version_of(name: str, argv: list[str]) -> str:
    if name == "peer":
        package = json.loads((PEER_BIN.parent.parent / "package.json").read_text())
        node = subprocess.run([argv[0], "--version"], capture_output=True, text=True, check=False).stdout.strip()
        return f"docker-langserver {package['version']} (node {node})"
    out = subprocess.run([*argv, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return f"{out} (python {platform.python_version()})"


ROUNDS = 10  # blocks of floor requests and of keystrokes, taken in turn
SHELLCHECK_OFF = {"componentLsp": {"shellcheck": {"enable": "off"}}}


def shellcheck_for(argv: list[str]) -> str | None:
    """The ShellCheck the rows with it use: on PATH, beside the server's command, or beside this Python."""
    for candidate in (
        shutil.which("shellcheck"),
        Path(argv[0]).with_name("shellcheck"),
        Path(sys.executable).with_name("shellcheck"),
    ):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return None


# -- one session ----------------------------------------------------------------
def start(argv: list[str], root: Path | None = None) -> tuple[Client, float]:
    """A started, initialized server (on the workspace folder ``root``), and the seconds from spawn to the
    initialize result."""
    client = Client(argv)
    folder = root.as_uri() if root else None
    params = {
        "processId": os.getpid(),
        "rootUri": folder,
        "capabilities": CAPABILITIES,
        "clientInfo": {"name": "component-lsp-benchmark"},
        "workspaceFolders": [{"uri": folder, "name": "bench"}] if folder else None,
        "initializationOptions": SHELLCHECK_OFF,  # ours: ShellCheck is measured in rows of its own; the peer ignores it
    }
    client.request("initialize", params)
    ready = client.arrived - client.spawned
    client.notify("initialized", {})
    return client, ready


def open_document(client: Client, sample: Sample, root: Path | None = None) -> str:
    name = sample.name.replace(" ", "")
    uri = (root / "main.imagetemplate").as_uri() if root else URI.format(name=name).replace(".component", sample.suffix)
    item = {"uri": uri, "languageId": sample.language, "version": 1, "text": sample.text}
    client.notify("textDocument/didOpen", {"textDocument": item})
    client.diagnostics_for(uri, 1)
    return uri


def at(uri: str, position: tuple[int, int]) -> dict:
    return {"textDocument": {"uri": uri}, "position": {"line": position[0], "character": position[1]}}


def timed_requests(client: Client, method: str, params: dict, count: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        client.request(method, params)
    return [client.request(method, params)[1] for _ in range(count)]


def change(uri: str, where: tuple[int, int], n: int, version: int) -> dict:
    """didChange parameters: "x" typed at ``where`` (``n`` even), or deleted again (``n`` odd)."""
    line, col = where
    if n % 2 == 0:
        edit = {
            "range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}},
            "text": "x",
        }
    else:
        edit = {
            "range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}},
            "text": "",
        }
    return {"textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]}


def keystrokes(
    client: Client,
    uri: str,
    where: tuple[int, int],
    count: int,
    warmup: int,
    first: int = 2,
    hints: list[float] | None = None,
) -> list[float]:
    """Seconds from each didChange to the publishDiagnostics of its version: type "x", delete it, ...

    Versions start at ``first``; ``warmup + count`` is even, so that the text ends as it began. With ``hints``
    (a list), the inlay hints are asked for right after each change, as an editor with them on does, and the
    seconds to their answer go into that list; the next change waits for it.
    """
    times = []
    for n in range(warmup + count):
        version = first + n
        begin = time.perf_counter()
        client.notify("textDocument/didChange", change(uri, where, n, version))
        asked = (
            client.ask("textDocument/inlayHint", {"textDocument": {"uri": uri}, "range": WHOLE})
            if hints is not None
            else None
        )
        client.diagnostics_for(uri, version)
        if n >= warmup:
            times.append(client.arrived - begin)
        if asked is not None:
            client.answer(asked)
            if n >= warmup:
                hints.append(client.arrived - begin)
    return times


WHOLE = {"start": {"line": 0, "character": 0}, "end": {"line": 10**6, "character": 0}}
FORMAT_OPTIONS = {"tabSize": 4, "insertSpaces": True}


def feature_counts(sample: Sample, requests: int, warmup: int) -> tuple[int, int]:
    """Requests (and warm-up) of each feature: fewer on a large document, where each edit waits for the peer's
    diagnostics (seconds each on 1 MB)."""
    return (min(requests, 8), min(warmup, 2)) if sample.size > 250 * 1024 else (requests, warmup)


def features(
    client: Client, uri: str, sample: Sample, requests: int, warmup: int, peer: bool, version: int
) -> tuple[dict, int]:
    """The editing features on the whole document (the peer's where it has them: it answers no references and has
    no inlay hints): outline, folding, formatting, references to a variable, and the budget's inlay hint. Each
    request follows an edit (a character typed or deleted, and its diagnostics), as when an editor refreshes its
    outline, folds and hints while you type: what a server keeps between requests must survive the edit."""
    whole = {"textDocument": {"uri": uri}}
    asked = {
        "symbols": ("textDocument/documentSymbol", whole),
        "folding": ("textDocument/foldingRange", whole),
        "formatting": ("textDocument/formatting", {**whole, "options": FORMAT_OPTIONS}),
        "references": ("textDocument/references", {**at(uri, sample.variable), "context": {"includeDeclaration": True}})
        if sample.variable
        else None,
        "inlay_hint": None if peer else ("textDocument/inlayHint", {**whole, "range": WHOLE}),
    }
    out = {}
    n = 0
    for key, request in asked.items():
        if not request or "error" in client.call(*request)[0]:  # a method the server does not have is left out
            continue
        times = []
        for i in range(warmup + requests + (warmup + requests) % 2):  # an even number of edits: the text as it was
            client.notify("textDocument/didChange", change(uri, sample.edit, n, version + n))
            client.diagnostics_for(uri, version + n)
            n += 1
            seconds = client.request(*request)[1]
            if i >= warmup:
                times.append(seconds)
        out[key] = times
    return out, version + n


def measure_startup(argv: list[str], sample: Sample, runs: int) -> dict:
    """Spawn to initialize result, to the first diagnostics of ``sample``, and to the answer of a hover sent then."""
    ready, first, hovered = [], [], []
    for _ in range(runs):
        client, seconds = start(argv)
        uri = open_document(client, sample)
        first.append(client.arrived - client.spawned)
        ready.append(seconds)
        client.request("textDocument/hover", at(uri, sample.keyword))
        hovered.append(client.arrived - client.spawned)
        client.close()
    return {"initialize": ready, "first_diagnostics": first, "first_hover": hovered}


def _reopen(client: Client, uri: str, sample: Sample) -> str:
    """Close and open the template again, now that the workspace is indexed: what opening it costs then."""
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    client.diagnostics_for(uri, None)
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": sample.language, "version": 1, "text": sample.text}},
    )
    client.diagnostics_for(uri, 1)
    return uri


def linked(client: Client, uri: str, since: float) -> float:
    """Seconds from ``since`` to the first diagnostics of ``uri`` that hold a cross-file warning: the workspace indexed."""

    def wanted(m):
        if m.get("method") != "textDocument/publishDiagnostics" or m["params"]["uri"] != uri:
            return False
        return any(d.get("code") == "Lint.UnknownComponentParameter" for d in m["params"]["diagnostics"])

    client.wait_for(wanted, 300)
    return client.arrived - since


def measure_size(argv: list[str], sample: Sample, edits: int, requests: int, warmup: int, peer: bool = False) -> dict:
    if sample.components:
        with tempfile.TemporaryDirectory(prefix="component-lsp-bench-") as folder:
            root = Path(folder)
            workspace(root, sample.components)
            return _measure(argv, sample, edits, requests, warmup, peer, root)
    return _measure(argv, sample, edits, requests, warmup, peer)


def _measure(
    argv: list[str], sample: Sample, edits: int, requests: int, warmup: int, peer: bool, root: Path | None = None
) -> dict:
    client, _ = start(argv, root)
    indexed: list[float] = []
    try:
        if root is not None:  # the time to index the workspace, as a user sees it: until the template is linked
            begin = time.perf_counter()
            uri = open_document(client, sample, root)
            indexed.append(linked(client, uri, begin))
        # A request no server has (both answer MethodNotFound), which component-lsp's early start leaves
        # to pygls: once it is answered, pygls has loaded and taken over, and what follows measures the
        # server as it runs, not as it starts.
        client.call("benchmark/ready", None)
        begin = time.perf_counter()
        uri = open_document(client, sample, root) if root is None else _reopen(client, uri, sample)
        opened = client.arrived - begin
        rss = client.rss_mib()
        # The floor and the keystrokes are taken in turns, a block of each per round, so that a drift of the
        # machine's speed during the run weighs on both alike; the first samples of a block (which may pay
        # for the other kind's last one) are warm-up.
        # Keystrokes with inlay hints on (ours only: the peer has none) take their turn in each round too.
        floor: list[float] = []
        typed: list[float] = []
        hinted: list[float] = []
        hints: list[float] = []
        rounds = max(1, min(ROUNDS, requests, edits // 2))
        version = 2
        featured: dict[str, list[float]] = {}
        feature_requests, feature_warmup = feature_counts(sample, requests, warmup)
        for r in range(rounds):
            per_floor = requests // rounds + (r < requests % rounds)
            pairs = edits // 2 // rounds + (r < edits // 2 % rounds)
            floor += timed_requests(
                client, "textDocument/hover", at(uri, sample.empty), per_floor, warmup if r == 0 else 1
            )
            lead = warmup + warmup % 2 if r == 0 else 2
            typed += keystrokes(client, uri, sample.edit, 2 * pairs, lead, version)
            version += lead + 2 * pairs
            if not peer:
                hinted += keystrokes(client, uri, sample.edit, 2 * pairs, lead, version, hints)
                version += lead + 2 * pairs
            # The editing features too, so that their ratio to the floor is not one of two moments of the machine.
            per_feature = feature_requests // rounds + (r < feature_requests % rounds)
            if per_feature:
                timed, version = features(
                    client, uri, sample, per_feature, feature_warmup if r == 0 else 1, peer, version
                )
                for key, times in timed.items():
                    featured.setdefault(key, []).extend(times)
        checked: dict = {}
        checker = None if peer or sample.components or not sample.scripted else shellcheck_for(argv)
        if checker is not None:
            checked, version = shellcheck_rows(client, uri, sample, edits, requests, warmup, version, checker)
        return {
            **({"index": indexed} if indexed else {}),
            **({"keystroke_hints_on": hinted, "keystroke_hint": hints} if hinted else {}),
            **checked,
            **featured,
            "open": [opened],
            "rss_mib": rss,
            "floor": floor,
            "keystroke": typed,
            "completion": timed_requests(client, "textDocument/completion", at(uri, sample.keyword), requests, warmup),
            "hover": timed_requests(client, "textDocument/hover", at(uri, sample.keyword), requests, warmup),
        }
    finally:
        client.close()


def shellcheck_rows(
    client: Client, uri: str, sample: Sample, edits: int, requests: int, warmup: int, version: int, checker: str
) -> tuple[dict, int]:
    """With ShellCheck on: keystrokes (their own diagnostics must not wait for it), the same with its findings
    hidden (diagnostics.ignore: what running it costs a keystroke, apart from the larger answer its findings make),
    each in turns with a floor of their own, as the main rounds take theirs; then the time from a keystroke to
    the diagnostics that hold ShellCheck's findings for its text (the pause the server waits for, and the run)."""
    on = {"componentLsp": {"shellcheck": {"enable": "on", "path": checker}}}
    hidden_on = {"componentLsp": {**on["componentLsp"], "diagnostics": {"ignore": ["ShellCheck.*"]}}}

    def configure(settings: dict) -> None:
        client.notify("workspace/didChangeConfiguration", {"settings": settings})
        client.diagnostics_for(uri, None)

    configure(on)  # at once, without ShellCheck
    client.diagnostics_for(uri, None, timeout=300)  # every script's findings, after the pause
    floor: list[float] = []
    typed: list[float] = []
    hidden: list[float] = []
    rounds = max(1, min(ROUNDS, requests, edits // 2))
    for r in range(rounds):
        per_floor = requests // rounds + (r < requests % rounds)
        pairs = edits // 2 // rounds + (r < edits // 2 % rounds)
        lead = warmup + warmup % 2 if r == 0 else 2
        floor += timed_requests(client, "textDocument/hover", at(uri, sample.empty), per_floor, warmup if r == 0 else 1)
        typed += keystrokes(client, uri, sample.edit, 2 * pairs, lead, version)
        version += lead + 2 * pairs
        configure(hidden_on)
        hidden += keystrokes(client, uri, sample.edit, 2 * pairs, lead, version)
        version += lead + 2 * pairs
        configure(on)
    time.sleep(1.0)  # the last keystroke's run
    client.notifications.clear()
    line, col = sample.edit
    paused = []
    for n in range(warmup + requests):  # a new word each time: a text ShellCheck has not seen
        version += 1
        span = {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + (3 if n else 0)}}
        begin = time.perf_counter()
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": span, "text": f"{n:03d}"}]},
        )
        client.diagnostics_for(uri, version)  # the keystroke's own
        client.diagnostics_for(uri, version, timeout=60)  # with ShellCheck's findings for the new text
        if n >= warmup:
            paused.append(client.arrived - begin)
    version += 1
    span = {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 3}}
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": span, "text": ""}]},
    )
    client.diagnostics_for(uri, version)
    configure(SHELLCHECK_OFF)
    time.sleep(1.0)
    client.notifications.clear()
    rows = {
        "keystroke_shellcheck": typed,
        "keystroke_shellcheck_hidden": hidden,
        "floor_shellcheck": floor,
        "shellcheck_pause": paused,
    }
    return rows, version + 1


# -- figures ----------------------------------------------------------------------
def stats(times: list[float]) -> dict:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {"n": len(ordered), "median_ms": statistics.median(ordered) * 1000, "p99_ms": p99 * 1000}


def summarise(raw: dict) -> dict:
    out = {}
    for key, value in raw.items():
        out[key] = value if isinstance(value, float) else stats(value)
    return out


def ms(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def ratio(ours: float, peer: float | None) -> str:
    if not peer:
        return "-"
    return f"{ours / peer:.2g}"


ROWS = [
    ("keystroke", "keystroke → diagnostics"),
    ("keystroke_hints_on", "keystroke → diag., hints on"),
    ("keystroke_hint", "keystroke → inlay hint"),
    ("keystroke_shellcheck", "keystroke → diag., ShellCheck on"),
    ("keystroke_shellcheck_hidden", "the same, its findings hidden"),
    ("floor_shellcheck", "floor, taken in turns with those"),
    ("shellcheck_pause", "keystroke → ShellCheck's findings"),
    ("floor", "floor: hover, empty line"),
    ("completion", "completion"),
    ("hover", "hover on a keyword"),
    ("symbols", "document symbols"),
    ("folding", "folding ranges"),
    ("formatting", "formatting"),
    ("references", "references to a variable"),
    ("inlay_hint", "inlay hint (budget)"),
    ("open", "didOpen → diagnostics"),
]
FEATURES = ("symbols", "folding", "formatting", "references", "inlay_hint")


def table(results: dict) -> str:
    ours, peer = results["servers"]["ours"], results["servers"].get("peer")
    lines = [f"ours: {ours['version']}"]
    if peer:
        lines.append(f"peer: {peer['version']}")
    lines.append(
        f"{results['edits']} edits, {results['requests']} requests of each kind, {results['starts']} starts; times in ms, median (p99)"
    )
    lines.append("")
    w = max(7, *(len(name) for name in results["sizes"]))  # the size column
    head = f"{'':27}{'size':>{w}}  {'ours':>16}  {'peer':>16}  {'ours/peer':>9}"
    lines.append(head)
    lines.append("-" * len(head))

    def cell(figure):
        if figure is None:
            return f"{'-':>16}"
        if figure["n"] == 1:
            return f"{ms(figure['median_ms']):>16}"
        return f"{ms(figure['median_ms']) + ' (' + ms(figure['p99_ms']) + ')':>16}"

    for key, label in (
        ("initialize", "spawn → initialize result"),
        ("first_diagnostics", "spawn → first diagnostics"),
        ("first_hover", "spawn → first hover"),
    ):
        o = ours["startup"][key]
        p = peer["startup"][key] if peer else None
        size = "" if key == "initialize" else results["startup_size"]
        lines.append(f"{label:27}{size:>{w}}  {cell(o)}  {cell(p)}  {ratio(o['median_ms'], p and p['median_ms']):>9}")
    for key, label in ROWS:
        for name in results["sizes"]:
            o = ours["sizes"][name].get(key)
            if o is None:
                continue
            p = peer["sizes"][name].get(key) if peer and name in peer["sizes"] else None
            lines.append(
                f"{label:27}{name:>{w}}  {cell(o)}  {cell(p)}  {ratio(o['median_ms'], p and p['median_ms']):>9}"
            )
            label = ""
    for name in results["sizes"]:
        index = ours["sizes"][name].get("index")
        if index:
            lines.append(f"{'workspace indexed (linked)':27}{name:>{w}}  {cell(index)}  {cell(None)}  {'':>9}")
    label = "memory, file open (MiB)"
    for name in results["sizes"]:
        o = ours["sizes"][name]["rss_mib"]
        p = peer["sizes"][name]["rss_mib"] if peer and name in peer["sizes"] else None
        lines.append(f"{label:27}{name:>{w}}  {o:>16.1f}  {(f'{p:.1f}' if p else '-'):>16}  {ratio(o, p):>9}")
        label = ""
    return "\n".join(lines)


# A keystroke on 16 KB flagged sends 127 diagnostics; on 1 MB flagged 2,120, whose target is against the peer
# only. Elsewhere the limit is 1.5.
FLOOR_LIMITS: dict[str, float | None] = {
    "16 KB flagged": 2.0,
    "1 MB flagged": None,
    "16 KB YAML": 1.5,
    "16 KB template": 1.5,
    "64 KB tf": 2.0,  # issue 27: inside a 16 KB heredoc of a 64 KB module
    "64 KB tf outside": 1.5,
    "1 MB tf": 50.0,  # interactive
}


def targets(results: dict) -> list[tuple[str, float, float, bool]]:
    """The issue's targets that the sizes run allow checking: (what, figure, limit, met)."""
    ours, peer = results["servers"]["ours"], results["servers"].get("peer")
    sizes = ours["sizes"]
    out = []

    def median(server, name, key):
        return server["sizes"][name][key]["median_ms"]

    for name in sizes:
        k, f = median(ours, name, "keystroke"), median(ours, name, "floor")
        limit = FLOOR_LIMITS.get(name, 1.5)
        if limit is not None:
            out.append((f"keystroke / own floor, {name}", k / f, limit, k / f <= limit))
            h = median(ours, name, "keystroke_hints_on")
            out.append((f"keystroke with inlay hints on / own floor, {name}", h / f, limit, h / f <= limit))
            if "keystroke_shellcheck" in ours["sizes"][name]:
                # Running ShellCheck must not slow a keystroke: its bound, with the findings hidden. Shown, they
                # make a document with findings, whose bound is the flagged one (none over the floor on 1 MB).
                f = median(ours, name, "floor_shellcheck")
                c = median(ours, name, "keystroke_shellcheck_hidden")
                out.append(
                    (f"keystroke with ShellCheck on, findings hidden / own floor, {name}", c / f, limit, c / f <= limit)
                )
                flagged = FLOOR_LIMITS.get(f"{name} flagged")
                if flagged is not None:
                    c = median(ours, name, "keystroke_shellcheck")
                    out.append(
                        (f"keystroke with ShellCheck's findings / own floor, {name}", c / f, flagged, c / f <= flagged)
                    )
    if "16 KB" in sizes:
        f = median(ours, "16 KB", "floor")
        for key in FEATURES:
            if key in sizes["16 KB"]:
                r = median(ours, "16 KB", key) / f
                out.append((f"{key} / own floor, 16 KB", r, 2.0, r <= 2.0))
    if "16 KB" in sizes and "1 MB" in sizes:
        growth = median(ours, "1 MB", "keystroke") / median(ours, "16 KB", "keystroke")
        out.append(("keystroke 1 MB / keystroke 16 KB", growth, 3.0, growth <= 3.0))
    if peer:
        limits = {
            "16 KB": {"keystroke": 1 / 5, "completion": 1 / 2, "hover": 1 / 2, **dict.fromkeys(FEATURES, 1.0)},
            "1 MB": {"keystroke": 1 / 100, "completion": 1 / 50, "hover": 1 / 50, **dict.fromkeys(FEATURES, 1 / 20)},
            "1 MB flagged": {"keystroke": 1 / 100},
        }
        for name, wanted in limits.items():
            if name not in sizes:
                continue
            for key, limit in wanted.items():
                if key not in peer["sizes"].get(name, {}) or key not in sizes[name]:
                    continue  # a feature the peer does not have
                r = median(ours, name, key) / median(peer, name, key)
                out.append((f"{key} ours/peer, {name}", r, limit, r <= limit))
        if "1 MB" in sizes and "keystroke_shellcheck" in sizes["1 MB"]:  # thousands of findings: the flagged bound
            r = median(ours, "1 MB", "keystroke_shellcheck") / median(peer, "1 MB", "keystroke")
            out.append(("keystroke with ShellCheck's findings ours/peer, 1 MB", r, 1 / 100, r <= 1 / 100))
        r = ours["startup"]["first_diagnostics"]["median_ms"] / peer["startup"]["first_diagnostics"]["median_ms"]
        out.append((f"spawn → first diagnostics ours/peer, {results['startup_size']}", r, 0.5, r <= 0.5))
        name = results["startup_size"]
        if name in sizes:
            r = sizes[name]["rss_mib"] / peer["sizes"][name]["rss_mib"]
            out.append((f"memory ours/peer, {name}", r, 1.0, r <= 1.0))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--quick", action="store_true", help="a short run that proves the benchmark works (1 KB and 16 KB, few samples)"
    )
    p.add_argument("--edits", type=int, help="keystroke samples per size (default 200; --quick 20)")
    p.add_argument("--requests", type=int, help="completion, hover and floor samples per size (default 50; --quick 10)")
    p.add_argument("--starts", type=int, help="server starts timed (default 10; --quick 2)")
    p.add_argument("--sizes", nargs="+", choices=SIZES, help="documents (default all; --quick 1 KB and 16 KB)")
    p.add_argument("--no-peer", action="store_true", help="measure component-lsp alone")
    p.add_argument(
        "--server", help="the command that starts component-lsp (default: the component-lsp script beside this Python)"
    )
    p.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    args = p.parse_args(argv)
    quick = args.quick
    edits = args.edits or (20 if quick else 200)
    requests = args.requests or (10 if quick else 50)
    starts = args.starts or (2 if quick else 10)
    names = args.sizes or (["1 KB", "16 KB"] if quick else SIZES)
    warmup = 2 if quick else 5

    commands = {"ours": args.server.split() if args.server else our_command()}
    if not args.no_peer:
        commands["peer"] = peer_command()
    documents = {s.name: s for s in samples(sorted(set(names) | {"16 KB"}, key=SIZES.index))}
    results = {
        "edits": edits,
        "requests": requests,
        "starts": starts,
        "warmup": warmup,
        "startup_size": "16 KB",
        "sizes": names,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "documents": {
            s.name: {"bytes": s.size, "instructions": s.instructions, "edit_at": s.edit} for s in documents.values()
        },
        "servers": {},
    }
    for who, command in commands.items():
        print(f"measuring {who}: {' '.join(command)}", file=sys.stderr)
        server = results["servers"][who] = {"command": command, "version": version_of(who, command), "sizes": {}}
        server["startup"] = summarise(measure_startup(command, documents["16 KB"], starts))
        for name in names:
            if who != "ours" and name in OURS_ONLY:
                continue
            print(f"  {name} ...", file=sys.stderr)
            server["sizes"][name] = summarise(
                measure_size(command, documents[name], edits, requests, warmup, who != "ours")
            )
    print(table(results))
    checks = targets(results)
    results["targets"] = [{"what": w, "figure": f, "limit": lim, "met": met} for w, f, lim, met in checks]
    if checks:
        print("\ntargets")
        for what, figure, limit, met in checks:
            print(f"  {'met   ' if met else 'MISSED'}  {what}: {figure:.2g} (limit {limit:.3g})")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
