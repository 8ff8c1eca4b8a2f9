"""The README's table of diagnostic codes matches the rules."""

import re
from pathlib import Path

from component_lsp.diagnostics import CODES_URL, SEVERITY_NAMES
from component_lsp.rules import RULES

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_code_is_in_the_table_with_its_severity():
    rows = dict(re.findall(r"^\| `([A-Za-z.]+)` \| (\w+) \|", README, re.MULTILINE))
    assert rows == {code: SEVERITY_NAMES[r.severity] for code, r in RULES.items()}


def test_code_description_points_at_the_table():
    anchor = CODES_URL.rsplit("#", 1)[1]
    assert f"## {anchor.replace('-', ' ').capitalize()}" in README
