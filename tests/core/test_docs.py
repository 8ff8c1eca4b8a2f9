"""The documentation a maintainer relies on: every code's page and anchor, a short README, nothing outside."""

import re
import subprocess

from component_lsp.codes import markdown
from component_lsp.diagnostics import RULES, SEVERITY_NAMES, code_url
from component_lsp.formats import load_all
from helpers import ROOT

CODES = ROOT / "docs" / "codes.md"


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as dashes."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_codes_page_is_the_registrys():
    assert CODES.read_text(encoding="utf-8") == markdown(), "run: component-lsp codes > docs/codes.md"


def test_every_code_has_its_own_heading_and_link():
    load_all()
    page = CODES.read_text(encoding="utf-8")
    headings = {github_anchor(h): h for h in re.findall(r"^## (.+)$", page, re.MULTILINE)}
    rows = dict(re.findall(r"^\| \[`([A-Za-z.]+)`\]\(#[a-z]+\) \| (\w+) \|", page, re.MULTILINE))
    assert rows == {code: SEVERITY_NAMES[r.severity] for code, r in RULES.items()}
    for code in RULES:
        page_url, anchor = code_url(code).rsplit("#", 1)
        assert page_url.endswith("/docs/codes.md")
        assert headings[anchor] == f"`{code}`"
    assert headings.pop(github_anchor("`ShellCheck.SC*`")) == "`ShellCheck.SC*`"  # ShellCheck's codes: one heading
    assert len(set(map(github_anchor, headings.values()))) == len(RULES)


def test_the_readme_is_short_and_links_the_docs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) <= 8 * 1024
    for page in ("docs/codes.md", "docs/architecture.md", "docs/performance.md", "docs/reliability.md"):
        assert page in readme and (ROOT / page).exists()


def test_nothing_refers_to_a_folder_beside_the_repository():
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    texts = [
        ROOT / name for name in listed if not name.startswith("tests/agreement/corpus/") and (ROOT / name).is_file()
    ]
    beside = "../" + "shared"  # spelled so that this file does not name it
    assert [p for p in texts if beside in p.read_text(encoding="utf-8", errors="replace")] == []


def test_the_editing_page_names_every_request_the_server_answers():
    from component_lsp.lsp import FEATURES

    page = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
    answered = {
        f.method.split("/")[-1]
        for f in FEATURES
        if f.capabilities and f.method.startswith(("textDocument/", "completionItem/"))
    }
    missing = {m for m in answered if f"`{m}`" not in page and f"/{m}`" not in page}
    assert answered and missing == set(), (
        f"docs/editing.md does not name {sorted(missing)}: the step 'docs/editing.md' of 'Add a request' in "
        "docs/architecture.md"
    )
