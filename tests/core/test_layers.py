"""The package's layers point down: every import of the package's own modules goes to a lower layer.

Run with ``-s`` to see the import graph, layer by layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "component_lsp"

# Bottom up. A module may import modules of lower layers only (and, in the rule
# registry's package, its ``base``). Patterns end with ``.*`` for a package's modules.
LAYERS = [
    [
        "component_lsp",
        "component_lsp.document",
        "component_lsp.diagnostics",
        "component_lsp.jsonrpc",
        "component_lsp.framing",
        "component_lsp.shell",
        "component_lsp.aligned",
        "component_lsp.plaintext",
        "component_lsp.progress_line",
    ],
    ["component_lsp.client", "component_lsp.config"],
    ["component_lsp.settings"],
    ["component_lsp.limits", "component_lsp.fixes", "component_lsp.formats.base"],
    [
        "component_lsp.formats.dockerfile.words",
        "component_lsp.formats.yaml.reading",
        "component_lsp.formats.yaml.segments",
        "component_lsp.shell.syntax",
    ],
    [
        "component_lsp.formats.dockerfile.parser",
        "component_lsp.formats.yaml.catalog",
        "component_lsp.shell.checks",
        "component_lsp.shell.shellcheck",
    ],
    [
        "component_lsp.formats.dockerfile.syntax",
        "component_lsp.formats.dockerfile.components",
        "component_lsp.formats.dockerfile.catalog",
        "component_lsp.formats.yaml.syntax",
        "component_lsp.formats.yaml.context",
    ],
    # rules and features, side by side: neither imports the other
    [
        "component_lsp.formats.dockerfile.rules.*",
        "component_lsp.formats.dockerfile.completion",
        "component_lsp.formats.dockerfile.hover",
    ]
    + [
        "component_lsp.formats.yaml.rules.*",
        "component_lsp.formats.yaml.completion",
        "component_lsp.formats.yaml.hover",
    ]
    + [
        "component_lsp.formats.yaml.navigation",
        "component_lsp.formats.yaml.schema",
        "component_lsp.formats.yaml.splitting",
    ]
    + ["component_lsp.formats.dockerfile.interface", "component_lsp.formats.yaml.interface"]
    + [
        "component_lsp.formats.dockerfile.outline",
        "component_lsp.formats.yaml.outline",
        "component_lsp.formats.dockerfile.navigation",
    ]
    + ["component_lsp.formats.dockerfile.formatting", "component_lsp.formats.dockerfile.splitting"]
    + ["component_lsp.formats.dockerfile.scripts", "component_lsp.formats.yaml.scripts"],
    ["component_lsp.formats.dockerfile.rules", "component_lsp.formats.yaml.rules"],
    ["component_lsp.formats.dockerfile.model", "component_lsp.formats.yaml.model"],
    ["component_lsp.formats.yaml.features"],
    ["component_lsp.formats.dockerfile", "component_lsp.formats.yaml"],
    ["component_lsp.formats.content"],  # an open document, in the format its name and text say
    [
        "component_lsp.hosts",
        "component_lsp.hosts.regions",
        "component_lsp.ignores",
    ],  # files of other languages that hold content
    ["component_lsp.hosts.hcl_strings"],
    ["component_lsp.hosts.terraform"],
    ["component_lsp.hosts.ros"],  # reads its resources as Terraform's are (their metadata's rules)
    ["component_lsp.hosts.metadata", "component_lsp.hosts.parts"],
    ["component_lsp.hosts.quick"],  # edits that need no new reading
    ["component_lsp.hosts.hosted"],  # a host file's regions, checked (with their ignore comments)
    ["component_lsp.hosts.features"],  # what a host file answers inside its regions
    ["component_lsp.formats.hosts"],  # the table of hosts
    ["component_lsp.formats"],  # the table of every format of a file
    [
        "component_lsp.workspace",
        "component_lsp.workspace.scan",
        "component_lsp.budget",
        "component_lsp.shellchecking",
    ],
    ["component_lsp.workspace.index"],
    ["component_lsp.workspace.links"],
    ["component_lsp.session.project", "component_lsp.session.background", "component_lsp.session.publishing"],
    ["component_lsp.session", "component_lsp.codes", "component_lsp.reports.base", "component_lsp.moving"],
    ["component_lsp.reports.*"],
    ["component_lsp.reports"],
    ["component_lsp.lsp.values", "component_lsp.lsp.params"],
    ["component_lsp.lsp.base"],
    # one module per family of requests, side by side: none imports another
    ["component_lsp.lsp.*"],
    ["component_lsp.lsp"],
    ["component_lsp.server"],
    ["component_lsp.early"],  # hands over to the server, which it imports once pygls has loaded
    ["component_lsp.checking"],
    ["component_lsp.cli"],
    ["component_lsp.__main__"],
]
SAME_LAYER_ALLOWED = {
    ("component_lsp.formats.dockerfile.rules.*", "component_lsp.formats.dockerfile.rules.base"),
    ("component_lsp.formats.yaml.rules.*", "component_lsp.formats.yaml.rules.base"),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(name: str) -> tuple[int, str]:
    for index, layer in enumerate(LAYERS):
        for pattern in layer:
            if name == pattern or (pattern.endswith(".*") and name.startswith(pattern[:-1]) and name != pattern[:-2]):
                return index, pattern
    raise AssertionError(
        f"{name} is in no layer: add it to LAYERS here (the step 'layers' of the recipes in docs/architecture.md)"
    )


def imports(path: Path) -> set[str]:
    """The package's own modules that a module imports, at any depth of its code."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rsplit(".", 1)[0]
            target = (base + "." + node.module if node.module else base) if node.level else (node.module or "")
            if not target.startswith("component_lsp"):
                continue
            for alias in node.names:  # `from . import x` imports a module x when there is one
                candidate = f"{target}.{alias.name}"
                out.add(
                    candidate
                    if (ROOT / Path(*candidate.split("."))).with_suffix(".py").exists()
                    or (ROOT / Path(*candidate.split("."))).is_dir()
                    else target
                )
        elif isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names if alias.name.startswith("component_lsp")}
    return out


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def violations(edges: dict[str, set[str]]) -> list[str]:
    wrong = []
    for name, targets in edges.items():
        here, pattern = layer_of(name)
        for target in targets:
            there, _ = layer_of(target)
            if there < here or (pattern, target) in SAME_LAYER_ALLOWED:
                continue
            wrong.append(f"{name} (layer {here}) imports {target} (layer {there})")
    return wrong


def test_every_import_points_down():
    edges = graph()
    wrong = violations(edges)
    for index, layer in enumerate(LAYERS):
        print(f"{index:2}  " + ", ".join(layer))
        for name in sorted(n for n in edges if layer_of(n)[0] == index):
            if edges[name]:
                print(f"      {name} -> {', '.join(sorted(edges[name]))}")
    assert wrong == []


def test_features_and_rules_never_import_each_other():
    edges = graph()
    features = {f"component_lsp.formats.{f}.{m}" for f in ("dockerfile", "yaml") for m in ("completion", "hover")}
    features |= {"component_lsp.formats.yaml.navigation", "component_lsp.formats.yaml.schema"}
    for name in features:
        assert not any(".rules" in target for target in edges[name]), name
    for name, targets in edges.items():
        if ".rules." in name:
            assert not targets & features, name


def test_the_core_imports_no_protocol_library():
    protocol = {"pygls", "lsprotocol", "cattrs"}
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("server.py",):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] in protocol for n in names), path


def test_the_checker_catches_imports_that_point_up_or_sideways():
    """The test above can fail: a core module importing the session, a feature importing a rule, are caught."""
    edges = {
        "component_lsp.document": {"component_lsp.session"},
        "component_lsp.formats.dockerfile.hover": {"component_lsp.formats.dockerfile.rules.keywords"},
        "component_lsp.formats.dockerfile.rules.paths": {"component_lsp.formats.dockerfile.rules.base"},
    }
    assert violations(edges) == [
        f"component_lsp.document (layer 0) imports component_lsp.session (layer {layer_of('component_lsp.session')[0]})",
        "component_lsp.formats.dockerfile.hover (layer 7) imports component_lsp.formats.dockerfile.rules.keywords (layer 7)",
    ]
