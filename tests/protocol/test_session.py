"""The session: state and JSON answers shared by the pygls server and the early start."""

import gc
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from component_lsp.session import FREEZE_FROM, Session

CAPS = {"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": True}}}


@pytest.mark.slow
def test_a_large_document_is_kept_out_of_the_garbage_collectors_passes():
    session = Session()
    gc.unfreeze()
    session.open("file:///small", "x", 1, "RUN a\n" * 100)
    assert gc.get_freeze_count() == 0
    session.open("file:///large", "x", 1, "RUN a\n" * (FREEZE_FROM // 6 + 1))
    assert gc.get_freeze_count() > 0
    gc.unfreeze()


def test_a_pull_is_answered_unchanged_until_the_document_or_the_settings_change():
    session = Session()
    session.initialize(CAPS)
    session.open("file:///a", "x", 1, "FROM x\n")
    first = session.report("file:///a", None).data
    assert first["kind"] == "full" and first["items"][0]["code"] == "NotSupportedCommand.FROM"
    assert session.report("file:///a", first["resultId"]).data == {"kind": "unchanged", "resultId": first["resultId"]}
    session.change("file:///a", 2, [(None, "RUN a\n")])
    second = session.report("file:///a", first["resultId"]).data
    assert second["kind"] == "full" and second["items"] == []
    session.configure({"componentLsp": {"diagnostics": {"ignore": ["Lint.*"]}}})
    assert session.report("file:///a", second["resultId"]).data["kind"] == "full"


def test_result_ids_differ_for_a_reopened_document_and_match_between_sessions():
    one, two = Session(), Session()
    for session in (one, two):
        session.open("file:///a", "x", 1, "RUN a\n")
    assert one.result_id(one.documents["file:///a"]) == two.result_id(two.documents["file:///a"])
    before = one.result_id(one.documents["file:///a"])
    one.close("file:///a")
    one.open("file:///a", "x", 1, "RUN a\n")
    assert one.result_id(one.documents["file:///a"]) != before


def test_new_settings_need_a_refresh_only_after_a_pull():
    session = Session()
    session.initialize(CAPS)
    session.open("file:///a", "x", 1, "RUN a\n")
    assert not session.stale_reports
    session.report("file:///a", None)
    assert session.stale_reports


def test_what_the_client_does_wrong_is_applied_and_kept_as_a_warning():
    session = Session()
    session.initialize({"general": {"positionEncodings": ["utf-8"]}})
    doc = session.open("file:///a", "x", 5, "RUN é\n")
    assert session.take_warnings() == []
    session.change("file:///a", 6, [(((0, 4), (0, 6)), "e")])  # the whole é: two UTF-8 units
    assert session.take_warnings() == [] and doc.content.source.text == "RUN e\n"
    session.change("file:///a", 6, [(((0, 0), (0, 0)), "#")])
    session.change("file:///a", 7, [(((9, 0), (9, 4)), "FROM x")])
    session.change("file:///a", 8, [(((0, 1), (0, 0)), "")])
    session.change("file:///b", 2, [(None, "x")])
    session.close("file:///b")
    session.open("file:///a", "x", 1, "RUN b\n")
    warnings = session.take_warnings()
    assert [w.split(":", 1)[0] for w in warnings] == ["component-lsp"] * 6
    assert "to version 6, which is not newer than 6; applied" in warnings[0]
    assert "the range 9:0-9:4, which is not in the document (2 lines)" in warnings[1]
    assert "the range 0:1-0:0, which is not in the document" in warnings[2]  # it ends before it starts
    assert "didChange for a document that is not open: file:///b" in warnings[3]
    assert "didClose for a document that is not open: file:///b" in warnings[4]
    assert "didOpen for a document that is already open: file:///a" in warnings[5]
    assert (
        doc.content.source.text == "RUN e\nFROM x"
    )  # each applied: clamped, and the backwards range the right way round
    assert session.take_warnings() == []


def test_a_position_inside_a_character_is_not_in_the_document():
    session = Session()
    session.initialize({"general": {"positionEncodings": ["utf-8"]}})
    session.open("file:///a", "x", 1, "RUN é\n")
    session.change("file:///a", 2, [(((0, 5), (0, 5)), "x")])  # between the two bytes of é
    assert "which is not in the document" in session.take_warnings()[0]


TEXT = "".join(f"run echo {n}\nCOPY http://x/{n}?q /d\n\n" for n in range(40)) + "FROM x\n" + "RUN a\n" * 60


def items(session: Session, uri: str = "file:///a") -> list[dict]:
    return session.items(session.documents[uri]).data


def fresh(session: Session, uri: str = "file:///a") -> list[dict]:
    """The same diagnostics made from nothing kept: every one converted now, sorted by position."""
    doc = session.documents[uri]
    return [session.diagnostic(doc, d) for d in session.diagnostics(doc)]


def test_a_keystroke_serialises_only_the_diagnostics_of_what_it_changed(monkeypatch):
    session = Session()
    doc = session.open("file:///a", "ecs-component", 1, TEXT)
    assert items(session) == fresh(session) and len(items(session)) == 40 + 40 + 1 + 1
    from component_lsp.session import publishing

    converted = []
    real = publishing.wire
    monkeypatch.setattr(
        publishing, "wire", lambda content, d, *rest: converted.append(d.code) or real(content, d, *rest)
    )
    session.change("file:///a", 2, [(((30, 4), (30, 4)), "x")])  # inside one RUN: its one diagnostic is new
    items(session)
    assert converted.count("Lint.KeywordCase") == 1 and "InvalidCommandContent.COPY" not in converted
    converted.clear()
    session.change("file:///a", 3, [(((0, 0), (0, 0)), "\n")])  # every instruction moves: all converted again
    items(session)
    assert converted.count("Lint.KeywordCase") == 40
    monkeypatch.undo()
    assert items(session) == fresh(session) and doc.content.source.text.startswith("\nrun")


def test_kept_diagnostics_follow_new_settings_and_the_encoding():
    session = Session()
    session.initialize({"general": {"positionEncodings": ["utf-8"]}})
    session.open("file:///a", "ecs-component", 1, "run é ☕ \\\n  x\nCOPY ☕ /d ☕\n")
    before = items(session)
    assert before == fresh(session)
    session.configure({"componentLsp": {"diagnostics": {"ignore": ["Lint.*"]}}})
    assert items(session) == fresh(session) != before
    assert all(not d["code"].startswith("Lint.") for d in items(session))


@pytest.mark.parametrize("text", ["RUN a\rrun b\nrun c\n", "run a\nRUN b\r\rrun c\n"])
def test_a_lone_cr_is_never_served_from_what_was_kept(text):
    session = Session()
    session.open("file:///a", "ecs-component", 1, text)
    items(session)
    session.change("file:///a", 2, [(((0, 0), (0, 0)), "x\ry")])  # an LSP line more, the same model lines
    assert items(session) == fresh(session)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 30),
            st.integers(0, 12),
            st.sampled_from(["x", "\n", "", "run ", "\\\n", "FROM y\n", "# c\n"]),
        ),
        max_size=12,
    )
)
def test_the_kept_wire_form_equals_a_fresh_one_after_any_edits(edits):
    session = Session()
    session.open("file:///a", "ecs-component", 1, TEXT)
    for version, (line, col, new) in enumerate(edits, 2):
        end = (line, col + (0 if new else 1))
        session.change("file:///a", version, [(((line, col), end), new)])
        assert items(session) == fresh(session)


def test_the_wire_form_is_the_diagnostic_serialised():
    session = Session()
    session.initialize({"general": {"positionEncodings": ["utf-8"]}})
    doc = session.open("file:///a", "ecs-component", 1, 'run "é\\☕" \\\n  x\nCOPY ☕ /d ☕\nENV A=\'"\'\n' + TEXT)
    found = session.diagnostics(doc)
    assert len(found) > 80
    for d in found:
        assert json.loads(session.wire(doc, d)) == session.diagnostic(doc, d)


def test_kept_document_diagnostics_follow_an_edit_that_moves_their_lsp_column_only():
    """ "€é" and "😀a" are both 5 bytes and 2 code points, but 2 and 3 UTF-16 units: the size error stays at the same
    model position, one UTF-16 unit further right."""
    session = Session()
    session.open("file:///a", "ecs-component", 1, "RUN €é" + "x" * 16400 + "\n")
    before = [d for d in items(session) if d["code"] == "InvalidContent.LengthExceeded"]
    session.change("file:///a", 2, [(((0, 4), (0, 6)), "😀a")])
    after = [d for d in items(session) if d["code"] == "InvalidContent.LengthExceeded"]
    assert items(session) == fresh(session)
    assert after[0]["range"]["start"]["character"] == before[0]["range"]["start"]["character"] + 1


def test_kept_document_diagnostics_follow_their_related_place_when_only_it_moves():
    """The first FROM moves right on its own line: the second's message and range stay, its related place moves."""
    session = Session()
    session.initialize({"textDocument": {"publishDiagnostics": {"relatedInformation": True}}})
    uri = "file:///t.imagetemplate"
    session.open(uri, "ecs-template", 1, "FROM IMAGE:m-1\nRUN a\nFROM IMAGE:m-2\n")

    def related() -> list[dict]:
        (found,) = [d for d in items(session, uri) if d["code"] == "DuplicatedCommand.FROM"]
        return [r["location"]["range"]["start"] for r in found["relatedInformation"]]

    assert related() == [{"line": 0, "character": 0}]
    session.change(uri, 2, [(((0, 0), (0, 0)), "  ")])
    assert related() == [{"line": 0, "character": 2}] and items(session, uri) == fresh(session, uri)


YAML_TEXT = "Parameters:\n  p:\n    Type: String\nTasks:\n" + "".join(
    f"  - Name: t{n}\n    Action: RunShellCommand\n    Properties:\n      commandContent: echo {{{{ p }}}} {n}\n"
    for n in range(8)
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 36),
            st.integers(0, 40),
            st.sampled_from(
                [
                    "x",
                    "\n",
                    "",
                    "{{ q }}",
                    "{{ p }}",
                    "é",
                    "😀",
                    "  - Name: n\n",
                    ": ",
                    "'",
                    "\t",
                    "Tasks:",
                    "t1.stdout",
                    "-",
                ]
            ),
        ),
        max_size=16,
    )
)
def test_the_kept_wire_form_of_a_yaml_component_equals_a_fresh_one(edits):
    session = Session()
    session.open("file:///a.component.yaml", "ecs-component-yaml", 1, YAML_TEXT)
    for version, (line, col, new) in enumerate(edits, 2):
        end = (line, col + (0 if new else 1))
        session.change("file:///a.component.yaml", version, [(((line, col), end), new)])
        assert items(session, "file:///a.component.yaml") == fresh(session, "file:///a.component.yaml")


def test_the_configuration_of_a_documents_folder_adjusts_what_is_published_and_pulled(tmp_path):
    (tmp_path / ".component-lsp.toml").write_text('exclude = ["vendor/**"]\n[severity]\n"Lint.KeywordCase" = "error"\n')
    (tmp_path / "vendor").mkdir()
    for caps in ({}, CAPS):
        session = Session()
        session.initialize(caps)
        ours = session.open((tmp_path / "a.component").as_uri(), "ecs-component", 1, "run a\n")
        theirs = session.open((tmp_path / "vendor" / "b.component").as_uri(), "ecs-component", 1, "run a\n")
        assert [(d.code, d.severity) for d in session.diagnostics(ours)] == [("Lint.KeywordCase", 1)]
        assert session.diagnostics(theirs) == []
        assert [item["severity"] for item in session.items(ours).data] == [1]
        assert session.items(theirs).data == []
        before = session.result_id(ours)
        (tmp_path / ".component-lsp.toml").write_text('ignore = ["Lint.*"]\n')
        session.reload_configs()
        assert session.diagnostics(ours) == [] and session.result_id(ours) != before  # a pull must not answer unchanged
        (tmp_path / ".component-lsp.toml").write_text(
            'exclude = ["vendor/**"]\n[severity]\n"Lint.KeywordCase" = "error"\n'
        )


class Recorder:
    """An outbox that keeps what the server sends."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []

    def send(self, message) -> None:
        self.sent.append(b"".join(message))

    def request(self, method, params) -> bool:
        return True


def _symbols(session: Session, outbox: Recorder, uri: str) -> list:
    from component_lsp.lsp import dispatch

    dispatch(session, outbox, "textDocument/documentSymbol", {"textDocument": {"uri": uri}}, 7, True)
    return json.loads(outbox.sent.pop())["result"]


def _hierarchical() -> tuple[Session, Recorder]:
    from component_lsp.lsp import dispatch

    session, outbox = Session(), Recorder()
    caps = {
        "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": True}},
        "general": {"positionEncodings": ["utf-16"]},
    }
    dispatch(session, outbox, "initialize", {"capabilities": caps}, 1, True)
    return session, outbox


STEP = ['ENV A{n}="é{n}" B{n}=2', "RUN a{n} && \\", "    b{n}", "# c", "COPY x{n} /y/", ""]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 700),
            st.sampled_from(["x", "", "\n", "RUN z\n", "ENV Q=1 R=2\n", "\\\n", "😀"]),
            st.booleans(),
        ),
        min_size=1,
        max_size=12,
    )
)
@pytest.mark.slow
def test_the_outline_kept_in_blocks_equals_a_fresh_one_after_edits(edits):
    """The server keeps the outline's JSON in blocks of symbols the format kept: after edits anywhere (in a
    block, across two, adding or removing instructions and lines), the answer equals a fresh server's."""
    from component_lsp.lsp import dispatch

    text = "\n".join(line.format(n=n) for n in range(120) for line in STEP) + "\n"  # 480 instructions: 4 blocks
    session, outbox = _hierarchical()
    dispatch(
        session,
        outbox,
        "textDocument/didOpen",
        {"textDocument": {"uri": "file:///a", "languageId": "x", "version": 1, "text": text}},
        None,
        False,
    )
    _symbols(session, outbox, "file:///a")
    for version, (line, new, ask) in enumerate(edits, 2):
        line = min(line, text.count("\n"))
        span = {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}
        dispatch(
            session,
            outbox,
            "textDocument/didChange",
            {
                "textDocument": {"uri": "file:///a", "version": version},
                "contentChanges": [{"range": span, "text": new}],
            },
            None,
            False,
        )
        lines = text.split("\n")
        lines[line] = new + lines[line]
        text = "\n".join(lines)
        if ask:
            fresh, fresh_out = _hierarchical()
            dispatch(
                fresh,
                fresh_out,
                "textDocument/didOpen",
                {"textDocument": {"uri": "file:///a", "languageId": "x", "version": 1, "text": text}},
                None,
                False,
            )
            assert _symbols(session, outbox, "file:///a") == _symbols(fresh, fresh_out, "file:///a")


SHELLCHECK = str(__import__("pathlib").Path(__import__("sys").executable).parent / "shellcheck")


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 9), st.sampled_from(["x", " $9", "\n", "RUN ls $3\n", "", "é", "😀", "\\\n"]), st.booleans()
        ),
        max_size=10,
    )
)
def test_the_kept_wire_form_of_shellchecks_findings_equals_a_fresh_one(edits):
    """ShellCheck's findings are kept as JSON per script, and all together while none changes: after any edits
    (findings arriving now and then), what is published equals what a fresh session publishes for the text."""
    text = "ENV A=1\nRUN echo $1 \\\n  $A\nRUN ls $2\nWORKDIR /x\nRUN cat $4 && cd /y\n"
    on = {"componentLsp": {"shellcheck": {"enable": "on", "path": SHELLCHECK}}}
    session = Session()
    session.configure(on)
    session.open("file:///a", "x", 1, text)
    lines = text.split("\n")
    for version, (line, new, pause) in enumerate(edits, 2):
        line = min(line, len(lines) - 1)
        session.change("file:///a", version, [(((line, 0), (line, 0)), new)])
        lines = "\n".join(lines[:line] + [new + lines[line]] + lines[line + 1 :]).split("\n")
        doc = session.documents["file:///a"]
        _, missing = session.shellchecking.diagnostics("file:///a", doc.content)
        if pause and missing:
            session.shellchecking._run("file:///a", missing, None)
        fresh = Session()
        fresh.configure(on)
        fresh.shellchecking.found = session.shellchecking.found
        fresh.open("file:///a", "x", 1, "\n".join(lines))
        assert session.items(doc).data == fresh.items(fresh.documents["file:///a"]).data
    session.shellchecking.forget("file:///a")


def test_groups_of_findings_are_joined_in_order_and_sorted_when_they_overlap():
    from component_lsp.session.publishing import GroupJSON, in_order

    a, b = GroupJSON([], [(1,), (3,)], [b"a1", b"a3"]), GroupJSON([], [(5,), (6,)], [b"b5", b"b6"])
    assert in_order([a, GroupJSON([], [], []), b]) == ([(1,), (3,), (5,), (6,)], [b"a1", b"a3", b"b5", b"b6"])
    c = GroupJSON([], [(2,), (4,)], [b"c2", b"c4"])
    assert in_order([a, c, b]) == ([(1,), (2,), (3,), (4,), (5,), (6,)], [b"a1", b"c2", b"a3", b"c4", b"b5", b"b6"])


@pytest.mark.parametrize("text", ["RUN echo $1\nRUN ls $2\n", "RUN echo $1\nRUN ls $2\nFROM x\n"])
def test_shellchecks_findings_on_the_wire_are_the_diagnostics_with_or_without_others(text):
    """What is published (ShellCheck's findings kept as JSON, merged with the others, or alone) is each diagnostic
    of the document, in order, as a first look at it gives them."""
    session = Session()
    session.configure({"componentLsp": {"shellcheck": {"enable": "on", "path": SHELLCHECK}}})
    doc = session.open("file:///a", "x", 1, text)
    session.shellchecking._run("file:///a", session.shellchecking.diagnostics("file:///a", doc.content)[1], None)
    for _ in range(2):  # the first builds the kept JSON, the second reuses it
        published = session.items(doc).data
        assert published == [session.diagnostic(doc, d) for d in session.diagnostics(doc)]
        assert sum(d["code"] == "ShellCheck.SC2086" for d in published) == 2
    session.shellchecking.forget("file:///a")


def test_a_wake_during_the_hand_over_reaches_the_transport_that_takes_over():
    """The background may find something while no transport serves (between the early start and pygls): the
    transport that takes over is woken for it at once, and the next message takes ShellCheck's arrivals in."""
    from component_lsp.session.background import Background

    background, woken = Background(), []
    background.serve_with(lambda: woken.append("early"))
    background.woken()
    background.serve_with(None)  # the hand-over
    background.woken()
    assert woken == ["early"]
    background.serve_with(lambda: woken.append("pygls"))
    assert woken == ["early", "pygls"]
    background.serve_with(lambda: woken.append("again"))
    assert woken == ["early", "pygls"]  # nothing was missed this time
    assert not background.pending
    background.shellchecking.arrived.add("file:///a")
    assert background.pending
