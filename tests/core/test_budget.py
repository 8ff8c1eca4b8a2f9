"""The API budget: the hint's label, and the warning before a limit (bytes, or Dockerfile-format commands)."""

import subprocess
import sys

from component_lsp import budget
from component_lsp.limits import MAX_BYTES
from helpers import content

YAML = "file:///w/a.component.yaml"


def warned(text: str, percent: int = budget.DEFAULT_PERCENT, name: str = "file:///w/a.component") -> list[str]:
    return [d.message for d in budget.nearly_full(content(text, name), percent)]


def test_commands_warn_from_the_threshold_up_to_the_limit_and_not_past_it():
    assert warned("RUN a\n" * 114) == []  # 89.8%
    (message,) = warned("RUN a\n" * 115)  # 90.6%
    assert message.startswith("115 of 127 commands (90%): close to Image Builder's limit")
    assert warned("RUN a\n" * 127) != []  # at the limit: still accepted, still close
    assert warned("RUN a\n" * 128) == []  # past it, the format's error says more
    assert warned("RUN a\n" * 100, percent=75) != []
    assert warned("RUN a\n" * 126, percent=0) == []  # 0 turns it off


def test_bytes_warn_for_both_formats_and_yaml_tasks_do_not():
    near = "RUN echo " + "x" * (MAX_BYTES * 95 // 100) + "\n"
    (message,) = warned(near)
    assert message.startswith(f"{len(near.encode()):,} of 16,384 bytes (95%)")
    tasks = "Tasks:\n" + "  - Name: a\n    Action: Reboot\n" * 125  # the number of tasks is advice: no warning
    assert warned(tasks, name=YAML) == []
    padded = "# " + "x" * (MAX_BYTES * 92 // 100) + "\n" + tasks[:40]
    assert warned(padded, name=YAML) != []


def test_both_limits_near_say_both_and_the_label_is_marked():
    text = "RUN " + "x" * 120 + "\n"
    text = text * 120  # 120 commands, 15,000 bytes: 94% and 91%
    (message,) = warned(text)
    assert "120 of 127 commands (94%)" in message and "15,000 of 16,384 bytes (91%)" in message
    found = content(text).budget()
    assert budget.label(found) == "⚠ 15,000 / 16,384 bytes · 120 / 127 commands"
    assert budget.label(found, percent=95) == "15,000 / 16,384 bytes · 120 / 127 commands"
    assert budget.label(content("RUN a\n" * 200).budget(), percent=0).startswith("⚠ ")  # past a limit: always marked


def test_the_warning_is_on_the_first_word_and_check_reports_it_under_the_projects_threshold(tmp_path):
    (diagnostic,) = budget.nearly_full(content("  RUN a\n" * 120))
    assert (diagnostic.code, diagnostic.start, diagnostic.end) == ("Lint.BudgetNearlyFull", (0, 0), (0, 5))
    path = tmp_path / "a.component"
    path.write_text("RUN a\n" * 120)

    def check() -> str:
        run = [sys.executable, "-m", "component_lsp", "check", str(path)]
        return subprocess.run(run, capture_output=True, text=True, timeout=60, check=False).stdout

    assert "Lint.BudgetNearlyFull" in check()
    (tmp_path / ".component-lsp.toml").write_text("budget-warning = 95\n")
    assert check() == ""
