"""The diagnostic codes as a Markdown page: what ``component-lsp codes`` prints and docs/codes.md holds."""

from __future__ import annotations

from . import budget, ignores  # noqa: F401  (declare Lint.BudgetNearlyFull, Lint.UnusedIgnore)
from .diagnostics import RULES, SEVERITY_NAMES, Rule, anchor
from .formats import load_all
from .hosts import hosted, ros  # noqa: F401  (declare the codes of content in Terraform and ROS templates)
from .workspace import links  # noqa: F401  (declares the cross-file codes)

HEAD = """# Diagnostic codes

Where the API would reject the content, the code is the API's own error code,
so the editor shows what the API call would fail with. Advice the service does
not enforce has a `Lint.*` code, and is never an error. Each diagnostic's
link (`codeDescription`) points at its code's heading below.

This page is generated from the rule registry: `component-lsp codes > docs/codes.md`
(a test fails when the two differ).
"""


def _origin(rule: Rule) -> str:
    return "advice of component-lsp's own" if rule.code.startswith("Lint.") else "the API's error code"


def markdown() -> str:
    load_all()  # every format's rules declare their codes when imported
    rules = sorted(RULES.values(), key=lambda r: (r.code.startswith("Lint."), r.severity, r.code))
    lines = [HEAD, "| code | severity | when |", "|---|---|---|"]
    lines += [f"| [`{r.code}`](#{anchor(r.code)}) | {SEVERITY_NAMES[r.severity]} | {r.summary} |" for r in rules]
    for r in rules:
        lines += ["", f"## `{r.code}`", "", f"{SEVERITY_NAMES[r.severity].capitalize()}, {_origin(r)}. {r.summary}"]
    return "\n".join(lines) + "\n" + SHELLCHECK


SHELLCHECK = """
## `ShellCheck.SC*`

Where [ShellCheck](https://www.shellcheck.net) is installed (on `PATH`, or
`pip install 'component-lsp[shellcheck]'`), its findings in each `RUN` in shell
form and each `RunShellCommand` script carry its own code, as
`ShellCheck.SC2086`, and link to its wiki page. Its errors and warnings are
warnings, its info is information, its style a hint. `# shellcheck
disable=SC2086` on the lines above a `RUN` (or inside its continuation lines)
and `# component-lsp: ignore=ShellCheck.SC2086` both silence a code.
Settings: `componentLsp.shellcheck.enable` (`auto`, `on`, `off`) and
`componentLsp.shellcheck.path`; `check --shellcheck` and `--shellcheck-path`;
`COMPONENT_LSP_SHELLCHECK` sets the default mode.
"""
