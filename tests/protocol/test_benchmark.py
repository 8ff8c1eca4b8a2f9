"""The benchmark still works: its documents are what it says, and a short run reports every figure for both servers.

No time is asserted here: the figures are for reading (README, Performance).
"""

import json
import subprocess
import sys
from types import SimpleNamespace

import pytest

from helpers import ROOT, content
from helpers import indexed as walked


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The benchmark's documents and the template's workspace, as ``benchmarks/documents.py`` writes them."""
    folder = tmp_path_factory.mktemp("benchmark")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "documents.py"), str(folder)], check=True, timeout=300)
    return folder


@pytest.fixture(scope="module")
def documents(made):
    found = json.loads((made / "documents.json").read_text())
    return {
        d["name"]: SimpleNamespace(**{k: tuple(v) if isinstance(v, list) else v for k, v in d.items()}) for d in found
    }


def test_the_16_kb_document_is_the_largest_the_api_accepts(documents):
    sample = documents["16 KB"]
    analysis = content(sample.text)
    assert len(analysis.model.instructions) == sample.instructions == 127
    assert 16 * 1024 - 100 < sample.size <= 16 * 1024
    assert analysis.diagnostics() == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "low", "high"), [("1 KB", 800, 1024), ("250 KB", 245_000, 250 * 1024), ("1 MB", 1_030_000, 1024 * 1024)]
)
def test_the_other_sizes_break_only_the_limits(documents, name, low, high):
    sample = documents[name]
    assert low <= sample.size <= high
    codes = [d.code for d in content(sample.text).diagnostics()]
    assert codes == (
        [] if name == "1 KB" else ["InvalidImageTemplateCommandSize.ExceededMaxNumber", "InvalidContent.LengthExceeded"]
    )


@pytest.mark.slow
def test_the_flagged_documents_have_a_finding_on_every_command_or_copy(documents):
    small = documents["16 KB flagged"]
    found = content(small.text).diagnostics()
    assert small.size <= 16 * 1024 and small.instructions == 127
    assert [d.code for d in found] == ["Lint.KeywordCase"] * 127
    large = documents["1 MB flagged"]
    codes = [d.code for d in content(large.text).diagnostics()]
    copies = large.text.count("\nCOPY https://")
    assert copies > 2000 and codes.count("InvalidCommandContent.COPY") == copies
    assert set(codes) == {
        "InvalidCommandContent.COPY",
        "InvalidImageTemplateCommandSize.ExceededMaxNumber",
        "InvalidContent.LengthExceeded",
    }


def test_the_yaml_document_is_a_clean_16_kb_component(documents):
    sample = documents["16 KB YAML"]
    analysis = content(sample.text)
    assert analysis.format.name == "yaml" and analysis.diagnostics() == []
    assert 16 * 1024 - 200 < sample.size <= 16 * 1024 and sample.instructions == sample.text.count("\n  - Name: ") > 80
    lines = sample.text.split("\n")
    line, col = sample.edit
    assert lines[line][:col] == "      commandContent: echo " and abs(line - len(lines) / 2) < 10
    assert lines[sample.keyword[0]][: sample.keyword[1]] == "    Action: Ru"
    assert lines[sample.empty[0]] == "" and sample.empty[1] == 0


@pytest.mark.slow
def test_the_template_is_16_kb_linked_to_its_workspace_with_one_warning(documents, made):
    from component_lsp.workspace import links

    sample = documents["16 KB template"]
    index = walked([str(made / "workspace")])
    assert len(index.disk) == sample.components == 500
    analysis = content(sample.text, (made / "workspace" / "main.imagetemplate").as_uri())
    assert analysis.diagnostics() == [] and sample.size <= 16 * 1024 and sample.instructions <= 127
    uses = analysis.uses()
    assert len(uses) > 50 and all(index.component(use.name) for use in uses)
    assert [d.code for d in links.check(uses, index)] == ["Lint.UnknownComponentParameter"]  # the last line: --colour
    lines = sample.text.split("\n")
    assert lines[sample.edit[0]].startswith("RUN ") and lines[sample.empty[0]] == ""


@pytest.mark.parametrize(
    ("name", "low", "high", "largest"), [("64 KB tf", 60_000, 70_000, 16_000), ("1 MB tf", 1_000_000, 1_100_000, 1_100)]
)
def test_the_terraform_files_are_clean_modules_with_their_regions_and_places(documents, name, low, high, largest):
    sample = documents[name]
    assert low <= sample.size <= high
    module = content(sample.text, "file:///bench/main.tf")
    assert [d.code for d in module.diagnostics() if d.severity <= 2] == []  # Lint.* warnings included: none
    sizes = [len(part.region.text.encode()) for part in module.model.parts]
    assert len(sizes) == sample.instructions and 0.8 * largest <= max(sizes) <= largest * 1.03
    lines = sample.text.split("\n")
    assert module.model.part_at(sample.edit) is not None and lines[sample.edit[0]].startswith("    RUN ")
    assert lines[sample.empty[0]] == "" and module.model.part_at(sample.empty) is None
    if name == "64 KB tf":  # the same module, typed in outside every region
        outside = documents["64 KB tf outside"]
        assert outside.text == sample.text and module.model.part_at(outside.edit) is None


def test_the_places_worked_at_are_what_they_claim(documents):
    for sample in documents.values():
        if sample.ours_only:
            continue
        lines = sample.text.split("\n")
        middle = len(lines) / 2
        line, col = sample.edit
        assert lines[line].upper().startswith("RUN ") and not lines[line].endswith("\\") and col == 4
        assert abs(line - middle) < len(lines) / 10 + 10
        assert sample.keyword == (line, 2)
        assert lines[sample.empty[0]] == "" and sample.empty[1] == 0


@pytest.mark.slow
def test_a_short_run_reports_every_figure_for_both_servers(tmp_path):
    out = tmp_path / "figures.json"
    done = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(out.read_text())
    assert set(figures["servers"]) == {"ours", "peer"}
    for who, server in figures["servers"].items():
        assert server["startup"]["first_diagnostics"]["n"] == 2, who
        assert (
            0 < server["startup"]["initialize"]["median_ms"] <= server["startup"]["first_diagnostics"]["median_ms"]
        ), who
        for name in ("1 KB", "16 KB"):
            size = server["sizes"][name]
            assert size["keystroke"]["n"] == 20 and size["keystroke"]["median_ms"] > 0, (who, name)
            for key in ("floor", "completion", "hover"):
                assert size[key]["n"] == 10 and size[key]["median_ms"] > 0, (who, name, key)
            assert size["rss_mib"] > 5, (who, name)
    assert figures["servers"]["peer"]["version"].startswith("docker-langserver 0.15.0")
    table = done.stdout
    for row in (
        "spawn → first diagnostics",
        "keystroke → diagnostics",
        "floor: hover, empty line",
        "completion",
        "memory",
    ):
        assert row in table
    assert {t["what"] for t in figures["targets"]} >= {"keystroke ours/peer, 16 KB", "keystroke / own floor, 16 KB"}
