"""SARIF 2.1.0, for GitHub code scanning and other viewers (validated in the tests against the official schema,
schemas/sarif-2.1.0-rtm.5.json). Columns count Unicode code points, as the run's ``columnKind`` says."""

from __future__ import annotations

import json
import os
from typing import TextIO

from .. import NAME, __version__
from ..diagnostics import ERROR, RULES, WARNING, code_url
from .base import Checked

LEVELS = {ERROR: "error", WARNING: "warning"}  # information and hints are notes
HOME = "https://github.com/component-lsp/component-lsp"


def _uri(path: str) -> str:
    return path.replace(os.sep, "/") if not os.path.isabs(path) else "file://" + path.replace(os.sep, "/")


def document(files: list[Checked]) -> dict:
    codes = sorted({d.code for checked in files for d in checked.diagnostics})
    index = {code: n for n, code in enumerate(codes)}
    rules = []
    for code in codes:
        rule = RULES.get(code)
        entry = {"id": code, "helpUri": code_url(code), "shortDescription": {"text": rule.summary if rule else code}}
        if rule:
            entry["defaultConfiguration"] = {"level": LEVELS.get(rule.severity, "note")}
        rules.append(entry)
    results = []
    for checked in files:
        for d in checked.diagnostics:
            region = {
                "startLine": d.start[0] + 1,
                "startColumn": d.start[1] + 1,
                "endLine": d.end[0] + 1,
                "endColumn": d.end[1] + 1,
            }
            results.append(
                {
                    "ruleId": d.code,
                    "ruleIndex": index[d.code],
                    "level": LEVELS.get(d.severity, "note"),
                    "message": {"text": d.message},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": _uri(checked.path)}, "region": region}}
                    ],
                }
            )
    driver = {"name": NAME, "version": __version__, "informationUri": HOME, "rules": rules}
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}


def render(files: list[Checked], out: TextIO) -> None:
    json.dump(document(files), out, indent=2, ensure_ascii=False)
    out.write("\n")
